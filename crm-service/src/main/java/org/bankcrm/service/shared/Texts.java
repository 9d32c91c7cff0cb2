package org.bankcrm.service.shared;

import java.util.Set;

/** Small helpers for text that users type. */
public final class Texts {

    /** Characters that take no room: zero-width space, non-joiner and joiner, word joiner, byte-order mark. */
    private static final Set<Character> INVISIBLE = Set.of('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF');

    private Texts() {
    }

    /**
     * Trimmed, or null when blank: blank also when it holds nothing but spaces of any kind, zero-width characters
     * and the byte-order mark (a text of one zero-width space is no text).
     */
    public static String clean(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !INVISIBLE.contains(c)) {
                return s.strip();
            }
        }
        return null;
    }

    /**
     * The text's first {@code max} characters, counted in code points so that no surrogate pair is cut in two; the
     * text itself when it is no longer (or null).
     */
    public static String firstCodePoints(String s, int max) {
        if (s == null || s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    /** Escapes LIKE wildcards so that user text matches literally ({@code \} is the escape character). */
    public static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
