/** What the services share: paging, text helpers, the bank's clock. */
package org.bankcrm.service.shared;
