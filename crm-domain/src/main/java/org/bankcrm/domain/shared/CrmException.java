package org.bankcrm.domain.shared;

import java.util.List;

/**
 * A failure the user can act on. It carries a {@code messages*.properties} key and its arguments,
 * never a finished sentence, so every layer can show it in the user's language.
 */
public abstract class CrmException extends RuntimeException {

    private final String messageKey;
    private final transient List<Object> args;

    protected CrmException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        // Arguments may be null (a value the user left out): kept as they are, never an exception of its own.
        this.args = args == null ? List.of() : java.util.Collections.unmodifiableList(java.util.Arrays.asList(args.clone()));
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.toArray();
    }
}
