package org.bankcrm.domain.shared;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import lombok.Getter;

/**
 * An entity keyed by its table's identity column ({@code id bigint generated always as identity}): the database
 * gives the id at insert, so a new entity has none until it is saved.
 */
@MappedSuperclass
@Getter
public abstract class IdentityEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
}
