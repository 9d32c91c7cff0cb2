/** What every feature shares: the exceptions users can act on, masking of personal data. */
package org.bankcrm.domain.shared;
