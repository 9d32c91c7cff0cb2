package org.bankcrm.service.alert;

import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Versions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert codes' settings as the admin reads and changes them: switched on or off, their days, the days after
 * which an open alert is escalated. The next evaluation reads them (nothing is cached).
 */
@Service
@RequiredArgsConstructor
public class AlertSettingService {

    /** The most days an admin may set: a year, leap day included. */
    public static final int MAX_DAYS = 366;

    /**
     * A change as the API and the admin page send it. {@code daysSent} false keeps the days as they are; sent as
     * null, STALLED goes back to the pipeline's stalled days (every other code needs a number). {@code enabled} and
     * {@code escalateAfterDays} null keep their value.
     */
    public record SettingChange(Boolean enabled, boolean daysSent, Integer days, Integer escalateAfterDays,
                                Integer version) {
    }

    private final AlertSettingStore store;
    private final AuditLog audit;

    @Transactional(readOnly = true)
    public List<AlertSetting> list(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return store.all();
    }

    /** Changes one code's settings (ADMIN): every bad field reported at once, nothing changed on any. */
    @Transactional
    public AlertSetting update(CurrentUser user, String codeName, SettingChange change) {
        AccessPolicy.requireAdmin(user);
        AlertCode code = AlertCode.parse(codeName);
        if (code == null) {
            throw new InvalidInputException("code", "alert.code.unknown", String.valueOf(codeName));
        }
        AlertSetting current = store.find(code).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        Integer days = change.daysSent() ? change.days() : current.days();
        if (days == null && code != AlertCode.STALLED) {
            errors.add(new FieldError("days", "alert.days.required"));
        } else if (days != null && (days < 0 || days > MAX_DAYS)) {
            errors.add(new FieldError("days", "alert.days.range", 0, MAX_DAYS));
        }
        int escalate = change.escalateAfterDays() == null ? current.escalateAfterDays() : change.escalateAfterDays();
        if (escalate < 1 || escalate > MAX_DAYS) {
            errors.add(new FieldError("escalateAfterDays", "alert.escalateAfterDays.range", 1, MAX_DAYS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Versions.check(change.version(), current.version());
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        if (!store.update(code, enabled, days, escalate, current.version(), user.username())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "SETTING_CHANGED", "alert_setting", code.name(),
                describe(current.enabled(), current.days(), current.escalateAfterDays()) + " -> "
                        + describe(enabled, days, escalate));
        return store.find(code).orElseThrow();
    }

    private static String describe(boolean enabled, Integer days, int escalate) {
        return (enabled ? "on" : "off") + " " + (days == null ? "pipeline" : days + "d") + " escalate "
                + escalate + "d";
    }
}
