package org.bankcrm.service.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.approval.Approval;
import org.bankcrm.domain.approval.ApprovalRepository;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerFacts;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Holding;
import org.bankcrm.domain.customer.HoldingRepository;
import org.bankcrm.domain.customer.MonthlyAum;
import org.bankcrm.domain.customer.MonthlyAumRepository;
import org.bankcrm.domain.customer.TierPolicy;
import org.bankcrm.domain.customer.TierThresholdRepository;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.FollowUp;
import org.bankcrm.domain.opportunity.FollowUpRepository;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityDraft;
import org.bankcrm.domain.opportunity.OpportunityHistory;
import org.bankcrm.domain.opportunity.OpportunityHistoryRepository;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Transition;
import org.bankcrm.domain.visit.VisitPlan;
import org.bankcrm.domain.visit.VisitPlanRepository;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.referral.ReferralRepository;
import org.bankcrm.service.alert.AlertEvaluator;
import org.bankcrm.service.shared.FirstStart;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo profile's data: the branches and users of the contract (password {@value #PASSWORD}) and a
 * few hundred customers with holdings, AUM history, opportunities in every stage, follow-ups, visit
 * plans and referrals, dated relative to today so that "My day" always has something due. Seeded once
 * (skipped when {@code BR001} exists). Never active outside the {@code demo} profile.
 *
 * <p>Over 250 lines: one seed, read top to bottom in the order its rows depend on each other (branches, users,
 * customers, holdings, opportunities, follow-ups, visits, referrals); split, a reader would chase the fixture
 * across files.
 */
@Slf4j
@Component
@Profile("demo")
@EnableConfigurationProperties(DemoData.DemoProperties.class)
@RequiredArgsConstructor
public class DemoData implements ApplicationRunner {

    static final String PASSWORD = "Demo#2026crm";

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
            "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "子涵", "浩然", "雨桐",
            "欣怡", "梓萱", "宇轩", "思远", "俊杰", "佳怡", "文博", "海燕", "志强", "丽华", "国庆", "建国"};
    private static final String[] COMPANY_PREFIX = {"华信", "恒通", "中联", "宏达", "金桥", "瑞丰", "天成", "新元",
            "博雅", "远景", "长江", "东方", "汇泽", "嘉禾", "鼎盛", "海纳", "安泰", "万象", "星河", "正和"};
    private static final String[] COMPANY_KIND = {"科技有限公司", "制造有限公司", "商贸有限公司", "物流股份有限公司",
            "建设工程有限公司", "医药有限公司", "餐饮管理有限公司", "信息技术有限公司"};
    private static final String[] INDUSTRIES = {"制造业", "批发零售", "信息技术", "建筑业", "交通物流", "医药卫生",
            "住宿餐饮", "教育"};
    private static final String[] REGIONS = {"330106", "330105", "330102", "330108", "110105", "310104"};

    private final FirstStart firstStart;
    private final BranchRepository branches;
    private final StaffUserRepository users;
    private final CustomerRepository customers;
    private final HoldingRepository holdings;
    private final MonthlyAumRepository aums;
    private final ProductRepository products;
    private final OpportunityRepository opportunities;
    private final FollowUpRepository followUps;
    private final VisitPlanRepository visits;
    private final ReferralRepository referrals;
    private final TierThresholdRepository tiers;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final org.bankcrm.service.scoring.OpenOpportunityRescorer rescorer;
    private final JdbcClient jdbc;
    private final ApprovalRepository approvals;
    private final OpportunityHistoryRepository historyLines;
    private final AlertEvaluator alerts;
    private final DemoProperties demo;

    /**
     * The demo's settings ({@code crm.demo.*}).
     *
     * @param evaluateAlerts evaluate the alerts once as of today right after a first seed, so that a demo shows its
     *                       warnings and bells at once rather than after the nightly run (the README's run command
     *                       sets it; the tests, which count alerts themselves, do not)
     */
    @ConfigurationProperties("crm.demo")
    public record DemoProperties(@DefaultValue("false") boolean evaluateAlerts) {
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean seeded = tx.execute(status -> seed());
        if (Boolean.TRUE.equals(seeded)) {
            rescorer.rescoreAllOpen();
            if (demo.evaluateAlerts()) {
                try {
                    var run = alerts.evaluate(LocalDate.now(clock), null);
                    log.info("Demo data: alerts evaluated as of {}: {}", run.asOf(), run.raised());
                } catch (RuntimeException e) {
                    // The demo still starts: the nightly run, or an admin's, evaluates them later.
                    log.warn("Demo data: the alerts could not be evaluated after the seed", e);
                }
            }
        }
    }

    /** Seeds everything in one transaction; false when the demo data is there already. */
    private boolean seed() {
        // Two nodes starting together: the second waits for the first one's seed to commit, then skips it.
        firstStart.lock();
        if (branches.existsByCode("BR001")) {
            return false;
        }
        long started = System.nanoTime();
        Random rnd = new Random(20261122L);
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();

        Branch hq = branches.findByCode("HQ").orElseThrow();
        Branch br1 = branches.save(Branch.under(hq, "BR001", "城东支行"));
        Branch br2 = branches.save(Branch.under(hq, "BR002", "城西支行"));

        String hash = encoder.encode(PASSWORD);
        users.save(new StaffUser("admin", "系统管理员", Role.ADMIN, hq, hash));
        users.save(new StaffUser("head1", "周建国", Role.BRANCH_HEAD, br1, hash));
        StaffUser rm1 = users.save(new StaffUser("rm1", "李晓明", Role.RM, br1, hash));
        StaffUser rm2 = users.save(new StaffUser("rm2", "王芳", Role.RM, br1, hash));
        StaffUser teller1 = users.save(new StaffUser("teller1", "陈静", Role.REFERRER, br1, hash));
        users.save(new StaffUser("head2", "赵海燕", Role.BRANCH_HEAD, br2, hash));
        StaffUser rm3 = users.save(new StaffUser("rm3", "刘洋", Role.RM, br2, hash));
        // The risk officer of the whole bank (风险审批人, D45): sees the approval inbox and nothing else.
        StaffUser risk1 = new StaffUser("risk1", "孙立", Role.APPROVER, hq, hash);
        risk1.changeEmail("risk1@demo.bank.example");
        users.save(risk1);

        Map<String, Product> product = new java.util.HashMap<>();
        products.findAll().forEach(p -> product.put(p.getCode(), p));
        TierPolicy policy = tiers.policy();

        // Corporate customers first: retail customers name them as employers.
        List<Customer> corporates = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            boolean east = i % 3 != 2;
            Branch b = east ? br1 : br2;
            StaffUser owner = east ? (i % 2 == 0 ? rm1 : rm2) : rm3;
            if (i % 9 == 4) {
                owner = null;
            }
            // Most companies micro or small, few large: the corporate pyramid a branch should have (D31).
            CompanySize size = CompanySize.values()[3 - Math.min(3,
                    (int) Math.floor(Math.abs(rnd.nextGaussian()) * 1.6))];
            BigDecimal contribution = money(Math.exp(9 + rnd.nextDouble() * 7));
            BigDecimal aum = money(Math.exp(12 + rnd.nextDouble() * 5));
            String name = COMPANY_PREFIX[i % COMPANY_PREFIX.length] + COMPANY_KIND[(i * 7) % COMPANY_KIND.length];
            corporates.add(customers.save(Customer.register(String.format("C%07d", 1000 + i), CustomerType.CORPORATE,
                    new CustomerFacts(name, creditCode(rnd), null, null, null, INDUSTRIES[i % INDUSTRIES.length], size,
                            aum, contribution, today.minusDays(rnd.nextInt(60))), b, owner, policy)));
        }

        List<Customer> retail = new ArrayList<>();
        for (int i = 0; i < 264; i++) {
            boolean east = i % 4 != 3;
            Branch b = east ? br1 : br2;
            StaffUser owner = east ? (i % 2 == 0 ? rm1 : rm2) : rm3;
            if (i % 17 == 5) {
                owner = null;
            }
            LocalDate birth = today.minusYears(22 + rnd.nextInt(50)).minusDays(rnd.nextInt(365));
            double scale = rnd.nextDouble();
            double aumValue = scale < 0.55 ? 2_000 + rnd.nextDouble() * 60_000
                    : scale < 0.85 ? 40_000 + rnd.nextDouble() * 500_000
                    : scale < 0.96 ? 450_000 + rnd.nextDouble() * 2_000_000
                    : 1_800_000 + rnd.nextDouble() * 8_000_000;
            BigDecimal aum = money(aumValue);
            // Two employers get twenty-odd employees each: material for corporate–retail linkage.
            String employer = null;
            if (i < 48) {
                employer = corporates.get(i < 24 ? 0 : 3).getCustomerNo();
            } else if (rnd.nextInt(3) == 0) {
                employer = corporates.get(rnd.nextInt(corporates.size())).getCustomerNo();
            }
            LocalDate lastTxn = rnd.nextInt(12) == 0 ? today.minusDays(200 + rnd.nextInt(300))
                    : today.minusDays(rnd.nextInt(40));
            String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
            retail.add(customers.save(Customer.register(String.format("R%08d", 20000 + i), CustomerType.RETAIL,
                    new CustomerFacts(name, idNumber(rnd, birth), phone(rnd), birth, employer, null, null, aum,
                            money(aumValue * 0.01), lastTxn), b, owner, policy)));
        }

        // Holdings and twelve months of AUM history (the last six drawn with the rest of the demo, the six before
        // them from a stream of their own, so that adding them changed nothing else the demo makes).
        List<Holding> hs = new ArrayList<>();
        List<MonthlyAum> history = new ArrayList<>();
        String[] retailProducts = {"DEP_DEMAND", "DEP_TIME", "WEALTH", "FUND", "INSURANCE", "CARD_CREDIT", "EBANK",
                "LOAN_MORTGAGE", "LOAN_CONSUMER"};
        for (Customer c : retail) {
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                String code = k == 0 ? "DEP_DEMAND" : retailProducts[rnd.nextInt(retailProducts.length)];
                LocalDate opened = today.minusDays(30 + rnd.nextInt(1500)).minusDays(k);
                LocalDate maturity = switch (code) {
                    case "DEP_TIME", "WEALTH" -> today.plusDays(rnd.nextInt(120) - 10);
                    default -> null;
                };
                if (maturity != null && maturity.isBefore(opened)) {
                    maturity = opened.plusDays(90);
                }
                BigDecimal share = c.getAum().multiply(BigDecimal.valueOf(0.1 + rnd.nextDouble() * 0.5));
                hs.add(new Holding(c, code, code.startsWith("CARD") || code.equals("EBANK") ? BigDecimal.ZERO
                        : share.setScale(2, RoundingMode.HALF_UP), opened, maturity));
            }
            double base = c.getAum().doubleValue();
            boolean outflow = rnd.nextInt(10) == 0;
            for (int m = 6; m >= 1; m--) {
                double factor = outflow && m == 1 ? 0.5 : 0.9 + rnd.nextDouble() * 0.2;
                history.add(new MonthlyAum(c.getId(), YearMonth.from(today).minusMonths(m), money(base * factor)));
            }
        }
        // A year ago a little lower on the whole: most books grow.
        Random earlier = new Random(20261203L);
        history.addAll(monthsBack(retail, today, 12, 7, () -> 0.8 + earlier.nextDouble() * 0.2));
        // Corporates' deposits have a history too (the customers feed's aum-history holds every customer), steady
        // within 5 % a month, from a stream of their own again; the customer structure counts them by company size.
        Random corporateHistory = new Random(20261206L);
        history.addAll(monthsBack(corporates, today, 12, 1, () -> 0.95 + corporateHistory.nextDouble() * 0.1));
        for (Customer c : corporates) {
            hs.add(new Holding(c, "SETTLEMENT", c.getAum().multiply(new BigDecimal("0.3")).setScale(2,
                    RoundingMode.HALF_UP), today.minusDays(400 + rnd.nextInt(2000)), null));
            if (rnd.nextBoolean()) {
                hs.add(new Holding(c, "LOAN_CORP", money(1_000_000 + rnd.nextDouble() * 20_000_000),
                        today.minusDays(100 + rnd.nextInt(700)), null));
            }
        }
        hs.add(new Holding(corporates.get(3), "PAYROLL", BigDecimal.ZERO, today.minusDays(365), null));
        holdings.saveAll(hs);
        aums.saveAll(history);

        // Opportunities in every stage, with follow-ups.
        String[] retailOffers = {"WEALTH", "FUND", "INSURANCE", "CARD_CREDIT", "DEP_TIME", "LOAN_CONSUMER",
                "LOAN_MORTGAGE"};
        String[] corporateOffers = {"LOAN_CORP", "PAYROLL", "SETTLEMENT", "FX", "LOAN_SME"};
        String[] lostReasons = {"PRICE", "COMPETITOR", "NO_NEED", "RISK_REJECTED", "UNREACHABLE"};
        Source[] sources = {Source.RM_DISCOVERED, Source.RM_DISCOVERED, Source.RM_DISCOVERED, Source.PARTNER, Source.EVENT};
        List<Customer> owned = new ArrayList<>();
        retail.stream().filter(c -> c.getOwner() != null).forEach(owned::add);
        corporates.stream().filter(c -> c.getOwner() != null).forEach(owned::add);
        List<FollowUp> fus = new ArrayList<>();
        List<Opportunity> opened = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Customer c = owned.get(rnd.nextInt(owned.size()));
            boolean corporate = c.getType() == CustomerType.CORPORATE;
            Product p = product.get(corporate ? corporateOffers[rnd.nextInt(corporateOffers.length)]
                    : retailOffers[rnd.nextInt(retailOffers.length)]);
            BigDecimal amount = corporate ? money(500_000 + rnd.nextDouble() * 9_500_000)
                    : p.getCode().equals("CARD_CREDIT") ? new BigDecimal("50000.00")
                    : money(20_000 + rnd.nextDouble() * Math.max(50_000, c.getAum().doubleValue() * 0.5));
            int ageDays = 3 + rnd.nextInt(170);
            Instant created = now.minusSeconds(ageDays * 86_400L + rnd.nextInt(30_000));
            StaffUser owner = c.getOwner();
            Opportunity o = Opportunity.open(new OpportunityDraft(c, p, OpportunityDraft.defaultTitle(c, p), amount,
                    today.plusDays(7 + rnd.nextInt(120)), sources[rnd.nextInt(sources.length)], null, null,
                    RiskLevel.values()[rnd.nextInt(3)], Competition.values()[rnd.nextInt(3)], 1 + rnd.nextInt(5),
                    owner, null), owner, created);
            int target = rnd.nextInt(100);
            Stage end = target < 14 ? Stage.IDENTIFIED : target < 28 ? Stage.CONTACTED : target < 42 ? Stage.QUALIFIED
                    : target < 54 ? Stage.PROPOSAL : target < 64 ? Stage.NEGOTIATION : target < 84 ? Stage.WON
                    : Stage.LOST;
            Instant t = created;
            for (Stage s : List.of(Stage.CONTACTED, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION)) {
                if (end == s || (end.isClosed() && (s.ordinal() <= Stage.QUALIFIED.ordinal() || rnd.nextBoolean()))
                        || s.ordinal() < end.ordinal()) {
                    if (!o.getStage().canMoveTo(s) || s.ordinal() <= o.getStage().ordinal()) {
                        continue;
                    }
                    t = t.plusSeconds(86_400L * (1 + rnd.nextInt(Math.max(1, ageDays / 6))));
                    if (t.isAfter(now)) {
                        t = now.minusSeconds(3_600);
                    }
                    o.moveTo(Transition.to(s), owner, t);
                    fus.add(new FollowUp(c, o, rnd.nextBoolean() ? FollowUpType.VISIT : FollowUpType.CALL, t,
                            "与客户沟通" + p.getNameZh() + "需求，推进到下一阶段", "客户有意向", null, null, owner, t));
                }
                if (s == end) {
                    break;
                }
            }
            if (end == Stage.WON) {
                t = t.plusSeconds(86_400L * (1 + rnd.nextInt(5)));
                o.moveTo(new Transition(Stage.WON, "签约完成", amount.multiply(BigDecimal.valueOf(0.8 + rnd.nextDouble()
                        * 0.3)).setScale(2, RoundingMode.HALF_UP), null), owner, t.isAfter(now) ? now : t);
            } else if (end == Stage.LOST) {
                t = t.plusSeconds(86_400L * (1 + rnd.nextInt(5)));
                o.moveTo(new Transition(Stage.LOST, "客户暂不考虑", null, lostReasons[rnd.nextInt(lostReasons.length)]),
                        owner, t.isAfter(now) ? now : t);
            } else {
                // Open ones: a recent follow-up for most, a next action (some due today, some overdue); a few stall.
                if (rnd.nextInt(5) != 0) {
                    Instant last = now.minusSeconds(86_400L * rnd.nextInt(10) + 3_600);
                    LocalDate next = today.plusDays(rnd.nextInt(9) - 3);
                    fus.add(new FollowUp(c, o, FollowUpType.values()[rnd.nextInt(4)], last,
                            "电话回访，介绍" + p.getNameZh() + "方案", "客户需要考虑", "再次拜访确认方案", next, owner, last));
                }
            }
            opened.add(o);
        }
        opportunities.saveAll(opened);
        followUps.saveAll(fus);

        // Today's and this week's visit plan.
        for (StaffUser rm : List.of(rm1, rm2, rm3)) {
            List<Customer> mine = owned.stream().filter(c -> c.getOwner() == rm).limit(6).toList();
            for (int k = 0; k < mine.size(); k++) {
                visits.save(new VisitPlan(rm, mine.get(k), null, today.plusDays(k / 2), k % 2 == 0 ? "到期资金续作沟通"
                        : "理财产品配置建议"));
            }
        }

        // Referrals from the lobby and the counter: some waiting, some accepted, one rejected.
        List<Customer> east = retail.stream().filter(c -> c.getBranch() == br1).limit(12).toList();
        for (int k = 0; k < east.size(); k++) {
            Customer c = east.get(k);
            ReferralChannel channel = k % 3 == 0 ? ReferralChannel.COUNTER : ReferralChannel.LOBBY;
            Product p = product.get(k % 2 == 0 ? "WEALTH" : "CARD_CREDIT");
            Instant at = now.minusSeconds(86_400L * (k + 1));
            StaffUser suggested = c.getOwner() != null ? c.getOwner() : rm1;
            Referral r = new Referral(c, channel, p, k % 2 == 0 ? "客户咨询理财产品收益" : "客户想办理信用卡", teller1,
                    suggested, at);
            if (k >= 6 && k < 10) {
                r = referrals.save(r);
                Opportunity o = Opportunity.open(new OpportunityDraft(c, p, OpportunityDraft.defaultTitle(c, p),
                        k % 2 == 0 ? new BigDecimal("200000.00") : new BigDecimal("50000.00"), today.plusDays(30),
                        Source.REFERRAL, r.sourceDetail(), null, RiskLevel.LOW, Competition.NONE, 4,
                        suggested, null), suggested, at.plusSeconds(7_200));
                // the first of them is won two days on, and signed
                boolean won = k == 6;
                BigDecimal wonAmount = new BigDecimal("200000.00");
                Instant wonAt = at.plusSeconds(172_800);
                if (won) {
                    o.moveTo(Transition.to(Stage.QUALIFIED), suggested, at.plusSeconds(86_400));
                    o.moveTo(new Transition(Stage.WON, null, wonAmount, null), suggested, wonAt);
                }
                o = opportunities.save(o);
                if (won) {
                    signed(o, wonAmount, wonAt);
                }
                r.accept(o, suggested, at.plusSeconds(7_200));
            } else if (k == 10) {
                r.reject("客户已在他行办理", suggested, at.plusSeconds(3_600));
            }
            referrals.save(r);
        }
        // Incentives (提成, D47): rm1 won deals this month and last month, so both statements show lines; teller1's
        // referral made last month was converted and won this month (its reward counts in the month won).
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(clock.getZone()).toInstant();
        Instant thisMonth = now.minusSeconds(1_800).isBefore(monthStart) ? now : now.minusSeconds(1_800);
        Instant lastMonth = today.withDayOfMonth(1).minusMonths(1).plusDays(9).atStartOfDay(clock.getZone())
                .toInstant().plusSeconds(36_000);
        List<Customer> rm1Retail = retail.stream().filter(c -> c.getOwner() == rm1).limit(5).toList();
        Object[][] wins = {{"WEALTH", "300000.00", thisMonth}, {"FUND", "120500.00", thisMonth},
            {"DEP_TIME", "500000.00", lastMonth}, {"INSURANCE", "80000.00", lastMonth}};
        for (int k = 0; k < wins.length && k < rm1Retail.size(); k++) {
            Customer c = rm1Retail.get(k);
            Product p = product.get((String) wins[k][0]);
            BigDecimal won = new BigDecimal((String) wins[k][1]);
            Instant closed = (Instant) wins[k][2];
            Opportunity o = Opportunity.open(new OpportunityDraft(c, p, OpportunityDraft.defaultTitle(c, p), won,
                    today.plusDays(30), Source.RM_DISCOVERED, null, null, RiskLevel.LOW, Competition.NONE, 4, rm1,
                    null), rm1, closed.minusSeconds(20L * 86_400));
            o.moveTo(Transition.to(Stage.QUALIFIED), rm1, closed.minusSeconds(10L * 86_400));
            o.moveTo(new Transition(Stage.WON, "签约完成", won, null), rm1, closed);
            signed(opportunities.save(o), won, closed);
        }
        Customer referred = rm1Retail.get(rm1Retail.size() - 1);
        Instant referredAt = monthStart.minusSeconds(3L * 86_400);
        Referral converted = referrals.save(new Referral(referred, ReferralChannel.LOBBY, product.get("WEALTH"),
                "客户咨询大额理财", teller1, rm1, referredAt));
        Opportunity fromReferral = Opportunity.open(new OpportunityDraft(referred, product.get("WEALTH"),
                OpportunityDraft.defaultTitle(referred, product.get("WEALTH")), new BigDecimal("150000.00"),
                today.plusDays(30), Source.REFERRAL, converted.sourceDetail(), null, RiskLevel.LOW, Competition.NONE,
                4, rm1, null), rm1, referredAt.plusSeconds(7_200));
        fromReferral.moveTo(Transition.to(Stage.QUALIFIED), rm1, referredAt.plusSeconds(86_400));
        BigDecimal referredWon = new BigDecimal("150000.00");
        fromReferral.moveTo(new Transition(Stage.WON, null, referredWon, null), rm1, thisMonth);
        fromReferral = opportunities.save(fromReferral);
        signed(fromReferral, referredWon, thisMonth);
        converted.accept(fromReferral, rm1, referredAt.plusSeconds(7_200));
        referrals.save(converted);
        // A corporate loan of CNY 3,000,000 in negotiation, its approval asked for by rm1 and waiting in risk1's
        // inbox (the default rule: loans from CNY 1,000,000 need one before they are won, D45).
        Customer borrower = corporates.stream().filter(c -> c.getOwner() == rm1).findFirst().orElseThrow();
        Product loan = product.get("LOAN_CORP");
        Instant asked = now.minusSeconds(5_400);
        Opportunity big = Opportunity.open(new OpportunityDraft(borrower, loan, borrower.getName() + " · 流动资金贷款",
                new BigDecimal("3000000.00"), today.plusDays(21), Source.RM_DISCOVERED, null, null, RiskLevel.MEDIUM,
                Competition.SOME, 4, rm1, null), rm1, now.minusSeconds(86_400L * 20));
        big.moveTo(Transition.to(Stage.QUALIFIED), rm1, now.minusSeconds(86_400L * 12));
        big.moveTo(Transition.to(Stage.NEGOTIATION), rm1, now.minusSeconds(86_400L * 3));
        big = opportunities.save(big);
        followUps.save(new FollowUp(borrower, big, FollowUpType.VISIT, now.minusSeconds(86_400L * 3),
                "上门尽调，核实经营流水与抵押物", "客户资料齐全，等待审批", null, null, rm1, now.minusSeconds(86_400L * 3)));
        Approval request = approvals.save(new Approval(big, rm1, "抵押物为自有厂房，请审批", asked));
        historyLines.save(OpportunityHistory.approval(big, asked, rm1, request.getAmount().toPlainString(), "PENDING",
                request.getRequestComment()));

        // A saved customer group of the head of 城东支行, ready for a list campaign (名单制营销): the branch's
        // PLATINUM and above retail customers who hold no wealth product.
        jdbc.sql("""
                        insert into customer_segment (name, criteria, created_by, branch_id)
                        values ('高净值客户未持有理财', cast(:criteria as jsonb),
                                (select id from staff_user where username = 'head1'), :branch)""")
                .param("criteria", "{\"type\": \"RETAIL\", \"tiers\": [\"PLATINUM\", \"DIAMOND\", \"PRIVATE\"],"
                        + " \"lacks\": [\"WEALTH\"]}")
                .param("branch", br1.getId()).update();
        // Satisfaction and complaints (D46): about one visit or call in four rated by the customer (3–5), and
        // complaints on rm1's customers: one overdue, one open and in time, one resolved.
        jdbc.sql("update follow_up set satisfaction = 3 + (id % 3) where id % 4 = 0 and type in ('VISIT', 'CALL')")
                .update();
        jdbc.sql("""
                        insert into complaint (customer_id, category, text, received_on, due_on, status, resolution,
                                               resolved_on, resolved_by, owner_id, registered_by)
                        select c.id, x.category, x.text, cast(:today as date) - x.ago,
                               cast(:today as date) - x.ago + 15, x.status,
                               case when x.status = 'RESOLVED' then '已致电客户说明原因并致歉，客户表示理解' end,
                               case when x.status = 'RESOLVED' then cast(:today as date) - x.ago + 3 end,
                               case when x.status = 'RESOLVED' then c.owner_id end, c.owner_id, t.id
                        from (values (0, 'SERVICE', '客户反映柜台排队等候超过一小时，无人引导', 20, 'OPEN'),
                                     (1, 'FEE', '客户对账户管理费扣收有异议，要求说明', 4, 'OPEN'),
                                     (2, 'PRODUCT', '客户认为理财产品风险揭示不够清楚', 30, 'RESOLVED'))
                             as x(n, category, text, ago, status)
                        join lateral (select cu.id, cu.owner_id from customer cu
                                      where cu.owner_id = :rm order by cu.customer_no offset x.n limit 1) c on true
                        cross join (select id from staff_user where username = 'teller1') t""")
                .param("today", today).param("rm", rm1.getId()).update();
        team(now);
        log.info("Demo data seeded in {} ms: {} customers, {} opportunities; every demo user's password is the"
                        + " documented demo password.", (System.nanoTime() - started) / 1_000_000,
                corporates.size() + retail.size(), opened.size() + 10);
        return true;
    }

    /**
     * What a deal won in the demo leaves behind, as in a bank: the signing visit in the customer's history (so the
     * customer is not "never contacted"), and the product held from that day at the amount won (as the next day's
     * holdings feed would bring it).
     */
    private void signed(Opportunity o, BigDecimal won, Instant at) {
        Customer c = o.getCustomer();
        followUps.save(new FollowUp(c, o, FollowUpType.VISIT, at, "客户来行面签" + o.getProduct().getNameZh() + "，手续已办妥",
                "签约完成", null, null, o.getOwner(), at));
        holdings.save(new Holding(c, o.getProduct().getCode(), won, LocalDate.ofInstant(at, clock.getZone()), null));
    }

    /**
     * A team (D44) on rm1's largest open corporate payroll deal, else corporate deal (公私联动: the comments are about
     * the employees' cards and wealth): rm3 of 城西支行 co-owns it with 30% of the credit,
     * rm2 supports it with 10%; two comments, the second mentioning rm3, who finds it in the bell. Not rm1's first
     * open opportunity, which the authorization tests take as one only its scope sees.
     */
    private void team(Instant now) {
        Long deal = jdbc.sql("""
                        select o.id from opportunity o join staff_user u on u.id = o.owner_id
                        join customer c on c.id = o.customer_id
                        where u.username = 'rm1' and o.status = 'OPEN' and c.type = 'CORPORATE'
                          and o.id > (select min(o2.id) from opportunity o2 where o2.owner_id = u.id
                                      and o2.status = 'OPEN')
                        order by o.product_code = 'PAYROLL' desc, o.amount desc, o.id limit 1""")
                .query(Long.class).optional().orElse(null);
        if (deal == null) {
            return;
        }
        java.sql.Timestamp added = java.sql.Timestamp.from(now.minusSeconds(3 * 86_400L));
        java.sql.Timestamp first = java.sql.Timestamp.from(now.minusSeconds(2 * 86_400L));
        java.sql.Timestamp second = java.sql.Timestamp.from(now.minusSeconds(86_400L));
        jdbc.sql("""
                        insert into opportunity_member (opportunity_id, user_id, role, credit_share, added_at, added_by)
                        select :o, u.id, m.role, m.share, :at, (select id from staff_user where username = 'rm1')
                        from (values ('rm3', 'CO_OWNER', 30), ('rm2', 'SUPPORT', 10)) as m (username, role, share)
                        join staff_user u on u.username = m.username""")
                .param("o", deal).param("at", added).update();
        jdbc.sql("""
                        insert into opportunity_history (opportunity_id, at, by_user_id, event, to_value, comment)
                        select :o, :at, (select id from staff_user where username = 'rm1'), 'MEMBER_ADDED', m.username,
                               m.detail
                        from (values ('rm3', 'CO_OWNER 30'), ('rm2', 'SUPPORT 10')) as m (username, detail)""")
                .param("o", deal).param("at", added).update();
        jdbc.sql("""
                        insert into opportunity_comment (opportunity_id, author_id, at, text, mentions)
                        select :o, id, :at, '代发工资方案已发给企业财务，员工信用卡和理财由零售这边跟进。', '{}'
                        from staff_user where username = 'rm1'""")
                .param("o", deal).param("at", first).update();
        Long comment = jdbc.sql("""
                        insert into opportunity_comment (opportunity_id, author_id, at, text, mentions)
                        select :o, id, :at, '@rm3 企业下周二来行签约，请一起参加，准备员工开卡资料。', '{rm3}'
                        from staff_user where username = 'rm2' returning id""")
                .param("o", deal).param("at", second).query(Long.class).single();
        jdbc.sql("""
                        insert into notification (user_id, kind, opportunity_id, title_key, title_args, link, created_at)
                        select r.id, 'MENTION', o.id, 'notification.mention', array[a.display_name, o.title],
                               '/opportunities/' || o.id || '#comment-' || :comment, :at
                        from opportunity o, staff_user r, staff_user a
                        where o.id = :o and r.username = 'rm3' and a.username = 'rm2'""")
                .param("o", deal).param("comment", comment).param("at", second).update();
    }

    /**
     * Each customer's average AUM for the months {@code from} to {@code to} months before today's (oldest first), its
     * AUM now times a factor drawn for each month; customer by customer, so a stream gives the same months each run.
     */
    private static List<MonthlyAum> monthsBack(List<Customer> customers, LocalDate today, int from, int to,
                                               java.util.function.DoubleSupplier factor) {
        List<MonthlyAum> months = new ArrayList<>();
        for (Customer c : customers) {
            double base = c.getAum().doubleValue();
            for (int m = from; m >= to; m--) {
                months.add(new MonthlyAum(c.getId(), YearMonth.from(today).minusMonths(m),
                        money(base * factor.getAsDouble())));
            }
        }
        return months;
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static String phone(Random rnd) {
        String[] prefixes = {"138", "139", "137", "150", "151", "158", "186", "187", "188", "135"};
        return prefixes[rnd.nextInt(prefixes.length)] + String.format("%08d", rnd.nextInt(100_000_000));
    }

    /** A well-formed 18-digit resident ID number (GB 11643 check digit), fictitious. */
    private static String idNumber(Random rnd, LocalDate birth) {
        String body = REGIONS[rnd.nextInt(REGIONS.length)] + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", rnd.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String creditCode(Random rnd) {
        return "91330100MA" + String.format("%08d", rnd.nextInt(100_000_000));
    }
}
