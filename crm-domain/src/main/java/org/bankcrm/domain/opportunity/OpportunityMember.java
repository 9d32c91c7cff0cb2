package org.bankcrm.domain.opportunity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.shared.IdentityEntity;

/**
 * A member of an opportunity's team besides its owner (D44). Mapped for the scope's membership clause in entity
 * queries ({@code ScopeSql.opportunityVisibleTo}); members are written and read by the team's store in SQL.
 */
@Entity
@Table(name = "opportunity_member")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class OpportunityMember extends IdentityEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opportunity_id", updatable = false)
    private Opportunity opportunity;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", updatable = false)
    private StaffUser user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TeamRole role;

    @Column(name = "credit_share", nullable = false)
    private int creditShare;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;
}
