package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Optimistic locking on the pages (D11): every opportunity form that carries a version answers a stale submit
 * with the conflict page (what others changed since the page was loaded, by whom, when) and the same action
 * ready to run again on the current version, never a silent overwrite nor the generic error page; the board
 * draws the card again as it is now, with a message on it.
 */
@CrmWebTest
class ConflictPageTest {

    private static final Pattern INPUT = Pattern.compile("<input[^>]*>");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
    private static final Pattern SELECT = Pattern.compile("<select[^>]*\\bname=\"([^\"]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option[^>]*\\bvalue=\"([^\"]*)\"[^>]*\\bselected");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aStaleMoveShowsTheirChangesAndMovesToTheSameStageOnTheLatestVersion() {
        long id = open("rm2", "冲突推进");
        Http rm2 = Http.session(port, "rm2");
        Map<String, String> mine = fields(rm2.get("/opportunities/" + id).body(), "move-form");
        headChangesAmount(id, "654321");

        mine.put("toStage", "PROPOSAL");
        mine.put("comment", "客户已同意看方案");
        var conflict = rm2.postForm("/opportunities/" + id + "/move", mine);
        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("id=\"conflict-notice\"").contains("您的操作尚未执行").doesNotContain("??");
        assertThat(section(conflict.body(), "conflict-changes")).contains("周建国").contains("¥654,321.00");
        assertThat(stage(id)).as("nothing moved").isEqualTo("IDENTIFIED");

        Map<String, String> reapply = fields(conflict.body(), "reapply-form");
        assertThat(section(conflict.body(), "reapply-form")).contains("/opportunities/" + id + "/move");
        assertThat(reapply).containsEntry("toStage", "PROPOSAL").containsEntry("comment", "客户已同意看方案")
                .containsEntry("version", "" + version(id));
        var done = rm2.postForm("/opportunities/" + id + "/move", reapply);
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/opportunities/" + id);
        assertThat(stage(id)).isEqualTo("PROPOSAL");
        assertThat(jdbc.queryForObject("select amount from opportunity where id = ?", BigDecimal.class, id))
                .as("the head's amount stays").isEqualByComparingTo("654321");
    }

    @Test
    void aStaleWinKeepsTheWonAmountAndWinsOnTheLatestVersion() {
        long id = open("rm2", "冲突成交");
        moveByApi(id, "QUALIFIED");
        Http rm2 = Http.session(port, "rm2");
        Map<String, String> mine = fields(rm2.get("/opportunities/" + id).body(), "win-form");
        headChangesAmount(id, "480000");

        mine.put("wonAmount", "470000.50");
        var conflict = rm2.postForm("/opportunities/" + id + "/move", mine);
        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("id=\"conflict-notice\"").contains("推进到：成交");
        assertThat(section(conflict.body(), "conflict-changes")).contains("周建国").contains("¥480,000.00");
        assertThat(stage(id)).isEqualTo("QUALIFIED");

        Map<String, String> reapply = fields(conflict.body(), "reapply-form");
        assertThat(reapply).containsEntry("toStage", "WON");
        assertThat(new BigDecimal(reapply.get("wonAmount"))).isEqualByComparingTo("470000.50");
        assertThat(rm2.postForm("/opportunities/" + id + "/move", reapply).status()).isEqualTo(302);
        assertThat(stage(id)).isEqualTo("WON");
        assertThat(jdbc.queryForObject("select won_amount from opportunity where id = ?", BigDecimal.class, id))
                .isEqualByComparingTo("470000.50");
    }

    @Test
    void aStaleLossKeepsTheReasonAndAMoveTheStageNoLongerAllowsIsNotOffered() {
        long id = open("rm2", "冲突流失");
        Http rm2 = Http.session(port, "rm2");
        String page = rm2.get("/opportunities/" + id + "?lang=en").body();
        Map<String, String> lose = fields(page, "lose-form");
        Map<String, String> win = fields(page, "move-form");
        moveByApi(id, "QUALIFIED");

        lose.put("lostReason", "NO_NEED");
        var conflict = rm2.postForm("/opportunities/" + id + "/move", lose);
        assertThat(conflict.body()).contains("id=\"conflict-notice\"").contains("Your action has not been carried out")
                .doesNotContain("??");
        Map<String, String> reapply = fields(conflict.body(), "reapply-form");
        assertThat(reapply).containsEntry("toStage", "LOST").containsEntry("lostReason", "NO_NEED");

        // Someone else closes it meanwhile: moving the stale form to QUALIFIED is no longer possible.
        win.put("toStage", "QUALIFIED");
        moveByApi(id, "LOST");
        var closed = rm2.postForm("/opportunities/" + id + "/move", win);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body()).contains("id=\"cannot-reapply\"").doesNotContain("id=\"reapply-submit\"");
        assertThat(stage(id)).isEqualTo("LOST");
    }

    @Test
    void aStaleReassignKeepsTheNewOwnerAndReassignsOnTheLatestVersion() {
        long id = open("rm1", "冲突改派");
        Http head1 = Http.session(port, "head1");
        Map<String, String> mine = fields(head1.get("/opportunities/" + id).body(), "owner-form");
        assertThat(mine).containsKey("historySeen");
        var patched = Http.basic(port, "rm1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", version(id), "title", "冲突改派（客户经理改名）"));
        assertThat(patched.status()).isEqualTo(200);

        mine.put("ownerRm", "rm2");
        var conflict = head1.postForm("/opportunities/" + id + "/owner", mine);
        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("id=\"conflict-notice\"");
        assertThat(section(conflict.body(), "conflict-changes")).contains("李晓明").contains("冲突改派（客户经理改名）");
        assertThat(owner(id)).isEqualTo("rm1");

        Map<String, String> reapply = fields(conflict.body(), "reapply-form");
        assertThat(reapply).containsEntry("ownerRm", "rm2").containsEntry("version", "" + version(id));
        assertThat(head1.postForm("/opportunities/" + id + "/owner", reapply).status()).isEqualTo(302);
        assertThat(owner(id)).isEqualTo("rm2");
    }

    /**
     * The true race: the form's version is current when the service checks it, and another transaction commits
     * its change before this one writes. JPA's {@code @Version} refuses the write at the flush; the page is the
     * same conflict page, listing the change that won.
     */
    @Test
    void anEditThatLosesTheRaceAtTheFlushGetsTheConflictPage() throws Exception {
        long id = open("rm2", "冲突竞争");
        Http rm2 = Http.session(port, "rm2");
        Map<String, String> mine = fields(rm2.get("/opportunities/" + id).body(), "edit-form");
        mine.put("amount", "111111");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement up = other.prepareStatement(
                    "update opportunity set title = ?, version = version + 1 where id = ?")) {
                up.setString(1, "冲突竞争（他人先提交）");
                up.setLong(2, id);
                assertThat(up.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement line = other.prepareStatement("""
                    insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value)
                    values (?, now(), (select id from staff_user where username = 'head1'), 'FIELD:title', ?, ?)""")) {
                line.setLong(1, id);
                line.setString(2, "冲突竞争");
                line.setString(3, "冲突竞争（他人先提交）");
                line.executeUpdate();
            }
            CompletableFuture<Http.Response> save = CompletableFuture.supplyAsync(
                    () -> rm2.postForm("/opportunities/" + id + "/edit", mine));
            await("the save reaches the other transaction's row lock").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50)).until(() -> waitingOnARowLock() || save.isDone());
            assertThat(save.isDone()).as("the save waits for the other transaction's row").isFalse();
            other.commit();
            var conflict = save.get();
            assertThat(conflict.status()).isEqualTo(200);
            assertThat(conflict.body()).contains("id=\"conflict-notice\"");
            assertThat(section(conflict.body(), "conflict-changes")).contains("周建国").contains("冲突竞争（他人先提交）");
            Map<String, String> reapply = fields(conflict.body(), "reapply-form");
            assertThat(reapply).containsEntry("title", "冲突竞争（他人先提交）").containsEntry("version", "" + version(id));
            assertThat(new BigDecimal(reapply.get("amount"))).isEqualByComparingTo("111111");
        }
        assertThat(jdbc.queryForObject("select amount from opportunity where id = ?", BigDecimal.class, id))
                .as("nothing of the losing save was written").isEqualByComparingTo("100000");
    }

    @Test
    void aStaleCardOnTheBoardIsDrawnAgainAsItIsNowWithAMessage() {
        long id = open("rm2", "冲突看板");
        // First in its column (soonest to close), so it is among the cards the board draws.
        jdbc.update("update opportunity set expected_close_date = date '2001-01-01' where id = ?", id);
        int version = version(id);
        headChangesAmount(id, "222222");
        Http rm2 = Http.session(port, "rm2");
        String csrf = rm2.get("/opportunities/board").csrf();

        var htmx = rm2.postForm("/opportunities/board/" + id + "/move",
                Map.of("_csrf", csrf, "toStage", "CONTACTED", "version", "" + version), Map.of("HX-Request", "true"));
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).doesNotContain("<html").contains("id=\"board-conflict\"")
                .contains("“冲突看板”在您打开看板后已被 周建国 于").contains("board-card-conflict")
                .contains("已被 周建国 修改，请重新操作");
        String card = section(htmx.body(), "card-" + id);
        assertThat(card).contains("data-version=\"" + version(id) + "\"").contains("name=\"version\" value=\"" + version(id) + "\"");
        assertThat(stage(id)).isEqualTo("IDENTIFIED");

        var plain = rm2.postForm("/opportunities/board/" + id + "/move",
                Map.of("_csrf", csrf, "toStage", "CONTACTED", "version", "" + version));
        assertThat(plain.status()).isEqualTo(302);
        var board = rm2.get("/opportunities/board?lang=en");
        assertThat(board.body()).contains("id=\"board-conflict\"").contains("冲突看板 was changed by 周建国")
                .contains("board-card-conflict");
        assertThat(rm2.get("/opportunities/board").body()).as("said once").doesNotContain("id=\"board-conflict\"");

        var moved = rm2.postForm("/opportunities/board/" + id + "/move",
                Map.of("_csrf", csrf, "toStage", "CONTACTED", "version", "" + version(id)), Map.of("HX-Request", "true"));
        assertThat(moved.body()).doesNotContain("id=\"board-conflict\"");
        assertThat(stage(id)).isEqualTo("CONTACTED");
    }

    private long open(String rm, String title) {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = ? order by c.customer_no limit 1""", String.class, rm);
        var res = Http.basic(port, rm).postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "FUND", "title", title, "amount", 100000,
                "expectedCloseDate", LocalDate.now().plusDays(40).toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asLong();
    }

    /** The head saves a new amount through the page, as a second user would. */
    private void headChangesAmount(long id, String amount) {
        Http head1 = Http.session(port, "head1");
        Map<String, String> theirs = fields(head1.get("/opportunities/" + id).body(), "edit-form");
        theirs.put("amount", amount);
        assertThat(head1.postForm("/opportunities/" + id + "/edit", theirs).status()).isEqualTo(302);
    }

    private void moveByApi(long id, String to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("toStage", to);
        body.put("version", version(id));
        if (to.equals("LOST")) {
            body.put("lostReason", "PRICE");
        }
        var res = Http.basic(port, "head1").postJson("/api/v1/opportunities/" + id + "/transitions", body);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    private boolean waitingOnARowLock() {
        return jdbc.queryForObject("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update opportunity%'""",
                Integer.class) > 0;
    }

    private int version(long id) {
        return jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
    }

    private String stage(long id) {
        return jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id);
    }

    private String owner(long id) {
        return jdbc.queryForObject("select u.username from opportunity o join staff_user u on u.id = o.owner_id"
                + " where o.id = ?", String.class, id);
    }

    /** The element with this id, up to the end of the element (or the end of the page). */
    private static String section(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as("element " + id).isNotNegative();
        int start = html.lastIndexOf('<', at);
        String tag = html.substring(start + 1, html.indexOf(' ', start)).trim();
        int end = html.indexOf("</" + tag + ">", at);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    /** The fields a browser would send from the form with this id: inputs with their values, selects' choices. */
    private static Map<String, String> fields(String html, String formId) {
        String form = section(html, formId);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            Matcher name = NAME.matcher(input.group());
            if (name.find()) {
                Matcher value = VALUE.matcher(input.group());
                out.put(name.group(1), value.find() ? value.group(1).replace("&quot;", "\"").replace("&amp;", "&") : "");
            }
        }
        Matcher select = SELECT.matcher(form);
        while (select.find()) {
            Matcher chosen = SELECTED.matcher(select.group(2));
            if (chosen.find()) {
                out.put(select.group(1), chosen.group(1));
            }
        }
        return out;
    }
}
