/** Incentives (提成) on pages, in the API and in Excel: statements and the admin's rates (D47). */
package org.bankcrm.web.incentive;
