package org.bankcrm.domain.org;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.IdentityEntity;

/**
 * An organisation unit (总行 → 分行 → 支行/网点). Branches form a tree; {@link #getPath()} is the
 * materialised path of codes from the root ({@code /HQ/BR001/}), so "this branch and every branch
 * under it" is one prefix match in SQL.
 */
@Entity
@Table(name = "branch")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class Branch extends IdentityEntity {

    @Column(nullable = false, unique = true, updatable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id", updatable = false)
    private Branch parent;

    @Column(nullable = false, updatable = false)
    private String path;

    private boolean enabled = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private int version;

    private Branch(String code, String name, Branch parent) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.parent = parent;
        this.path = (parent == null ? "/" : parent.getPath()) + code + "/";
        this.createdAt = Instant.now();
    }

    /** The root of the tree (总行); the schema seeds one, {@code HQ}. */
    public static Branch root(String code, String name) {
        return new Branch(code, name, null);
    }

    /** A branch under {@code parent}. */
    public static Branch under(Branch parent, String code, String name) {
        return new Branch(code, name, Objects.requireNonNull(parent, "parent"));
    }

    /** Whether {@code other} is this branch or lies below it. */
    public boolean contains(Branch other) {
        return other.getPath().startsWith(this.path);
    }

    public int depth() {
        return (int) path.chars().filter(c -> c == '/').count() - 1;
    }
}
