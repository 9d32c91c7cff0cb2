package org.bankcrm.web.shared;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.List;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.shared.Texts;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * A JSON body that names the fields it did not declare instead of ignoring them: a client that misspells a field
 * (or sends one of another version of the API) gets a 400 naming it ({@code validation.unknownField}), and nothing
 * is saved. A name is repeated up to its first {@link FieldError#NAME_SHOWN} characters, and the first
 * {@value #NAMED} such fields are named. An unknown field's value is skipped as it is read, never built: a body of
 * 8 MB of nested arrays under an unknown name took some 190 MB of heap to refuse.
 */
public abstract class StrictBody {

    /** The most undeclared fields an answer names. */
    static final int NAMED = 20;

    private final List<String> unknown = new ArrayList<>();

    @JsonAnySetter
    void unknownField(String name, Skipped value) {
        if (unknown.size() < NAMED) {
            unknown.add(Texts.firstCodePoints(name, FieldError.NAME_SHOWN));
        }
    }

    /** An undeclared field's value: read past, token by token, and never built (always null). */
    @JsonDeserialize(using = Skipped.Reader.class)
    static final class Skipped {

        private Skipped() {
        }

        static final class Reader extends StdDeserializer<Skipped> {

            Reader() {
                super(Skipped.class);
            }

            @Override
            public Skipped deserialize(JsonParser p, DeserializationContext ctxt) {
                p.skipChildren();
                return null;
            }
        }
    }

    /** The undeclared fields, each as a field error under {@code prefix + name}. */
    public List<FieldError> unknownFields(String prefix) {
        return unknown.stream().map(n -> new FieldError(prefix + n, "validation.unknownField")).toList();
    }

    /** The undeclared fields' names under {@code prefix}. */
    public List<String> unknown(String prefix) {
        return unknown.stream().map(n -> prefix + n).toList();
    }
}
