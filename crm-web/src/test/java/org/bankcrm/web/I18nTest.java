package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Status;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.scoring.Factor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every text a user reads comes from messages*.properties (Chinese the base bundle, English
 * {@code messages_en}): both bundles have the same keys, every key a template or the code names exists, every
 * key defined is used somewhere, and no template carries literal words.
 * <p>
 * "Used" means the key appears whole in a template, a script or the Java sources of the three modules, or
 * belongs to one of the {@link #DYNAMIC} families, whose keys are built at run time from a code.
 */
class I18nTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");
    private static final List<Path> JAVA = List.of(Path.of("../crm-domain/src/main/java"),
            Path.of("../crm-service/src/main/java"), Path.of("src/main/java"));
    /** A message key as the code names it; settings keys ({@code scoring.revenue-floor}) have hyphens, keys none. */
    private static final String KEY = "[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+";
    /** Any dotted word, for finding where keys are used ({@code discovery.param.min-age} has hyphens). */
    private static final Pattern ANY_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)+");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
    /** A quoted key in a template expression: {@code #messages.msg('kpi.wonCount', ...)}, fragment arguments. */
    private static final Pattern TEMPLATE_QUOTED = Pattern.compile("'(" + KEY + ")'");
    /** A Java string that is a whole key, also a Bean Validation message {@code "{validation.required}"}. */
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"\\{?(" + KEY + ")}?\"");
    /** A key inside SQL text, written to a table and translated when shown ({@code 'import.customer.unknown'}). */
    private static final Pattern JAVA_SQL_LITERAL = Pattern.compile("'(" + KEY + ")'");
    /** Namespaces checked before every bundle namespace was (kept so the check never covers less). */
    private static final Set<String> LISTED_NAMESPACES = Set.of("error", "validation", "customer", "opportunity",
            "branch", "user", "password", "product", "referral", "visit", "scoring", "board", "followUp");
    /** Text that needs no translation: punctuation, arrows, symbols, digits. */
    private static final Pattern NEUTRAL = Pattern.compile("[\\s\\p{Punct}·—→|×%0-9≥¥]*");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label");

    /** A family of keys built at run time: {@code prefix + code + suffix} for every code. */
    private record Family(String prefix, List<String> codes, String suffix, String builtBy) {

        Set<String> keys() {
            Set<String> keys = new TreeSet<>();
            codes.forEach(c -> keys.add(prefix + c + suffix));
            return keys;
        }
    }

    /**
     * The keys no source names whole, because a template or the code appends a code to a prefix. Each family
     * lists its codes, so a key outside them is still reported as unused, and a code without its key as missing.
     */
    private static final List<Family> DYNAMIC = List.of(
            new Family("stage.", names(Stage.values()), "", "#{|stage.${o.stage}|}, 'stage.' + ..."),
            new Family("status.", names(Status.values()), "", "status filter of the opportunity list"),
            new Family("source.", names(Source.values()), "", "#{|source.${o.source}|}"),
            new Family("tier.", names(Tier.values()), "", "#{|tier.${c.tier}|}, Excel exports"),
            new Family("customerType.", names(CustomerType.values()), "", "#{|customerType.${c.type}|}"),
            new Family("companySize.", names(CompanySize.values()), "", "'companySize.' + c.companySize"),
            new Family("followUpType.", names(FollowUpType.values()), "", "#{|followUpType.${f.type}|}"),
            new Family("risk.", names(RiskLevel.values()), "", "#{|risk.${o.riskLevel}|}"),
            new Family("competition.", names(Competition.values()), "", "#{|competition.${o.competition}|}"),
            new Family("role.", names(Role.values()), "", "#{|role.${u.role}|}"),
            new Family("channel.", names(ReferralChannel.values()), "", "#{|channel.${r.channel}|}"),
            new Family("referral.status.", names(Referral.Status.values()), "", "#{|referral.status.${r.status}|}"),
            new Family("category.", names(ProductCategory.values()), "", "'category.' + t.category"),
            new Family("factor.", names(Factor.values()), "", "#{|factor.${f.factor}|}"),
            new Family("factor.short.", names(Factor.values()), "", "#{|factor.short.${f}|}"),
            new Family("factor.mapping.", names(Factor.values()), "", "#{|factor.mapping.${f}|}"),
            new Family("score.plus.", names(Factor.values()), "", "'score.plus.' + #this"),
            new Family("score.minus.", names(Factor.values()), "", "'score.minus.' + #this"),
            new Family("discovery.rule.", names(RuleCode.values()), "", "#{|discovery.rule.${r.code}|}"),
            new Family("discovery.rule.short.", names(RuleCode.values()), "", "'discovery.rule.short.' + #this"),
            new Family("discovery.rule.", names(RuleCode.values()), ".help", "the help of each rule's form"),
            new Family("import.kind.", names(ImportKind.values()), "", "#{|import.kind.${k}|}"),
            new Family("weekday.", names(DayOfWeek.values()), "", "#{|weekday.${e.key.dayOfWeek}|}"),
            new Family("needStrength.", List.of("1", "2", "3", "4", "5"), "", "#{|needStrength.${n}|}"),
            new Family("league.col.", java.util.Arrays.stream(org.bankcrm.service.scorecard.LeagueService.Sort.values())
                    .map(org.bankcrm.service.scorecard.LeagueService.Sort::code).toList(), "",
                    "#{|league.col.${c.code()}|}"),
            // Run and visit states: the job and visit classes may move, so their codes are written out here.
            new Family("import.status.", List.of("QUEUED", "RUNNING", "DONE", "FAILED"), "", "import run status"),
            new Family("discovery.status.", List.of("QUEUED", "RUNNING", "DONE", "FAILED"), "", "discovery run"),
            new Family("visit.status.", List.of("PLANNED", "DONE", "CANCELLED"), "", "#{|visit.status.${v.status}|}"),
            new Family("campaignStatus.", List.of("DRAFT", "ACTIVE", "ENDED"), "", "#{|campaignStatus.${c.status}|}"),
            new Family("campaignOutcome.", List.of("PENDING", "NOT_REACHED", "DECLINED", "INTERESTED", "EXCLUDED"), "",
                    "#{|campaignOutcome.${x.outcome}|}, EXCLUDED for an excluded customer"),
            new Family("campaign.figure.", List.of("targets", "excluded", "attempted", "reached", "interested", "won"),
                    "", "the figure a target list opens (CampaignViews.Figure)"),
            // A run's failure is a key stored in its row; "shutdown" was written before D24 and old rows still show it.
            new Family("discovery.failed.", List.of("stale", "error", "shutdown"), "", "discovery_run.failure"),
            new Family("target.periodType.", List.of("MONTH", "QUARTER"), "", "'target.periodType.' + t.periodType"),
            new Family("target.measure.", names(org.bankcrm.service.target.TargetMeasure.values()), "",
                    "#{|target.measure.${t.measure}|} (D48)"),
            new Family("dashboard.target.coverage.", List.of("MET", "NO_AMOUNT"), "",
                    "TargetAttainmentQuery.Coverage other than RATIO: the target section and TargetSheet (D48)"),
            new Family("dashboard.period.", List.of("WEEK", "MONTH", "QUARTER", "CUSTOM"), "", "DashboardController"),
            new Family("dashboard.funnel.empty.", List.of("WEEK", "MONTH", "QUARTER", "CUSTOM"), "",
                    "#{|dashboard.funnel.empty.${period}|}: the funnel of a period with nothing created (D39)"),
            new Family("dashboard.measure.", List.of("OPEN", "CREATED", "WON", "LOST", "REACHED"), "",
                    "DashboardLists.Measure, the title of a drill-down list"),
            new Family("history.", List.of("CREATED", "STAGE", "OWNER", "REOPENED", "APPROVAL"), "", "HistoryEvent"),
            new Family("approval.status.", names(org.bankcrm.domain.approval.ApprovalStatus.values()), "",
                    "#{|approval.status.${a.status}|}"),
            new Family("approval.decided.", List.of("APPROVED", "REJECTED"), "", "ApprovalPageController.decide"),
            new Family("notification.approval.", List.of("APPROVED", "REJECTED"), "", "ApprovalService.decide"),
            new Family("history.", List.of("MEMBER_ADDED", "MEMBER_REMOVED"), "", "HistoryEvent of a team (D44)"),
            new Family("team.role.", List.of("OWNER", "CO_OWNER", "SUPPORT"), "",
                    "#{|team.role.${m.role}|}: OWNER and TeamRole (D44)"),
            new Family("field.", List.of("title", "amount", "expectedCloseDate", "riskLevel", "competition",
                    "needStrength"), "", "a FIELD:<name> history line: the fields an edit may change"),
            // Rows of reference tables seeded by V2__reference_data.sql; codes never change.
            new Family("product.", List.of("DEP_DEMAND", "DEP_TIME", "WEALTH", "FUND", "INSURANCE", "CARD_CREDIT",
                    "LOAN_CONSUMER", "LOAN_MORTGAGE", "LOAN_SME", "LOAN_CORP", "PAYROLL", "SETTLEMENT", "EBANK", "FX"),
                    "", "'product.' + code, #{|product.${o.productCode}|}"),
            new Family("discovery.param.", List.of("window-days", "close-in-days", "inactive-days", "min-employees",
                    "max-distinct-products", "min-age", "max-age", "min-average-aum", "min-aum", "amount",
                    "amount-per-employee", "max-ratio", "near-ratio", "amount-ratio"), "",
                    "#{|discovery.param.${p.name}|}: the parameters of RuleCode"),
            // The audit log in words (AuditText): its actions, record types and the words of its details.
            new Family("audit.action.", org.bankcrm.service.audit.AuditCodes.ACTIONS, "", "AuditText.action"),
            new Family("audit.entity.", org.bankcrm.service.audit.AuditCodes.ENTITY_TYPES, "", "AuditText.entityType"),
            new Family("audit.word.", org.bankcrm.web.audit.AuditText.WORDS, "", "AuditText.detail"),
            // Early warning (D38): the alert codes' words, and the notification titles the evaluation stores as keys.
            new Family("alert.code.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "#{|alert.code.${a.code}|}"),
            new Family("alert.condition.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "the admin's alert settings"),
            new Family("alert.days.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "the days field of each code's settings"),
            new Family("alert.words.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "My day's 需要关注, with the days"),
            new Family("alert.words.", names(org.bankcrm.service.alert.AlertCode.values()), ".none",
                    "My day's 需要关注, without days to count"),
            new Family("notification.alert.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "notification.title_key of a raised alert (AlertEvaluationStore)"),
            new Family("notification.escalation.", names(org.bankcrm.service.alert.AlertCode.values()), "",
                    "notification.title_key of an escalation (AlertEvaluationStore)"),
            new Family("alert.status.", List.of("OPEN", "RESOLVED"), "", "the alert list's status filter"),
            // Complaints and satisfaction (D46): categories and statuses by code, the follow-up form's ratings.
            new Family("complaintCategory.", names(org.bankcrm.domain.complaint.ComplaintCategory.values()), "",
                    "#{|complaintCategory.${k.category}|}"),
            new Family("complaintStatus.", List.of("OPEN", "RESOLVED"), "", "#{|complaintStatus.${k.status}|}"),
            new Family("followUp.satisfaction.", List.of("1", "2", "3", "4", "5"), "",
                    "#{|followUp.satisfaction.${o}|} on the follow-up form"),
            new Family("profile.language.", org.bankcrm.service.alert.ProfileService.LANGUAGES, "",
                    "#{|profile.language.${l}|}"),
            // The statuses the API answers with a problem (Problems: "problem.title." + status).
            new Family("problem.title.", List.of("400", "401", "403", "404", "405", "406", "409", "413", "415", "500",
                    "501", "503", "505"), "", "Problems.of"),
            // Spring's codes for a form value of the wrong type (DefaultMessageCodesResolver).
            new Family("typeMismatch", List.of("", ".java.math.BigDecimal", ".java.time.LocalDate",
                    ".java.lang.Integer"), "", "form binding"));

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve(name))) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> zh() throws IOException {
        return new TreeSet<>(load("messages.properties").stringPropertyNames());
    }

    private static Set<String> en() throws IOException {
        return new TreeSet<>(load("messages_en.properties").stringPropertyNames());
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> zh = zh();
        Set<String> en = en();
        assertThat(en).as("keys missing in English").containsAll(zh);
        assertThat(zh).as("keys missing in Chinese").containsAll(en);
    }

    /**
     * No key is defined twice in a file: the second definition silently replaces the first (the settings' "已保存。"
     * flash once read "已保存：{0}", the saved-value hint's text under the same key).
     */
    @Test
    void noKeyIsDefinedTwice() throws IOException {
        for (String name : List.of("messages.properties", "messages_en.properties")) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String line : Files.readAllLines(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#") && !line.startsWith(" ") && !seen.add(line.substring(0, eq))) {
                    twice.add(line.substring(0, eq));
                }
            }
            assertThat(twice).as(name).isEmpty();
        }
    }

    /** A message with arguments is a MessageFormat pattern: a broken one (a choice, a stray brace) fails at render. */
    @Test
    void everyMessageWithArgumentsIsAPattern() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key);
                if (value.contains("{")) {
                    try {
                        new java.text.MessageFormat(value, java.util.Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        throw new AssertionError(file + " " + key + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /**
     * Apostrophes as each kind of message is read: a message with arguments goes through MessageFormat, where a lone
     * {@code '} swallows text and {@code ''} is one; a message without is shown as written, where {@code ''} is two.
     * And both languages take the same arguments.
     */
    @Test
    void apostrophesAndArgumentsAsEachMessageIsRead() throws IOException {
        Pattern argument = Pattern.compile("\\{(\\d+)");
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        List<String> wrong = new ArrayList<>();
        for (Properties p : List.of(zh, en)) {
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key);
                boolean formatted = argument.matcher(value).find();
                if (formatted ? lone.matcher(value).find() : value.contains("''")) {
                    wrong.add((p == zh ? "zh " : "en ") + key);
                }
            }
        }
        for (String key : zh.stringPropertyNames()) {
            if (en.containsKey(key) && !arguments(argument, zh.getProperty(key)).equals(
                    arguments(argument, en.getProperty(key)))) {
                wrong.add("arguments differ: " + key);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Set<String> arguments(Pattern argument, String value) {
        Set<String> found = new TreeSet<>();
        Matcher m = argument.matcher(value);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** English counts agree with their number: 1 day, 2 days; 1 customer number matches, 3 match. */
    @Test
    void englishCountsAgreeWithTheirNumber() throws IOException {
        Properties en = load("messages_en.properties");
        java.util.function.BiFunction<String, Object[], String> f = (key, args) ->
                new java.text.MessageFormat(en.getProperty(key), java.util.Locale.ENGLISH).format(args);
        assertThat(f.apply("alert.words.OVERDUE_ACTION", new Object[] {1L})).isEqualTo("Next action 1 day overdue");
        assertThat(f.apply("alert.words.OVERDUE_ACTION", new Object[] {1234L}))
                .isEqualTo("Next action 1,234 days overdue");
        assertThat(f.apply("coverage.overdue", new Object[] {0})).isEqualTo("0 days overdue");
        assertThat(f.apply("campaign.unmatched", new Object[] {1})).startsWith("1 customer number matches no customer");
        assertThat(f.apply("campaign.unmatched", new Object[] {3})).startsWith("3 customer numbers match no customer");
        assertThat(f.apply("campaign.launch.done", new Object[] {1})).isEqualTo("The list is ready: 1 customer.");
        assertThat(f.apply("dashboard.lines", new Object[] {1L})).isEqualTo("1 record");
        assertThat(f.apply("dashboard.lines", new Object[] {46L})).isEqualTo("46 records");
        assertThat(f.apply("myday.stalled", new Object[] {1})).isEqualTo("Stalled (no follow-up for a day or more)");
        assertThat(f.apply("myday.stalled", new Object[] {14})).isEqualTo("Stalled (no follow-up for 14 days or more)");
        assertThat(f.apply("tiers.pyramid.warning", new Object[] {2})).contains("in 2 places a tier");
        assertThat(f.apply("unowned.assigned", new Object[] {1, 2, 0})).isEqualTo(
                "1 customer assigned; 2 open opportunities and 0 planned visits went with them.");
        assertThat(f.apply("pager.beyond", new Object[] {0L, 5, 0})).isEqualTo("0 in all; there is no page 5 (there are"
                + " no pages)");
        assertThat(f.apply("pager.beyond", new Object[] {83L, 100, 1})).endsWith("(there is 1)");
        assertThat(f.apply("handover.done", new Object[] {"Li", 2, 1, 0, 3, 1})).isEqualTo("Li's book was handed over:"
                + " 2 customers, 1 opportunity, 0 planned visits, 3 open next actions, to 1 RM.");
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> zh = zh();
        Set<String> en = en();
        Set<String> namespaces = namespaces(zh);
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            String text = Files.readString(template);
            List<String> named = new ArrayList<>(all(TEMPLATE_KEY, text));
            all(TEMPLATE_QUOTED, text).stream().filter(k -> isKey(k, namespaces, zh)).forEach(named::add);
            for (String key : named) {
                if (!zh.contains(key) || !en.contains(key)) {
                    missing.add(template.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMessageKeyTheCodeUsesExists() throws IOException {
        Set<String> zh = zh();
        Set<String> en = en();
        Set<String> namespaces = namespaces(zh);
        namespaces.addAll(LISTED_NAMESPACES);
        List<String> missing = new ArrayList<>();
        for (Path f : javaSources()) {
            String text = Files.readString(f);
            List<String> named = new ArrayList<>(all(JAVA_LITERAL, text));
            named.addAll(all(JAVA_SQL_LITERAL, text));
            for (String key : named) {
                if (isKey(key, namespaces, zh) && (!zh.contains(key) || !en.contains(key))) {
                    missing.add(f.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyKeyOfADynamicFamilyExists() throws IOException {
        Set<String> zh = zh();
        Set<String> en = en();
        List<String> missing = new ArrayList<>();
        for (Family family : DYNAMIC) {
            for (String key : family.keys()) {
                if (!zh.contains(key) || !en.contains(key)) {
                    missing.add(key + " (" + family.builtBy() + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyKeyDefinedIsUsed() throws IOException {
        Set<String> used = new HashSet<>();
        for (Path f : javaSources()) {
            used.addAll(all(ANY_KEY, withoutComments(Files.readString(f))));
        }
        List<Path> pages = new ArrayList<>(templates());
        pages.addAll(scripts());
        for (Path f : pages) {
            used.addAll(all(ANY_KEY, Files.readString(f)));
        }
        DYNAMIC.forEach(family -> used.addAll(family.keys()));
        Set<String> unused = new TreeSet<>(zh());
        unused.addAll(en());
        unused.removeAll(used);
        assertThat(unused).as("keys no template, script or class uses").isEmpty();
    }

    @Test
    void templatesHaveNoLiteralText() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path template : templates()) {
            Document doc = Jsoup.parse(Files.readString(template));
            for (Element e : doc.getAllElements()) {
                if (e.tagName().equals("script") || e.tagName().equals("style") || e.hasAttr("th:text")
                        || e.hasAttr("th:utext") || e.hasAttr("th:replace") || e.hasAttr("th:insert")
                        || e.hasAttr("th:errors")) {
                    continue;
                }
                for (TextNode t : e.textNodes()) {
                    if (!NEUTRAL.matcher(t.text()).matches()) {
                        literals.add(template.getFileName() + ": <" + e.tagName() + "> " + t.text().strip());
                    }
                }
                for (String attr : TEXT_ATTRIBUTES) {
                    if (e.hasAttr(attr) && !NEUTRAL.matcher(e.attr(attr)).matches()) {
                        literals.add(template.getFileName() + ": " + attr + "=" + e.attr(attr));
                    }
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    @Test
    void noTemplateWritesUnescapedText() throws IOException {
        for (Path template : templates()) {
            assertThat(Files.readString(template)).as(template.toString()).doesNotContain("th:utext");
        }
    }

    /** Java source without its comments, so that a key only a comment mentions counts as unused. */
    private static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int end;
            if (src.startsWith("\"\"\"", i)) {
                end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(src, i, end);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && src.charAt(end) != c) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
                out.append(src, i, end);
            } else if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else {
                out.append(c);
                end = i + 1;
            }
            i = end;
        }
        return out.toString();
    }

    /** The first segments of the bundle's keys: {@code error}, {@code stage}, {@code dashboard}... */
    private static Set<String> namespaces(Set<String> keys) {
        Set<String> namespaces = new HashSet<>();
        keys.forEach(k -> namespaces.add(k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.'))));
        return namespaces;
    }

    /**
     * Whether a dotted string is meant as a message key: its first segment is a namespace of the bundle, and it is
     * not the prefix of defined keys ({@code key.startsWith("import.header")}).
     */
    private static boolean isKey(String candidate, Set<String> namespaces, Set<String> keys) {
        if (!namespaces.contains(candidate.substring(0, candidate.indexOf('.')))) {
            return false;
        }
        return keys.contains(candidate) || keys.stream().noneMatch(k -> k.startsWith(candidate + "."));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    private static List<Path> templates() throws IOException {
        return files(TEMPLATES, ".html");
    }

    private static List<Path> scripts() throws IOException {
        return files(RESOURCES.resolve("static"), ".js");
    }

    private static List<Path> javaSources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path module : JAVA) {
            all.addAll(files(module, ".java"));
        }
        return all;
    }

    private static List<Path> files(Path root, String ending) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        }
    }
}
