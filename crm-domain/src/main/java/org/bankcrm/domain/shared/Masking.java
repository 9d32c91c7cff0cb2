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

    /** Landline with its area code (010-12345678); a separated mobile (138-1234-8000); a run of 11+ digits. */
    private static final java.util.regex.Pattern NUMBERS_IN_TEXT = java.util.regex.Pattern.compile(
            "(?<![0-9A-Za-z])(?:(0\\d{2,3})[- ](\\d{7,8})|(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})|(\\d{11,}[Xx]?))"
                    + "(?![0-9A-Za-z])");

    /**
     * Free text (a next action, a note) with the phone and ID-like numbers in it masked as {@link #phone} and
     * {@link #idNo} mask them: mobiles, also written 138-1234-8000, landlines with their area code (the area code
     * stays), ID numbers (15 or 18 characters) and any other run of eleven or more digits (cards, accounts).
     * Shorter numbers (amounts, dates, counts) stay as written.
     */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        java.util.regex.Matcher m = NUMBERS_IN_TEXT.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String masked;
            if (m.group(1) != null) {
                masked = m.group(1) + "-" + keep(m.group(2), 0, 4);
            } else if (m.group(3) != null) {
                masked = phone(m.group(3) + m.group(4) + m.group(5));
            } else {
                String digits = m.group(6);
                masked = digits.length() == 11 ? phone(digits) : idNo(digits);
            }
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(masked));
        }
        m.appendTail(b);
        return b.toString();
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
