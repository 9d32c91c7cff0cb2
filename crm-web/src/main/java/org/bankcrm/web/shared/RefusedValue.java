package org.bankcrm.web.shared;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A value in a JSON body that Jackson read but the product refuses as it is read (a NUL in text, a date outside the
 * years 1 to 9999): answered 400 naming the field, with the message under {@link #messageKey()}. It carries neither
 * the value nor the client's text.
 */
public final class RefusedValue extends InvalidFormatException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    public RefusedValue(JsonParser p, String messageKey, Class<?> targetType) {
        super(p, "Refused value (" + messageKey + ")", null, targetType);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
