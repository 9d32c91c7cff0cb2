package org.bankcrm.domain.opportunity;

/** How hard other banks compete for it (竞争情况); NONE scores highest. */
public enum Competition {
    NONE, SOME, STRONG
}
