package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;

/** Templates parsed without their indentation (D80): what is removed, what stays. */
class IndentFreeTemplatesTest {

    @Test
    void theSpacesAndTabsThatStartALineGoAndNothingElse() {
        assertThat(IndentFreeTemplates.withoutIndentation(
                "<ul>\n    <li>a  b</li>\n\t\t<li class=\"x  y\">c</li>\n</ul>"))
                .isEqualTo("<ul>\n<li>a  b</li>\n<li class=\"x  y\">c</li>\n</ul>");
        assertThat(IndentFreeTemplates.withoutIndentation("  <p>\r\n   one\r\n  two </p>  "))
                .isEqualTo("<p>\r\none\r\ntwo </p>  ");
        assertThat(IndentFreeTemplates.withoutIndentation("")).isEmpty();
        assertThat(IndentFreeTemplates.withoutIndentation("\n\n  \n")).isEqualTo("\n\n\n");
    }

    @Test
    void theResolversTemplatesAndTheirNeighboursComeWithoutIndentation(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("page.html"), "<div>\n    <span>x</span>\n</div>\n");
        Files.writeString(dir.resolve("other.html"), "<p>\n\t\tsecond</p>\n");
        FileTemplateResolver files = new FileTemplateResolver();
        files.setPrefix(dir + "/");
        files.setSuffix(".html");
        IndentFreeTemplates resolver = new IndentFreeTemplates(files);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        TemplateResolution page = resolver.resolveTemplate(engine.getConfiguration(), null, "page", Map.of());
        assertThat(read(page.getTemplateResource().reader())).isEqualTo("<div>\n<span>x</span>\n</div>\n");
        assertThat(read(page.getTemplateResource().relative("other.html").reader())).isEqualTo("<p>\nsecond</p>\n");
        assertThat(engine.process("page", new Context())).isEqualTo("<div>\n<span>x</span>\n</div>\n");
    }

    /** No template has literal text where leading spaces would show, and no style keeps the spaces of any. */
    @Test
    void noTemplateHasLiteralTextThatKeepsItsSpaces() throws IOException {
        Pattern pre = Pattern.compile("<pre[\\s>]", Pattern.CASE_INSENSITIVE);
        Pattern textareaText = Pattern.compile("<textarea[^>]*>\\s*[^<\\s]", Pattern.CASE_INSENSITIVE);
        Pattern keepsSpaces = Pattern.compile("white-space\\s*:\\s*(pre|pre-wrap|break-spaces)(?![\\w-])",
                Pattern.CASE_INSENSITIVE);
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(template);
                assertThat(text).as(template.toString()).doesNotContainPattern(pre)
                        .doesNotContainPattern(textareaText).doesNotContainPattern(keepsSpaces);
            }
        }
        try (Stream<Path> styles = Files.walk(Path.of("src/main/resources/static"))) {
            for (Path style : styles.filter(p -> p.toString().endsWith(".css")).toList()) {
                assertThat(Files.readString(style)).as(style.toString()).doesNotContainPattern(keepsSpaces);
            }
        }
    }

    private static String read(Reader reader) throws IOException {
        StringWriter out = new StringWriter();
        try (reader) {
            reader.transferTo(out);
        }
        return out.toString();
    }
}
