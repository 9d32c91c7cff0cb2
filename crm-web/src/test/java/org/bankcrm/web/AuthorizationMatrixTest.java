package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.bankcrm.web.testsupport.SessionClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix (issue 7): every endpoint the application maps, pages and API, has a row saying who
 * may use it; each is probed as anonymous, the owning RM, another RM of the branch, another branch's RM, the branch
 * head, another branch's head, a referrer and an admin, against records owned by the first RM. An endpoint without
 * a row fails the test, as does any unexpected allow or deny.
 *
 * <p>Requests that change state are sent with an empty body, so that a principal who gets through meets
 * validation (400) and changes nothing; those that need no body to act (disable a user, run discovery, mark a
 * visit done...) are probed only as the principals who must be refused. Denied is 401, 403, 404 or a redirect to
 * the login page; anything else is allowed.
 */
@CrmWebTest
class AuthorizationMatrixTest {

    /** APPROVER: the risk officer risk1 of HQ (D45), who reads the approval inbox and nothing else. */
    enum Who { ANONYMOUS, OWNER_RM, PEER_RM, OTHER_BRANCH_RM, HEAD, OTHER_BRANCH_HEAD, REFERRER, ADMIN, APPROVER }

    static final Map<Who, String> USERNAMES = new EnumMap<>(Map.of(Who.OWNER_RM, "rm1", Who.PEER_RM, "rm2",
            Who.OTHER_BRANCH_RM, "rm3", Who.HEAD, "head1", Who.OTHER_BRANCH_HEAD, "head2", Who.REFERRER, "teller1",
            Who.ADMIN, "admin", Who.APPROVER, "risk1"));

    private static final Set<Who> NOBODY = EnumSet.noneOf(Who.class);
    private static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));
    /** Everyone signed in but the risk officer, whose one page is the approval inbox. */
    private static final Set<Who> SIGNED_IN_BUT_APPROVER = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS,
            Who.APPROVER));
    private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    private static final Set<Who> STAFF = EnumSet.of(Who.OWNER_RM, Who.PEER_RM, Who.OTHER_BRANCH_RM, Who.HEAD,
            Who.OTHER_BRANCH_HEAD, Who.ADMIN);
    private static final Set<Who> OWNER_SCOPE = EnumSet.of(Who.OWNER_RM, Who.HEAD, Who.ADMIN);
    /** Who reads an opportunity whose approval is pending: its owner scope, and the risk officer over the API. */
    private static final Set<Who> UNDER_APPROVAL = EnumSet.of(Who.OWNER_RM, Who.HEAD, Who.ADMIN, Who.APPROVER);
    private static final Set<Who> HEADS = EnumSet.of(Who.HEAD, Who.OTHER_BRANCH_HEAD, Who.ADMIN);
    private static final Set<Who> ADMIN = EnumSet.of(Who.ADMIN);

    /** A row: who may, and whether an allowed principal may be sent the empty request (false: it would act). */
    record Row(Set<Who> allowed, boolean probeAllowed) {
    }

    private static Row row(Set<Who> allowed) {
        return new Row(allowed, true);
    }

    /** Acts without a body: only the principals who must be refused are probed. */
    private static Row acting(Set<Who> allowed) {
        return new Row(allowed, false);
    }

    static final Map<String, Row> MATRIX = new LinkedHashMap<>();

    static {
        // public
        MATRIX.put("GET /login", row(EVERYONE));
        MATRIX.put("GET /v3/api-docs", row(EVERYONE));
        MATRIX.put("GET /v3/api-docs.yaml", row(SIGNED_IN));
        MATRIX.put("GET /v3/api-docs/swagger-config", row(EVERYONE));
        MATRIX.put("GET /v3/api-docs/{group}", row(EVERYONE));
        // everyone signed in
        MATRIX.put("GET /", row(SIGNED_IN));
        MATRIX.put("GET /api/v1/me", row(SIGNED_IN));
        MATRIX.put("GET /referrals", row(SIGNED_IN_BUT_APPROVER));
        MATRIX.put("GET /api/v1/referrals", row(SIGNED_IN_BUT_APPROVER));
        MATRIX.put("GET /referrals/new", row(SIGNED_IN_BUT_APPROVER));
        // the customer picker's suggestions (D40): the default reach is the user's scope, which referrers lack
        MATRIX.put("GET /customers/suggestions", row(STAFF));
        // referrals are made by branch staff; an admin has no customers to refer
        MATRIX.put("POST /referrals", row(EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS, Who.ADMIN, Who.APPROVER))));
        MATRIX.put("POST /api/v1/referrals", row(EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS, Who.ADMIN,
                Who.APPROVER))));
        // the referral inbox: those who decide (the referral is suggested to rm1 in BR001)
        MATRIX.put("POST /referrals/{id}/accept", row(OWNER_SCOPE));
        MATRIX.put("POST /referrals/{id}/reject", row(OWNER_SCOPE));
        MATRIX.put("POST /referrals/{id}/route", row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("POST /api/v1/referrals/{id}/accept", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/referrals/{id}/reject", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/referrals/{id}/route", row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        // the workspace: staff, each within scope
        MATRIX.put("GET /customers", row(STAFF));
        MATRIX.put("GET /customers/new", row(STAFF));
        MATRIX.put("POST /customers", row(STAFF));
        MATRIX.put("GET /customers/{customerNo}", row(OWNER_SCOPE));
        MATRIX.put("POST /customers/{customerNo}/edit", row(OWNER_SCOPE));
        MATRIX.put("POST /customers/{customerNo}/owner", row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("POST /customers/{customerNo}/reveal", row(EnumSet.of(Who.OWNER_RM, Who.HEAD)));
        MATRIX.put("GET /api/v1/customers", row(STAFF));
        MATRIX.put("POST /api/v1/customers", row(STAFF));
        MATRIX.put("GET /api/v1/customers/{customerNo}", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/customers/{customerNo}/reveal", row(EnumSet.of(Who.OWNER_RM, Who.HEAD)));
        MATRIX.put("GET /opportunities", row(STAFF));
        MATRIX.put("GET /opportunities/new", row(STAFF));
        MATRIX.put("POST /opportunities", row(STAFF));
        MATRIX.put("GET /opportunities/board", row(STAFF));
        MATRIX.put("POST /opportunities/board/{id}/move", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/board/{id}/undo", row(OWNER_SCOPE));
        MATRIX.put("GET /opportunities/{id}", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/edit", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/move", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/undo", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/follow-ups", row(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/owner", row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("GET /api/v1/opportunities", row(STAFF));
        MATRIX.put("POST /api/v1/opportunities", row(STAFF));
        // The risk officer reads the matrix's opportunity too, read-only: a request of it is pending ({id}/approval).
        MATRIX.put("GET /api/v1/opportunities/{id}", row(UNDER_APPROVAL));
        MATRIX.put("PATCH /api/v1/opportunities/{id}", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/opportunities/{id}/transitions", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/opportunities/{id}/owner", row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("POST /api/v1/opportunities/{id}/follow-ups", row(OWNER_SCOPE));
        MATRIX.put("GET /api/v1/opportunities/{id}/follow-ups", row(UNDER_APPROVAL));
        MATRIX.put("GET /api/v1/opportunities/{id}/history", row(UNDER_APPROVAL));
        // issue 13: follow-ups on a customer, service standards
        MATRIX.put("POST /customers/{customerNo}/follow-ups", row(OWNER_SCOPE));
        MATRIX.put("POST /api/v1/customers/{customerNo}/follow-ups", row(OWNER_SCOPE));
        MATRIX.put("GET /api/v1/customers/{customerNo}/follow-ups", row(OWNER_SCOPE));
        MATRIX.put("GET /api/v1/service-standards", row(SIGNED_IN));
        MATRIX.put("GET /api/v1/service-standards/{tier}", row(SIGNED_IN));
        MATRIX.put("GET /admin/service-standards", row(ADMIN));
        MATRIX.put("POST /admin/service-standards/{tier}", row(ADMIN));
        // An empty body is a valid change (no standard) for the admin: only the refused are probed.
        MATRIX.put("PUT /api/v1/service-standards/{tier}", acting(ADMIN));
        // the RM's visit plan (the visit is rm1's)
        MATRIX.put("GET /visits", row(EnumSet.of(Who.OWNER_RM, Who.PEER_RM, Who.OTHER_BRANCH_RM)));
        MATRIX.put("POST /visits", row(EnumSet.of(Who.OWNER_RM, Who.PEER_RM, Who.OTHER_BRANCH_RM)));
        MATRIX.put("POST /visits/{id}/done", acting(EnumSet.of(Who.OWNER_RM)));
        MATRIX.put("POST /visits/{id}/cancel", acting(EnumSet.of(Who.OWNER_RM)));
        // dashboards and targets
        MATRIX.put("GET /dashboard", row(STAFF));
        MATRIX.put("GET /dashboard/list", row(STAFF));
        MATRIX.put("GET /dashboard/list.{format}", row(STAFF));
        MATRIX.put("GET /dashboard/export.{format}", row(STAFF));
        MATRIX.put("GET /api/v1/dashboard/pipeline", row(STAFF));
        MATRIX.put("GET /api/v1/dashboard/lost", row(STAFF));
        // coverage (issue 13): every staff member over their own scope, as the dashboard
        for (String coverage : List.of("GET /coverage", "GET /coverage/uncovered", "GET /coverage/due",
                "GET /coverage/export.{format}", "GET /coverage/uncovered.{format}", "GET /api/v1/coverage",
                "GET /api/v1/coverage/by-rm", "GET /api/v1/coverage/due", "GET /api/v1/coverage/uncovered")) {
            MATRIX.put(coverage, row(STAFF));
        }
        MATRIX.put("GET /dashboard/targets", row(HEADS));
        MATRIX.put("POST /dashboard/targets", row(HEADS));
        MATRIX.put("POST /dashboard/targets/{id}/delete", acting(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("POST /dashboard/served", row(HEADS));
        MATRIX.put("POST /dashboard/served/upload", row(HEADS));
        // tier migration and structure (issue 13)
        MATRIX.put("GET /tiers/migration", row(HEADS));
        MATRIX.put("GET /tiers/migration/customers", row(HEADS));
        MATRIX.put("GET /tiers/migration/customers.{format}", row(HEADS));
        MATRIX.put("GET /tiers/structure", row(HEADS));
        MATRIX.put("GET /api/v1/tiers/migration", row(HEADS));
        MATRIX.put("GET /api/v1/tiers/migration/customers", row(HEADS));
        MATRIX.put("GET /api/v1/tiers/structure", row(HEADS));
        // customer groups (issue 13): heads and admins; a group of head1's is seen by head1 and admins only
        for (String any : List.of("GET /segments", "GET /segments/new", "POST /segments", "POST /segments/count",
                "GET /api/v1/segments", "POST /api/v1/segments", "POST /api/v1/segments/count")) {
            MATRIX.put(any, row(HEADS));
        }
        for (String one : List.of("GET /segments/{id}", "POST /segments/{id}", "GET /segments/{id}/customers",
                "GET /segments/{id}/customers.xlsx", "GET /api/v1/segments/{id}", "PUT /api/v1/segments/{id}",
                "GET /api/v1/segments/{id}/customers", "POST /segments/{id}/count",
                "POST /api/v1/segments/{id}/count")) {
            MATRIX.put(one, row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        }
        MATRIX.put("POST /segments/{id}/delete", acting(EnumSet.of(Who.HEAD, Who.ADMIN)));
        MATRIX.put("DELETE /api/v1/segments/{id}", acting(EnumSet.of(Who.HEAD, Who.ADMIN)));
        // campaigns (issue 14): heads and admins manage; a campaign of head1's with a target of rm1's is seen by
        // rm1 (their targets), head1 and admins
        for (String any : List.of("GET /campaigns", "GET /api/v1/campaigns")) {
            MATRIX.put(any, row(STAFF));
        }
        for (String any : List.of("GET /campaigns/new", "POST /campaigns", "POST /api/v1/campaigns",
                "POST /api/v1/campaigns/preview")) {
            MATRIX.put(any, row(HEADS));
        }
        for (String one : List.of("GET /campaigns/{id}", "GET /campaigns/{id}/progress", "GET /campaigns/{id}/targets",
                "GET /campaigns/{id}/targets.xlsx", "POST /campaigns/{id}/targets/{customerNo}",
                "GET /api/v1/campaigns/{id}", "GET /api/v1/campaigns/{id}/funnel",
                "GET /api/v1/campaigns/{id}/targets", "POST /api/v1/campaigns/{id}/targets/{customerNo}")) {
            MATRIX.put(one, row(OWNER_SCOPE));
        }
        for (String one : List.of("POST /campaigns/{id}/targets/{customerNo}/assign",
                "POST /api/v1/campaigns/{id}/targets/{customerNo}/assign")) {
            MATRIX.put(one, row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        }
        // a draft's edit and delete: the matrix's campaign is running, so the allowed meet 409 (or, on the pages, a
        // redirect to the campaign saying so) and nothing changes
        for (String one : List.of("GET /campaigns/{id}/edit", "POST /campaigns/{id}", "POST /campaigns/{id}/delete",
                "PUT /api/v1/campaigns/{id}", "DELETE /api/v1/campaigns/{id}")) {
            MATRIX.put(one, row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        }
        for (String acting : List.of("POST /campaigns/{id}/launch", "POST /campaigns/{id}/end",
                "POST /api/v1/campaigns/{id}/launch", "POST /api/v1/campaigns/{id}/end")) {
            MATRIX.put(acting, acting(EnumSet.of(Who.HEAD, Who.ADMIN)));
        }
        // issue 15, early warning: each user's own notifications and profile; alerts in scope; runs and settings
        // for admins. A notification of rm1's is read by rm1 alone.
        for (String own : List.of("GET /notifications", "GET /notifications/bell", "GET /api/v1/notifications",
                "GET /api/v1/notifications/unread-count", "GET /profile")) {
            MATRIX.put(own, row(SIGNED_IN));
        }
        for (String own : List.of("POST /profile", "POST /notifications/read-all",
                "POST /api/v1/notifications/read-all")) {
            MATRIX.put(own, acting(SIGNED_IN));
        }
        for (String one : List.of("POST /notifications/{id}/read", "POST /api/v1/notifications/{id}/read")) {
            MATRIX.put(one, acting(EnumSet.of(Who.OWNER_RM)));
        }
        MATRIX.put("GET /alerts", row(STAFF));
        MATRIX.put("GET /api/v1/alerts", row(STAFF));
        for (String admin : List.of("GET /api/v1/alerts/runs/{id}", "GET /admin/alerts",
                "POST /admin/alerts/settings/{code}", "GET /api/v1/admin/alert-settings",
                "PUT /api/v1/admin/alert-settings/{code}")) {
            MATRIX.put(admin, row(ADMIN));
        }
        for (String acting : List.of("POST /api/v1/alerts/runs", "POST /admin/alerts/runs", "POST /admin/alerts/digest",
                "POST /api/v1/admin/digests")) {
            MATRIX.put(acting, acting(ADMIN));
        }
        // issue 17, incentives: a statement of rm1's is read by rm1, their head and admins (404 for anyone else);
        // the rates are the admin's (an empty change changes nothing)
        for (String statement : List.of("GET /incentives", "GET /incentives/export.{format}", "GET /api/v1/incentives")) {
            MATRIX.put(statement, row(OWNER_SCOPE));
        }
        for (String admin : List.of("GET /admin/incentive-rates", "POST /admin/incentive-rates",
                "GET /api/v1/admin/incentive-rates", "PUT /api/v1/admin/incentive-rates")) {
            MATRIX.put(admin, row(ADMIN));
        }
        // issue 17, complaints and satisfaction (D46): anyone signed in but a risk officer registers (staff on
        // customers in scope, referrers on their branch's) and lists what they see; the complaint (on rm1's customer,
        // registered by the admin) is seen and resolved by rm1, the head and the admin; satisfaction figures as the
        // pipeline's.
        for (String all : List.of("GET /complaints", "GET /complaints/new", "POST /complaints",
                "GET /api/v1/complaints", "POST /api/v1/complaints")) {
            MATRIX.put(all, row(SIGNED_IN_BUT_APPROVER));
        }
        for (String one : List.of("GET /complaints/{id}", "POST /complaints/{id}/resolve",
                "GET /api/v1/complaints/{id}", "POST /api/v1/complaints/{id}/resolve")) {
            MATRIX.put(one, row(OWNER_SCOPE));
        }
        MATRIX.put("GET /api/v1/dashboard/satisfaction", row(STAFF));
        // issue 17, scorecards (D49): rm1's is read by rm1, their head and admins (404 for anyone else, as for
        // someone unknown); the index is staff's (an RM is sent on to their own)
        for (String card : List.of("GET /scorecards/{username}", "GET /api/v1/scorecards/{username}")) {
            MATRIX.put(card, row(OWNER_SCOPE));
        }
        MATRIX.put("GET /scorecards", row(STAFF));
        // issue 17, the branch league table (D53): admins and heads of a branch with children (head1's BR001 is given
        // one below); head2's BR002 has none
        for (String league : List.of("GET /league", "GET /api/v1/league")) {
            MATRIX.put(league, row(EnumSet.of(Who.HEAD, Who.ADMIN)));
        }
        // issue 17, targets by measure and annual plans (D48): attainment read as the pipeline; plans by heads
        MATRIX.put("GET /api/v1/dashboard/targets", row(STAFF));
        MATRIX.put("GET /dashboard/targets/plan", row(HEADS));
        MATRIX.put("POST /dashboard/targets/plan", row(HEADS));
        // issue 16, opportunity teams and comments (D44): whoever sees the opportunity reads and comments; its scope
        // (owner, head, admin) manages the team; the staff picker is everyone's who works on records. Removing a
        // member acts without a body (t_matrix is no member: 404 for the allowed), so only the refused are probed.
        for (String scoped : List.of("GET /api/v1/opportunities/{id}/team", "POST /api/v1/opportunities/{id}/team",
                "GET /api/v1/opportunities/{id}/comments", "POST /api/v1/opportunities/{id}/comments",
                "POST /opportunities/{id}/team", "POST /opportunities/{id}/comments")) {
            MATRIX.put(scoped, row(OWNER_SCOPE));
        }
        MATRIX.put("DELETE /api/v1/opportunities/{id}/team/{username}", acting(OWNER_SCOPE));
        MATRIX.put("POST /opportunities/{id}/team/{username}/remove", acting(OWNER_SCOPE));
        MATRIX.put("GET /opportunities/team/suggestions", row(STAFF));
        // issue 13, handover: unowned high-tier customers and book handovers, heads (their subtree) and admins
        for (String endpoint : List.of("GET /customers/unowned", "POST /customers/unowned/assign",
                "GET /api/v1/customers/unowned", "POST /api/v1/customers/assignments", "GET /handover",
                "POST /handover", "POST /api/v1/handovers", "POST /api/v1/handovers/preview",
                "GET /api/v1/handovers/book")) {
            MATRIX.put(endpoint, row(HEADS));
        }
        // administration
        for (String page : List.of("GET /admin", "GET /admin/branches", "GET /admin/users", "GET /admin/settings",
                "GET /admin/scoring", "GET /admin/scoring/progress", "GET /admin/discovery", "GET /admin/discovery/runs",
                "GET /admin/imports", "GET /admin/imports/{id}", "GET /admin/imports/{id}/progress",
                "GET /admin/imports/{id}/rejected.csv", "GET /admin/audit", "GET /api/v1/admin/branches",
                "GET /api/v1/admin/users", "GET /api/v1/scoring/model", "GET /api/v1/scoring/model/progress",
                "GET /api/v1/imports/{id}", "GET /api/v1/discovery/runs/{id}",
                "POST /admin/branches", "POST /admin/users", "POST /admin/users/{username}/password",
                "POST /admin/users/{username}/assignment", "POST /admin/settings/stages",
                "POST /admin/settings/tiers/{type}", "POST /admin/settings/revenue-scale",
                "POST /admin/settings/lost-reasons", "POST /admin/settings/lost-reasons/{code}",
                "POST /admin/settings/products/{code}", "POST /admin/scoring/preview", "POST /admin/scoring",
                "POST /admin/discovery/cooldown", "POST /admin/discovery/preview", "POST /admin/imports",
                "POST /api/v1/admin/branches", "POST /api/v1/admin/users",
                "POST /api/v1/admin/users/{username}/password", "POST /api/v1/admin/users/{username}/assignment",
                "POST /api/v1/scoring/model/preview", "PUT /api/v1/scoring/model", "POST /api/v1/imports/{kind}",
                "POST /api/v1/discovery/runs")) {
            MATRIX.put(page, row(ADMIN));
        }
        MATRIX.put("POST /admin/users/{username}/disable", acting(ADMIN));
        MATRIX.put("POST /admin/users/{username}/unlock", acting(ADMIN));
        MATRIX.put("POST /admin/users/{username}/enable", acting(ADMIN));
        MATRIX.put("POST /api/v1/admin/users/{username}/disable", acting(ADMIN));
        MATRIX.put("POST /api/v1/admin/users/{username}/enable", acting(ADMIN));
        MATRIX.put("POST /api/v1/admin/users/{username}/unlock", acting(ADMIN));
        MATRIX.put("POST /admin/discovery/runs", acting(ADMIN));
        MATRIX.put("POST /admin/discovery/rules/{code}", acting(ADMIN));
        // issue 16, risk approval (D45): the inbox for everyone who sees approvals (an RM their own requests),
        // decisions by the risk officer alone (the approval is rm1's request on their BR001 opportunity), requests
        // by whoever works the opportunity as its owner (an empty request acts: only the refused are probed), the
        // rules for admins (an empty rules form acts too).
        for (String list : List.of("GET /approvals", "GET /api/v1/approvals")) {
            MATRIX.put(list, row(EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS, Who.REFERRER))));
        }
        for (String decide : List.of("POST /approvals/{id}/decision", "POST /api/v1/approvals/{id}/decision")) {
            MATRIX.put(decide, row(EnumSet.of(Who.APPROVER)));
        }
        for (String request : List.of("POST /opportunities/{id}/approvals", "POST /api/v1/opportunities/{id}/approvals")) {
            MATRIX.put(request, acting(OWNER_SCOPE));
        }
        MATRIX.put("GET /admin/approval-rules", row(ADMIN));
        MATRIX.put("POST /admin/approval-rules", acting(ADMIN));
        MATRIX.put("GET /api/v1/admin/approval-rules", row(ADMIN));
        MATRIX.put("PUT /api/v1/admin/approval-rules", row(ADMIN));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointHasARowAndEveryProbeAnswersAsTheRowSays() throws Exception {
        Set<String> mapped = mapped(mappings);
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(MATRIX.keySet());
        assertThat(missing).as("mapped endpoints without a row in the matrix").isEmpty();

        Map<String, String> ids = records(port, jdbc);
        Map<Who, SessionClient> clients = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            clients.put(who, new SessionClient(port, USERNAMES.get(who)));
        }
        int probes = 0;
        List<String> unexpectedAllows = new ArrayList<>();
        List<String> unexpectedDenies = new ArrayList<>();
        for (String endpoint : mapped) {
            Row row = MATRIX.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1), ids);
            boolean api = path.startsWith("/api/");
            for (Who who : Who.values()) {
                boolean allowed = row.allowed().contains(who);
                if (allowed && !row.probeAllowed()) {
                    continue;
                }
                String body = method.equals("GET") ? null : api ? "{}" : "";
                String type = method.equals("GET") ? null : api ? "application/json" : "application/x-www-form-urlencoded";
                HttpResponse<String> res = clients.get(who).send(method, path, type, body);
                probes++;
                boolean denied = denied(res);
                if (res.statusCode() >= 500) {
                    unexpectedAllows.add(endpoint + " as " + who + ": " + res.statusCode());
                } else if (allowed && denied) {
                    unexpectedDenies.add(endpoint + " as " + who + ": " + res.statusCode());
                } else if (!allowed && !denied) {
                    unexpectedAllows.add(endpoint + " as " + who + ": " + res.statusCode());
                }
            }
        }
        System.out.printf("MATRIX endpoints=%d probes=%d unexpected allows=%d unexpected denies=%d%n", mapped.size(),
                probes, unexpectedAllows.size(), unexpectedDenies.size());
        assertThat(unexpectedAllows).as("unexpected allows (or 5xx)").isEmpty();
        assertThat(unexpectedDenies).as("unexpected denies").isEmpty();
    }

    /** Every "METHOD /pattern" the application maps, but the error page. */
    static Set<String> mapped(RequestMappingHandlerMapping mappings) {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/error")) {
                    continue;
                }
                for (var m : methods.isEmpty() ? EnumSet.of(org.springframework.web.bind.annotation.RequestMethod.GET)
                        : methods) {
                    mapped.add(m.name() + " " + pattern);
                }
            }
        });
        return mapped;
    }

    private static boolean denied(HttpResponse<String> res) {
        int s = res.statusCode();
        if (s == 401 || s == 403 || s == 404) {
            return true;
        }
        return s == 302 && res.headers().firstValue("Location").orElse("").contains("/login");
    }

    /** Records owned by rm1 in BR001 (and the like) to put in the paths. */
    static Map<String, String> records(int port, JdbcTemplate jdbc) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (jdbc.queryForObject("select count(*) from staff_user where username = 't_matrix'", Integer.class) == 0) {
            assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", "t_matrix",
                    "displayName", "矩阵", "role", "RM", "branchCode", "BR001", "password", "Matrix-Test#2026"))
                    .status()).isEqualTo(201);
        }
        // a child branch of BR001, so that its head reads a league table (D53)
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select 'T-MX-SUB', '矩阵下级支行', id, path || 'T-MX-SUB/' from branch where code = 'BR001'
                on conflict do nothing""");
        ids.put("{id}/opportunity", String.valueOf(jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = 'rm1' and o.status = 'OPEN' order by o.id limit 1""", Long.class)));
        ids.put("{customerNo}", jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.id_no is not null order by c.customer_no limit 1""", String.class));
        Long referral = jdbc.queryForObject("""
                insert into referral (customer_id, channel, need, referrer_id, suggested_rm_id, branch_id)
                select c.id, 'LOBBY', '授权矩阵测试', t.id, r.id, c.branch_id from customer c, staff_user t, staff_user r
                where c.customer_no = ? and t.username = 'teller1' and r.username = 'rm1' returning id""",
                Long.class, ids.get("{customerNo}"));
        ids.put("{id}/referral", String.valueOf(referral));
        Long visit = jdbc.queryForObject("""
                insert into visit_plan (rm_id, customer_id, planned_on, purpose)
                select r.id, c.id, current_date + 1, '授权矩阵测试' from staff_user r, customer c
                where r.username = 'rm1' and c.customer_no = ? returning id""", Long.class, ids.get("{customerNo}"));
        ids.put("{id}/visit", String.valueOf(visit));
        Long importRun = jdbc.queryForObject("""
                insert into import_run (kind, status, file_name, started_by, finished_at, header_line)
                values ('CUSTOMERS', 'DONE', 'matrix.csv', 'admin', now(), 'customer_no') returning id""", Long.class);
        ids.put("{id}/import", String.valueOf(importRun));
        Long discoveryRun = jdbc.queryForObject("""
                insert into discovery_run (as_of, status, started_by, finished_at) values (current_date, 'DONE', 'admin', now())
                returning id""", Long.class);
        ids.put("{id}/discovery", String.valueOf(discoveryRun));
        Long target = jdbc.queryForObject("""
                insert into target (period_type, period_start, rm_id, target_amount, created_by)
                select 'MONTH', (coalesce((select max(period_start) from target where period_start >= date '2031-01-01'),
                                          date '2030-12-01') + interval '1 month')::date, r.id, 1000, h.id
                from staff_user r, staff_user h
                where r.username = 'rm1' and h.username = 'head1' returning id""", Long.class);
        ids.put("{id}/target", String.valueOf(target));
        ids.put("{id}/segment", String.valueOf(jdbc.queryForObject("""
                insert into customer_segment (name, criteria, created_by, branch_id)
                select '授权矩阵分群', '{"tiers": ["GOLD"]}'::jsonb, id, branch_id from staff_user where username = 'head1'
                returning id""", Long.class)));
        Long campaign = jdbc.queryForObject("""
                insert into campaign (name, product_code, customer_nos, starts_on, ends_on, cost, status,
                                      launch_state, created_by, branch_id)
                select '授权矩阵活动', 'FUND', array[?]::varchar(32)[], current_date - 1, current_date + 30, 0,
                       'ACTIVE', 'DONE', id, branch_id from staff_user where username = 'head1'
                returning id""", Long.class, ids.get("{customerNo}"));
        jdbc.update("""
                insert into campaign_target (campaign_id, customer_id, owner_id, branch_id)
                select ?, c.id, c.owner_id, c.branch_id from customer c where c.customer_no = ?""", campaign,
                ids.get("{customerNo}"));
        ids.put("{id}/campaign", String.valueOf(campaign));
        ids.put("{id}/notification", String.valueOf(jdbc.queryForObject("""
                insert into notification (user_id, kind, title_text, link)
                select id, 'MENTION', '授权矩阵通知', '/' from staff_user where username = 'rm1' returning id""",
                Long.class)));
        ids.put("{id}/approval", String.valueOf(jdbc.queryForObject("""
                with ins as (
                    insert into approval (opportunity_id, amount, requested_by, requested_at)
                    select o.id, o.amount, o.owner_id, now() from opportunity o where o.id = ?
                    on conflict (opportunity_id) where status = 'PENDING' do nothing returning id)
                select id from ins union all
                select id from approval where opportunity_id = ? and status = 'PENDING' limit 1""", Long.class,
                Long.valueOf(ids.get("{id}/opportunity")), Long.valueOf(ids.get("{id}/opportunity")))));
        ids.put("{id}/alertRun", String.valueOf(jdbc.queryForObject("""
                insert into alert_run (as_of, started_by, finished_at) values (current_date, 'admin', now())
                returning id""", Long.class)));
        ids.put("{id}/complaint", String.valueOf(jdbc.queryForObject("""
                insert into complaint (customer_id, category, text, received_on, due_on, registered_by)
                select c.id, 'SERVICE', '授权矩阵投诉', current_date, current_date + 15, a.id
                from customer c, staff_user a where c.customer_no = ? and a.username = 'admin' returning id""",
                Long.class, ids.get("{customerNo}"))));
        return ids;
    }

    static String fill(String pattern, Map<String, String> ids) {
        String id = pattern.startsWith("/referrals") || pattern.startsWith("/api/v1/referrals") ? ids.get("{id}/referral")
                : pattern.startsWith("/visits") ? ids.get("{id}/visit")
                : pattern.startsWith("/admin/imports") || pattern.startsWith("/api/v1/imports") ? ids.get("{id}/import")
                : pattern.startsWith("/api/v1/discovery") ? ids.get("{id}/discovery")
                : pattern.startsWith("/dashboard/targets") ? ids.get("{id}/target")
                : pattern.startsWith("/segments") || pattern.startsWith("/api/v1/segments") ? ids.get("{id}/segment")
                : pattern.startsWith("/campaigns") || pattern.startsWith("/api/v1/campaigns") ? ids.get("{id}/campaign")
                : pattern.startsWith("/notifications") || pattern.startsWith("/api/v1/notifications")
                        ? ids.get("{id}/notification")
                : pattern.startsWith("/api/v1/alerts/runs") ? ids.get("{id}/alertRun")
                : pattern.startsWith("/approvals") || pattern.startsWith("/api/v1/approvals") ? ids.get("{id}/approval")
                : pattern.startsWith("/complaints") || pattern.startsWith("/api/v1/complaints")
                        ? ids.get("{id}/complaint")
                : ids.get("{id}/opportunity");
        // a scorecard is asked of rm1, whose records the matrix probes
        String filled = pattern.replace("scorecards/{username}", "scorecards/rm1").replace("{id}", id).replace("{customerNo}", ids.get("{customerNo}"))
                .replace("{username}", "t_matrix").replace("{type}", "RETAIL").replace("{code}", "FX")
                .replace("{kind}", "customers").replace("{format}", "csv").replace("{group}", "default")
                .replace("{tier}", "KEY")
                .replace("/dashboard/list.csv", "/dashboard/list.csv?measure=OPEN");
        // a statement is asked of rm1, whose records the matrix probes
        return List.of("/incentives", "/incentives/export.csv", "/api/v1/incentives").contains(filled)
                ? filled + "?user=rm1" : filled;
    }
}
