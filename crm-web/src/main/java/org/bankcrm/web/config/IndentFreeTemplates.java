package org.bankcrm.web.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;
import org.thymeleaf.templateresource.ITemplateResource;

/**
 * HTML templates as the engine parses them: each line without the indentation it has in the source (D80). The
 * indentation that keeps a template readable was 28 to 33 % of the pages measured (the board: 149 KB, 99 KB without
 * it), each space copied, encoded and written to the socket on every request. The line breaks stay, so words and
 * attributes stay apart. Leading spaces would show only in literal text that keeps its spaces (a {@code <pre>}, a
 * {@code <textarea>}, an element styled {@code white-space: pre} or {@code pre-wrap}) or in a string literal that
 * spans lines; today no template has any, and {@code IndentFreeTemplatesTest} keeps it so for the first three. The
 * engine keeps the parsed template, so a template is read and stripped once. Other template modes are left alone.
 */
final class IndentFreeTemplates implements ITemplateResolver {

    private final ITemplateResolver resolver;

    IndentFreeTemplates(ITemplateResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String getName() {
        return resolver.getName();
    }

    @Override
    public Integer getOrder() {
        return resolver.getOrder();
    }

    @Override
    public TemplateResolution resolveTemplate(IEngineConfiguration configuration, String ownerTemplate,
                                              String template, Map<String, Object> templateResolutionAttributes) {
        TemplateResolution found = resolver.resolveTemplate(configuration, ownerTemplate, template,
                templateResolutionAttributes);
        if (found == null || found.getTemplateMode() != TemplateMode.HTML) {
            return found;
        }
        return new TemplateResolution(new Resource(found.getTemplateResource()),
                found.isTemplateResourceExistenceVerified(), found.getTemplateMode(), found.getUseDecoupledLogic(),
                found.getValidity());
    }

    /** {@code text} with the spaces and tabs at the start of each line removed. */
    static String withoutIndentation(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart && (c == ' ' || c == '\t')) {
                continue;
            }
            lineStart = c == '\n';
            out.append(c);
        }
        return out.toString();
    }

    /** A template's resource whose text comes without indentation. */
    private record Resource(ITemplateResource source) implements ITemplateResource {

        @Override
        public String getDescription() {
            return source.getDescription();
        }

        @Override
        public String getBaseName() {
            return source.getBaseName();
        }

        @Override
        public boolean exists() {
            return source.exists();
        }

        @Override
        public Reader reader() throws IOException {
            StringWriter text = new StringWriter();
            try (Reader in = source.reader()) {
                in.transferTo(text);
            }
            return new StringReader(withoutIndentation(text.toString()));
        }

        @Override
        public ITemplateResource relative(String relativeLocation) {
            return new Resource(source.relative(relativeLocation));
        }
    }
}
