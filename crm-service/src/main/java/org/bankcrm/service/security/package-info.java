/** Sign-in throttling, session limits and the audit log's retention: what a bank's security team checks. */
package org.bankcrm.service.security;
