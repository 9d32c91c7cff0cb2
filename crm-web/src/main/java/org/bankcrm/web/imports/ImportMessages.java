package org.bankcrm.web.imports;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Import problems are stored as messages keys with one argument; this says them in the reader's language. */
@Component("importMessages")
class ImportMessages {

    private final MessageSource messages;

    ImportMessages(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, String arg, Locale locale) {
        return messages.getMessage(key, new Object[] {arg == null ? "" : arg}, key, locale);
    }

    /** For the pages: {@code ${@importMessages.text(e.messageKey, e.messageArg)}}. */
    public String text(String key, String arg) {
        return text(key, arg, LocaleContextHolder.getLocale());
    }
}
