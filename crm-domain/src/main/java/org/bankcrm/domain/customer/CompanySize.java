package org.bankcrm.domain.customer;

/** 大/中/小/微 */
public enum CompanySize {
    LARGE, MEDIUM, SMALL, MICRO
}
