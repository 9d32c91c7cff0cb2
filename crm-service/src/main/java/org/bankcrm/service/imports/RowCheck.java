package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of one data row by column name and collects what is wrong with them, column by column,
 * as the contract's rules say: empty = no value, dates {@code YYYY-MM-DD}, months {@code YYYY-MM}, amounts
 * plain decimals with at most two decimals, at least 0. Values are stripped of surrounding blanks.
 */
final class RowCheck {

    /** What is wrong with one column of one row: a messages key and its argument. */
    record Problem(String column, String key, String arg) {
    }

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern SIGNED_NUMBER = Pattern.compile("-\\d+(\\.\\d+)?");

    private final Map<String, Integer> columns;
    private final List<String> fields;
    private final List<Problem> problems = new ArrayList<>(2);

    RowCheck(Map<String, Integer> columns, List<String> fields) {
        this.columns = columns;
        this.fields = fields;
    }

    List<Problem> problems() {
        return problems;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void problem(String column, String key, String arg) {
        problems.add(new Problem(column, key, arg));
    }

    /** The stripped value, or null when empty or when the file has no such column. */
    String text(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= fields.size()) {
            return null;
        }
        String v = fields.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    String required(String column) {
        String v = text(column);
        if (v == null) {
            problem(column, "import.row.required", null);
        }
        return v;
    }

    /** A text of at most {@code max} characters. */
    String text(String column, boolean required, int max) {
        String v = required ? required(column) : text(column);
        if (v != null && v.codePointCount(0, v.length()) > max) {
            problem(column, "import.row.tooLong", String.valueOf(max));
            return null;
        }
        return v;
    }

    String matching(String column, boolean required, Pattern pattern, String key) {
        String v = required ? required(column) : text(column);
        if (v != null && !pattern.matcher(v).matches()) {
            problem(column, key, null);
            return null;
        }
        return v;
    }

    <E extends Enum<E>> E code(String column, boolean required, Class<E> type) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            problem(column, "import.row.code", v);
            return null;
        }
    }

    LocalDate date(String column, boolean required) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return null;
        }
        LocalDate d = parseDate(v);
        if (d == null) {
            problem(column, "import.row.date", v);
        }
        return d;
    }

    YearMonth month(String column, boolean required) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return null;
        }
        if (MONTH.matcher(v).matches()) {
            try {
                return YearMonth.parse(v);
            } catch (DateTimeParseException e) {
                // falls through to the message
            }
        }
        problem(column, "import.row.month", v);
        return null;
    }

    /** {@code YYYY-MM-DD} as a real date, or null; by hand, since a million rows have several dates each. */
    static LocalDate parseDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        int y = digits(v, 0, 4);
        int m = digits(v, 5, 7);
        int d = digits(v, 8, 10);
        if (y < 0 || m < 0 || d < 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** 1–16 digits, then optionally a point and 1–2 digits: the contract's plain amount. */
    static boolean isAmount(String v) {
        int n = v.length();
        int i = 0;
        while (i < n && Character.isDigit(v.charAt(i)) && v.charAt(i) < 128) {
            i++;
        }
        if (i == 0 || i > 16) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (v.charAt(i) != '.') {
            return false;
        }
        int decimals = n - i - 1;
        return decimals >= 1 && decimals <= 2 && digits(v, i + 1, n) >= 0;
    }

    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An amount in CNY: a plain decimal, at most two decimals, at least 0. */
    BigDecimal amount(String column, boolean required) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return null;
        }
        if (isAmount(v)) {
            return new BigDecimal(v);
        }
        problem(column, SIGNED_NUMBER.matcher(v).matches() ? "import.row.negative" : "import.row.amount", v);
        return null;
    }
}
