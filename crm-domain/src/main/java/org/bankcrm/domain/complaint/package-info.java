/** Complaints (投诉, D46): their categories and the time limit's rules, without the database. */
package org.bankcrm.domain.complaint;
