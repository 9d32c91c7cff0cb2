package org.bankcrm.domain.referral;

/** Where a referral came from: the lobby, the counter, another department, the corporate side. */
public enum ReferralChannel {
    LOBBY, COUNTER, OTHER_DEPT, CORPORATE_LINK
}
