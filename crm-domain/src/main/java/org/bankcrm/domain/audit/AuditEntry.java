package org.bankcrm.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.IdentityEntity;
import org.hibernate.annotations.Immutable;

/** A line of the append-only audit log (the database refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "audit_log")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class AuditEntry extends IdentityEntity {

    @Column(nullable = false)
    private Instant at;

    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(name = "entity_type")
    private String entityType;

    @Column(name = "entity_id")
    private String entityId;

    private String detail;

    @Column(name = "client_ip")
    private String clientIp;

    public AuditEntry(Instant at, String actor, String action, String entityType, String entityId, String detail,
                      String clientIp) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
        this.clientIp = clientIp;
    }
}
