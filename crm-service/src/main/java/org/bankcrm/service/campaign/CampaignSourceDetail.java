package org.bankcrm.service.campaign;

import java.util.Optional;

/**
 * What a campaign opportunity keeps as its {@code sourceDetail}: {@code campaign:<id>:<name>}, language-neutral
 * like a referral's ({@code referral:<id>:<referrer>:<channel>}); pages and the API say it in the reader's
 * language ("名单制营销：存单到期客户（#12）" / "Campaign 存单到期客户 (#12)").
 */
public final class CampaignSourceDetail {

    private static final String PREFIX = "campaign:";

    private CampaignSourceDetail() {
    }

    public static String of(long campaignId, String name) {
        return PREFIX + campaignId + ":" + name;
    }

    /** The campaign's name as kept in a source detail written by {@link #of}; empty for any other text. */
    public static Optional<String> name(String sourceDetail) {
        if (sourceDetail == null || !sourceDetail.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = sourceDetail.indexOf(':', PREFIX.length());
        return colon < 0 ? Optional.empty() : Optional.of(sourceDetail.substring(colon + 1));
    }
}
