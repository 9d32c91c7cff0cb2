package org.bankcrm.domain.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.support.JpaEntityInformation;
import org.springframework.data.jpa.repository.support.SimpleJpaRepository;

/**
 * Every repository's base ({@link RepositoriesConfig}): Spring Data's own, but a specification's count, the total under
 * each paged list ({@code findAll(spec, pageable)}, {@code count(spec)}), is {@code count(*)} ({@link CountAll}, D72).
 * The count's query hints are applied as Spring Data applies them (no lock: a count takes none).
 */
public class CountingRepository<T, I> extends SimpleJpaRepository<T, I> {

    private final EntityManager em;

    public CountingRepository(JpaEntityInformation<T, ?> entityInformation, EntityManager em) {
        super(entityInformation, em);
        this.em = em;
    }

    @Override
    protected <S extends T> TypedQuery<Long> getCountQuery(Specification<S> spec, Class<S> domainClass) {
        TypedQuery<Long> query = CountAll.of(em, domainClass, spec);
        getQueryHintsForCount().forEach(query::setHint);
        return query;
    }
}
