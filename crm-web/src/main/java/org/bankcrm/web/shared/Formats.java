package org.bankcrm.web.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.bankcrm.service.shared.ClockConfig;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Number and time formats for the pages ({@code ${@fmt.money(x)}}): yuan with two decimals, large sums in
 * 万元 (zh) or thousands (en), percentages, instants in the bank's zone.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ClockConfig.BANK_ZONE);

    private final MessageSource messages;

    public Formats(MessageSource messages) {
        this.messages = messages;
    }

    /** ¥1,234,567.89 */
    public String money(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        return "¥" + grouped(amount.setScale(2, RoundingMode.HALF_UP), "#,##0.00");
    }

    /** 123.46万 in Chinese, ¥1.23M / ¥12.3K in English: for headline figures. */
    public String wan(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        Locale locale = LocaleContextHolder.getLocale();
        if ("zh".equals(locale.getLanguage())) {
            BigDecimal wan = amount.divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP);
            return "¥" + grouped(wan, "#,##0.00") + messages.getMessage("unit.wan", null, locale);
        }
        if (amount.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
            return "¥" + grouped(amount.divide(BigDecimal.valueOf(1_000_000), 2, RoundingMode.HALF_UP), "#,##0.00") + "M";
        }
        return money(amount);
    }

    /** 0.4567 → 45.7%; null (nothing to divide) → —. */
    /** A fraction of 4 decimals as an exact percentage of 2 (a campaign's ROI 3.8125 → 381.25%). */
    public String percentExact(BigDecimal fraction) {
        if (fraction == null) {
            return "—";
        }
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public String percent(BigDecimal fraction) {
        if (fraction == null) {
            return "—";
        }
        return fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public String dateTime(Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    private static String grouped(BigDecimal value, String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value);
    }
}
