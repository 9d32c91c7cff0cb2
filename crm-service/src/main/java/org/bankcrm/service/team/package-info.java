/**
 * Opportunity teams and comments (协同, D44): the members of an opportunity's team with their credit shares, the
 * discussion thread on it, and the {@code @mentions} that notify those who may see it. Whom a team lets see an
 * opportunity is decided in the scope query ({@code ScopeSql.ofOpportunity}); what a member may do, in
 * {@code AccessPolicy}.
 */
package org.bankcrm.service.team;
