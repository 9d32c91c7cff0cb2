package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No template formats a number or a date by hand (D39): every figure goes through {@code @fmt}. Reads the template
 * files; no Spring.
 */
class TemplateFormattingTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    /** Thymeleaf's own formatting utilities, and the ways a figure was dressed up by hand. */
    private static final List<Pattern> BY_HAND = List.of(
            // #numbers.sequence builds a loop, it formats nothing.
            Pattern.compile("#numbers\\.(?!sequence\\()"),
            Pattern.compile("#temporals\\."),
            Pattern.compile("#dates\\."),
            Pattern.compile("#calendars\\."),
            Pattern.compile("\\+\\s*'\\s*%"),
            Pattern.compile("'¥'|'￥'|\\+\\s*'¥|'¥\\s*'\\s*\\+"),
            Pattern.compile("\\.(toString|toPlainString|setScale)\\("),
            Pattern.compile("#strings\\.substring\\([^)]*(On|Date|At|day|month)\\b"));

    /** An amount, rate, probability or date printed raw in a th:text, not through @fmt. */
    private static final Pattern TEXT = Pattern.compile("th:text=\"([^\"]*)\"");
    private static final Pattern RAW_FIGURE = Pattern.compile(
            "\\$\\{[\\w.()]*?\\.(\\w*(?:[aA]mount|[aA]um|[bB]alance|[rR]ate|[pP]robability|[wW]eight|[tT]hreshold"
                    + "|Date|On|At|[dD]ue|[aA]uc))\\s*(?:\\?:[^}]*)?}");

    static List<String> violations(String name, String template) {
        List<String> found = new ArrayList<>();
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (Pattern p : BY_HAND) {
                if (p.matcher(line).find()) {
                    found.add(name + ":" + (i + 1) + " formats by hand (" + p.pattern() + "): " + line.strip());
                }
            }
            Matcher t = TEXT.matcher(line);
            while (t.find()) {
                Matcher raw = RAW_FIGURE.matcher(t.group(1));
                while (raw.find()) {
                    // Fine when the figure is the argument of an @fmt call right before it.
                    String before = t.group(1).substring(0, raw.start());
                    if (!before.matches("(?s).*@fmt\\.\\w+\\($")) {
                        found.add(name + ":" + (i + 1) + " prints " + raw.group(1) + " without @fmt: " + line.strip());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noTemplateFormatsAFigureOrADateByHand() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                found.addAll(violations(TEMPLATES.relativize(f).toString(),
                        Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanCatchesEachKindOfHandFormatting() {
        assertThat(violations("t", "<td th:text=\"${#numbers.formatDecimal(o.amount, 1, 2)}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${#temporals.format(o.createdAt, 'MM-dd')}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${#dates.format(d)}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${o.probability + '%'}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${'¥' + o.amount}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${o.amount.toPlainString()}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${cs.lastContactOn().toString()}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${o.amount}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${o.expectedCloseDate}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${h.maturityDate ?: '—'}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${c.conversionRate}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"#{myday.overdueSince(${a.due})}\">")).isNotEmpty();
        assertThat(violations("t", "<td th:text=\"${preview.current.auc ?: '—'}\">")).isNotEmpty();
        // What the rules ask for passes.
        assertThat(violations("t", "<td th:text=\"${@fmt.money(o.amount)}\">")).isEmpty();
        assertThat(violations("t", "<td th:text=\"#{myday.overdueSince(${@fmt.date(a.due)})}\">")).isEmpty();
        assertThat(violations("t", "<option th:each=\"n : ${#numbers.sequence(1, 5)}\" th:text=\"${n}\">")).isEmpty();
        assertThat(violations("t", "<td th:text=\"${o.title}\">")).isEmpty();
    }
}
