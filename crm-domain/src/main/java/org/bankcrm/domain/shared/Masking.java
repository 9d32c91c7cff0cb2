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

    /**
     * Whether a customer of type {@code customerType} (a {@code CustomerType} code) is a person, whose name is personal
     * data: every type but a company ({@code CORPORATE}) is, so that a type nobody foresaw is masked, not shown.
     */
    public static boolean isPerson(String customerType) {
        return !"CORPORATE".equals(customerType);
    }

    /** A customer's name where personal data is masked: a person's as {@link #name}, a company's as registered. */
    public static String customerName(String name, String customerType) {
        return isPerson(customerType) ? name(name) : name;
    }

    /** Text naming a customer (an opportunity's title) with a person's name in it masked ({@link #nameIn}). */
    public static String customerNameIn(String text, String name, String customerType) {
        return isPerson(customerType) ? nameIn(text, name) : text;
    }

    /**
     * Text that may carry a person's name (an opportunity's title is "客户名 · 产品" by default) with that name masked as
     * {@link #name} masks it; the text as it is when the name is missing or absent from it.
     */
    public static String nameIn(String text, String name) {
        if (text == null || name == null || name.isBlank()) {
            return text;
        }
        return text.replace(name.strip(), name(name));
    }

    /** What may stand between the digits of a mobile: up to three of {@code - . / _ space}. */
    private static final String SEP = "[-. /_]{0,3}";

    /**
     * Numbers in free text, in the order they are tried at each position: (1) a mobile, with or without +86 / 0086 /
     * (+86) in front, its eleven digits run together or grouped in any way; (2) a landline with its area code, the
     * local number whole or in two groups (010-62345678, 010-1234-5678, 0755 8888 9999, 010.62345678), the area code
     * also in brackets ((010)62345678, (0755) 8888 9999) or after the country code without its 0 (+86 10 6234 5678,
     * 86-10-62345678); (3) a grouped long number (cards, accounts, ID numbers written 6222 0212 3456 7890 or
     * 110105.19900101.0021: groups of three or more digits, so dates never qualify), masked only when its digits
     * total fifteen or more; (4) any other run of eleven or more digits. A mobile's separator is up to three of
     * {@code - . / _ space} ("139 - 1234 - 5678"). The patterns run on the text as {@link #shadow} writes it: any
     * decimal digit as its ASCII digit, odd spaces, dashes and brackets as plain ones; a letter next to a number does
     * not hide it ({@code tel13912345678}).
     */
    private static final java.util.regex.Pattern NUMBERS_IN_TEXT = java.util.regex.Pattern.compile(
            "(?<![0-9+])(?:"
                    + "(?<cc>(?:\\(\\+86\\)|\\+86|0086)[- ]?)?(?<mobile>1" + SEP + "[3-9](?:" + SEP + "\\d){9})"
                    + "|\\((?<barea>0\\d{2,3})\\)[-. ]?(?<bl1>\\d{3,4})[-. ]?(?<bl2>\\d{4})"
                    + "|(?<area>0\\d{2,3})[-. ](?<l1>\\d{3,4})[-. ]?(?<l2>\\d{4})"
                    + "|(?<icc>\\+86|0086|86)[- ](?<iarea>[1-9]\\d{1,2})[- ](?<il1>\\d{3,4})[- ]?(?<il2>\\d{4})"
                    + "|(?<grouped>\\d{3,6}(?:[-. ]{1,3}\\d{3,8}){2,}[Xx]?)"
                    + "|(?<run>\\d{11,}[Xx]?)"
                    + ")(?![0-9])");

    /**
     * Free text (a next action, a note) with the phone and ID-like numbers in it masked as {@link #phone} and
     * {@link #idNo} mask them (the patterns: {@link #NUMBERS_IN_TEXT}); a mobile keeps the country code it was written
     * with and a landline its area code. Shorter numbers (amounts, dates, counts) stay as written, and so does the
     * text around a number, character for character.
     */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        java.util.regex.Matcher m = NUMBERS_IN_TEXT.matcher(shadow(text));
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String masked;
            if (m.group("mobile") != null) {
                String cc = m.group("cc");
                masked = (cc == null ? "" : cc) + phone(m.group("mobile").replaceAll("[^0-9]", ""));
            } else if (m.group("area") != null) {
                masked = m.group("area") + "-" + keep(m.group("l1") + m.group("l2"), 0, 4);
            } else if (m.group("barea") != null) {
                masked = "(" + m.group("barea") + ")" + keep(m.group("bl1") + m.group("bl2"), 0, 4);
            } else if (m.group("iarea") != null) {
                masked = m.group("icc") + " " + m.group("iarea") + "-" + keep(m.group("il1") + m.group("il2"), 0, 4);
            } else if (m.group("grouped") != null) {
                String digits = m.group("grouped").replaceAll("[-. ]", "");
                masked = digits.length() >= 15 ? idNo(digits) : text.substring(m.start(), m.end());
            } else {
                String digits = m.group("run");
                masked = digits.length() == 11 ? phone(digits) : idNo(digits);
            }
            b.append(text, last, m.start()).append(masked);
            last = m.end();
        }
        return last == 0 ? text : b.append(text, last, text.length()).toString();
    }

    /**
     * The text the patterns read, of the same length: every decimal digit (full-width １, Arabic-Indic ١, …) as its
     * ASCII digit; spaces that do not look like one (no-break, thin, ideographic, zero-width, word joiner) as a space;
     * dashes, full stops, brackets, slashes and underscores of other widths as their ASCII selves.
     */
    static String shadow(String text) {
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch > 127) {
                if (Character.isDigit(ch)) {
                    c[i] = (char) ('0' + Character.digit(ch, 10));
                } else if (Character.isSpaceChar(ch) || ch == '\u200B' || ch == '\u200C' || ch == '\u200D'
                        || ch == '\u2060' || ch == '\uFEFF') {
                    c[i] = ' ';
                } else if (ch == '\uFF0D' || ch == '\u2212' || (ch >= '\u2010' && ch <= '\u2015')) {
                    c[i] = '-';
                } else if (ch == '\uFF0E' || ch == '\u3002') {
                    c[i] = '.';
                } else if (ch == '\uFF08' || ch == '\uFF09') {
                    c[i] = ch == '\uFF08' ? '(' : ')';
                } else if (ch == '\uFF0F' || ch == '\uFF3F') {
                    c[i] = ch == '\uFF0F' ? '/' : '_';
                }
            } else if (ch == '\t') {
                c[i] = ' ';
            }
        }
        return new String(c);
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
