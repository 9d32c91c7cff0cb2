package org.bankcrm.service.shared;

/**
 * One CSV cell as every download writes it: RFC 4180 quoting, and a value starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return (other than a plain number) defused with a leading apostrophe, so
 * that a spreadsheet shows it as text and never runs it as a formula ({@code =HYPERLINK(…)}, {@code +cmd},
 * {@code @SUM(…)}).
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
