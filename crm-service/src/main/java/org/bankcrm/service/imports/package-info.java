/** The nightly data feeds (customers, holdings, monthly AUM): streaming, row-checked, idempotent imports. */
package org.bankcrm.service.imports;
