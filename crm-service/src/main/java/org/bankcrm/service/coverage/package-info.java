/**
 * Service standards per tier and coverage (分层服务标准与覆盖率): which customers are contacted at their tier's
 * rhythm, the due list, and the customer's own standing. The last contact is read through the
 * {@code follow_up_contact_idx} index (decision D29), never from a maintained copy.
 */
package org.bankcrm.service.coverage;
