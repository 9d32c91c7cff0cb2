/** Customers, their holdings and monthly AUM, and the tier rules (分层分群). */
package org.bankcrm.domain.customer;
