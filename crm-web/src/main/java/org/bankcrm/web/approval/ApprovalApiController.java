package org.bankcrm.web.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.approval.ApprovalRule;
import org.bankcrm.service.approval.ApprovalRules;
import org.bankcrm.service.approval.ApprovalService;
import org.bankcrm.service.approval.ApprovalView;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.bankcrm.web.shared.StrictBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1}: approval requests, the approvals in scope, decisions, and the admin's rules (D45). */
@RestController
@RequestMapping("/api/v1")
@RequiredArgsConstructor
class ApprovalApiController {

    /** The contract's approval, with the version a decision may name. */
    record ApprovalJson(long id, long opportunityId, BigDecimal amount, String status, String requestedBy,
                        Instant requestedAt, String decidedBy, Instant decidedAt, String comment,
                        String requestComment, int version) {

        static ApprovalJson of(ApprovalView a) {
            return new ApprovalJson(a.id(), a.opportunityId(), a.amount(), a.status().name(), a.requestedBy(),
                    a.requestedAt(), a.decidedBy(), a.decidedAt(), a.comment(), a.requestComment(), a.version());
        }
    }

    record RuleJson(String productCategory, BigDecimal minAmount) {

        static RuleJson of(ApprovalRule r) {
            return new RuleJson(r.productCategory().name(), r.minAmount());
        }
    }

    @Data
    static class RequestBodyJson extends StrictBody {
        private String comment;
    }

    @Data
    static class DecisionBody extends StrictBody {
        private String decision;
        private String comment;
        private Integer version;
    }

    @Data
    static class RuleBody extends StrictBody {
        private String productCategory;
        private BigDecimal minAmount;
    }

    private final ApprovalService approvals;
    private final ApprovalRules rules;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/opportunities/{id}/approvals")
    ResponseEntity<ApprovalJson> request(CurrentUser user, @PathVariable long id,
                                         @RequestBody(required = false) RequestBodyJson body) {
        String comment = null;
        if (body != null) {
            reject(body.unknownFields(""));
            comment = body.getComment();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(ApprovalJson.of(approvals.request(user, id, comment)));
    }

    @GetMapping("/approvals")
    List<ApprovalJson> list(CurrentUser user, @RequestParam(required = false) String status) {
        return approvals.list(user, status).stream().map(ApprovalJson::of).toList();
    }

    @PostMapping("/approvals/{id}/decision")
    ApprovalJson decide(CurrentUser user, @PathVariable long id, @RequestBody DecisionBody body) {
        reject(body.unknownFields(""));
        return ApprovalJson.of(approvals.decide(user, id,
                new ApprovalService.Decision(body.getDecision(), body.getComment(), body.getVersion())));
    }

    /** The rules, with their set's version as the {@code ETag} (a PUT sends it back as {@code If-Match}). */
    @GetMapping("/admin/approval-rules")
    ResponseEntity<List<RuleJson>> rules(CurrentUser user) {
        return withVersion(rules.list(user));
    }

    /**
     * Replaces the rules. With {@code If-Match} (the {@code ETag} of the rules read), a set another admin changed
     * since is a 409 ({@code approval.rules.stale}) and nothing changes; without it, the rules sent replace any.
     */
    @PutMapping("/admin/approval-rules")
    ResponseEntity<List<RuleJson>> replaceRules(CurrentUser user, @RequestBody List<RuleBody> body,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; body != null && i < body.size(); i++) {
            if (body.get(i) != null) {
                unknown.addAll(body.get(i).unknownFields("rules[" + i + "]."));
            }
        }
        reject(unknown);
        List<ApprovalRules.RuleInput> input = body == null ? null : body.stream()
                .map(r -> r == null ? null : new ApprovalRules.RuleInput(r.getProductCategory(), r.getMinAmount()))
                .toList();
        return withVersion(rules.replace(user, input, BasedOn.ifMatch(ifMatch)));
    }

    private static ResponseEntity<List<RuleJson>> withVersion(List<ApprovalRule> all) {
        return ResponseEntity.ok().eTag(ApprovalRules.version(all)).body(all.stream().map(RuleJson::of).toList());
    }

    private static void reject(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
