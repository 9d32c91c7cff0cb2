package org.bankcrm.domain.discovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A discovery rule (商机发现规则): whether it runs, and its thresholds. */
@Entity
@Table(name = "discovery_rule")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class DiscoveryRule {

    @Id
    private String code;

    private boolean enabled;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Version
    private int version;

    @OneToMany(mappedBy = "rule", fetch = FetchType.LAZY)
    private List<DiscoveryRuleParam> params = new ArrayList<>();

    public void switchTo(boolean on) {
        this.enabled = on;
    }

    public BigDecimal param(String name) {
        return params.stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(DiscoveryRuleParam::getValue)
                .orElseThrow(() -> new IllegalStateException("no parameter " + name + " for rule " + code));
    }
}
