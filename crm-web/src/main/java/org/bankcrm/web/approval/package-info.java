/** Risk approval pages and API: the inbox, decisions, requests, the admin's rules (D45). */
package org.bankcrm.web.approval;
