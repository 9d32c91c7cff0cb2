package org.bankcrm.service.settings;

import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.settings.LostReasonRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's list of lost reasons, for pickers. */
@Service
@RequiredArgsConstructor
public class LostReasons {

    /** A reason with its name in the asker's language. */
    public record Option(String code, String name) {
    }

    private final LostReasonRepository reasons;

    @Transactional(readOnly = true)
    public List<Option> enabled(Locale locale) {
        return reasons.findByEnabledTrueOrderBySortOrder().stream().map(r -> new Option(r.getCode(), r.name(locale)))
                .toList();
    }

    /** Every reason's name in the asker's language by code, offered or not, in the admin's order. */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> names(Locale locale) {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        reasons.findAll().stream().sorted(java.util.Comparator.comparingInt(r -> r.getSortOrder()))
                .forEach(r -> names.put(r.getCode(), r.name(locale)));
        return names;
    }

    /**
     * A reason's name in the asker's language, whether or not it is still offered: reasons an admin adds have their
     * names in the table, not in the message bundles. The code itself if no such reason exists.
     */
    @Transactional(readOnly = true)
    public String name(String code, Locale locale) {
        return reasons.findById(code).map(r -> r.name(locale)).orElse(code);
    }
}
