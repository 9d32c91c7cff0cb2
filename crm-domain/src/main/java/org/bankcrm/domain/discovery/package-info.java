/** Discovery rules (商机发现) and their runs. */
package org.bankcrm.domain.discovery;
