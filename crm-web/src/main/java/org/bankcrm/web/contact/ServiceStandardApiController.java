package org.bankcrm.web.contact;

import java.util.List;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.coverage.ServiceStandard;
import org.bankcrm.service.coverage.ServiceStandardService;
import org.bankcrm.service.coverage.ServiceStandardService.StandardChange;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.StrictBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service standards per tier: everyone signed in reads them, the admin changes one tier at a time. */
@RestController
@RequestMapping("/api/v1/service-standards")
@RequiredArgsConstructor
class ServiceStandardApiController {

    /** One tier's standard as the API shows it. */
    record Entry(Tier tier, Integer contactDays, List<FollowUpType> contactTypes, int version) {

        static Entry of(ServiceStandard s) {
            return new Entry(s.tier(), s.contactDays(), s.contactTypes(), s.version());
        }
    }

    /** A change; a field the API does not know is refused (400 naming it) rather than ignored. */
    @Data
    static class Body extends StrictBody {
        private Integer contactDays;
        private List<String> contactTypes;
        private Integer version;
    }

    private final ServiceStandardService standards;

    @GetMapping
    List<Entry> list() {
        return standards.list().stream().map(Entry::of).toList();
    }

    @GetMapping("/{tier}")
    Entry get(@PathVariable String tier) {
        return Entry.of(standards.get(tier));
    }

    @PutMapping("/{tier}")
    Entry put(CurrentUser user, @PathVariable String tier, @RequestBody Body body) {
        if (!body.unknownFields("").isEmpty()) {
            throw new InvalidInputException(body.unknownFields(""));
        }
        return Entry.of(standards.update(user, tier,
                new StandardChange(body.getContactDays(), body.getContactTypes(), body.getVersion())));
    }
}
