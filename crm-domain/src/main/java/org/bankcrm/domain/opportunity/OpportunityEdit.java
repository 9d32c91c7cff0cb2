package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Fields a user may edit on an open opportunity; {@code null} means "leave as it is". */
public record OpportunityEdit(
        String title,
        BigDecimal amount,
        LocalDate expectedCloseDate,
        RiskLevel riskLevel,
        Competition competition,
        Integer needStrength) {
}
