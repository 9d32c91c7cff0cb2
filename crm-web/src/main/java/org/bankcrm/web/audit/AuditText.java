package org.bankcrm.web.audit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.audit.AuditQueries.Row;
import org.bankcrm.web.shared.People;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit log in words for a compliance officer ({@code ${@auditText.detail(e)}}): actions and record types
 * translated, codes in the details shown with their names (阶段 方案（PROPOSAL）), people by display name (D35),
 * and client addresses as IPv4 where they are IPv4 ({@code ::ffff:10.0.0.7} → {@code 10.0.0.7}).
 */
@Component("auditText")
public class AuditText {

    /** Where a code in a detail or record number may come from, in the order they are tried. */
    private static final List<String> CODE_FAMILIES = List.of("stage.", "tier.", "role.", "product.",
            "discovery.rule.", "channel.", "category.", "source.", "import.kind.", "factor.", "team.role.");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final Pattern RM = Pattern.compile("\\b(rm|owner)=([A-Za-z0-9_.-]+)");
    private static final Pattern RMS = Pattern.compile("\\brms=\\[([^\\]]*)]");

    /** A book handover's receivers: {@code  <login> (<customers>/<opportunities>/<visits>)}. */
    private static final Pattern HANDED_TO = Pattern.compile(" ([A-Za-z0-9_.-]+) \\((\\d+/\\d+/\\d+)\\)");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    /** The words of the details that have a translation ({@code audit.word.*}). */
    public static final List<String> WORDS = List.of("enabled", "disabled", "added", "true", "false", "customers",
            "opportunities", "visits", "role", "branch", "parent", "rm", "owner", "amount", "count", "served", "lines",
            "asOf", "rules", "all", "weights", "bands", "for", "min");
    private static final Set<String> OWNER_ACTIONS = Set.of("OPPORTUNITY_OWNER", "CUSTOMER_OWNER");

    private final MessageSource messages;
    private final People people;

    public AuditText(MessageSource messages, People people) {
        this.messages = messages;
        this.people = people;
    }

    /** 登录失败 / Sign-in failed; the code itself when it has no words. */
    public String action(String code) {
        return code == null ? "" : msg("audit.action." + code, code);
    }

    /** 商机 / Opportunity. */
    public String entityType(String type) {
        return type == null ? "" : msg("audit.entity." + type, type);
    }

    /** The record's number in words: a person by name, a code with its name. */
    public String entityId(Row e) {
        if (e.entityId() == null) {
            return "";
        }
        if ("user".equals(e.entityType())) {
            return people.name(e.entityId());
        }
        return codes(e.entityId());
    }

    /** The detail in words: codes with their names, people by name, arrows as arrows. */
    public String detail(Row e) {
        if (e.detail() == null) {
            return "";
        }
        // a reveal's reason is the user's own text: any number in it masked (also in rows from before it was masked
        // as it was recorded)
        String text = "PII_REVEALED".equals(e.action()) ? Masking.inText(e.detail()) : e.detail();
        if (OWNER_ACTIONS.contains(e.action())) {
            int arrow = text.indexOf(" -> ");
            if (arrow > 0) {
                String rest = text.substring(arrow + 4);
                int end = rest.indexOf(' ');
                String to = end < 0 ? rest : rest.substring(0, end);
                text = "\u0001" + people.name(text.substring(0, arrow)) + "\u0001 -> \u0001" + people.name(to)
                        + "\u0001" + (end < 0 ? "" : rest.substring(end));
            }
        }
        if (e.action() != null && e.action().startsWith("TEAM_MEMBER_")) {
            // "<login> CO_OWNER 30" (D44): the member by name, then their role and share.
            int space = text.indexOf(' ');
            String login = space < 0 ? text : text.substring(0, space);
            text = "\u0001" + people.name(login) + "\u0001" + (space < 0 ? "" : text.substring(space));
        }
        if ("IMPORT_STARTED".equals(e.action())) {
            // "<kind's path> <file name>": the kind in words, the file's name as uploaded (no word of it translated).
            int space = text.indexOf(' ');
            String path = space < 0 ? text : text.substring(0, space);
            text = ImportKind.ofPath(path).map(k -> "\u0001" + msg("import.kind." + k.name(), path) + "\u0001")
                    .orElse(path) + (space < 0 ? "" : " \u0001" + text.substring(space + 1) + "\u0001");
        }
        if ("BOOK_HANDOVER".equals(e.action())) {
            // "...; to rm1 (1/1/0) rm2 (1/0/0)": each RM who took part of the book, with their counts.
            Matcher to = HANDED_TO.matcher(text);
            StringBuilder named = new StringBuilder();
            while (to.find()) {
                to.appendReplacement(named, Matcher.quoteReplacement(" \u0001" + people.name(to.group(1)) + "\u0001 ("
                        + to.group(2) + ")"));
            }
            to.appendTail(named);
            text = named.toString();
        }
        // "rms=[rm1, rm2]" (a target plan's lines, D48): each RM by name.
        Matcher list = RMS.matcher(text);
        StringBuilder listed = new StringBuilder();
        while (list.find()) {
            String names = Arrays.stream(list.group(1).split(",\\s*")).filter(n -> !n.isBlank()).map(people::name)
                    .collect(Collectors.joining(", "));
            list.appendReplacement(listed, Matcher.quoteReplacement("\u0001" + word("rm") + "=[" + names + "]\u0001"));
        }
        list.appendTail(listed);
        text = listed.toString();
        Matcher rm = RM.matcher(text);
        StringBuilder named = new StringBuilder();
        while (rm.find()) {
            rm.appendReplacement(named, Matcher.quoteReplacement("\u0001" + word(rm.group(1)) + "="
                    + people.name(rm.group(2)) + "\u0001"));
        }
        rm.appendTail(named);
        StringBuilder out = new StringBuilder();
        String[] parts = named.toString().split("\u0001", -1);
        for (int i = 0; i < parts.length; i++) {
            // Odd parts are names already in words; only the rest is read for codes and words.
            out.append(i % 2 == 1 ? parts[i] : codes(parts[i]));
        }
        return out.toString().replace(" -> ", " → ");
    }

    /** The client's address as the page shows it ({@link #address}). */
    public String ip(String recorded) {
        return address(recorded);
    }

    /** {@code ::ffff:10.0.0.7} → {@code 10.0.0.7}; any other address as recorded. */
    public static String address(String recorded) {
        if (recorded == null || recorded.isBlank() || !recorded.contains(":")
                || !IP_LITERAL.matcher(recorded).matches()) {
            return recorded;
        }
        try {
            // A literal address: no name is looked up. An IPv4-mapped IPv6 address comes back as IPv4.
            InetAddress address = InetAddress.getByName(recorded);
            return address instanceof Inet4Address ? address.getHostAddress() : recorded;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return recorded;
        }
    }

    private String codes(String text) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(word(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String word(String token) {
        if (CODE.matcher(token).matches()) {
            for (String family : CODE_FAMILIES) {
                String name = msg(family + token, null);
                if (name != null) {
                    return msg("audit.coded", name, name, token);
                }
            }
            return token;
        }
        String word = WORDS.contains(token) ? msg("audit.word." + token, null) : null;
        return word != null ? word : token;
    }

    private String msg(String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, LocaleContextHolder.getLocale());
    }
}
