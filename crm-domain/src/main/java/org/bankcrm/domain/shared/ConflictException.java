package org.bankcrm.domain.shared;

/** The request contradicts the record's current state: a stale version or a transition the rules forbid. */
public class ConflictException extends CrmException {

    public ConflictException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
