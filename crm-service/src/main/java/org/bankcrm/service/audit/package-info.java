/** Writing the audit log. */
package org.bankcrm.service.audit;
