/** The append-only audit log. */
package org.bankcrm.domain.audit;
