package org.bankcrm.web.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bankcrm.service.shared.ClockConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The product's one formatter of figures and dates (D39): templates call it as {@code ${@fmt.money(x)}}, exports
 * and charts through the same methods, so every number reads alike wherever it appears.
 *
 * <p>The rules:
 * <ul>
 * <li><b>Amounts by the kind of figure.</b> A <i>report figure</i> — a sum over many records: a KPI tile, a chart,
 * a dashboard, target or campaign table, a total — is {@link #wan compact}: in 万 from ¥10,000 and in 亿 from
 * ¥100,000,000 (K/M/B in English), two decimals, whole yuan below ¥10,000. A <i>record's amount</i> — one
 * opportunity's amount, one holding, one customer's AUM, a threshold someone set — is {@link #money full yuan}
 * with two decimals. A figure is either a sum or a record's value, so one figure never appears both ways.</li>
 * <li>Zero is {@code ¥0} in both forms; a negative amount is {@code -¥1,234.50}; no figure is {@code —}.</li>
 * <li>Rounding is HALF_UP everywhere (the way a teller rounds); a compact figure picks its unit after rounding,
 * so ¥9,999.50 reads ¥1.00万, never ¥10,000.</li>
 * <li>Rates and probabilities are percentages with one decimal ({@link #percent} for a fraction 0.355 → 35.5%,
 * {@link #points} for a value already in percent 35 → 35%); a rate someone set reads back exactly
 * ({@link #exactPercent}: 0.00125 → 0.125%).</li>
 * <li>Counts and thresholds have thousands separators ({@link #count}, {@link #number}).</li>
 * <li>Dates are {@code YYYY-MM-DD}, date-times {@code YYYY-MM-DD HH:mm} in the bank's zone; a relative date
 * ({@link #relative}, "3 天前") is shown with the ISO date on hover.</li>
 * </ul>
 * The unit words and scales of the compact form are messages ({@code fmt.scales}), so a language brings its own.
 */
@Component("fmt")
public class Formats {

    /** Below this a compact figure stays in whole yuan (¥9,999), in every language. */
    static final BigDecimal COMPACT_FROM = BigDecimal.valueOf(10_000);
    /** The Excel number format that writes a record's amount as {@link #money} does. */
    public static final String EXCEL_MONEY = "\"¥\"#,##0.00;-\"¥\"#,##0.00;\"¥\"0";
    /** The Excel number format that writes a fraction as {@link #percent} does. */
    public static final String EXCEL_PERCENT = "0.0%";
    /** The Excel number format that writes a ratio as {@link #multiple} does. */
    public static final String EXCEL_MULTIPLE = "#,##0.00\"×\"";

    private static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ClockConfig.BANK_ZONE);

    private final MessageSource messages;
    private final Clock clock;

    @Autowired
    public Formats(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** The same rules outside a request (exports): the bank's clock. */
    public static Formats of(MessageSource messages) {
        return new Formats(messages, Clock.system(ClockConfig.BANK_ZONE));
    }

    /** A unit of the compact form: amounts from {@code from} are divided by it and carry {@code suffix}. */
    public record Scale(BigDecimal from, String suffix, String axisUnit) {
    }

    // ---- amounts ----

    /** A record's amount in full yuan: ¥1,234,567.89, ¥0, -¥12.50, — for none. */
    public String money(BigDecimal amount) {
        if (amount == null) {
            return NONE;
        }
        BigDecimal v = amount.setScale(2, RoundingMode.HALF_UP);
        if (v.signum() == 0) {
            return "¥0";
        }
        return (v.signum() < 0 ? "-¥" : "¥") + grouped(v.abs(), "#,##0.00");
    }

    /** A report figure in the reader's language: ¥123.46万, ¥1.20亿, ¥9,999, ¥0; — for none. */
    public String wan(BigDecimal amount) {
        return wan(amount, locale());
    }

    public String wan(BigDecimal amount, Locale locale) {
        if (amount == null) {
            return NONE;
        }
        String sign = amount.signum() < 0 ? "-" : "";
        BigDecimal abs = amount.abs();
        BigDecimal whole = abs.setScale(0, RoundingMode.HALF_UP);
        if (whole.compareTo(COMPACT_FROM) < 0) {
            return whole.signum() == 0 ? "¥0" : sign + "¥" + grouped(whole, "#,##0");
        }
        Scale chosen = pick(abs, locale);
        BigDecimal shown = abs.divide(chosen.from(), 2, RoundingMode.HALF_UP);
        return sign + "¥" + grouped(shown, "#,##0.00") + chosen.suffix();
    }

    /**
     * The unit a chart axis of amounts is drawn in, chosen by its largest value by the compact rule: the scale
     * (divide the values by {@code from}) and the unit's name for the axis title (万元, 亿元, or 元).
     */
    public Scale axisScale(BigDecimal largest, Locale locale) {
        BigDecimal abs = largest == null ? BigDecimal.ZERO : largest.abs();
        if (abs.setScale(0, RoundingMode.HALF_UP).compareTo(COMPACT_FROM) < 0) {
            return new Scale(BigDecimal.ONE, "", msg("fmt.unit.yuan", locale));
        }
        return pick(abs, locale);
    }

    /**
     * The unit of a compact figure: the smallest scale, then each larger one as soon as the figure rounded in the
     * unit below reaches it (9,999.995万 rounds to 10,000.00万, so it is ¥1.00亿).
     */
    private Scale pick(BigDecimal abs, Locale locale) {
        List<Scale> scales = new ArrayList<>(scales(locale));
        java.util.Collections.reverse(scales);
        Scale chosen = scales.get(0);
        for (Scale s : scales.subList(1, scales.size())) {
            BigDecimal inChosen = abs.divide(chosen.from(), 2, RoundingMode.HALF_UP).multiply(chosen.from());
            if (inChosen.compareTo(s.from()) >= 0) {
                chosen = s;
            }
        }
        return chosen;
    }

    /** {@code fmt.scales}: "100000000|亿|亿元,10000|万|万元", largest first. */
    List<Scale> scales(Locale locale) {
        List<Scale> out = new ArrayList<>();
        for (String part : msg("fmt.scales", locale).split(",")) {
            String[] p = part.split("\\|");
            out.add(new Scale(new BigDecimal(p[0].strip()), p[1].strip(), p[2].strip()));
        }
        return out;
    }

    /**
     * A value of an edited field as the history stored it (text): an amount as a record's amount (¥120,000.00),
     * anything else as stored (dates are stored ISO); — for none.
     */
    public String fieldValue(String field, String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        if ("amount".equals(field)) {
            try {
                return money(new BigDecimal(stored.strip()));
            } catch (NumberFormatException e) {
                return stored;
            }
        }
        return stored;
    }

    /**
     * A code by its name in the reader's language, the message {@code prefix + code} (a company size, a tier, a
     * product); the code itself when it has none; null for none.
     */
    public String name(String prefix, Object code) {
        if (code == null || code.toString().isBlank()) {
            return null;
        }
        return messages.getMessage(prefix + code, null, code.toString(), locale());
    }

    /** Items one after the other as the reader's language lists them: 甲、乙、丙; a, b, c. Null for none. */
    public String joined(java.util.Collection<String> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        return String.join(messages.getMessage("list.separator", null, ", ", locale()), items);
    }

    // ---- rates, counts, thresholds ----

    /** A fraction as a percentage with one decimal: 0.355 → 35.5%, -0.125 → -12.5%; — for none. */
    public String percent(BigDecimal fraction) {
        if (fraction == null) {
            return NONE;
        }
        return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /**
     * A ratio that is read as "so many times" (a target's pipeline coverage, weighted pipeline ÷ what is left), with
     * two decimals and thousands separators: 3.2 → 3.20×, 0.25 → 0.25×, 6870.6495 → 6,870.65×, 0.004 → &lt;0.01×
     * (some, not none); — for none. A
     * percentage of a small remainder would run to six digits (687,064.9%).
     */
    public String multiple(BigDecimal ratio) {
        if (ratio == null) {
            return NONE;
        }
        BigDecimal shown = ratio.setScale(2, RoundingMode.HALF_UP);
        if (shown.signum() == 0 && ratio.signum() > 0) {
            return "<0.01×";    // some pipeline, not none
        }
        return String.format(Locale.ROOT, "%,.2f×", shown);
    }

    /**
     * A rate someone set (a product's revenue rate), exactly as stored: 0.00125 → 0.125%, 0.008 → 0.8%; — for none.
     * A computed rate has one decimal ({@link #percent}); a set one must read back as it was typed.
     */
    public String exactPercent(BigDecimal fraction) {
        if (fraction == null) {
            return NONE;
        }
        BigDecimal v = fraction.movePointRight(2).stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString() + "%";
    }

    /** A value already in percent (a stage's probability 35, a weight 20): 35%, 12.5%; — for none. */
    public String points(Number value) {
        if (value == null) {
            return NONE;
        }
        BigDecimal v = new BigDecimal(value.toString()).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.toPlainString() + "%";
    }

    /** A count with thousands separators: 12,345; — for none. */
    public String count(Number value) {
        if (value == null) {
            return NONE;
        }
        return grouped(new BigDecimal(value.toString()), "#,##0");
    }

    /** A threshold or other plain figure: separators, at most two decimals (1,000,000, 0.5); — for none. */
    public String number(Number value) {
        if (value == null) {
            return NONE;
        }
        return grouped(new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP), "#,##0.##");
    }

    /** An average rating (satisfaction 1–5, D46): two decimals, 4.13, 4.00; — for none. */
    public String average(Number value) {
        if (value == null) {
            return NONE;
        }
        return new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A measure between 0 and 1 that is not a rate (an AUC): three decimals, 0.723; — for none. */
    public String ratio(Number value) {
        if (value == null) {
            return NONE;
        }
        return new BigDecimal(value.toString()).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    // ---- dates ----

    /** 2026-12-03; — for none. */
    public String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    /** 2026-12-03 09:15 in the bank's zone; — for none. */
    public String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant);
    }

    /** 今天 / 昨天 / 3 天前 / 3 天后 from today in the bank's zone; — for none. Show {@link #date} on hover. */
    public String relative(LocalDate date) {
        return relative(date, locale());
    }

    /** The same for a moment: its day in the bank's zone. Show {@link #dateTime} on hover. */
    public String relative(Instant instant) {
        return relative(instant == null ? null : LocalDate.ofInstant(instant, ClockConfig.BANK_ZONE), locale());
    }

    public String relative(LocalDate date, Locale locale) {
        if (date == null) {
            return NONE;
        }
        long days = ChronoUnit.DAYS.between(date, LocalDate.now(clock));
        if (days == 0) {
            return msg("fmt.today", locale);
        }
        if (days == 1) {
            return msg("fmt.yesterday", locale);
        }
        return days > 0 ? msg("fmt.daysAgo", locale, days) : msg("fmt.daysAhead", locale, -days);
    }

    // ----

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private static String grouped(BigDecimal value, String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }
}
