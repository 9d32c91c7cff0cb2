package org.bankcrm.domain.shared;

/**
 * Masks personal data for display (JR/T 0171-2020 style): the first and last characters stay, the
 * middle becomes asterisks. Masking happens on the server; the clear value never leaves it unmasked.
 */
public final class Masking {

    private Masking() {
    }

    /** {@code 110105199001010021} → {@code 110105********0021}; short values are masked whole but the last character. */
    public static String idNo(String idNo) {
        return keep(idNo, 6, 4);
    }

    /** {@code 13812348000} → {@code 138****8000}. */
    public static String phone(String phone) {
        return keep(phone, 3, 4);
    }

    /** A person's name for exports: {@code 王小明} → {@code 王**}, {@code Li Lei} → {@code L*****}. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String v = name.strip();
        int first = v.offsetByCodePoints(0, 1);
        return v.substring(0, first) + "*".repeat(Math.max(v.codePointCount(first, v.length()), 1));
    }

    private static String keep(String value, int head, int tail) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        int n = v.length();
        if (n <= head + tail) {
            // Too short to keep both ends and still hide something: show only the last character.
            return "*".repeat(Math.max(n - 1, 1)) + (n > 1 ? v.substring(n - 1) : "");
        }
        return v.substring(0, head) + "*".repeat(n - head - tail) + v.substring(n - tail);
    }
}
