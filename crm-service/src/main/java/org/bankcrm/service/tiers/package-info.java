/** Tier reports: the migration between two months' tiers and the customer structure over the AUM history. */
package org.bankcrm.service.tiers;
