/** Incentives (提成): the arithmetic of a statement's lines, exact to the cent (D47). */
package org.bankcrm.domain.incentive;
