/** The organisation's use cases: branches, users, who is signed in and what they may see. */
package org.bankcrm.service.org;
