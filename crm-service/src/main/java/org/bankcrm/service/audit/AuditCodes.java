package org.bankcrm.service.audit;

import java.util.List;

/**
 * The actions and record types the audit log names, so that each has its words on the audit page
 * ({@code audit.action.*}, {@code audit.entity.*}; I18nTest holds both bundles to these lists). An action not
 * listed is still recorded and shown by its code.
 */
public final class AuditCodes {

    public static final List<String> ACTIONS = List.of("LOGIN", "LOGIN_FAILED", "ACCOUNT_LOCKED", "ADDRESS_BLOCKED",
            "ACCOUNT_UNLOCKED", "USER_CREATED", "USER_DISABLED", "USER_ENABLED", "USER_PASSWORD_RESET",
            "USER_REASSIGNED", "BRANCH_CREATED", "CUSTOMER_OWNER", "CUSTOMER_ASSIGNED", "PII_REVEALED",
            "OPPORTUNITY_STAGE", "OPPORTUNITY_REOPENED", "OPPORTUNITY_OWNER", "BOOK_HANDOVER", "TARGET_SET",
            "TARGET_DELETED",
            "SERVED_SET", "SERVED_UPLOADED", "DISCOVERY_RUN_STARTED", "SETTING_CHANGED", "SERVICE_STANDARD",
            "IMPORT_STARTED", "SCORING_MODEL_ACTIVATED", "CREATE", "UPDATE", "DELETE", "EXPORT", "LAUNCH", "END",
            "OUTCOME", "ASSIGN", "CUSTOMER_NO_REFUSED", "ALERT_RUN", "DIGEST_SENT",
            "APPROVAL_REQUESTED", "APPROVAL_DECIDED", "APPROVAL_RULES",
            "COMPLAINT_REGISTERED", "COMPLAINT_RESOLVED",
            "TEAM_MEMBER_ADDED", "TEAM_MEMBER_REMOVED",
            "TARGET_PLAN_SET");

    public static final List<String> ENTITY_TYPES = List.of("user", "branch", "customer", "opportunity", "target",
            "channel_served", "discovery_run", "discovery_rule", "discovery_rule_param", "app_setting",
            "stage_probability", "tier_threshold", "lost_reason", "product_rate", "product_enabled",
            "service_standard", "import_run", "scoring_model", "segment", "campaign", "dashboard",
            "alert_setting", "alert_run", "notification", "incentive_rate", "incentive_statement",
            "approval", "approval_rule", "complaint",
            "target_plan");

    private AuditCodes() {
    }
}
