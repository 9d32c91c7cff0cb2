package org.bankcrm.domain.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A scalar setting the admin can change (e.g. {@code pipeline.stalled-days}). */
@Entity
@Table(name = "app_setting")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class AppSetting {

    @Id
    private String key;

    @Column(nullable = false)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private int version;

    public int intValue() {
        return Integer.parseInt(value);
    }

    public void change(String newValue, String by) {
        this.value = newValue;
        this.updatedBy = by;
        this.updatedAt = Instant.now();
    }
}
