package org.bankcrm.service.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.domain.imports.ImportRun;
import org.bankcrm.domain.imports.ImportRunRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Jobs;
import org.bankcrm.service.shared.JobsProperties;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.RunStore;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data feeds (customers, holdings, monthly AUM): one code path for the admin page and the API. An upload
 * is copied to a temporary file and queued as an execution of the {@link ImportRunTask} in the transaction that
 * writes its run (the job mechanism, {@link Jobs}); imports run one at a time across nodes (see
 * {@link ImportRunner}). Runs are persisted with their counts and rejected rows; a run whose node stopped is
 * marked failed, never left running.
 */
@Slf4j
@Service
public class ImportService {

    /** How many rejected rows the run's view carries (all of them are in the CSV download). */
    public static final int ERRORS_SHOWN = 1000;

    /** A run as the pages and the API show it. */
    public record RunView(long id, String kind, String status, String phase, String fileName, String startedBy,
                          Instant startedAt, Instant finishedAt, Long rowsTotal, long rowsRead, long inserted,
                          long updated, long unchanged, long rejected, long removed, String failure,
                          String failureArg, long rowsPerSecond) {

        public boolean finished() {
            return "DONE".equals(status) || "FAILED".equals(status);
        }

        /** How far reading has got, 0–100, for the progress bar. */
        public int percent() {
            if (finished()) {
                return 100;
            }
            if (rowsTotal == null || rowsTotal == 0) {
                return 0;
            }
            return (int) Math.min(99, rowsRead * 100 / rowsTotal);
        }

        static RunView of(ImportRun r, Instant now) {
            Instant end = r.getFinishedAt() == null ? now : r.getFinishedAt();
            long millis = Math.max(1, Duration.between(r.getStartedAt(), end).toMillis());
            return new RunView(r.getId(), r.getKind().path(), r.getStatus().name(), r.getPhase(), r.getFileName(),
                    r.getStartedBy(), r.getStartedAt(), r.getFinishedAt(), r.getRowsTotal(), r.getRowsRead(),
                    r.getInserted(), r.getUpdated(), r.getUnchanged(), r.getRejected(), r.getRemoved(),
                    r.getFailure(), r.getFailureArg(), r.getRowsRead() * 1000 / millis);
        }
    }

    /** One problem of a rejected row: a messages key and its argument, translated where it is shown. */
    public record RowError(long line, String column, String messageKey, String messageArg) {
    }

    private final ImportRunRepository runs;
    private final RejectedRowsQuery rejectedRows;
    private final AuditLog audit;
    private final Jobs jobs;
    private final RunStore runStore;
    private final JobsProperties jobsProps;
    private final Clock clock;
    private final Path uploads;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    ImportService(ImportRunRepository runs, RejectedRowsQuery rejectedRows, AuditLog audit,
                  Jobs jobs, RunStore runStore, JobsProperties jobsProps, Clock clock,
                  org.springframework.transaction.PlatformTransactionManager txManager) throws IOException {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(txManager);
        this.runs = runs;
        this.rejectedRows = rejectedRows;
        this.audit = audit;
        this.jobs = jobs;
        this.runStore = runStore;
        this.jobsProps = jobsProps;
        this.clock = clock;
        this.uploads = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "crm-imports"));
    }

    /**
     * Queues an import of {@code content} (a CSV file called {@code fileName}) as feed {@code kind}
     * ({@code customers}, {@code holdings} or {@code aum-history}); ADMIN only.
     */
    public RunView start(CurrentUser user, String kind, String fileName, InputStream content) {
        AccessPolicy.requireAdmin(user);
        ImportKind k = ImportKind.ofPath(kind).orElseThrow(() -> new NotFoundException("import.kind.unknown", kind));
        if (content == null) {
            throw new InvalidInputException("file", "import.file.required");
        }
        // The copy happens before any transaction: a large upload holds no database connection.
        Path file;
        try {
            file = Files.createTempFile(uploads, "upload-", ".csv");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return tx.execute(s -> queue(user, k, fileName, file));
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                log.warn("Could not delete an upload that was not queued");
            }
            throw e;
        }
    }

    private RunView queue(CurrentUser user, ImportKind k, String fileName, Path file) {
        ImportRun run = runs.saveAndFlush(new ImportRun(k, cleanName(fileName), user.username(), clock.instant()));
        audit.record(user.username(), "IMPORT_STARTED", "import_run", String.valueOf(run.getId()),
                k.path() + " " + run.getFileName());
        long id = run.getId();
        jobs.start(ImportRunTask.TASK, String.valueOf(id),
                new ImportRunTask.ImportJob(k, file.toString(), clock.instant()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        log.warn("Could not delete an upload that was not queued");
                    }
                }
            }
        });
        return RunView.of(run, clock.instant());
    }

    @Transactional(readOnly = true)
    public RunView get(CurrentUser user, long id) {
        AccessPolicy.requireAdmin(user);
        return RunView.of(find(id), clock.instant());
    }

    @Transactional(readOnly = true)
    public Paged<RunView> list(CurrentUser user, Integer page, Integer size) {
        AccessPolicy.requireAdmin(user);
        var request = PageRequestParams.of(page, size, 20, Sort.unsorted());
        Instant now = clock.instant();
        return Paged.of(runs.findAllByOrderByStartedAtDescIdDesc(request), r -> RunView.of(r, now));
    }

    /** The first {@code limit} problems of the run's rejected rows, by line. */
    @Transactional(readOnly = true)
    public List<RowError> errors(CurrentUser user, long id, int limit) {
        AccessPolicy.requireAdmin(user);
        find(id);
        return rejectedRows.errors(id, limit);
    }

    /** Says a messages key with its argument in the reader's language (the web layer knows the language). */
    @FunctionalInterface
    public interface Translator {
        String text(String key, String arg);
    }

    /**
     * Writes the rejected rows as a CSV report ({@link RejectedRowsQuery#write}: personal data masked, no formula),
     * audited as every download is ({@code EXPORT} of the import run, with the number of lines).
     */
    @Transactional
    public void writeRejectedRows(CurrentUser user, long id, OutputStream out, Translator translator) {
        AccessPolicy.requireAdmin(user);
        long lines = rejectedRows.write(find(id), out, translator);
        audit.record(user.username(), "EXPORT", "import_run", String.valueOf(id),
                "format=csv rows=" + lines + " rejected rows");
    }

    /**
     * Marks queued or running imports that no execution carries and whose heartbeat is older than the job
     * mechanism's dead limit failed ({@code import.interrupted}); answers how many. Also done at start-up and
     * periodically (see {@code JobsConfig}); a run whose execution died is failed by the {@link ImportRunTask}.
     */
    public int failStale() {
        return runStore.failStale(RunStore.Runs.IMPORT, jobsProps.deadAfter());
    }

    private ImportRun find(long id) {
        return runs.findById(id).orElseThrow(() -> new NotFoundException("import.notFound", String.valueOf(id)));
    }

    private static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (n.isEmpty()) {
            n = "upload.csv";
        }
        return n.length() > 255 ? n.substring(n.length() - 255) : n;
    }
}
