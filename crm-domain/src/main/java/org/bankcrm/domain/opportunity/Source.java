package org.bankcrm.domain.opportunity;

/** Where an opportunity came from (商机来源). */
public enum Source {
    RM_DISCOVERED, REFERRAL, DISCOVERY_RULE, CAMPAIGN, PARTNER, EVENT
}
