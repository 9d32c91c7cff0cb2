/** RM scorecards and the branch league table (issue 17, D49): pages and API. */
package org.bankcrm.web.scorecard;
