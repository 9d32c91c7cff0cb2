package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19 item 1 on the pages (D34): "推进" goes forward, the next stage first; moving back is a separate,
 * confirmed form; a stage move leaves a message with an undo that moves the opportunity back through the same
 * rules and history, refused when anyone changed the opportunity since, when the move was not the user's own,
 * after the window, or when undoing it would be a reopening the user may not do.
 */
@CrmWebTest
class UndoMoveTest {

    private static final Pattern OPTION = Pattern.compile("<option[^>]*value=\"([A-Z]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOpportunityPageAdvancesToTheNextStageAndMovesBackOnlyInItsOwnConfirmedForm() {
        long id = open("rm2", "向前推进");
        moveByApi(id, "rm2", "PROPOSAL");
        String page = Http.session(port, "rm2").get("/opportunities/" + id).body();
        assertThat(options(section(page, "move-to"))).containsExactly("NEGOTIATION");
        assertThat(options(section(page, "back-to"))).containsExactly("QUALIFIED", "CONTACTED", "IDENTIFIED");
        assertThat(section(page, "back-form")).contains("data-confirm=\"确定把该商机退回到较早的阶段吗？");
        // The board's card: the same forward choice first, the way back apart and confirmed.
        jdbc.update("update opportunity set expected_close_date = date '2001-01-01' where id = ?", id);
        String card = section(Http.session(port, "rm2").get("/opportunities/board").body(), "card-" + id);
        String forward = card.substring(card.indexOf("board-target"));
        assertThat(options(forward.substring(0, forward.indexOf("</select>")))).containsExactly("NEGOTIATION", "WON",
                "LOST");
        assertThat(options(card.substring(card.indexOf("board-back")))).containsExactly("QUALIFIED", "CONTACTED",
                "IDENTIFIED");
        assertThat(card).contains("hx-confirm=\"确定把该商机退回到较早的阶段吗？");
    }

    @Test
    void anUndoMovesBackThroughTheRulesWithAHistoryLineOfItsOwn() {
        long id = open("rm2", "撤销推进");
        Http rm2 = Http.session(port, "rm2");
        var moved = rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/move",
                Map.of("toStage", "QUALIFIED", "version", "" + version(id), "historySeen", "0"));
        assertThat(moved.status()).isEqualTo(302);
        String page = rm2.get("/opportunities/" + id).body();
        String message = section(page, "move-message");
        assertThat(message).contains("已从“发现”移到“需求确认”").contains("id=\"undo-submit\"")
                .contains("name=\"version\" value=\"" + version(id) + "\"");
        assertThat(rm2.get("/opportunities/" + id).body()).as("said once").doesNotContain("id=\"move-message\"");

        var undone = rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo",
                Map.of("version", "" + version(id)));
        assertThat(undone.status()).isEqualTo(302);
        assertThat(rm2.get("/opportunities/" + id).body()).contains("已撤销上一次阶段变更。");
        assertThat(stage(id)).isEqualTo("IDENTIFIED");
        assertThat(history(id)).containsExactly("CREATED null>IDENTIFIED", "STAGE IDENTIFIED>QUALIFIED",
                "STAGE QUALIFIED>IDENTIFIED 撤销上一次阶段变更");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where entity_id = ? and action = "
                + "'OPPORTUNITY_STAGE'", Integer.class, "" + id)).isEqualTo(2);
    }

    @Test
    void anUndoAfterSomeoneElseChangedTheOpportunityIsRefusedAndChangesNothing() {
        long id = open("rm2", "他人已改");
        Http rm2 = Http.session(port, "rm2");
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/move",
                Map.of("toStage", "CONTACTED", "version", "" + version(id), "historySeen", "0"));
        int versionAfterMove = version(id);
        assertThat(Http.basic(port, "head1").patchJson("/api/v1/opportunities/" + id,
                Map.of("version", versionAfterMove, "amount", 222222)).status()).isEqualTo(200);

        var refused = rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo",
                Map.of("version", "" + versionAfterMove));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(rm2.get("/opportunities/" + id).body()).contains("无法撤销：此后该商机已有变更");
        assertThat(stage(id)).isEqualTo("CONTACTED");
        assertThat(history(id)).hasSize(3);

        // With the current version it is still refused: the latest change is the head's, not a move of rm2's.
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo", Map.of("version", "" + version(id)));
        assertThat(stage(id)).isEqualTo("CONTACTED");
        assertThat(history(id)).hasSize(3);
    }

    @Test
    void someoneElsesMoveIsNotTheUsersToUndoAndAnOldMoveIsPastTheWindow() {
        long id = open("rm2", "别人的推进");
        moveByApi(id, "head1", "CONTACTED");
        Http rm2 = Http.session(port, "rm2");
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo", Map.of("version", "" + version(id)));
        assertThat(stage(id)).isEqualTo("CONTACTED");

        moveByApi(id, "rm2", "QUALIFIED");
        jdbc.update("update opportunity_history set at = at - interval '11 minutes' where opportunity_id = ?", id);
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo", Map.of("version", "" + version(id)));
        assertThat(rm2.get("/opportunities/" + id).body()).contains("无法撤销：阶段变更 10 分钟后不能再撤销。");
        assertThat(stage(id)).isEqualTo("QUALIFIED");
    }

    @Test
    void undoingAWinIsAReopeningAnRmIsNotOfferedButAHeadMayDo() {
        long id = open("rm2", "成交撤销");
        moveByApi(id, "rm2", "QUALIFIED");
        Http rm2 = Http.session(port, "rm2");
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/move",
                Map.of("toStage", "WON", "wonAmount", "90000", "version", "" + version(id), "historySeen", "0"));
        String page = rm2.get("/opportunities/" + id).body();
        assertThat(section(page, "move-message")).contains("阶段已更新").doesNotContain("undo-submit");
        assertThat(page).as("no live score card once won").doesNotContain("id=\"score-card\"");
        rm2.submit("/opportunities/" + id, "/opportunities/" + id + "/undo", Map.of("version", "" + version(id)));
        assertThat(rm2.get("/opportunities/" + id).body())
                .contains("无法撤销：已成交或流失的商机只能由支行负责人或管理员重新打开。");
        assertThat(stage(id)).isEqualTo("WON");

        long other = open("rm2", "行长成交撤销");
        moveByApi(other, "head1", "PROPOSAL");
        Http head1 = Http.session(port, "head1");
        head1.submit("/opportunities/" + other, "/opportunities/" + other + "/move",
                Map.of("toStage", "WON", "wonAmount", "90000", "version", "" + version(other), "historySeen", "0"));
        assertThat(section(head1.get("/opportunities/" + other).body(), "move-message")).contains("undo-submit");
        head1.submit("/opportunities/" + other, "/opportunities/" + other + "/undo",
                Map.of("version", "" + version(other)));
        assertThat(stage(other)).isEqualTo("PROPOSAL");
        assertThat(jdbc.queryForObject("select won_amount from opportunity where id = ?", java.math.BigDecimal.class,
                other)).isNull();
        assertThat(history(other)).last().isEqualTo("REOPENED WON>PROPOSAL 撤销上一次阶段变更");
    }

    @Test
    void theBoardsMoveLeavesItsUndoInTheBoardAndTheUndoRedrawsIt() {
        long id = open("rm2", "看板撤销");
        jdbc.update("update opportunity set expected_close_date = date '2001-01-01' where id = ?", id);
        Http rm2 = Http.session(port, "rm2");
        String csrf = rm2.get("/opportunities/board").csrf();
        var moved = rm2.postForm("/opportunities/board/" + id + "/move",
                Map.of("_csrf", csrf, "toStage", "CONTACTED", "version", "" + version(id)),
                Map.of("HX-Request", "true"));
        assertThat(moved.body()).doesNotContain("<html").contains("已从“发现”移到“接洽”")
                .contains("hx-post=\"/opportunities/board/" + id + "/undo\"");
        var undone = rm2.postForm("/opportunities/board/" + id + "/undo",
                Map.of("_csrf", csrf, "version", "" + version(id)), Map.of("HX-Request", "true"));
        assertThat(undone.body()).doesNotContain("<html").contains("已撤销，商机回到“发现”。");
        assertThat(stage(id)).isEqualTo("IDENTIFIED");
        var again = rm2.postForm("/opportunities/board/" + id + "/undo",
                Map.of("_csrf", csrf, "version", "" + (version(id) - 1)), Map.of("HX-Request", "true"));
        assertThat(again.body()).contains("无法撤销：此后该商机已有变更");
        assertThat(stage(id)).isEqualTo("IDENTIFIED");
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

    private void moveByApi(long id, String user, String to) {
        var res = Http.basic(port, user).postJson("/api/v1/opportunities/" + id + "/transitions",
                to.equals("WON") ? Map.of("toStage", to, "version", version(id), "wonAmount", 90000)
                        : Map.of("toStage", to, "version", version(id)));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /** The history as the API gives it: "EVENT from>to comment". */
    private List<String> history(long id) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : Http.basic(port, "head1").get("/api/v1/opportunities/" + id + "/history").json()) {
            String line = h.get("event").asString() + " " + (h.get("from").isNull() ? "null" : h.get("from").asString())
                    + ">" + h.get("to").asString();
            out.add(h.get("comment").isNull() ? line : line + " " + h.get("comment").asString());
        }
        return out;
    }

    private int version(long id) {
        return jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
    }

    private String stage(long id) {
        return jdbc.queryForObject("select stage from opportunity where id = ?", String.class, id);
    }

    private static List<String> options(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = OPTION.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
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
}
