package org.bankcrm.domain.opportunity;

/** How the RM followed up (跟进方式). */
public enum FollowUpType {
    VISIT, CALL, MEETING, WECHAT, EMAIL, SALON
}
