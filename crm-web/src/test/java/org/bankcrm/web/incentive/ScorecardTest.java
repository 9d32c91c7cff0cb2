package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The RM scorecard (issue 17, D49) against a hand-built set: conversion, weekly activity, satisfaction, complaints
 * and the incentive of the period's months, equal on the page, in its API and in the features' own APIs; scope
 * (an RM their own, a head their subtree's RMs) with out-of-scope answered as an unknown user is; bad periods 400.
 */
@CrmWebTest
class ScorecardTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static final String PERIOD = "?from=2025-02-15&to=2025-03-31";

    private void followUp(String by, long customer, String type, String at, Integer satisfaction) {
        jdbc.update("""
                insert into follow_up (customer_id, type, occurred_at, summary, created_by, satisfaction)
                select ?, ?, ?, '记分卡测试', u.id, ? from staff_user u where u.username = ?""",
                customer, type, IncentiveFixture.bank(at), satisfaction, by);
    }

    private void complaint(long customer, String owner, String received, String due, String resolved) {
        jdbc.update("""
                insert into complaint (customer_id, category, text, received_on, due_on, status, resolution,
                    resolved_on, owner_id, registered_by)
                select ?, 'SERVICE', '记分卡测试投诉', cast(? as date), cast(? as date), ?, ?, cast(? as date), u.id, u.id
                from staff_user u where u.username = ?""",
                customer, received, due, resolved == null ? "OPEN" : "RESOLVED", resolved == null ? null : "已处理",
                resolved, owner);
    }

    @Test
    void anRmsScorecardAddsUpFromTheHandBuiltSet() {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        long won1 = f.won(f.rm, "WEALTH", "5000.00", "2025-03-10T10:00:00");
        f.won(f.rm, "LOAN_CONSUMER", "3000.00", "2025-02-20T10:00:00");
        f.won(f.rm, "WEALTH", "7000.00", "2025-02-14T23:59:59");
        f.lost(f.rm, "WEALTH", "1000.00", "PRICE", "2025-03-31T23:00:00");
        f.won(f.rmY, "WEALTH", "9000.00", "2025-03-10T10:00:00");
        long c = jdbc.queryForObject("select customer_id from opportunity where id = ?", Long.class, won1);
        followUp(f.rm, c, "CALL", "2025-03-03T09:00:00", 4);
        followUp(f.rm, c, "VISIT", "2025-03-09T23:00:00", 5);
        followUp(f.rm, c, "VISIT", "2025-03-10T09:00:00", null);
        followUp(f.rm, c, "CALL", "2025-04-01T00:00:00", 1);
        complaint(c, f.rm, "2025-03-01", "2025-03-16", "2025-03-10");
        complaint(c, f.rm, "2025-03-01", "2025-03-16", "2025-03-20");
        complaint(c, f.rm, "2025-01-01", "2025-01-16", null);

        Http.Response r = Http.basic(port, f.head).get("/api/v1/scorecards/" + f.rm + PERIOD);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode card = r.json();
        assertThat(card.get("conversion").get("won").asLong()).isEqualTo(2);
        assertThat(card.get("conversion").get("lost").asLong()).isEqualTo(1);
        assertThat(card.get("conversion").get("rate").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(card.get("conversion").get("wonAmount").decimalValue()).isEqualByComparingTo("8000.00");
        JsonNode activity = card.get("activity");
        assertThat(activity.get("followUps").asLong()).isEqualTo(3);
        assertThat(activity.get("visits").asLong()).isEqualTo(2);
        // Mondays of the bank's weeks: 3 and 9 March are one week, 10 March the next.
        assertThat(activity.get("byWeek").get(0).get("monday").asText()).isEqualTo("2025-03-03");
        assertThat(activity.get("byWeek").get(0).get("followUps").asLong()).isEqualTo(2);
        assertThat(activity.get("byWeek").get(1).get("monday").asText()).isEqualTo("2025-03-10");
        assertThat(card.get("satisfaction").get("responses").asLong()).isEqualTo(2);
        assertThat(card.get("satisfaction").get("average").decimalValue()).isEqualByComparingTo("4.50");
        JsonNode k = card.get("complaints");
        assertThat(k.get("open").asLong()).isEqualTo(1);
        assertThat(k.get("overdue").asLong()).isEqualTo(1);
        assertThat(k.get("resolved").asLong()).isEqualTo(2);
        assertThat(k.get("resolvedInTime").asLong()).isEqualTo(1);

        // The incentive: the statements of February and March, as the incentive API gives them.
        BigDecimal feb = Http.basic(port, f.head).get("/api/v1/incentives?month=2025-02&user=" + f.rm).json()
                .get("total").decimalValue();
        BigDecimal mar = Http.basic(port, f.head).get("/api/v1/incentives?month=2025-03&user=" + f.rm).json()
                .get("total").decimalValue();
        assertThat(mar.signum()).isPositive();
        assertThat(card.get("incentive").get("total").decimalValue()).isEqualByComparingTo(feb.add(mar));
        assertThat(card.get("incentive").get("byMonth")).hasSize(2);

        // The same figures on the page, and the RM sees their own.
        Document page = Jsoup.parse(Http.session(port, f.head).get("/scorecards/" + f.rm + PERIOD).body());
        assertThat(page.selectFirst("#sc-conversion").text()).isEqualTo("66.7%");
        assertThat(page.selectFirst("#sc-follow-ups").text()).isEqualTo("3");
        assertThat(page.selectFirst("#sc-visits").text()).isEqualTo("2");
        assertThat(page.selectFirst("#sc-satisfaction").text()).isEqualTo("4.50");
        assertThat(page.selectFirst("#sc-complaints-in-time").text()).isEqualTo("1 / 2");
        // The won amount, a sum, reads as the dashboard's won tile reads it for the same RM and period (D39).
        Document dashboard = Jsoup.parse(Http.session(port, f.head).get("/dashboard" + PERIOD + "&owner=" + f.rm)
                .body());
        assertThat(page.selectFirst("#sc-won-amount").text())
                .isEqualTo(dashboard.selectFirst("#kpi-won .small").text());
        assertThat(page.selectFirst("#sc-incentive").text().replaceAll("[^0-9.]", ""))
                .isEqualTo(feb.add(mar).setScale(2).toPlainString());
        assertThat(Http.basic(port, f.rm).get("/api/v1/scorecards/" + f.rm + PERIOD).json().get("conversion")
                .get("won").asLong()).isEqualTo(2);
    }

    /**
     * An RM's activity and satisfaction are what they wrote, on whichever customer (a team's opportunity in another
     * branch included): the same on their scorecard, the pipeline's leaderboard line and the satisfaction figures of
     * their selection, whoever asks (found by a prober: a head and an admin counted one follow-up fewer).
     */
    @Test
    void anRmsActivityIsWhatTheyWroteWhoeverAsks() {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        String period = "?from=2025-05-01&to=2025-05-31";
        followUp(f.rm, f.customer(f.rm), "VISIT", "2025-05-06T10:00:00", 4);
        followUp(f.rm, f.customer(f.rmY), "CALL", "2025-05-07T10:00:00", 2);
        followUp(f.rmY, f.customer(f.rmY), "CALL", "2025-05-07T11:00:00", 5);
        for (String caller : new String[] {f.rm, f.head, "admin"}) {
            JsonNode card = Http.basic(port, caller).get("/api/v1/scorecards/" + f.rm + period).json();
            assertThat(card.get("activity").get("followUps").asLong()).as(caller).isEqualTo(2);
            assertThat(card.get("activity").get("visits").asLong()).as(caller).isEqualTo(1);
            assertThat(card.get("satisfaction").get("responses").asLong()).as(caller).isEqualTo(2);
            assertThat(card.get("satisfaction").get("average").decimalValue()).as(caller).isEqualByComparingTo("3.00");
            String owner = caller.equals(f.rm) ? "" : "&owner=" + f.rm;
            JsonNode line = Http.basic(port, caller).get("/api/v1/dashboard/pipeline" + period + owner).json()
                    .get("byOwner").get(0);
            assertThat(line.get("ownerRm").asText()).isEqualTo(f.rm);
            assertThat(line.get("followUps").asLong()).as(caller).isEqualTo(2);
            JsonNode rated = Http.basic(port, caller).get("/api/v1/dashboard/satisfaction" + period + owner).json();
            assertThat(rated.get("responses").asLong()).as(caller).isEqualTo(2);
        }
        // the branch's leaderboard lists the RM with the same count (the branch's own total stays its customers')
        JsonNode branch = Http.basic(port, f.head).get("/api/v1/dashboard/pipeline" + period).json();
        JsonNode row = branch.get("byOwner").valueStream()
                .filter(o -> f.rm.equals(o.get("ownerRm").asText())).findFirst().orElseThrow();
        assertThat(row.get("followUps").asLong()).isEqualTo(2);
        assertThat(row.get("visits").asLong()).isEqualTo(1);
    }

    @Test
    void outOfScopeIsAnsweredAsAnUnknownUserAndBadPeriodsAreRefused() {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        Http.Response unknown = Http.basic(port, f.head).get("/api/v1/scorecards/" + f.p + "_nobody" + PERIOD);
        assertThat(unknown.status()).isEqualTo(404);
        for (String[] ask : new String[][] {{f.rm, f.rmY}, {f.headY, f.rm}, {f.head, f.rmY}, {f.head, f.headY}}) {
            Http.Response r = Http.basic(port, ask[0]).get("/api/v1/scorecards/" + ask[1] + PERIOD);
            assertThat(r.status()).as(ask[0] + " -> " + ask[1]).isEqualTo(404);
            assertThat(r.json().get("detail").asText()).as("says nothing of whether they exist")
                    .isEqualTo(unknown.json().get("detail").asText().replace(f.p + "_nobody", ask[1]));
        }
        assertThat(Http.basic(port, f.teller).get("/api/v1/scorecards/" + f.rm).status()).isEqualTo(403);
        assertThat(Http.basic(port, "admin").get("/api/v1/scorecards/" + f.rm + PERIOD).status()).isEqualTo(200);
        Http.Response bad = Http.basic(port, f.head).get("/api/v1/scorecards/" + f.rm + "?from=2025-13-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("2025-13-01");
        assertThat(Http.basic(port, f.head).get("/api/v1/scorecards/" + f.rm + "?from=2025-03-31&to=2025-03-01")
                .status()).isEqualTo(400);
        // The page shows the message and this month's figures.
        Document page = Jsoup.parse(Http.session(port, f.head).get("/scorecards/" + f.rm + "?from=nope").body());
        assertThat(page.selectFirst("#period-error").text()).contains("nope");
        assertThat(Http.session(port, f.headY).get("/scorecards/" + f.rm).status()).isEqualTo(404);
    }
}
