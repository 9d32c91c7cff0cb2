package org.bankcrm.web.coverage;

import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.springframework.web.util.UriComponentsBuilder;

/** Links that select the same day and branch again, narrowed to an RM, a tier or the unowned customers. */
public record CoverageLinks(Selection sel) {
    public String uncovered(String owner, Tier tier, boolean unowned) {
        return link("/coverage/uncovered", owner, tier, unowned);
    }

    public String page() {
        return link("/coverage", sel.ownerRm(), null, false);
    }

    public String export(String format) {
        return link("/coverage/export." + format, sel.ownerRm(), null, false);
    }

    public String link(String path, String owner, Tier tier, boolean unowned) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        if (sel.branchCode() != null && AccessPolicy.supervises(sel.user())) {
            b.queryParam("branch", sel.branchCode());
        }
        if (owner != null && !owner.equals(sel.user().username())) {
            b.queryParam("owner", owner);
        }
        if (tier != null) {
            b.queryParam("tier", tier.name());
        }
        if (unowned) {
            b.queryParam("unowned", "true");
        }
        b.queryParam("asOf", sel.to().toString());
        return b.encode().build().toUriString();
    }
}
