package org.bankcrm.service.discovery;

import java.util.concurrent.ExecutionException;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The nightly discovery run (after the nightly feeds), on one node only: every enabled rule as of today. */
@Slf4j
@Component
@RequiredArgsConstructor
class NightlyDiscovery {

    private final DiscoveryService discovery;
    private final DiscoveryRunner runner;

    /** 02:30 bank time by default; holds the lock until the run has ended, so no other node starts one too. */
    @Scheduled(cron = "${crm.discovery.cron:0 30 2 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "discovery-nightly", lockAtMostFor = "PT3H", lockAtLeastFor = "PT5M")
    void nightly() {
        long id = discovery.queueNightly();
        log.info("Nightly discovery run {} queued.", id);
        try {
            runner.submit(id).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Nightly discovery run {} ended abnormally", id, e.getCause());
        }
    }
}
