/** Referrals (转介): reading them within the caller's scope. */
package org.bankcrm.service.referral;
