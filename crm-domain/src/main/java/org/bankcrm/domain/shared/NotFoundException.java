package org.bankcrm.domain.shared;

/** The record does not exist, or exists outside the caller's scope: the two are not told apart. */
public class NotFoundException extends CrmException {

    public NotFoundException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
