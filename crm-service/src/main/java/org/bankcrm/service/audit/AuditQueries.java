package org.bankcrm.service.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.ClockConfig;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's search of the audit log (a read model): by who, what, which record and when, newest first. */
@Service
@RequiredArgsConstructor
public class AuditQueries {

    /**
     * A search; every part optional: the user by login or a part of their display name, the action, the record's
     * number, and days ({@code YYYY-MM-DD}, inclusive in the bank's zone).
     */
    public record Query(String actor, String action, String entity, String from, String to, Integer page) {
    }

    /** One entry as the page shows it. */
    public record Row(long id, Instant at, String actor, String action, String entityType, String entityId,
                      String detail, String clientIp) {
    }

    private static final int PAGE_SIZE = 50;

    private final JdbcClient jdbc;

    @Transactional(readOnly = true)
    public Paged<Row> search(CurrentUser user, Query q) {
        AccessPolicy.requireAdmin(user);
        List<String> where = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        LocalDate from = day("from", q.from(), errors);
        LocalDate to = day("to", q.to(), errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("to", "audit.range.order"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String actor = Texts.clean(q.actor());
        if (actor != null) {
            where.add("(actor = :actor or actor in (select username from staff_user"
                    + " where lower(display_name) like :actorLike escape '\\'))");
            params.put("actor", actor);
            params.put("actorLike", "%" + Texts.likeLiteral(actor.toLowerCase(Locale.ROOT)) + "%");
        }
        String action = Texts.clean(q.action());
        if (action != null) {
            where.add("action = :action");
            params.put("action", action);
        }
        String entity = Texts.clean(q.entity());
        if (entity != null) {
            where.add("entity_id = :entity");
            params.put("entity", entity);
        }
        if (from != null) {
            where.add("at >= :from");
            params.put("from", java.sql.Timestamp.from(from.atStartOfDay(ClockConfig.BANK_ZONE).toInstant()));
        }
        if (to != null) {
            where.add("at < :to");
            params.put("to",
                    java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(ClockConfig.BANK_ZONE).toInstant()));
        }
        String condition = where.isEmpty() ? "true" : String.join(" and ", where);
        int page = q.page() == null || q.page() < 0 ? 0 : q.page();
        long total = jdbc.sql("select count(*) from audit_log where " + condition).params(params)
                .query(Long.class).single();
        List<Row> rows = jdbc.sql("select id, at, actor, action, entity_type, entity_id, detail, client_ip"
                        + " from audit_log where " + condition
                        + " order by at desc, id desc limit :limit offset :offset")
                .params(params).param("limit", PAGE_SIZE).param("offset", (long) page * PAGE_SIZE)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("detail"), rs.getString("client_ip")))
                .list();
        return new Paged<>(rows, page, PAGE_SIZE, total);
    }

    private static LocalDate day(String field, String value, List<FieldError> errors) {
        String text = Texts.clean(value);
        if (text == null) {
            return null;
        }
        try {
            return IsoDates.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "audit.date.unreadable", text));
            return null;
        }
    }

    /** The actions recorded so far, for the search form. */
    @Transactional(readOnly = true)
    public List<String> actions(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
    }
}
