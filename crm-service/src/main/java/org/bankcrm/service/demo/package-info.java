/** The demo profile's data set. */
package org.bankcrm.service.demo;
