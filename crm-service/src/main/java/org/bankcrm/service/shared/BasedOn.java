package org.bankcrm.service.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    /** What a header that names no tag stands for: no content's version, so it matches nothing. */
    private static final String NO_TAG = "";

    public BasedOn {
        versions = List.copyOf(versions);
    }

    /** The version a form's hidden field carries; blank or absent names none. */
    public static BasedOn field(String value) {
        return value == null || value.isBlank() ? ANY : new BasedOn(List.of(value.strip()));
    }

    /**
     * The versions an {@code If-Match} header names: one or more entity tags, strong or weak ({@code W/"…"}), quoted
     * or not, any of which may match; {@code *} or no header names none (no check). A header that is there but names
     * no tag ({@code ,}) matches nothing: a client that meant a precondition gets a conflict, not a blind save.
     */
    public static BasedOn ifMatch(String header) {
        String value = header == null ? "" : header.strip();
        if (value.isEmpty() || value.equals("*")) {
            return ANY;
        }
        List<String> tags = new ArrayList<>();
        for (String part : value.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2).strip();
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return new BasedOn(tags.isEmpty() ? List.of(NO_TAG) : tags);
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
