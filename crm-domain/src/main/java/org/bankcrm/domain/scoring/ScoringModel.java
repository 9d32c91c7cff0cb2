package org.bankcrm.domain.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * One version of the scoring weights and band thresholds. Versions are never changed: activating new
 * weights creates the next version and deactivates the previous one.
 */
@Entity
@Table(name = "scoring_model")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class ScoringModel {

    @Id
    private Integer version;

    @Column(name = "weight_revenue", nullable = false, updatable = false)
    private int weightRevenue;
    @Column(name = "weight_risk", nullable = false, updatable = false)
    private int weightRisk;
    @Column(name = "weight_demand", nullable = false, updatable = false)
    private int weightDemand;
    @Column(name = "weight_competition", nullable = false, updatable = false)
    private int weightCompetition;
    @Column(name = "weight_customer_value", nullable = false, updatable = false)
    private int weightCustomerValue;
    @Column(name = "weight_relationship", nullable = false, updatable = false)
    private int weightRelationship;
    @Column(name = "weight_urgency", nullable = false, updatable = false)
    private int weightUrgency;
    @Column(name = "weight_engagement", nullable = false, updatable = false)
    private int weightEngagement;

    @Column(name = "band_a", nullable = false, updatable = false)
    private int bandA;
    @Column(name = "band_b", nullable = false, updatable = false)
    private int bandB;
    @Column(name = "band_c", nullable = false, updatable = false)
    private int bandC;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "activated_at", nullable = false, updatable = false)
    private Instant activatedAt;

    @Column(name = "activated_by", nullable = false, updatable = false)
    private String activatedBy;

    /** The next version, active from {@code at}. Weights and bands are checked by {@code ScoringRules} first. */
    public static ScoringModel next(int version, Map<Factor, Integer> weights, int bandA, int bandB, int bandC,
                                    String by, Instant at) {
        ScoringModel m = new ScoringModel();
        m.version = version;
        m.weightRevenue = weights.get(Factor.REVENUE);
        m.weightRisk = weights.get(Factor.RISK);
        m.weightDemand = weights.get(Factor.DEMAND);
        m.weightCompetition = weights.get(Factor.COMPETITION);
        m.weightCustomerValue = weights.get(Factor.CUSTOMER_VALUE);
        m.weightRelationship = weights.get(Factor.RELATIONSHIP);
        m.weightUrgency = weights.get(Factor.URGENCY);
        m.weightEngagement = weights.get(Factor.ENGAGEMENT);
        m.bandA = bandA;
        m.bandB = bandB;
        m.bandC = bandC;
        m.active = true;
        m.activatedBy = by;
        m.activatedAt = at;
        return m;
    }

    /** Weights by factor, in factor order. */
    public Map<Factor, Integer> weights() {
        Map<Factor, Integer> w = new EnumMap<>(Factor.class);
        w.put(Factor.REVENUE, weightRevenue);
        w.put(Factor.RISK, weightRisk);
        w.put(Factor.DEMAND, weightDemand);
        w.put(Factor.COMPETITION, weightCompetition);
        w.put(Factor.CUSTOMER_VALUE, weightCustomerValue);
        w.put(Factor.RELATIONSHIP, weightRelationship);
        w.put(Factor.URGENCY, weightUrgency);
        w.put(Factor.ENGAGEMENT, weightEngagement);
        return w;
    }

    public void deactivate() {
        this.active = false;
    }
}
