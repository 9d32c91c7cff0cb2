/** Incentives (提成): versioned rates, monthly statements of RMs and referrers, their export's audit (D47). */
package org.bankcrm.service.incentive;
