/** The product catalogue. */
package org.bankcrm.service.product;
