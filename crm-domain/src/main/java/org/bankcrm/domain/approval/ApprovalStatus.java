package org.bankcrm.domain.approval;

/** Where an approval stands: PENDING until an approver decides it, once. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED
}
