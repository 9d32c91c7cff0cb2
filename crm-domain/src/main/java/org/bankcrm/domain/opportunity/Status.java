package org.bankcrm.domain.opportunity;

/** OPEN while in an open stage; WON or LOST once closed. */
public enum Status {
    OPEN, WON, LOST
}
