/** Risk approval (风险审批) of opportunities before they are won (D45). */
package org.bankcrm.domain.approval;
