package org.bankcrm.domain.customer;

/** 个人 (retail) or 对公 (corporate). */
public enum CustomerType {
    RETAIL, CORPORATE
}
