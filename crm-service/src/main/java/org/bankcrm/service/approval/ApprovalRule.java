package org.bankcrm.service.approval;

import java.math.BigDecimal;
import org.bankcrm.domain.product.ProductCategory;

/**
 * An approval rule: an open opportunity of a product of this category, of at least this amount, needs an approved
 * approval before it is won (reference-data.md "Approval rules").
 */
public record ApprovalRule(ProductCategory productCategory, BigDecimal minAmount) {
}
