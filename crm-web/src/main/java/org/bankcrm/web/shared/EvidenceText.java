package org.bankcrm.web.shared;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.service.campaign.CampaignSourceDetail;
import org.bankcrm.service.discovery.Evidence;
import org.bankcrm.service.opportunity.OpportunityView;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says a discovery rule's evidence in the reader's language ({@code ${@evidence.text(e)}} in templates), e.g.
 * 定期存款 ¥200,000.00 将于 2026-12-15 到期 / Time deposit of ¥200,000.00 matures on 2026-12-15. The evidence
 * JSON holds the figures; the words come from {@code evidence.*} messages.
 */
@Component("evidence")
public class EvidenceText {

    private final MessageSource messages;
    private final Formats formats;

    public EvidenceText(MessageSource messages, Formats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** One evidence item in words. */
    public String text(Evidence e) {
        Map<String, Object> a = e.args();
        return switch (e.rule()) {
            case "MATURITY" -> number(a.get("holdings")) != null && number(a.get("holdings")).intValue() > 1
                    ? msg("evidence.MATURITY.several", product(a.get("product")), money(a.get("amount")),
                            str(a.get("maturityDate")), str(a.get("holdings")))
                    : msg("evidence.MATURITY", product(a.get("product")), money(a.get("amount")),
                            str(a.get("maturityDate")));
            case "OUTFLOW" -> msg("evidence.OUTFLOW", str(a.get("declinePercent")), str(a.get("month")),
                    money(a.get("latestAum")), money(a.get("averageAum")));
            case "TIER_UPGRADE" -> msg("evidence.TIER_UPGRADE", money(a.get("aum")),
                    msg("tier." + str(a.get("nextTier"))), money(a.get("threshold")), money(a.get("gap")));
            case "PAYROLL_LINK" -> msg("evidence.PAYROLL_LINK", str(a.get("employees")));
            case "EMPLOYEE_CARD" -> msg("evidence.EMPLOYEE_CARD", str(a.get("employerName")));
            case "CROSS_SELL_CARD" -> msg("evidence.CROSS_SELL_CARD", str(a.get("age")), str(a.get("products")));
            case "CROSS_SELL_WEALTH" -> msg("evidence.CROSS_SELL_WEALTH", str(a.get("age")), money(a.get("aum")));
            case "DORMANT" -> msg("evidence.DORMANT", str(a.get("lastTxnOn")), str(a.get("inactiveDays")),
                    money(a.get("aum")));
            default -> msg("evidence.unknown", e.rule());
        };
    }

    /** Every item in words, joined as one sentence list. */
    public String joined(List<Evidence> evidence) {
        String separator = "zh".equals(LocaleContextHolder.getLocale().getLanguage()) ? "；" : "; ";
        return String.join(separator, evidence.stream().map(this::text).toList());
    }

    /**
     * The opportunity with its source detail said in the reader's language: from its evidence, for a
     * system-discovered one; who referred it and through which channel, for one opened from a referral; its
     * campaign, for one of a campaign; any other is returned as it is.
     */
    public OpportunityView localized(OpportunityView o) {
        if (o.source() == Source.REFERRAL && o.referredBy() != null) {
            return o.withSourceDetail(referredBy(o.referredBy()));
        }
        if (o.campaignId() != null) {
            return o.withSourceDetail(campaign(o));
        }
        if (o.source() != Source.DISCOVERY_RULE || o.evidence() == null || o.evidence().isEmpty()) {
            return o;
        }
        return o.withSourceDetail(joined(o.evidence()));
    }

    /** "名单制营销：存单到期客户（#12）" / "Campaign 存单到期客户 (#12)", for an opportunity of a campaign. */
    public String campaign(OpportunityView o) {
        String name = CampaignSourceDetail.name(o.sourceDetail()).orElse(o.sourceDetail());
        return msg("opportunity.fromCampaign", name, String.valueOf(o.campaignId()));
    }

    /** "转介人 王芳 · 大堂" / "Referred by 王芳 · Lobby". */
    public String referredBy(OpportunityView.Referred r) {
        return msg("opportunity.referredBy", r.referrerName(), msg("channel." + r.channel()));
    }

    private String msg(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }

    private String product(Object code) {
        return msg("product." + str(code));
    }

    private String money(Object value) {
        BigDecimal n = number(value);
        return n == null ? "—" : formats.money(n);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String str(Object value) {
        return value == null ? "—" : value.toString();
    }
}
