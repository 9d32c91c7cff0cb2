/** The product catalogue: codes, categories and expected revenue rates. */
package org.bankcrm.domain.product;
