package org.bankcrm.domain.org;

/** What a staff user does in the product; the record scope follows from it. */
public enum Role {
    /** 客户经理: owns customers and opportunities; sees their own. */
    RM,
    /** 网点负责人: sees everything of their branch and its sub-branches. */
    BRANCH_HEAD,
    /** 柜员 / 大堂经理: refers customers; sees their own referrals only. */
    REFERRER,
    /** 系统管理员: configures the system; sees everything. */
    ADMIN,
    /** 风险审批人: decides approvals of their branch subtree's opportunities and reads those; nothing else (D45). */
    APPROVER;

    /** May reopen a closed opportunity and reassign owners. */
    public boolean supervises() {
        return this == BRANCH_HEAD || this == ADMIN;
    }
}
