package org.bankcrm.domain.discovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.math.BigDecimal;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** One threshold of a discovery rule, e.g. MATURITY's {@code window-days} = 30. */
@Entity
@Table(name = "discovery_rule_param")
@IdClass(DiscoveryRuleParam.Key.class)
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class DiscoveryRuleParam {

    /** Rule code and parameter name. */
    public record Key(String rule, String name) implements Serializable {
    }

    @Id
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "rule_code")
    private DiscoveryRule rule;

    @Id
    private String name;

    @Column(nullable = false, precision = 18, scale = 4)
    private BigDecimal value;

    @Version
    private int version;

    public void change(BigDecimal newValue) {
        this.value = newValue;
    }
}
