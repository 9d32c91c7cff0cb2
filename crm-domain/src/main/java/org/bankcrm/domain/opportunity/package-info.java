/**
 * Opportunities (商机) and the work on them: the stage rules, the history of every change, follow-ups
 * and the visit plan.
 */
package org.bankcrm.domain.opportunity;
