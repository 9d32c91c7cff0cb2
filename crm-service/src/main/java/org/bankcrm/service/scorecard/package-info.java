/**
 * RM scorecards and the branch league table (issue 17, D49), read from the features that own each figure.
 */
package org.bankcrm.service.scorecard;
