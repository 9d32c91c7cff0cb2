/** The tier migration and the customer structure: pages and API (heads and admins). */
package org.bankcrm.web.tiers;
