package org.bankcrm.domain.shared;

/** The caller may see the record but may not do this to it (a role rule, not a scope rule). */
public class ForbiddenException extends CrmException {

    public ForbiddenException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
