package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every text a user reads comes from messages*.properties: both bundles have the same keys, every key a
 * template or the code names exists, and no template carries literal words.
 */
class I18nTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
    /** Text that needs no translation: punctuation, arrows, symbols, digits. */
    private static final Pattern NEUTRAL = Pattern.compile("[\\s\\p{Punct}·—→|×%0-9≥¥]*");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> zh = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        assertThat(en).as("keys missing in English").containsAll(zh);
        assertThat(zh).as("keys missing in Chinese").containsAll(en);
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
            while (m.find()) {
                if (!keys.contains(m.group(1))) {
                    missing.add(template.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMessageKeyTheCodeUsesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern literal = Pattern.compile("\"((?:error|validation|customer|opportunity|branch|user|password|product|"
                + "referral|visit|scoring|board|followUp)\\.[A-Za-z.]+)\"|\\{(validation\\.[A-Za-z.]+)}");
        List<String> missing = new ArrayList<>();
        for (String module : List.of("../crm-domain/src/main/java", "../crm-service/src/main/java", "src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(module))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        String key = m.group(1) != null ? m.group(1) : m.group(2);
                        if (!keys.contains(key)) {
                            missing.add(f.getFileName() + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
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

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}
