/**
 * Complaints (投诉, D46): registered on a customer by staff in scope or a referrer of its branch, whose they are read
 * from the customer as it is now (its owner RM, else its branch's heads), due in 15 days, resolved once with a text;
 * their open and overdue counts for My day and the dashboard. The COMPLAINT_OVERDUE alert is evaluated in
 * {@code service.alert}.
 */
package org.bankcrm.service.complaint;
