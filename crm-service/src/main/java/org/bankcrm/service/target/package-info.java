/**
 * Targets and served counts: what heads and admins set for their RMs and branches, how much of it was attained
 * ({@link org.bankcrm.service.target.TargetAttainmentQuery}), and the customers served per channel, the
 * denominator of the dashboard's referral rate.
 */
package org.bankcrm.service.target;
