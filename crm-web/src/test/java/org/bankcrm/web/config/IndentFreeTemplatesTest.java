package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    /** No template shows literal text where leading spaces would show. */
    @Test
    void noTemplateHasLiteralTextInAPreOrATextarea() throws IOException {
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(template);
                assertThat(text).as(template.toString()).doesNotContainPattern("<pre[\\s>]").doesNotContainPattern(
                        "<textarea[^>]*>[^<]");
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
