package org.bankcrm.domain.scoring;

/** The eight factors of the evaluation model (商机评估模型), each mapped to 0–100, higher better for the bank. */
public enum Factor {
    REVENUE, RISK, DEMAND, COMPETITION, CUSTOMER_VALUE, RELATIONSHIP, URGENCY, ENGAGEMENT
}
