/** Customers: search, detail and registration within the caller's scope. */
package org.bankcrm.service.customer;
