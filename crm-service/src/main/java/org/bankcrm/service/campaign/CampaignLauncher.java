package org.bankcrm.service.campaign;

import java.util.List;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.segment.SegmentService;
import org.springframework.stereotype.Component;

/**
 * The body of a campaign's launch (task {@code campaign-launch}, {@link CampaignJobs}): fixes the target list of a
 * campaign its service marked ACTIVE with a RUNNING launch. The list is the saved group's customers (or the listed
 * ones) in the creator's scope now; they are written in batches, each one set-based statement committed on its own
 * ({@link CampaignStore#insertTargets}: INSERT … SELECT … ON CONFLICT DO NOTHING), so the progress shows and a
 * launch run again after its node died, or after a failure, writes only the customers still missing.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class CampaignLauncher {

    /** Customers per statement. */
    static final int BATCH = 5_000;

    private final CampaignStore store;
    private final SegmentService segments;

    void launch(long campaignId) {
        CampaignStore.Row c = store.find(campaignId).orElse(null);
        if (c == null || !"RUNNING".equals(c.launchState())) {
            return;
        }
        List<Long> ids = candidates(c);
        if (ids == null) {
            log.warn("Campaign {}: its group was deleted before the launch; the launch failed", campaignId);
            store.launchState(campaignId, "FAILED");
            return;
        }
        store.launchTotal(campaignId, ids.size());
        int written = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            written += store.insertTargets(campaignId, c.productCode(), c.creator().scope(),
                    ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        store.launchState(campaignId, "DONE");
        log.info("Campaign {} launched: {} customers, {} written by this run", campaignId, ids.size(), written);
    }

    void failed(long campaignId) {
        store.launchState(campaignId, "FAILED");
    }

    /** The customers of the campaign's group or list in its creator's scope now; null when its group is gone. */
    List<Long> candidates(CampaignStore.Row c) {
        if (c.customerNos() != null) {
            return store.listedIds(c.customerNos(), c.creator().scope());
        }
        return c.segmentId() == null ? null : segments.customerIds(c.segmentId());
    }
}
