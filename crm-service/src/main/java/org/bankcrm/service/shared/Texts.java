package org.bankcrm.service.shared;

/** Small helpers for text that users type. */
public final class Texts {

    private Texts() {
    }

    /** Trimmed, or null when blank. */
    public static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Escapes LIKE wildcards so that user text matches literally ({@code \} is the escape character). */
    public static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
