/**
 * Opportunities (商机) and the work on them: the stage rules, the history of every change and
 * follow-ups.
 */
package org.bankcrm.domain.opportunity;
