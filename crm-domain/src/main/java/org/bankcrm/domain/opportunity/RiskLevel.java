package org.bankcrm.domain.opportunity;

/** The risk the bank takes (风险程度); LOW scores highest. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
