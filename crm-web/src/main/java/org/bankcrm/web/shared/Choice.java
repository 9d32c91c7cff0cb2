package org.bankcrm.web.shared;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.MessageSource;

/**
 * One option of a list's filter, its value and its label in the reader's language, made in Java: the filter's
 * template reads two properties an option instead of evaluating the caller's expressions for it (D93).
 */
public record Choice(String value, String label) {

    /** Whether this is the option chosen: {@code current} as the page bound it (text or a code), or null. */
    public boolean is(Object current) {
        return current != null && value.equals(code(current));
    }

    /** Each item as an option: its value and its label by the two functions. */
    public static <T> List<Choice> of(Collection<T> items, Function<T, String> value, Function<T, String> label) {
        return items.stream().map(i -> new Choice(value.apply(i), label.apply(i))).toList();
    }

    /** Each code (an enum's name, or text) labelled by the message {@code prefix + code}. */
    public static List<Choice> named(Collection<?> codes, String prefix, MessageSource messages, Locale locale) {
        return of(codes, Choice::code, c -> messages.getMessage(prefix + code(c), null, locale));
    }

    /** Each code labelled by the message {@code key} with the code as its argument ("A 级" for A). */
    public static List<Choice> withArgument(Collection<?> codes, String key, MessageSource messages, Locale locale) {
        return of(codes, Choice::code, c -> messages.getMessage(key, new Object[]{code(c)}, locale));
    }

    private static String code(Object c) {
        return c instanceof Enum<?> e ? e.name() : c.toString();
    }
}
