/** Opportunity teams and comments with mentions (协同, D44): the API and the opportunity page's team and thread. */
package org.bankcrm.web.team;
