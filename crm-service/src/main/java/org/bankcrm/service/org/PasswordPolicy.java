package org.bankcrm.service.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The password policy: 12 to 128 characters, at least three of the four character classes (upper
 * case, lower case, digits, symbols), not containing the username, and not a common or leaked password
 * (the bundled {@code common-passwords.txt}; see {@link #isCommon(String)}). Any password of 12 or more
 * characters mixing all four classes and built on an uncommon stem passes, as the API contract requires.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /** The problems of {@code password} as message keys; empty when it is acceptable. */
    public List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            problems.add("password.tooShort");
            return problems;
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("password.tooLong");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            problems.add("password.tooSimple");
        }
        if (isCommon(password)) {
            problems.add("password.common");
        }
        if (username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("password.containsUsername");
        }
        return problems;
    }

    private static final java.util.Set<String> COMMON = load();

    private static java.util.Set<String> load() {
        try (var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code password} is on the bundled list as it stands, or once lower-cased, with its trailing digits
     * and symbols removed and the usual letter-for-digit swaps ({@code @ 4 → a}, {@code 3 → e}, {@code 1 ! → i},
     * {@code 0 → o}, {@code 5 $ → s}, {@code 7 → t}) undone: "Password2026!", "P@ssw0rd123" and "Qwerty123456!"
     * are all common.
     */
    static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return true;
        }
        String stem = lower.replaceFirst("[^\\p{L}]+$", "");
        String plain = unswap(lower).replaceFirst("[^\\p{L}]+$", "");
        return stem.isEmpty() || COMMON.contains(stem) || COMMON.contains(unswap(stem)) || COMMON.contains(plain)
                || COMMON.contains(lower.replaceAll("[^\\p{L}]", ""));
    }

    private static String unswap(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(switch (c) {
                case '@', '4' -> 'a';
                case '3' -> 'e';
                case '1', '!' -> 'i';
                case '0' -> 'o';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }

    public void check(String field, String password, String username) {
        List<String> problems = problems(password, username);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .map(p -> new InvalidInputException.FieldError(field, p, MIN_LENGTH)).toList());
        }
    }
}
