package org.bankcrm.domain.complaint;

/** What a complaint is about (reference-data.md "Complaints"). */
public enum ComplaintCategory {
    SERVICE, PRODUCT, FEE, SYSTEM, OTHER;

    /** The category named {@code name} (surrounding blanks ignored), or null when there is none. */
    public static ComplaintCategory parse(String name) {
        if (name == null) {
            return null;
        }
        for (ComplaintCategory c : values()) {
            if (c.name().equals(name.strip())) {
                return c;
            }
        }
        return null;
    }
}
