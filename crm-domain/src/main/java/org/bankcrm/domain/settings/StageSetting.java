package org.bankcrm.domain.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;

/** The admin's win probability for a pipeline stage (weighted pipeline = Σ amount × probability). */
@Entity
@Table(name = "stage_setting")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class StageSetting {

    @Id
    @Enumerated(EnumType.STRING)
    private Stage stage;

    @Column(nullable = false)
    private int probability;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Version
    private int version;

    public void changeProbability(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("probability out of range: " + percent);
        }
        this.probability = percent;
    }
}
