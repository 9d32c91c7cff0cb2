package org.bankcrm.service.coverage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Versions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service standards per tier as users read them and the admin changes them. A change is read by the next
 * figure asked for (no copy is cached). Duplicate contact types are dropped silently, keeping the first.
 */
@Service
@RequiredArgsConstructor
public class ServiceStandardService {

    /** Longest rhythm an admin may set: a year, leap day included. */
    public static final int MAX_CONTACT_DAYS = 366;

    /**
     * A change as the API and the admin page send it: {@code contactDays} null for "no standard"; types by code.
     */
    public record StandardChange(Integer contactDays, List<String> contactTypes, Integer version) {
    }

    private final ServiceStandardStore store;
    private final AuditLog audit;

    /** Every tier's standard, in the order of {@link Tier}; anyone signed in reads them. */
    @Transactional(readOnly = true)
    public List<ServiceStandard> list() {
        return store.all();
    }

    /** The standard of one tier by its code; an unknown code is not found. */
    @Transactional(readOnly = true)
    public ServiceStandard get(String tierCode) {
        return store.find(tier(tierCode)).orElseThrow(() -> new NotFoundException("serviceStandard.tier.unknown",
                tierCode));
    }

    /** Changes a tier's standard (ADMIN), refusing bad input and a stale version before anything changes. */
    @Transactional
    public ServiceStandard update(CurrentUser user, String tierCode, StandardChange change) {
        AccessPolicy.requireAdmin(user);
        ServiceStandard current = get(tierCode);
        List<FieldError> errors = new ArrayList<>();
        Integer days = change.contactDays();
        if (days != null && (days < 1 || days > MAX_CONTACT_DAYS)) {
            errors.add(new FieldError("contactDays", "serviceStandard.contactDays.range", 1, MAX_CONTACT_DAYS));
        }
        Set<FollowUpType> types = new LinkedHashSet<>();
        for (String code : change.contactTypes() == null ? List.<String>of() : change.contactTypes()) {
            FollowUpType type = typeOf(code);
            if (type == null) {
                errors.add(new FieldError("contactTypes", "serviceStandard.contactTypes.unknown",
                        String.valueOf(code)));
            } else {
                types.add(type);
            }
        }
        if (days != null && types.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("contactTypes"))) {
            errors.add(new FieldError("contactTypes", "serviceStandard.contactTypes.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Versions.check(change.version(), current.version());
        List<FollowUpType> kept = List.copyOf(types);
        if (!store.update(current.tier(), days, kept, current.version(), user.username())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "SERVICE_STANDARD", "service_standard", current.tier().name(),
                describe(current.contactDays(), current.contactTypes()) + " -> " + describe(days, kept));
        return store.find(current.tier()).orElseThrow();
    }

    private static Tier tier(String code) {
        for (Tier t : Tier.values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        throw new NotFoundException("serviceStandard.tier.unknown", code);
    }

    private static FollowUpType typeOf(String code) {
        for (FollowUpType t : FollowUpType.values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Integer days, List<FollowUpType> types) {
        return (days == null ? "none" : days + "d") + " "
                + types.stream().map(Enum::name).collect(Collectors.joining(",", "[", "]"));
    }
}
