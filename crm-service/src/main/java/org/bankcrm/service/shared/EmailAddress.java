package org.bankcrm.service.shared;

import java.util.regex.Pattern;

/**
 * The one rule for an e-mail address a user or an admin types (the profile, the users page and API): dot-atoms on
 * both sides of the {@code @}, a domain of at least two labels; no quoted local part, no address literal
 * ({@code "a\"b"@[127.0.0.1]} is valid mail syntax, but no address of a bank's staff, and a digest sent there helps
 * nobody).
 */
public final class EmailAddress {

    /** The rule as a regular expression (usable in {@code @Pattern}). */
    public static final String REGEX = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private EmailAddress() {
    }

    /** Whether the text is such an address. */
    public static boolean valid(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }
}
