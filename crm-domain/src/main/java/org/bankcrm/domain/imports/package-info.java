/** Import runs of the nightly customer, holdings and AUM feeds. */
package org.bankcrm.domain.imports;
