/** Referrals (转介) from tellers and lobby managers to RMs. */
package org.bankcrm.domain.referral;
