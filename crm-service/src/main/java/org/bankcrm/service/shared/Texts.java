package org.bankcrm.service.shared;

/** Small helpers for text that users type. */
public final class Texts {

    private Texts() {
    }

    /** Trimmed, or null when blank. */
    public static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
