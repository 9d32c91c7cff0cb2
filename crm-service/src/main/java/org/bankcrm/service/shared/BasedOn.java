package org.bankcrm.service.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.domain.shared.ConflictException;

/**
 * The versions a change names as what it was made from, for content that has no row to carry a version (a set
 * replaced whole, an opportunity's team; D85): a page's hidden field, or the API's {@code If-Match} with the
 * {@code ETag} that was read. Such content's version is a digest of its text ({@link #digest}), so the same content
 * has the same version whoever saved it when. No version named means no check, as {@code version} is optional
 * elsewhere.
 */
public record BasedOn(List<String> versions) {

    /** A change that names no version: saved over whatever is there. */
    public static final BasedOn ANY = new BasedOn(List.of());

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    public BasedOn {
        versions = List.copyOf(versions);
    }

    /** The version a form's hidden field carries; blank or absent names none. */
    public static BasedOn field(String value) {
        return value == null || value.isBlank() ? ANY : new BasedOn(List.of(value.strip()));
    }

    /**
     * The versions an {@code If-Match} header names: one or more entity tags, strong or weak ({@code W/"…"}), any of
     * which may match; {@code *} or no header names none. A bare token without quotes is read as a tag, for clients
     * that send the value as they would a field.
     */
    public static BasedOn ifMatch(String header) {
        String value = header == null ? "" : header.strip();
        if (value.isEmpty() || value.equals("*")) {
            return ANY;
        }
        List<String> tags = new ArrayList<>();
        Matcher m = QUOTED.matcher(value);
        while (m.find()) {
            tags.add(m.group(1));
        }
        if (tags.isEmpty()) {
            for (String part : value.split(",")) {
                String tag = part.strip();
                tags.add(tag.startsWith("W/") ? tag.substring(2) : tag);
            }
        }
        return new BasedOn(tags);
    }

    /** Refuses the change (409 with {@code messageKey}) when it names versions and none is {@code current}. */
    public void check(String current, String messageKey) {
        if (!versions.isEmpty() && !versions.contains(current)) {
            throw new ConflictException(messageKey);
        }
    }

    /** The version of content that has no row to carry one: the first 16 hex digits of the SHA-256 of its text. */
    public static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
