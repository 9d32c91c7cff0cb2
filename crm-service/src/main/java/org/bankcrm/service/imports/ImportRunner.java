package org.bankcrm.service.imports;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.service.imports.FeedStaging.FileRefused;
import org.bankcrm.service.scoring.OpenOpportunityRescorer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import (the body of the {@link ImportRunTask}): stages the file ({@link FeedStaging}), then judges what
 * needs the database and merges in set-based SQL (the feed's {@link FeedStore}), all in <em>one</em> transaction:
 * a failure anywhere changes nothing. Progress and rejected rows are written from separate short transactions
 * ({@link ImportProgress}); the rejected lines' text is filled in afterwards ({@link RawLineStore}); the open
 * opportunities of the customers it changed are re-scored last. Imports are serialised across nodes by an advisory
 * lock; the run's lifecycle is written by {@link ImportRunStore}.
 */
@Slf4j
@Component
class ImportRunner {

    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final TransactionTemplate separateTx;
    private final ImportRunStore store;
    private final StageStore stage;
    private final ReferenceDataQuery referenceData;
    private final Map<ImportKind, FeedStore> feedStores = new EnumMap<>(ImportKind.class);
    private final RawLineStore rawLines;
    private final OpenOpportunityRescorer rescorer;
    private final ApplicationEventPublisher events;
    private final ImportProperties props;
    private final Clock clock;

    ImportRunner(DataSource dataSource, PlatformTransactionManager txManager, ImportRunStore store, StageStore stage,
                 ReferenceDataQuery referenceData, List<FeedStore> feedStores, RawLineStore rawLines,
                 OpenOpportunityRescorer rescorer, ApplicationEventPublisher events, ImportProperties props,
                 Clock clock) {
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(txManager);
        this.separateTx = new TransactionTemplate(txManager);
        this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.store = store;
        this.stage = stage;
        this.referenceData = referenceData;
        feedStores.forEach(s -> this.feedStores.put(s.kind(), s));
        this.rawLines = rawLines;
        this.rescorer = rescorer;
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    static Feed feedOf(ImportKind kind) {
        return switch (kind) {
            case CUSTOMERS -> new CustomerFeed();
            case HOLDINGS -> new HoldingFeed();
            case AUM_HISTORY -> new AumHistoryFeed();
        };
    }

    /** Imports {@code file} as run {@code runId}; never throws: the outcome is written to the run. */
    void run(long runId, ImportKind kind, Path file) {
        try {
            long lines = FeedStaging.countDataLines(file);
            Boolean started = separateTx.execute(s -> store.start(runId, lines));
            if (!Boolean.TRUE.equals(started)) {
                log.warn("Import run {} is no longer queued; not run.", runId);
                return;
            }
            Feed.Merged merged = tx.execute(s -> importInTransaction(runId, kind, file));
            rescorer.rescoreOpenOfCustomers(merged.affectedCustomers(), props.rescoreBatch());
        } catch (FileRefused e) {
            fail(runId, e.key, e.arg);
        } catch (Exception e) {
            Throwable cause = rootCause(e);
            if (cause instanceof CharacterCodingException) {
                fail(runId, "import.file.notCsv", null);
            } else {
                String incident = UUID.randomUUID().toString().substring(0, 8);
                log.error("Import run {} failed (incident {})", runId, incident, e);
                fail(runId, "import.failed", incident);
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the uploaded file of import run {}", runId);
            }
        }
    }

    private Feed.Merged importInTransaction(long runId, ImportKind kind, Path file) {
        Feed feed = feedOf(kind);
        store.lockImports();
        ReferenceData ref = referenceData.load(LocalDate.now(clock));
        stage.create(feed);
        long t0 = System.nanoTime();
        ImportProgress progress = new ImportProgress(runId, store, separateTx, props);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            FeedStaging.stage(feed, ref, file, connection, progress);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        progress.flush("APPLYING");
        long t1 = System.nanoTime();
        Feed.Merged merged = feedStores.get(kind).merge(runId);
        merged.handed().forEach(events::publishEvent);
        long t2 = System.nanoTime();
        rawLines.fill(runId, file);
        log.info("Import run {} ({}): {} rows read and staged in {} ms, checked and merged in {} ms", runId, kind,
                progress.read(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        store.done(runId, progress.read(), progress.rejected(), merged);
        return merged;
    }

    private void fail(long runId, String key, String arg) {
        separateTx.executeWithoutResult(s -> store.fail(runId, key, arg));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
