/** Complaints (投诉, D46): the API and the pages (list, register, resolve). */
package org.bankcrm.web.complaint;
