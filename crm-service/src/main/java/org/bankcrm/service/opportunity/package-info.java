/** Opportunities: the list, the detail and opening new ones, within the caller's scope. */
package org.bankcrm.service.opportunity;
