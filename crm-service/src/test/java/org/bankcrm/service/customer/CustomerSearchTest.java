package org.bankcrm.service.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.service.ReadModelFixture;
import org.bankcrm.service.customer.CustomerSearch.Outcome;
import org.bankcrm.service.customer.CustomerSearch.Reach;
import org.bankcrm.service.customer.CustomerSearch.Suggestion;
import org.bankcrm.service.customer.CustomerSearch.Suggestions;
import org.bankcrm.service.org.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one customer search (D40) on PostgreSQL: scope in the query, the one-character rule, phone tails matched on
 * the stored phone and shown masked, the referral reach without personal data, and input that must not break it.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class CustomerSearchTest {

    @Autowired JdbcClient jdbc;

    private ReadModelFixture fx;
    private CustomerSearch search;
    private long peerId;
    private long otherBranchId;
    private long otherRmId;
    private CurrentUser rm;
    private CurrentUser peer;
    private CurrentUser head;
    private CurrentUser admin;

    @BeforeEach
    void rows() {
        search = new CustomerSearch(new CustomerSearchQuery(jdbc));
        fx = new ReadModelFixture(jdbc, "CSX");
        jdbc.sql("update staff_user set display_name = '孙丽华' where id = :id").param("id", fx.rmId).update();
        peerId = fx.staff("csxpeer", "RM");
        otherBranchId = jdbc.sql("""
                        insert into branch (code, name, parent_id, path)
                        select 'CSY', 'CSY', id, '/HQ/CSY/' from branch where code = 'HQ' returning id""")
                .query(Long.class).single();
        otherRmId = jdbc.sql("""
                        insert into staff_user (username, display_name, role, branch_id, password_hash)
                        values ('csyrm', 'csyrm', 'RM', :b, 'x') returning id""")
                .param("b", otherBranchId).query(Long.class).single();
        rm = new CurrentUser(fx.rmId, "CSXrm", "孙丽华", Role.RM, fx.branchId, "CSX", fx.branchPath);
        peer = new CurrentUser(peerId, "csxpeer", "csxpeer", Role.RM, fx.branchId, "CSX", fx.branchPath);
        head = new CurrentUser(0, "csxhead", "csxhead", Role.BRANCH_HEAD, fx.branchId, "CSX", fx.branchPath);
        admin = new CurrentUser(0, "csxadmin", "csxadmin", Role.ADMIN, fx.branchId, "CSX", fx.branchPath);

        customer("CSX-0001", "蔺晓明", "13800001234", fx.branchId, fx.rmId, "GOLD");
        customer("CSX-0002", "蔺海燕", "+86 139-0000-4321", fx.branchId, fx.rmId, "MASS");
        customer("CSX-0003", "欧阳蔺", null, fx.branchId, fx.rmId, "MASS");
        customer("CSX-0004", "蔺建国", "13700004321", fx.branchId, peerId, "MASS");
        customer("CSX-0005", "蔺春梅", "13600004321", otherBranchId, otherRmId, "MASS");
        customer("CSX-0006", "阙a_b", null, fx.branchId, fx.rmId, "MASS");
        customer("CSX-0007", "阙axb", null, fx.branchId, fx.rmId, "MASS");
    }

    private void customer(String no, String name, String phone, long branch, Long owner, String tier) {
        jdbc.sql("""
                        insert into customer (customer_no, type, name, phone, branch_id, tier, owner_id)
                        values (:no, 'RETAIL', :name, :phone, :b, :tier, :owner)""")
                .param("no", no).param("name", name).param("phone", phone).param("b", branch).param("tier", tier)
                .param("owner", owner).update();
    }

    private static List<String> numbers(Suggestions s) {
        return s.hits().stream().map(Suggestion::customerNo).toList();
    }

    @Test
    void anRmFindsTheirOwnCustomersOnlyAndAHeadTheSubtreeOnly() {
        assertThat(numbers(search.suggest(rm, "蔺海", Reach.SCOPE))).containsExactly("CSX-0002");
        assertThat(numbers(search.suggest(rm, "蔺建", Reach.SCOPE))).isEmpty();
        assertThat(search.suggest(rm, "蔺春", Reach.SCOPE).outcome()).isEqualTo(Outcome.NONE);
        assertThat(numbers(search.suggest(rm, "CSX-", Reach.SCOPE)))
                .containsExactly("CSX-0001", "CSX-0002", "CSX-0003", "CSX-0006", "CSX-0007");
        assertThat(numbers(search.suggest(peer, "CSX-", Reach.SCOPE))).containsExactly("CSX-0004");
        // the head: the branch subtree, by name, never the other branch's 蔺春梅
        assertThat(numbers(search.suggest(head, "CSX-000", Reach.SCOPE)))
                .containsExactly("CSX-0001", "CSX-0002", "CSX-0003", "CSX-0004", "CSX-0006", "CSX-0007");
        assertThat(numbers(search.suggest(admin, "CSX-0005", Reach.SCOPE))).containsExactly("CSX-0005");
    }

    @Test
    void oneCharacterIsASurnameAmongTheUsersOwnCustomersTwoAreTheNamesStartThreeAnyPart() {
        Suggestions own = search.suggest(rm, "蔺", Reach.SCOPE);
        assertThat(numbers(own)).containsExactlyInAnyOrder("CSX-0001", "CSX-0002");
        // a head owns none: one character finds nothing, however many the subtree holds, and asks for another
        assertThat(search.suggest(head, "蔺", Reach.SCOPE).hits()).isEmpty();
        assertThat(search.suggest(head, "蔺", Reach.SCOPE).outcome()).isEqualTo(Outcome.TOO_SHORT);
        assertThat(search.suggest(rm, "C", Reach.SCOPE).outcome()).isEqualTo(Outcome.TOO_SHORT);
        assertThat(search.suggest(rm, "  ", Reach.SCOPE).outcome()).isEqualTo(Outcome.TOO_SHORT);
        assertThat(search.suggest(rm, null, Reach.SCOPE).outcome()).isEqualTo(Outcome.TOO_SHORT);
        // two characters: the start of the name (欧阳蔺 does not start with 阳蔺); three: any part
        assertThat(numbers(search.suggest(rm, "阳蔺", Reach.SCOPE))).isEmpty();
        assertThat(numbers(search.suggest(head, "晓明", Reach.SCOPE))).isEmpty();
        assertThat(numbers(search.suggest(head, "蔺晓明", Reach.SCOPE))).containsExactly("CSX-0001");
        assertThat(numbers(search.suggest(rm, "欧阳蔺", Reach.SCOPE))).containsExactly("CSX-0003");
        assertThat(numbers(search.suggest(head, "海燕", Reach.SCOPE))).isEmpty();
    }

    @Test
    void aPhoneTailMatchesTheStoredPhoneWhateverItsFormAndIsShownMasked() {
        Suggestions byTail = search.suggest(rm, "4321", Reach.SCOPE);
        assertThat(numbers(byTail)).containsExactly("CSX-0002");
        Suggestion hit = byTail.hits().getFirst();
        assertThat(hit.phoneMasked()).doesNotContain("0000").endsWith("4321").contains("*");
        assertThat(hit.name()).isEqualTo("蔺海燕");
        assertThat(hit.ownerName()).isEqualTo("孙丽华");
        assertThat(numbers(search.suggest(head, "4321", Reach.SCOPE)))
                .containsExactlyInAnyOrder("CSX-0002", "CSX-0004");
        assertThat(search.suggest(head, "1234", Reach.SCOPE).hits()).singleElement()
                .satisfies(s -> assertThat(s.tier()).hasToString("GOLD"));
        // three or five digits are no phone tail
        assertThat(numbers(search.suggest(rm, "321", Reach.SCOPE))).isEmpty();
    }

    @Test
    void theReferralReachIsTheBranchSubtreeWithoutPersonalData() {
        CurrentUser teller = new CurrentUser(0, "csxteller", "csxteller", Role.REFERRER, fx.branchId, "CSX",
                fx.branchPath);
        Suggestions found = search.suggest(teller, "CSX-", Reach.REFERRAL);
        assertThat(numbers(found)).containsExactly("CSX-0001", "CSX-0002", "CSX-0003", "CSX-0004", "CSX-0006",
                "CSX-0007");
        assertThat(found.hits()).allSatisfy(s -> {
            assertThat(s.phoneMasked()).isNull();
            assertThat(s.tier()).isNull();
        });
        // no phone matching for a referrer, and a referrer owns no customer for the one-character rule
        assertThat(search.suggest(teller, "4321", Reach.REFERRAL).hits()).isEmpty();
        assertThat(search.suggest(teller, "蔺", Reach.REFERRAL).hits()).isEmpty();
        // an RM refers from the same search: one character finds their own customers
        assertThat(numbers(search.suggest(rm, "蔺", Reach.REFERRAL)))
                .containsExactlyInAnyOrder("CSX-0001", "CSX-0002");
        assertThatThrownBy(() -> search.suggest(teller, "CSX-", Reach.SCOPE)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> search.suggest(admin, "CSX-", Reach.REFERRAL))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void wildcardsAreLiteralsTheExactNumberComesFirstAndTheListIsCut() {
        assertThat(numbers(search.suggest(rm, "阙a_b", Reach.SCOPE))).containsExactly("CSX-0006");
        assertThat(numbers(search.suggest(rm, "%蔺%", Reach.SCOPE))).isEmpty();
        assertThat(search.suggest(rm, "x' or 1=1 --", Reach.SCOPE).outcome()).isEqualTo(Outcome.NONE);
        assertThat(search.suggest(rm, "蔺".repeat(500), Reach.SCOPE).query()).hasSize(CustomerSearch.MAX_LENGTH);

        jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, owner_id)
                        select 'CSX-1' || g, 'RETAIL', '甄' || g, :b, 'MASS', :rm from generate_series(10, 24) g""")
                .param("b", fx.branchId).param("rm", fx.rmId).update();
        Suggestions many = search.suggest(rm, "CSX-1", Reach.SCOPE);
        assertThat(many.outcome()).isEqualTo(Outcome.MORE);
        assertThat(many.hits()).hasSize(CustomerSearch.LIMIT);
        assertThat(numbers(search.suggest(rm, "CSX-124", Reach.SCOPE))).containsExactly("CSX-124");
        customer("CSX-12", "甄某", null, fx.branchId, fx.rmId, "MASS");
        assertThat(numbers(search.suggest(rm, "CSX-12", Reach.SCOPE)).getFirst()).isEqualTo("CSX-12");
    }

    @Test
    void aTypedNameIsToldToBeANumberAndAnUnknownNumberToBeUnknownOrOutOfScope() {
        assertThat(CustomerSearch.unknown("customerNo", "蔺晓明").messageKey())
                .isEqualTo("customer.pick.notANumber");
        assertThat(CustomerSearch.unknown("customerNo", " CSX-9 ").messageKey()).isEqualTo("customer.notFound");
    }
}
