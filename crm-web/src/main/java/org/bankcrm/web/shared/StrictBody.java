package org.bankcrm.web.shared;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.List;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.shared.Texts;

/**
 * A JSON body that names the fields it did not declare instead of ignoring them: a client that misspells a field
 * (or sends one of another version of the API) gets a 400 naming it ({@code validation.unknownField}), and nothing
 * is saved. A name is repeated up to its first {@link FieldError#NAME_SHOWN} characters.
 */
public abstract class StrictBody {

    private final List<String> unknown = new ArrayList<>();

    @JsonAnySetter
    void unknownField(String name, Object value) {
        unknown.add(Texts.firstCodePoints(name, FieldError.NAME_SHOWN));
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
