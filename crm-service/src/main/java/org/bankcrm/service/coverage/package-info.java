/**
 * Service standards per tier and coverage (分层服务标准与覆盖率): which customers are contacted at their tier's
 * rhythm, the due list, and the customer's own standing. The last contact is read through the
 * customer's follow-ups newest first ({@code follow_up_customer_idx}) (decision D29), never from a maintained copy.
 */
package org.bankcrm.service.coverage;
