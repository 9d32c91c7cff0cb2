package org.bankcrm.service.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.service.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets and served counts. Heads set monthly or quarterly targets for the RMs of their subtree (amount
 * and/or count, optionally per product category); admins also set branch targets. Heads enter the customers
 * served per channel per day (or upload them as {@code day,channel,served}), the denominator of the referral
 * rate. Every change is validated with field messages, kept within the caller's subtree and audited.
 */
@Service
@RequiredArgsConstructor
public class TargetService {

    /** A target to set; {@code rm} for an RM target, else {@code branch} for a branch target. */
    public record NewTarget(String periodType, LocalDate periodStart, String rm, String branch, String category,
                            BigDecimal amount, Integer count) {
    }

    /** A target as lists show it. */
    public record TargetView(long id, String periodType, LocalDate periodStart, String rm, String rmName,
                             String branch, ProductCategory category, BigDecimal amount, Integer count) {
    }

    /** A served count as lists show it. */
    public record ServedView(String branch, ReferralChannel channel, LocalDate day, int served, String enteredBy) {
    }

    /** The most lines a served-count upload may have. */
    public static final int MAX_UPLOAD_LINES = 2_000;

    private static final String BANK_ZONE = "'" + ClockConfig.BANK_ZONE.getId() + "'";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private record Ref(long id, String path, Role role, boolean enabled) {
    }

    private Ref user(String username) {
        return jdbc.sql("""
                        select u.id, b.path, u.role, u.enabled from staff_user u join branch b on b.id = u.branch_id
                        where u.username = :u""").param("u", username)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getBoolean(4)))
                .optional().orElse(null);
    }

    private Ref branch(String code) {
        return jdbc.sql("select id, path from branch where code = :c").param("c", code)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2), null, true)).optional().orElse(null);
    }

    /** Sets (or replaces) the target of one RM or branch, period and category. */
    @Transactional
    public TargetView set(CurrentUser user, NewTarget cmd) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        String type = Texts.clean(cmd.periodType());
        if (type == null || !(type.equals("MONTH") || type.equals("QUARTER"))) {
            errors.add(new FieldError("periodType", "target.periodType.invalid"));
        }
        LocalDate start = cmd.periodStart();
        if (start == null) {
            errors.add(new FieldError("periodStart", "validation.required"));
        } else if (start.getDayOfMonth() != 1 || ("QUARTER".equals(type) && (start.getMonthValue() - 1) % 3 != 0)) {
            errors.add(new FieldError("periodStart", "target.periodStart.invalid"));
        } else if (start.getYear() < 2000 || start.getYear() > 2100) {
            errors.add(new FieldError("periodStart", "target.periodStart.invalid"));
        }
        ProductCategory category = null;
        if (Texts.clean(cmd.category()) != null) {
            try {
                category = ProductCategory.valueOf(cmd.category().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("category", "target.category.invalid", cmd.category()));
            }
        }
        if (cmd.amount() == null && cmd.count() == null) {
            errors.add(new FieldError("amount", "target.amountOrCount"));
        }
        if (cmd.amount() != null && (cmd.amount().signum() < 0 || cmd.amount().scale() > 2
                || cmd.amount().precision() - cmd.amount().scale() > 16)) {
            errors.add(new FieldError("amount", "target.amount.invalid"));
        }
        if (cmd.count() != null && cmd.count() < 0) {
            errors.add(new FieldError("count", "target.count.invalid"));
        }
        String rm = Texts.clean(cmd.rm());
        String branchCode = Texts.clean(cmd.branch());
        Long rmId = null;
        Long branchId = null;
        if (rm != null) {
            Ref u = user(rm);
            if (u == null || u.role() != Role.RM || !u.enabled() || !user.scope().coversBranch(u.path())) {
                errors.add(new FieldError("rm", "target.rm.outOfScope", rm));
            } else {
                rmId = u.id();
            }
        } else if (branchCode != null) {
            if (!AccessPolicy.isAdmin(user)) {
                errors.add(new FieldError("branch", "target.branch.adminOnly"));
            } else {
                Ref b = branch(branchCode);
                if (b == null) {
                    errors.add(new FieldError("branch", "dashboard.branchNotFound", branchCode));
                } else {
                    branchId = b.id();
                }
            }
        } else {
            errors.add(new FieldError("rm", "target.who.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BigDecimal amount = cmd.amount() == null ? null : cmd.amount().setScale(2, RoundingMode.UNNECESSARY);
        long id = jdbc.sql("""
                        insert into target (period_type, period_start, branch_id, rm_id, product_category, target_amount,
                                            target_count, created_by)
                        values (:type, :start, :branch, :rm, :category, :amount, :count, :by)
                        on conflict (period_type, period_start, coalesce(branch_id, 0), coalesce(rm_id, 0),
                                     coalesce(product_category, ''))
                        do update set target_amount = excluded.target_amount, target_count = excluded.target_count,
                                      created_by = excluded.created_by, created_at = now(), version = target.version + 1
                        returning id""")
                .param("type", type).param("start", start).param("branch", branchId).param("rm", rmId)
                .param("category", category == null ? null : category.name()).param("amount", amount)
                .param("count", cmd.count()).param("by", user.id())
                .query(Long.class).single();
        audit.record(user.username(), "TARGET_SET", "target", String.valueOf(id),
                type + " " + start + " " + (rm != null ? "rm=" + rm : "branch=" + branchCode)
                        + (category == null ? "" : " " + category) + " amount=" + amount + " count=" + cmd.count());
        return targets(user, start, start).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    /** Removes a target in the caller's scope. */
    @Transactional
    public void delete(CurrentUser user, long id) {
        AccessPolicy.requireSupervisor(user);
        TargetView t = jdbc.sql(TARGETS + " where t.id = :id and " + targetScope(user).condition())
                .params(targetScope(user).params()).param("id", id)
                .query(TargetService::targetView).optional()
                .orElseThrow(() -> new NotFoundException("target.notFound", id));
        if (t.rm() == null) {
            AccessPolicy.requireMayChangeBranchTargets(user);
        }
        jdbc.sql("delete from target where id = :id").param("id", id).update();
        audit.record(user.username(), "TARGET_DELETED", "target", String.valueOf(id),
                t.periodType() + " " + t.periodStart() + " " + (t.rm() != null ? "rm=" + t.rm() : "branch=" + t.branch()));
    }

    private static final String TARGETS = """
            select t.id, t.period_type, t.period_start, u.username, u.display_name, tb.code, t.product_category,
                   t.target_amount, t.target_count
            from target t left join staff_user u on u.id = t.rm_id left join branch ub on ub.id = u.branch_id
            left join branch tb on tb.id = t.branch_id""";

    private static TargetView targetView(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String cat = rs.getString(7);
        return new TargetView(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                rs.getString(5), rs.getString(6), cat == null ? null : ProductCategory.valueOf(cat),
                rs.getBigDecimal(8), (Integer) rs.getObject(9));
    }

    /** Targets the user may see and change: RMs of their subtree; branch targets of their subtree. */
    private static ScopeSql targetScope(CurrentUser user) {
        ScopeSql s = ScopeSql.of(user.scope(), "t.rm_id", "coalesce(ub.path, tb.path)");
        return s;
    }

    /** The targets in the caller's scope whose period overlaps [from, to]. */
    @Transactional(readOnly = true)
    public List<TargetView> targets(CurrentUser user, LocalDate from, LocalDate to) {
        AccessPolicy.requireSupervisor(user);
        ScopeSql s = targetScope(user);
        return jdbc.sql(TARGETS + " where " + s.condition() + " and " + OVERLAPS
                        + " order by t.period_start desc, tb.code nulls last, u.username, t.product_category nulls first")
                .params(s.params()).param("from", from).param("to", to)
                .query(TargetService::targetView).list();
    }

    private static final String OVERLAPS = """
            t.period_start <= :to and (t.period_start + case t.period_type when 'MONTH' then interval '1 month'
                                       else interval '3 months' end)::date > :from""";

    /**
     * Attainment of every target in the selection whose period overlaps the selection's: won ÷ target over the
     * target's own period (amount and count), for the RM or the branch subtree, in its category or all.
     */
    @Transactional(readOnly = true)
    public List<DashboardReport.Attainment> attainment(Selection sel) {
        if (!AccessPolicy.mayWorkOnRecords(sel.user())) {
            return List.of();
        }
        ScopeSql s = sel.condition("t.rm_id", "coalesce(ub.path, tb.path)");
        return jdbc.sql("""
                        select u.username, u.display_name, t.product_category, t.target_amount, t.target_count,
                               a.won, a.won_amount
                        from target t left join staff_user u on u.id = t.rm_id left join branch ub on ub.id = u.branch_id
                        left join branch tb on tb.id = t.branch_id
                        cross join lateral (
                            select count(*) as won, coalesce(sum(w.won_amount), 0) as won_amount
                            from (
                                -- an RM's target: their won opportunities of the period, through
                                -- opportunity_owner_won_idx (a few rows per RM and month)
                                select o.won_amount, o.product_code from opportunity o
                                where t.rm_id is not null and o.owner_id = t.rm_id and o.status = 'WON'
                                  and o.closed_at >= t.period_start::timestamp at time zone %1$s
                                  and o.closed_at < (t.period_start + case t.period_type when 'MONTH' then interval '1 month'
                                                     else interval '3 months' end)::timestamp at time zone %1$s
                                union all
                                -- a branch's target: the subtree's won opportunities of the period
                                select o.won_amount, o.product_code from opportunity o join branch ob on ob.id = o.branch_id
                                where t.rm_id is null and o.status = 'WON'
                                  and o.closed_at >= t.period_start::timestamp at time zone %1$s
                                  and o.closed_at < (t.period_start + case t.period_type when 'MONTH' then interval '1 month'
                                                     else interval '3 months' end)::timestamp at time zone %1$s
                                  and left(ob.path, length(tb.path)) = tb.path) w
                            join product p on p.code = w.product_code
                            where t.product_category is null or p.category = t.product_category) a
                        where %2$s and %3$s
                        order by t.rm_id nulls first, u.username, t.product_category nulls first, t.period_start"""
                        .formatted(BANK_ZONE, s.condition(), OVERLAPS))
                .params(s.params()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> {
                    BigDecimal amount = rs.getBigDecimal(4);
                    Integer count = (Integer) rs.getObject(5);
                    long won = rs.getLong(6);
                    BigDecimal wonAmount = PipelineReport.cents(rs.getBigDecimal(7));
                    String cat = rs.getString(3);
                    return new DashboardReport.Attainment(rs.getString(1), rs.getString(2),
                            cat == null ? null : ProductCategory.valueOf(cat), amount, count == null ? null : (long) count,
                            wonAmount, won,
                            amount == null || amount.signum() == 0 ? null : wonAmount.divide(amount, 4, RoundingMode.HALF_UP),
                            count == null || count == 0 ? null
                                    : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP));
                })
                .list();
    }

    // ------------------------------------------------------------------ served counts

    /** Enters (or corrects) the customers served on one channel on one day at a branch of the caller's subtree. */
    @Transactional
    public void setServed(CurrentUser user, String branchCode, String channel, LocalDate day, Integer served) {
        AccessPolicy.requireSupervisor(user);
        List<FieldError> errors = new ArrayList<>();
        Ref b = servedBranch(user, branchCode, errors);
        ReferralChannel ch = channel(channel, "channel", errors);
        if (day == null) {
            errors.add(new FieldError("day", "validation.required"));
        } else if (day.getYear() < 2000 || day.getYear() > 2100) {
            errors.add(new FieldError("day", "served.day.invalid", day));
        }
        if (served == null || served < 0 || served > 1_000_000) {
            errors.add(new FieldError("served", "served.count.invalid"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        upsertServed(user, b.id(), ch, day, served);
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
        Ref b = servedBranch(user, branchCode, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        record Line(ReferralChannel channel, LocalDate day, int served) {
        }
        Map<String, Line> lines = new java.util.LinkedHashMap<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, decoder))) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)
                    .replace(" ", "").equals("day,channel,served")) {
                throw new InvalidInputException("file", "served.upload.header");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                if (n > MAX_UPLOAD_LINES + 1) {
                    throw new InvalidInputException("file", "served.upload.tooLong", MAX_UPLOAD_LINES);
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    errors.add(new FieldError("file", "served.upload.columns", n));
                    continue;
                }
                LocalDate day = null;
                try {
                    day = LocalDate.parse(f[0].strip());
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("file", "served.upload.day", n, f[0].strip()));
                }
                List<FieldError> mine = new ArrayList<>();
                ReferralChannel ch = channel(f[1], "file", mine);
                if (!mine.isEmpty()) {
                    errors.add(new FieldError("file", "served.upload.channel", n, f[1].strip()));
                }
                Integer served = null;
                try {
                    served = Integer.valueOf(f[2].strip());
                } catch (NumberFormatException e) {
                    served = null;
                }
                if (served == null || served < 0 || served > 1_000_000) {
                    errors.add(new FieldError("file", "served.upload.served", n, f[2].strip()));
                }
                if (day != null && ch != null && served != null && served >= 0) {
                    if (lines.put(ch + "/" + day, new Line(ch, day, served)) != null) {
                        errors.add(new FieldError("file", "served.upload.repeated", n));
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "served.upload.encoding");
        } catch (IOException e) {
            throw new InvalidInputException("file", "served.upload.unreadable");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > 20 ? errors.subList(0, 20) : errors);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "served.upload.empty");
        }
        lines.values().forEach(l -> upsertServed(user, b.id(), l.channel(), l.day(), l.served()));
        audit.record(user.username(), "SERVED_UPLOADED", "channel_served", branchCode.strip(),
                "lines=" + lines.size());
        return lines.size();
    }

    /** Served counts in the caller's scope over [from, to], newest first. */
    @Transactional(readOnly = true)
    public List<ServedView> served(CurrentUser user, LocalDate from, LocalDate to) {
        AccessPolicy.requireSupervisor(user);
        ScopeSql s = ScopeSql.of(user.scope(), "null", "b.path");
        return jdbc.sql("""
                        select b.code, cs.channel, cs.day, cs.served, u.username
                        from channel_served cs join branch b on b.id = cs.branch_id
                        left join staff_user u on u.id = cs.entered_by
                        where cs.day between :from and :to and %s
                        order by cs.day desc, b.code, cs.channel limit 500""".formatted(s.condition()))
                .params(s.params()).param("from", from).param("to", to)
                .query((rs, i) -> new ServedView(rs.getString(1), ReferralChannel.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getInt(4), rs.getString(5)))
                .list();
    }

    private Ref servedBranch(CurrentUser user, String branchCode, List<FieldError> errors) {
        String code = Texts.clean(branchCode);
        if (code == null) {
            errors.add(new FieldError("branch", "validation.required"));
            return null;
        }
        Ref b = branch(code);
        if (b == null || !user.scope().coversBranch(b.path())) {
            errors.add(new FieldError("branch", "dashboard.branchOutOfScope", code));
            return null;
        }
        return b;
    }

    private static ReferralChannel channel(String value, String field, List<FieldError> errors) {
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

    private void upsertServed(CurrentUser user, long branchId, ReferralChannel ch, LocalDate day, int served) {
        Map<String, Object> p = new HashMap<>();
        p.put("b", branchId);
        p.put("c", ch.name());
        p.put("d", day);
        p.put("s", served);
        p.put("u", user.id());
        jdbc.sql("""
                        insert into channel_served (branch_id, channel, day, served, entered_by)
                        values (:b, :c, :d, :s, :u)
                        on conflict (branch_id, channel, day)
                        do update set served = excluded.served, entered_by = excluded.entered_by, entered_at = now(),
                                      version = channel_served.version + 1""")
                .params(p).update();
    }
}
