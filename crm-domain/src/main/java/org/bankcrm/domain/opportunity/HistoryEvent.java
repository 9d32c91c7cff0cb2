package org.bankcrm.domain.opportunity;

/** Kinds of entries in an opportunity's history; field edits are {@code FIELD:<name>}. */
public final class HistoryEvent {

    public static final String CREATED = "CREATED";
    public static final String STAGE = "STAGE";
    public static final String OWNER = "OWNER";
    public static final String REOPENED = "REOPENED";
    /** An approval requested or decided (D45): from/to are the approval's status. */
    public static final String APPROVAL = "APPROVAL";
    /** A team member added (D44): {@code to} the username, {@code comment} their role and credit share. */
    public static final String MEMBER_ADDED = "MEMBER_ADDED";
    /** A team member removed (D44): {@code from} the username. */
    public static final String MEMBER_REMOVED = "MEMBER_REMOVED";

    private HistoryEvent() {
    }

    public static String field(String name) {
        return "FIELD:" + name;
    }
}
