package org.bankcrm.service.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.service.ReadModelFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer's last contact and standing on PostgreSQL ({@link CoverageQuery#contactOf}, and the follow-up the
 * customer page names with it): only the tier's contact types count, an opportunity's follow-up counts for its
 * customer, the bank day ends at midnight in Shanghai, the current tier's standard applies, a changed standard
 * applies at once. D is 2026-06-30; the standards are V14's defaults (PRIVATE 30 days VISIT/MEETING, GOLD 90 days
 * with WECHAT, MASS none).
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({CoverageQuery.class, CustomerContactQuery.class, ServiceStandardStore.class})
class ContactOfTest {

    private static final LocalDate D = LocalDate.of(2026, 6, 30);

    @Autowired JdbcClient jdbc;
    @Autowired CoverageQuery coverage;
    @Autowired CustomerContactQuery contacts;
    @Autowired ServiceStandardStore standards;

    private ReadModelFixture fx;

    @BeforeEach
    void rows() {
        fx = new ReadModelFixture(jdbc, "CST");
    }

    private long customer(String no, Tier tier) {
        long id = fx.customer(fx.prefix + no);
        tier(id, tier);
        return id;
    }

    private void tier(long customerId, Tier tier) {
        jdbc.sql("update customer set tier = :t where id = :id").param("t", tier.name()).param("id", customerId)
                .update();
    }

    private void contact(long customerId, Long opportunityId, FollowUpType type, String at) {
        jdbc.sql("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, created_by)
                        values (:c, :o, :type, :at, 'contact', :rm)""")
                .param("c", customerId).param("o", opportunityId).param("type", type.name())
                .param("at", OffsetDateTime.parse(at)).param("rm", fx.rmId).update();
    }

    private ContactStatus on(long customerId, LocalDate day) {
        return coverage.contactOf(customerId, day).orElseThrow();
    }

    @Test
    void aTypeTheTierDoesNotCountLeavesTheCustomerNeverContacted() {
        long c = customer("T1", Tier.PRIVATE);
        contact(c, null, FollowUpType.CALL, "2026-06-29T10:00:00+08:00");
        ContactStatus s = on(c, D);
        assertThat(s.contactDays()).isEqualTo(30);
        assertThat(s.lastContactOn()).isNull();
        assertThat(s.neverContacted()).isTrue();
        assertThat(contacts.lastContact(c, D)).isEmpty();
    }

    @Test
    void aFollowUpOnAnOpportunityCountsForItsCustomer() {
        tier(fx.customerId, Tier.PRIVATE);
        long opportunity = fx.open("FUND", OffsetDateTime.parse("2026-05-01T09:00:00+08:00"));
        contact(fx.customerId, opportunity, FollowUpType.VISIT, "2026-06-01T09:00:00+08:00");
        contact(fx.customerId, null, FollowUpType.CALL, "2026-06-20T09:00:00+08:00");
        ContactStatus s = on(fx.customerId, D);
        assertThat(s.lastContactOn()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(s.covered()).isTrue();
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 7, 1));
        var last = contacts.lastContact(fx.customerId, D).orElseThrow();
        assertThat(last.type()).isEqualTo(FollowUpType.VISIT);
        assertThat(last.opportunityId()).isEqualTo(opportunity);
        assertThat(last.byName()).isEqualTo(fx.prefix + "rm");
        // On 1 July, 1 June is the day before the first covered day (1 July − 30 + 1 = 2 June): due that day.
        ContactStatus next = on(fx.customerId, LocalDate.of(2026, 7, 1));
        assertThat(next.covered()).isFalse();
        assertThat(next.overdueDays()).isZero();
    }

    @Test
    void theBankDayEndsAtMidnightInShanghai() {
        long late = customer("T2", Tier.PRIVATE);
        contact(late, null, FollowUpType.VISIT, "2026-06-30T23:30:00+08:00");
        assertThat(on(late, D).lastContactOn()).isEqualTo(D);
        assertThat(on(late, D).covered()).isTrue();

        // 00:10 on 1 July in Shanghai is still 30 June in UTC: it counts from 1 July only.
        long early = customer("T3", Tier.PRIVATE);
        contact(early, null, FollowUpType.VISIT, "2026-07-01T00:10:00+08:00");
        assertThat(on(early, D).lastContactOn()).isNull();
        assertThat(on(early, D).neverContacted()).isTrue();
        assertThat(on(early, D.plusDays(1)).lastContactOn()).isEqualTo(D.plusDays(1));
    }

    @Test
    void aTierWithoutStandardHasNoStanding() {
        long c = customer("T4", Tier.MASS);
        contact(c, null, FollowUpType.VISIT, "2026-06-29T10:00:00+08:00");
        ContactStatus s = on(c, D);
        assertThat(s.hasStandard()).isFalse();
        assertThat(s.lastContactOn()).isNull();
        assertThat(s.covered()).isFalse();
        assertThat(s.dueOn()).isNull();
        assertThat(s.neverContacted()).isFalse();
    }

    @Test
    void aCustomerMovingTierIsHeldToTheNewTiersDaysAndTypes() {
        long c = customer("T5", Tier.GOLD);
        contact(c, null, FollowUpType.WECHAT, "2026-06-01T10:00:00+08:00");
        contact(c, null, FollowUpType.VISIT, "2026-05-01T10:00:00+08:00");
        assertThat(on(c, D).lastContactOn()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(on(c, D).covered()).isTrue();

        tier(c, Tier.PRIVATE);
        ContactStatus s = on(c, D);
        assertThat(s.contactDays()).isEqualTo(30);
        assertThat(s.lastContactOn()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(s.covered()).isFalse();
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(s.overdueDays()).isEqualTo(30L);
    }

    @Test
    void aChangedStandardAppliesToTheNextAnswer() {
        long c = customer("T6", Tier.PRIVATE);
        contact(c, null, FollowUpType.CALL, "2026-06-15T10:00:00+08:00");
        assertThat(on(c, D).neverContacted()).isTrue();

        ServiceStandard before = standards.find(Tier.PRIVATE).orElseThrow();
        assertThat(standards.update(Tier.PRIVATE, 10, List.of(FollowUpType.CALL), before.version(), "test")).isTrue();
        ContactStatus s = on(c, D);
        assertThat(s.contactDays()).isEqualTo(10);
        assertThat(s.lastContactOn()).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 6, 25));
        assertThat(s.overdueDays()).isEqualTo(5L);
    }
}
