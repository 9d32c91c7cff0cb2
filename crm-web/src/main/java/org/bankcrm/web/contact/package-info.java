/**
 * Keeping in touch (issue 13, "contact"): the admin's service standards per tier, follow-ups logged on a customer
 * itself, in the API and from the customer page.
 */
package org.bankcrm.web.contact;
