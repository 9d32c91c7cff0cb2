package org.bankcrm.domain.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.RunRecord;

/**
 * One import of a data feed: who, when, which file, how far it got and what it did. A run is created
 * {@code QUEUED}; the importer moves it on with set-based updates (progress is written from outside the
 * import's own transaction, so that it can be watched), which is why there are no mutators here.
 */
@Entity
@Table(name = "import_run")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class ImportRun extends RunRecord {

    /** Where a run is. */
    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ImportKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    /** READING while the file is parsed and checked row by row, APPLYING while the good rows are merged. */
    private String phase;

    @Column(name = "file_name", nullable = false, updatable = false)
    private String fileName;

    @Column(name = "rows_total")
    private Long rowsTotal;

    @Column(name = "rows_read", nullable = false)
    private long rowsRead;

    private long inserted;
    private long updated;
    private long unchanged;
    private long rejected;
    /** Holdings the snapshot removed (customers in the file lose the holdings the file no longer lists). */
    private long removed;

    /** The argument of a failed file's message key ({@code failure}). */
    @Column(name = "failure_arg")
    private String failureArg;

    @Column(name = "header_line")
    private String headerLine;

    public ImportRun(ImportKind kind, String fileName, String startedBy, Instant now) {
        super(startedBy, now);
        this.kind = kind;
        this.fileName = fileName;
        this.status = Status.QUEUED;
    }
}
