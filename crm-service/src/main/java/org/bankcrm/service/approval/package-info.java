/** Risk approval (风险审批): the admin's rules, the gate before WON, requests, decisions and the inbox (D45). */
package org.bankcrm.service.approval;
