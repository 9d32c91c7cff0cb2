package org.bankcrm.domain.opportunity;

/** Kinds of entries in an opportunity's history; field edits are {@code FIELD:<name>}. */
public final class HistoryEvent {

    public static final String CREATED = "CREATED";
    public static final String STAGE = "STAGE";
    public static final String OWNER = "OWNER";
    public static final String REOPENED = "REOPENED";
    /** An approval requested or decided (D45): from/to are the approval's status. */
    public static final String APPROVAL = "APPROVAL";

    private HistoryEvent() {
    }

    public static String field(String name) {
        return "FIELD:" + name;
    }
}
