package org.bankcrm.domain.imports;

import java.util.Arrays;
import java.util.Optional;

/** The three nightly feeds of the bank's core systems, as the contract names them in the API path. */
public enum ImportKind {
    CUSTOMERS("customers"),
    HOLDINGS("holdings"),
    AUM_HISTORY("aum-history");

    private final String path;

    ImportKind(String path) {
        this.path = path;
    }

    /** The name in {@code /api/v1/imports/{kind}}. */
    public String path() {
        return path;
    }

    public static Optional<ImportKind> ofPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
