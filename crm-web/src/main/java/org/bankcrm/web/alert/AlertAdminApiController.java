package org.bankcrm.web.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.Data;
import lombok.Getter;
import lombok.RequiredArgsConstructor;
import lombok.Setter;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.alert.AlertSetting;
import org.bankcrm.service.alert.AlertSettingService;
import org.bankcrm.service.alert.AlertSettingService.SettingChange;
import org.bankcrm.service.alert.DigestSender;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.StrictBody;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The alert codes' settings and the digest sent now (ADMIN; the security chain guards /api/v1/admin too). */
@RestController
@RequestMapping("/api/v1/admin")
@RequiredArgsConstructor
class AlertAdminApiController {

    record SettingJson(String code, boolean enabled, Integer days, int escalateAfterDays, int version) {

        static SettingJson of(AlertSetting s) {
            return new SettingJson(s.code().name(), s.enabled(), s.days(), s.escalateAfterDays(), s.version());
        }
    }

    /**
     * A change; a field the API does not know, or a value of the wrong type, is a 400 naming the field. A body
     * without {@code days} keeps them; {@code "days": null} puts STALLED back on the pipeline's stalled days.
     */
    @Data
    static class Body extends StrictBody {
        // Object, so that a value of the wrong type is the API's own 400; the description says the real types.
        @io.swagger.v3.oas.annotations.media.Schema(type = "boolean")
        private Object enabled;
        @io.swagger.v3.oas.annotations.media.Schema(type = "integer", format = "int32", nullable = true)
        private Object days;
        @Getter(AccessLevel.NONE)
        @Setter(AccessLevel.NONE)
        private boolean daysSent;
        @io.swagger.v3.oas.annotations.media.Schema(type = "integer", format = "int32")
        private Object escalateAfterDays;
        private Integer version;

        public void setDays(Object days) {
            this.days = days;
            this.daysSent = true;
        }

        /** Whether the body named {@code days} at all (null included). */
        boolean daysSent() {
            return daysSent;
        }
    }

    private final AlertSettingService settings;
    private final DigestSender digests;

    @GetMapping("/alert-settings")
    List<SettingJson> list(CurrentUser user) {
        return settings.list(user).stream().map(SettingJson::of).toList();
    }

    @PutMapping("/alert-settings/{code}")
    SettingJson put(CurrentUser user, @PathVariable String code, @RequestBody Body body) {
        List<FieldError> errors = new ArrayList<>(body.unknownFields(""));
        Boolean enabled = null;
        if (body.getEnabled() instanceof Boolean b) {
            enabled = b;
        } else if (body.getEnabled() != null) {
            errors.add(new FieldError("enabled", "alert.enabled.invalid"));
        }
        Integer days = whole(body.getDays(), "days", errors);
        Integer escalate = whole(body.getEscalateAfterDays(), "escalateAfterDays", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return SettingJson.of(settings.update(user, code,
                new SettingChange(enabled, body.daysSent(), days, escalate, body.getVersion())));
    }

    /** Sends the digest now, as a task of the job mechanism: 202 at once. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.ACCEPTED)
    @PostMapping("/digests")
    ResponseEntity<Map<String, String>> digest(CurrentUser user) {
        digests.requestNow(user);
        return ResponseEntity.accepted().body(Map.of("status", "QUEUED"));
    }

    private static Integer whole(Object value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        errors.add(new FieldError(field, "alert.days.number"));
        return null;
    }
}
