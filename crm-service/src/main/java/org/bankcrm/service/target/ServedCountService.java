package org.bankcrm.service.target;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.target.ServedCountQueries.ServedView;
import org.bankcrm.service.target.TargetQueries.BranchRef;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Served counts: heads enter the customers served per channel per day at a branch of their subtree (or upload
 * them as {@code day,channel,served}, read by {@link ServedCountUpload}), the denominator of the referral rate.
 * Every entry is validated with field messages, kept within the caller's subtree and audited.
 */
@Service
@RequiredArgsConstructor
public class ServedCountService {

    /** The most customers one channel may serve in one day. */
    static final int MAX_SERVED = 1_000_000;

    private final TargetQueries targets;
    private final ServedCountQueries queries;
    private final ServedCountStore store;
    private final AuditLog audit;

    /** Enters (or corrects) the customers served on one channel on one day at a branch of the caller's subtree. */
    @Transactional
    public void setServed(CurrentUser user, String branchCode, String channel, LocalDate day, Integer served) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        BranchRef b = branch(user, branchCode, errors);
        ReferralChannel ch = channel(channel, "channel", errors);
        if (day == null) {
            errors.add(new FieldError("day", "validation.required"));
        } else if (day.getYear() < 2000 || day.getYear() > 2100) {
            errors.add(new FieldError("day", "served.day.invalid", day));
        }
        if (served == null || served < 0 || served > MAX_SERVED) {
            errors.add(new FieldError("served", "served.count.invalid"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.upsert(b.id(), ch, day, served, user.id());
        audit.record(user.username(), "SERVED_SET", "channel_served", branchCode.strip() + "/" + ch + "/" + day,
                "served=" + served);
    }

    /**
     * Reads {@code day,channel,served} lines (a header first, UTF-8) for one branch: every line is checked,
     * and only a file without problems is saved, all of it. Returns how many lines were saved.
     */
    @Transactional
    public int uploadServed(CurrentUser user, String branchCode, InputStream csv) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        BranchRef b = branch(user, branchCode, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<ServedCountUpload.Line> lines = ServedCountUpload.read(csv);
        lines.forEach(l -> store.upsert(b.id(), l.channel(), l.day(), l.served(), user.id()));
        audit.record(user.username(), "SERVED_UPLOADED", "channel_served", branchCode.strip(),
                "lines=" + lines.size());
        return lines.size();
    }

    /** Served counts in the caller's scope over [from, to], newest first. */
    @Transactional(readOnly = true)
    public List<ServedView> served(CurrentUser user, LocalDate from, LocalDate to) {
        AccessPolicy.requireSupervisor(user);
        return queries.between(user, from, to);
    }

    private BranchRef branch(CurrentUser user, String branchCode, List<FieldError> errors) {
        String code = Texts.clean(branchCode);
        if (code == null) {
            errors.add(new FieldError("branch", "validation.required"));
            return null;
        }
        BranchRef b = targets.branch(code);
        if (b == null || !user.scope().coversBranch(b.path())) {
            errors.add(new FieldError("branch", "dashboard.branchOutOfScope", code));
            return null;
        }
        return b;
    }

    /** The channel named {@code value} in any case; null (and an error on {@code field}) when there is none. */
    static ReferralChannel channel(String value, String field, List<FieldError> errors) {
        String v = Texts.clean(value);
        try {
            return v == null ? null : ReferralChannel.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "served.channel.invalid", v));
            return null;
        } finally {
            if (v == null) {
                errors.add(new FieldError(field, "served.channel.invalid", ""));
            }
        }
    }
}
