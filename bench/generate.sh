#!/usr/bin/env bash
# Generates a bank of a given size (issue 8) through the product's own schema: the production jar migrates an
# empty database once with Flyway and creates the first administrator with the application's password encoder;
# then set-based SQL (INSERT … SELECT generate_series) fills it. Every user gets the benchmark password.
#
#   bench/generate.sh                        # 50 branches, 1,000 RMs, 1M customers, 3M holdings, 2M opportunities,
#                                            # 10M follow-ups into database crm_bank (dropped and made again)
#   DB=crm_small CUSTOMERS=20000 OPPORTUNITIES=40000 HOLDINGS=60000 FOLLOWUPS=200000 bench/generate.sh
#
# Sizes: BRANCHES (a tenth of them regional branches under HQ, the rest sub-branches under those), RMS (spread
# evenly over the branches), CUSTOMERS, HOLDINGS, OPPORTUNITIES (over YEARS years), FOLLOWUPS, AUM_MONTHS.
# KEEP_INDEXES=1 loads with every index and foreign key in place (slower; for comparison).
# Users: admin, head001… (one head a branch), rm0001… (RMs), teller001… (one referrer a branch), all with the
# password in BENCH_PASSWORD (default Bench#2026crm). Needs PostgreSQL (PGHOST/PGPORT/PGUSER), psql and a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-crm_bank}
BRANCHES=${BRANCHES:-50}
RMS=${RMS:-1000}
CUSTOMERS=${CUSTOMERS:-1000000}
HOLDINGS=${HOLDINGS:-3000000}
OPPORTUNITIES=${OPPORTUNITIES:-2000000}
FOLLOWUPS=${FOLLOWUPS:-10000000}
YEARS=${YEARS:-3}
AUM_MONTHS=${AUM_MONTHS:-6}
BENCH_PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
PORT=${PORT:-18181}
. bench/lib.sh

START=$(date +%s.%N)
echo "GENERATE database=$DB branches=$BRANCHES rms=$RMS customers=$CUSTOMERS holdings≈$HOLDINGS" \
  "opportunities=$OPPORTUNITIES follow-ups≈$FOLLOWUPS years=$YEARS aum-months=$AUM_MONTHS"

# 1. The schema, as the application makes it: the production jar migrates the empty database and creates the
#    first administrator (its password hashed by the application's encoder), then stops.
t=$(date +%s.%N)
JAR=$(production_jar)
psql -X -q -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
mkdir -p target
SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT CRM_BOOTSTRAP_ADMIN_PASSWORD=$BENCH_PASSWORD \
  "$(find_java)" -Xmx512m -jar "$JAR" > target/generate-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT" || { tail -n 50 target/generate-app.log; exit 1; }
kill "$APP"; wait "$APP" 2>/dev/null || true
trap - EXIT
printf 'GENERATE %-44s %8.1f s  %s\n' "schema (Flyway, first admin)" "$(elapsed "$t")" \
  "$(psql -X -Atq -d "$DB" -c "select 'migrations ' || count(*) || ', latest V' || max(version::int) from flyway_schema_history where success")"

# Each part: one psql session with the sizes as variables, timed, followed by what it made.
part() {
  local label=$1 count_sql=$2 t
  t=$(date +%s.%N)
  { cat <<'SQL'
\set ON_ERROR_STOP on
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 2;
SQL
    cat; } | psql -X -q -d "$DB" -v branches="$BRANCHES" -v rms="$RMS" -v customers="$CUSTOMERS" \
        -v holdings="$HOLDINGS" -v opportunities="$OPPORTUNITIES" -v followups="$FOLLOWUPS" -v years="$YEARS" \
        -v aum_months="$AUM_MONTHS" -v keep_indexes="${KEEP_INDEXES:-0}" > /dev/null
  printf 'GENERATE %-44s %8.1f s  %s\n' "$label" "$(elapsed "$t")" \
    "$( [ -n "$count_sql" ] && psql -X -Atq -d "$DB" -c "$count_sql" )"
}

# 2. Secondary indexes and foreign keys of the bulk-loaded tables go while they fill and come back afterwards:
#    one sorted build per index and one join per key instead of an index insertion and a trigger call per row.
#    Their definitions are read from the catalogue, so they come back exactly as the migrations made them. The
#    dashboards' read-model triggers (V36, named rollup_*) are off while the tables fill, and the read model is
#    rebuilt from the rows at the end (rollup_rebuild): one grouped pass instead of a trigger call per row.
part "drop secondary indexes and foreign keys" "select count(*) || ' definitions kept' from bench_generator_ddl" <<'SQL'
create table bench_generator_ddl (seq serial, kind text, name text, tbl text, ddl text);
insert into bench_generator_ddl (kind, name, tbl, ddl)
select 'trigger', t.tgname, t.tgrelid::regclass::text,
       format('alter table %s enable trigger %I', t.tgrelid::regclass, t.tgname)
from pg_trigger t
where not t.tgisinternal and t.tgname like 'rollup\_%'
order by t.oid;
select format('alter table %s disable trigger %I', tbl, name) from bench_generator_ddl where kind = 'trigger' \gexec
\if :keep_indexes
\else
insert into bench_generator_ddl (kind, name, tbl, ddl)
select 'fk', c.conname, c.conrelid::regclass::text,
       'alter table ' || c.conrelid::regclass || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
from pg_constraint c
where c.contype = 'f' and c.conrelid::regclass::text in
      ('customer', 'holding', 'aum_monthly', 'opportunity', 'opportunity_history', 'follow_up', 'visit_plan', 'referral', 'target')
order by c.oid;
insert into bench_generator_ddl (kind, name, tbl, ddl)
select 'index', i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
from pg_index i
where not i.indisprimary and not i.indisunique
  and i.indrelid::regclass::text in ('customer', 'holding', 'opportunity', 'opportunity_history', 'follow_up', 'visit_plan', 'referral')
order by i.indexrelid;
select format('alter table %s drop constraint %I', tbl, name) from bench_generator_ddl where kind = 'fk' \gexec
select format('drop index %s', name) from bench_generator_ddl where kind = 'index' \gexec
\endif
SQL

# 3. The organisation: BRANCHES branches (a tenth regional under HQ, the rest under those), a head and a teller
#    each, RMS relationship managers spread evenly; everyone shares the administrator's password hash.
part "branches and users" "select (select count(*) from branch) || ' branches, ' || count(*) filter (where role = 'RM') || ' RMs, ' || count(*) filter (where role = 'BRANCH_HEAD') || ' heads, ' || count(*) filter (where role = 'REFERRER') || ' tellers, ' || count(*) filter (where role = 'ADMIN') || ' admin' from staff_user" <<'SQL'
\set regions 'greatest(1, ' :branches ' / 10)'
insert into branch (code, name, parent_id, path)
select 'B' || lpad(b::text, 3, '0'), '第' || b || '分行', hq.id, '/HQ/B' || lpad(b::text, 3, '0') || '/'
from generate_series(1, :regions) b, branch hq where hq.code = 'HQ';
insert into branch (code, name, parent_id, path)
select 'B' || lpad(b::text, 3, '0'), '第' || b || '支行', p.id, p.path || 'B' || lpad(b::text, 3, '0') || '/'
from generate_series(:regions + 1, :branches) b
join branch p on p.code = 'B' || lpad((1 + (b - :regions - 1) % :regions)::text, 3, '0');
create table bench_branch as
select row_number() over (order by code)::int - 1 as k, id, code from branch where code ~ '^B[0-9]{3}$';
insert into staff_user (username, display_name, role, branch_id, password_hash)
select 'head' || substr(b.code, 2), '行长' || substr(b.code, 2), 'BRANCH_HEAD', b.id, a.password_hash
from bench_branch b, staff_user a where a.role = 'ADMIN';
insert into staff_user (username, display_name, role, branch_id, password_hash)
select 'teller' || substr(b.code, 2), '柜员' || substr(b.code, 2), 'REFERRER', b.id, a.password_hash
from bench_branch b, staff_user a where a.role = 'ADMIN';
insert into staff_user (username, display_name, role, branch_id, password_hash)
select 'rm' || lpad(r::text, 4, '0'),
       (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡'])[1 + r % 15]
         || (array['伟','芳','敏','静','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','霞'])[1 + r / 15 % 16]
         || '(' || lpad(r::text, 4, '0') || ')',
       'RM', b.id, a.password_hash
from generate_series(1, :rms) r
join bench_branch b on b.k = (r - 1) * :branches / :rms
cross join staff_user a where a.role = 'ADMIN';
-- RM number k (0-based) of branch k / (RMS / BRANCHES): what the customers' owners are drawn from.
create table bench_rm as
select row_number() over (order by u.username)::int - 1 as k, u.id, u.branch_id
from staff_user u where u.role = 'RM' and u.username ~ '^rm[0-9]{4}$';
create table bench_teller as select b.k, u.id from bench_branch b join staff_user u on u.username = 'teller' || substr(b.code, 2);
analyze branch; analyze staff_user; analyze bench_rm; analyze bench_branch;
SQL

# 4. Customers: one in ten corporate; retail AUM log-distributed from CNY 100 to 20M (most mass, a few private
#    banking), corporate by annual contribution; tiers by the thresholds; ID numbers and phones shaped like real
#    ones (what masking is for); four in five with an owner RM of their branch; some retail employees of a
#    corporate customer.
part "customers" "select count(*) || ' customers (' || count(*) filter (where type = 'CORPORATE') || ' corporate, ' || count(*) filter (where owner_id is null) || ' without owner)' from customer" <<'SQL'
insert into customer (id, customer_no, type, name, id_no, phone, birth_date, employer_no, industry, company_size,
                      branch_id, owner_id, aum, annual_contribution, last_txn_on, tier, created_at, updated_at)
select g, 'C' || lpad(g::text, 9, '0'), x.type,
       case when x.type = 'RETAIL'
            then (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','高','罗'])[1 + g % 20]
                 || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + g / 20 % 20]
                 || case when g % 3 = 0 then '' else (array['华','英','文','国','建','玉','兰','志','海','春'])[1 + g / 400 % 10] end
            else (array['江宁','鼓楼','玄武','秦淮','建邺','栖霞','雨花','浦口','六合','溧水'])[1 + g % 10]
                 || (array['恒通','华信','金盛','远航','宏达','新源','天成','瑞丰','博源','永泰'])[1 + g / 10 % 10]
                 || (array['科技','贸易','制造','建设','物流','餐饮','医药','电子'])[1 + g / 100 % 8] || '有限公司' end,
       case when x.type = 'RETAIL'
            then '3201' || lpad((1 + g % 99)::text, 2, '0') || to_char(x.birth, 'YYYYMMDD') || lpad((g % 1000)::text, 3, '0')
                 || substr('0123456789X', 1 + g % 11, 1)
            else '91320' || lpad(g::text, 12, '0') || substr('0123456789ABCDEFGH', 1 + g % 18, 1) end,
       '1' || (array['3','5','8','7','9'])[1 + g % 5] || (g % 10)::text || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
       x.birth,
       case when x.type = 'RETAIL' and g % 10 = 1 and g > 1000
            then 'C' || lpad((10 * (1 + (g / 10) % greatest(1, :customers / 1000)))::text, 9, '0') end,
       case when x.type = 'CORPORATE' then (array['制造业','批发零售','建筑业','信息技术','交通运输','住宿餐饮','医药卫生','房地产'])[1 + g / 100 % 8] end,
       case when x.type = 'CORPORATE' then (array['MICRO','MICRO','SMALL','SMALL','SMALL','MEDIUM','MEDIUM','LARGE'])[1 + g / 10 % 8] end,
       b.id, case when g % 5 <> 4 then r.id end,
       x.aum, x.contribution, current_date - (power(random(), 3) * 400)::int,
       (select t.tier from tier_threshold t where t.customer_type = x.type
          and t.lower_bound <= case when x.type = 'RETAIL' then x.aum else x.contribution end
        order by t.lower_bound desc limit 1),
       x.created, x.created
from generate_series(1, :customers) g
cross join lateral (
  select case when g % 10 = 0 then 'CORPORATE' else 'RETAIL' end as type,
         case when g % 10 = 0 then null else date '1950-01-01' + (random() * 19700)::int end as birth,
         round(exp(ln(100) + power(random(), 1.25) * ln(200000))::numeric, 2) as aum,
         case when g % 10 = 0 then round(exp(ln(1000) + random() * ln(20000))::numeric, 2) else 0 end as contribution,
         now() - random() * interval '10 years' as created) x
join bench_branch b on b.k = g % :branches
join bench_rm r on r.k = b.k * :rms / :branches + (g / :branches) % greatest(1, :rms / :branches);
select setval(pg_get_serial_sequence('customer', 'id'), (select max(id) from customer));
analyze customer;
SQL

# 5. Holdings: one to 2·H/N − 1 a customer (H/N on average), a demand deposit first; retail and corporate product
#    sets; time deposits and wealth products maturing over the next years (some this month), loans over five.
part "holdings" "select count(*) || ' holdings' from holding" <<'SQL'
\set per '(2 * ' :holdings ' / ' :customers ' - 1)'
insert into holding (customer_id, product_code, balance, opened_on, maturity_date, updated_at)
select c.id, p.code,
       case when p.code in ('EBANK', 'CARD_CREDIT', 'PAYROLL') then 0
            when k = 1 then round(greatest(c.aum, 100) * 0.2, 2)
            else round(greatest(c.aum, 1000) * (0.05 + random() * 0.4)::numeric, 2) end,
       o.opened,
       case when p.code in ('DEP_TIME', 'WEALTH') then o.opened + 365 * (1 + (c.id + k) % 3)::int
            when p.code like 'LOAN%' then o.opened + 1825 end,
       now()
from customer c
cross join lateral generate_series(1, 1 + (c.id::bigint * 7919) % greatest(1, :per)) k
cross join lateral (select current_date - 1100 + (k::int - 1) * 180 + (c.id % 180)::int as opened) o
cross join lateral (
  select case when k = 1 then 'DEP_DEMAND'
              when c.type = 'RETAIL' then (array['DEP_TIME','WEALTH','FUND','INSURANCE','CARD_CREDIT','LOAN_CONSUMER','LOAN_MORTGAGE','EBANK','FX','WEALTH'])[1 + (c.id * 31 + k * 17) % 10]
              else (array['DEP_TIME','LOAN_SME','LOAN_CORP','SETTLEMENT','PAYROLL','FX','EBANK','SETTLEMENT'])[1 + (c.id * 31 + k * 17) % 8] end as code) p;
analyze holding;
SQL

# 6. Monthly AUM: AUM_MONTHS months up to last month, drifting around the customer's AUM (a few draining).
part "monthly AUM" "select count(*) || ' customer-months' from aum_monthly" <<'SQL'
insert into aum_monthly (customer_id, month, avg_aum)
select c.id, (date_trunc('month', current_date) - make_interval(months => m))::date,
       round(greatest(c.aum, 0) * case when c.id % 40 = 0 then 1 + m * 0.15 else 1 + (random() - 0.5) * 0.1 end::numeric, 2)
from customer c cross join generate_series(1, :aum_months) m;
SQL

# 7. Opportunities over YEARS years (more in recent months): the older, the likelier closed; open ones across
#    the five open stages, closed ones won (55 %, with an amount) or lost (with a reason) within 180 days;
#    sources and products by customer type; one in fifty open ones unassigned; scored with the active model
#    (the factors computed from the generated data; engagement from the follow-ups' pattern, see step 9).
part "opportunities" "select count(*) || ' opportunities (' || count(*) filter (where status = 'OPEN') || ' open, ' || count(*) filter (where status = 'WON') || ' won, ' || count(*) filter (where status = 'LOST') || ' lost)' from opportunity" <<'SQL'
insert into opportunity (id, customer_id, product_code, title, amount, expected_revenue, stage, status, source,
    source_detail, discovery_rule, owner_id, branch_id, expected_close_date, risk_level, competition, need_strength,
    score, band, score_model_version, score_breakdown, scored_at, won_amount, lost_reason, created_by, created_at,
    updated_at, closed_at)
select y.g, y.customer_id, y.product, y.title, y.amount, y.revenue, y.stage,
       case y.stage when 'WON' then 'WON' when 'LOST' then 'LOST' else 'OPEN' end,
       y.source, case when y.source = 'DISCOVERY_RULE' then '系统发现' end,
       case when y.source = 'DISCOVERY_RULE' then (array['MATURITY','OUTFLOW','TIER_UPGRADE','CROSS_SELL_CARD','CROSS_SELL_WEALTH','DORMANT'])[1 + y.g % 6] end,
       case when y.g % 50 = 0 and y.stage not in ('WON', 'LOST') then null else y.owner end, y.branch_id,
       y.close_date, y.risk, y.competition, y.need,
       s.score, case when s.score >= m.band_a then 'A' when s.score >= m.band_b then 'B' when s.score >= m.band_c then 'C' else 'D' end,
       m.version,
       jsonb_build_array(
         jsonb_build_object('factor', 'REVENUE', 'value', round(s.v1, 1), 'weight', m.weight_revenue, 'contribution', round(m.weight_revenue * s.v1 / 100.0, 1)),
         jsonb_build_object('factor', 'RISK', 'value', s.v2, 'weight', m.weight_risk, 'contribution', round(m.weight_risk * s.v2 / 100.0, 1)),
         jsonb_build_object('factor', 'DEMAND', 'value', s.v3, 'weight', m.weight_demand, 'contribution', round(m.weight_demand * s.v3 / 100.0, 1)),
         jsonb_build_object('factor', 'COMPETITION', 'value', s.v4, 'weight', m.weight_competition, 'contribution', round(m.weight_competition * s.v4 / 100.0, 1)),
         jsonb_build_object('factor', 'CUSTOMER_VALUE', 'value', s.v5, 'weight', m.weight_customer_value, 'contribution', round(m.weight_customer_value * s.v5 / 100.0, 1)),
         jsonb_build_object('factor', 'RELATIONSHIP', 'value', s.v6, 'weight', m.weight_relationship, 'contribution', round(m.weight_relationship * s.v6 / 100.0, 1)),
         jsonb_build_object('factor', 'URGENCY', 'value', round(s.v7, 1), 'weight', m.weight_urgency, 'contribution', round(m.weight_urgency * s.v7 / 100.0, 1)),
         jsonb_build_object('factor', 'ENGAGEMENT', 'value', round(s.v8, 1), 'weight', m.weight_engagement, 'contribution', round(m.weight_engagement * s.v8 / 100.0, 1))),
       coalesce(y.closed, now()),
       case when y.stage = 'WON' then round(y.amount * (0.8 + random() * 0.4)::numeric, 2) + 0.01 end,
       case when y.stage = 'LOST' then (array['PRICE','COMPETITOR','NO_NEED','RISK_REJECTED','UNREACHABLE','OTHER'])[1 + y.g % 6] end,
       coalesce(y.owner, y.creator), y.created, coalesce(y.closed, y.created), y.closed
from (
  select x.*, round(x.amount * p.revenue_rate, 2) as revenue, c.tier, c.type,
         c.name || ' · ' || p.name_zh as title,
         case when x.stage in ('WON', 'LOST')
              then x.created + (0.1 + 0.9 * random()) * (least(now() - interval '1 minute', x.created + interval '180 days') - x.created) end as closed,
         (x.created + make_interval(days => 30 + (x.g % 120)::int))::date as close_date,
         coalesce(c.owner_id, r.id) as owner, r.id as creator, c.branch_id
  from (
    select g, w.created, w.customer_id, w.product,
           round((case when w.corporate then 100000 + random() * random() * 20000000 else 1000 + random() * random() * 2000000 end)::numeric, 2) as amount,
           case when random() < greatest(0.06, exp(-extract(epoch from now() - w.created) / 86400 / 150))
                then (array['IDENTIFIED','IDENTIFIED','IDENTIFIED','CONTACTED','CONTACTED','CONTACTED','QUALIFIED','QUALIFIED','PROPOSAL','NEGOTIATION'])[1 + g % 10]
                when random() < 0.55 then 'WON' else 'LOST' end as stage,
           (array['RM_DISCOVERED','RM_DISCOVERED','RM_DISCOVERED','RM_DISCOVERED','REFERRAL','REFERRAL','DISCOVERY_RULE','DISCOVERY_RULE','EVENT','PARTNER','EVENT'])[1 + g % 11] as source,
           (array['LOW','MEDIUM','MEDIUM','HIGH'])[1 + g / 7 % 4] as risk,
           (array['NONE','NONE','SOME','STRONG'])[1 + g / 11 % 4] as competition,
           1 + (g / 13) % 5 as need
    from generate_series(1, :opportunities) g
    cross join lateral (
      select now() - power(random(), 1.3) * make_interval(years => :years) as created,
             1 + ((g::bigint * 48271) % :customers) as customer_id,
             ((g::bigint * 48271) % :customers + 1) % 10 = 0 as corporate,
             case when ((g::bigint * 48271) % :customers + 1) % 10 = 0
                  then (array['LOAN_SME','LOAN_CORP','SETTLEMENT','PAYROLL','DEP_TIME','FX'])[1 + g % 6]
                  else (array['DEP_TIME','WEALTH','FUND','INSURANCE','CARD_CREDIT','LOAN_CONSUMER','LOAN_MORTGAGE','WEALTH','FUND','DEP_DEMAND'])[1 + g % 10] end as product) w
  ) x
  join customer c on c.id = x.customer_id
  join product p on p.code = x.product
  join bench_branch bb on bb.id = c.branch_id
  join bench_rm r on r.k = bb.k * :rms / :branches + x.g % greatest(1, :rms / :branches)
) y
cross join scoring_model m
cross join lateral (
  select v1, v2, v3, v4, v5, v6, v7, v8,
         round((m.weight_revenue * v1 + m.weight_risk * v2 + m.weight_demand * v3 + m.weight_competition * v4
                + m.weight_customer_value * v5 + m.weight_relationship * v6 + m.weight_urgency * v7
                + m.weight_engagement * v8) / 100.0, 1) as score
  from (select least(100, greatest(0, 100 * (ln(greatest(y.revenue, 100)) - ln(100)) / (ln(1000000) - ln(100))))::numeric as v1,
               case y.risk when 'LOW' then 100 when 'MEDIUM' then 60 else 20 end as v2,
               (y.need - 1) * 25 as v3,
               case y.competition when 'NONE' then 100 when 'SOME' then 60 else 20 end as v4,
               case y.tier when 'MASS' then 20 when 'GOLD' then 40 when 'PLATINUM' then 60 when 'DIAMOND' then 80
                           when 'PRIVATE' then 100 when 'LONG_TAIL' then 25 when 'GENERAL' then 50 when 'KEY' then 75 else 100 end as v5,
               (array[25, 50, 80, 100, 100])[1 + (y.customer_id * 7919) % 5] as v6,
               least(100, greatest(0, (180 - (y.close_date - coalesce(y.closed, now())::date)) * 100.0 / 173))::numeric as v7,
               ((y.g % 9) * 12.5)::numeric as v8) f
) s
where m.active;
select setval(pg_get_serial_sequence('opportunity', 'id'), (select max(id) from opportunity));
analyze opportunity;
SQL

# 8. History: CREATED, then a STAGE row for each step up to the stage reached (open: the current one; won:
#    through QUALIFIED…NEGOTIATION; lost: from any open stage), then the close. Spread over the open time.
part "stage history" "select count(*) || ' history rows' from opportunity_history" <<'SQL'
insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value)
select o.id, o.created_at, o.created_by, 'CREATED', null, 'IDENTIFIED' from opportunity o;
insert into opportunity_history (opportunity_id, at, by_user_id, event, from_value, to_value, comment)
select o.id,
       case when c.closing then o.closed_at
            else o.created_at + (i::float / (r.reached + 1)) * (coalesce(o.closed_at, now()) - o.created_at) end,
       o.owner_id, 'STAGE', s.st[i], case when c.closing then o.stage else s.st[i + 1] end,
       case when c.closing and o.stage = 'LOST' then '客户暂不考虑' end
from opportunity o
cross join (select array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION']::varchar[] as st) s
cross join lateral (select case o.stage when 'WON' then 3 + o.id % 3 when 'LOST' then 1 + o.id % 5
                                 else array_position(s.st, o.stage) end as reached) r
cross join lateral generate_series(1, r.reached - case when o.status = 'OPEN' then 1 else 0 end) i
cross join lateral (select o.status <> 'OPEN' and i = r.reached as closing) c;
SQL

# 9. Follow-ups: 1 to 9 per opportunity (FOLLOWUPS / OPPORTUNITIES on average), between its creation and its close
#    (or now), by its owner; the last one of an open opportunity has a next action, due within −7…+14 days; older
#    next actions are done.
part "follow-ups" "select count(*) || ' follow-ups (' || count(*) filter (where next_action_date is not null and not next_action_done) || ' open next actions)' from follow_up" <<'SQL'
\set per '(2 * ' :followups ' / ' :opportunities ' - 1)'
insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, outcome, next_action, next_action_date,
                       next_action_done, created_by, created_at)
select o.customer_id, o.id, (array['CALL','CALL','CALL','VISIT','VISIT','MEETING','WECHAT','WECHAT','EMAIL','SALON'])[1 + (o.id + k) % 10],
       f.at,
       (array['电话沟通产品方案','上门拜访了解需求','微信发送产品资料','面谈确认额度与期限','邮件发送报价','邀请参加理财沙龙','回访客户使用情况','与客户财务负责人沟通'])[1 + (o.id * 3 + k) % 8],
       case when (o.id + k) % 4 = 0 then (array['客户有意向','需再跟进','客户考虑中','已提交材料'])[1 + (o.id + k) % 4] end,
       case when f.last and o.status = 'OPEN' then '再次联系客户' when (o.id + k) % 10 = 0 then '发送资料' end,
       case when f.last and o.status = 'OPEN' then current_date - 7 + ((o.id * 13) % 22)::int
            when (o.id + k) % 10 = 0 then (f.at + interval '3 days')::date end,
       (o.id + k) % 10 = 0 and not (f.last and o.status = 'OPEN'),
       coalesce(o.owner_id, o.created_by), f.at
from opportunity o
cross join lateral (select 1 + (o.id * 7919) % greatest(1, :per) as n) c
cross join lateral generate_series(1, c.n) k
cross join lateral (select o.created_at + (k::float / (c.n + 1)) * (coalesce(o.closed_at, now()) - o.created_at) as at,
                           k = c.n as last) f;
SQL

# 10. The rest of a branch's day: visit plans around today, referrals (accepted ones behind the REFERRAL
#     opportunities of the last year, some new), customers served per channel for 90 days, monthly RM targets.
part "visits, referrals, served, targets" "select (select count(*) from visit_plan) || ' visits, ' || (select count(*) from referral) || ' referrals, ' || (select count(*) from channel_served) || ' served days, ' || (select count(*) from target) || ' targets'" <<'SQL'
insert into visit_plan (rm_id, customer_id, opportunity_id, planned_on, purpose, status)
select o.owner_id, o.customer_id, o.id, current_date - 3 + (o.id % 10)::int, '面谈' || left(o.title, 40),
       case when o.id % 10 < 3 then 'DONE' else 'PLANNED' end
from opportunity o where o.status = 'OPEN' and o.owner_id is not null and o.id % 20 = 0;
insert into referral (customer_id, channel, product_code, need, referrer_id, suggested_rm_id, branch_id, status,
                      opportunity_id, decided_by, decided_at, created_at)
select o.customer_id, (array['LOBBY','COUNTER','OTHER_DEPT','CORPORATE_LINK'])[1 + o.id % 4], o.product_code, '客户咨询' || o.product_code,
       t.id, o.owner_id, o.branch_id, 'ACCEPTED', o.id, o.owner_id, o.created_at, o.created_at - interval '1 hour'
from opportunity o join bench_branch b on b.id = o.branch_id join bench_teller t on t.k = b.k
where o.source = 'REFERRAL' and o.created_at > now() - interval '1 year';
insert into referral (customer_id, channel, product_code, need, referrer_id, branch_id, status, created_at)
select c.id, (array['LOBBY','COUNTER','OTHER_DEPT','CORPORATE_LINK'])[1 + c.id % 4], 'WEALTH', '客户想了解理财',
       t.id, c.branch_id, 'NEW', now() - (c.id % 72) * interval '1 hour'
from customer c join bench_branch b on b.id = c.branch_id join bench_teller t on t.k = b.k
where c.id % 500 = 7;
insert into channel_served (branch_id, channel, day, served)
select b.id, ch, current_date - d, 40 + (b.k * 7 + d) % 60
from bench_branch b cross join unnest(array['LOBBY','COUNTER','OTHER_DEPT','CORPORATE_LINK']) ch cross join generate_series(1, 90) d;
insert into target (period_type, period_start, rm_id, target_amount, target_count)
select 'MONTH', (date_trunc('month', current_date) - make_interval(months => m))::date, r.id, 5000000, 20
from bench_rm r cross join generate_series(0, 2) m;
SQL

# 11. Indexes, foreign keys and the read-model triggers back, exactly as they were, and the read model filled from
#     the rows; then statistics for the planner.
part "indexes and foreign keys back" "select count(*) || ' restored' from bench_generator_ddl" <<'SQL'
select ddl from bench_generator_ddl where kind = 'index' order by seq \gexec
select ddl from bench_generator_ddl where kind = 'fk' order by seq \gexec
select ddl from bench_generator_ddl where kind = 'trigger' order by seq \gexec
select 'select rollup_rebuild()' where to_regproc('rollup_rebuild') is not null \gexec
SQL
part "analyze, clean up" "" <<'SQL'
drop table bench_generator_ddl, bench_branch, bench_rm, bench_teller;
vacuum analyze;
SQL
# Nothing left half-made: every index valid, every constraint validated, every migration applied.
BROKEN=$(psql -X -Atq -d "$DB" -c "select (select count(*) from pg_index where not indisvalid)
  + (select count(*) from pg_constraint where not convalidated) + (select count(*) from flyway_schema_history where not success)")
[ "$BROKEN" = 0 ] || { echo "GENERATE $BROKEN invalid indexes, unvalidated constraints or failed migrations"; exit 1; }
printf 'GENERATE %-44s %8.1f s  database %s, %s\n' "total" "$(elapsed "$START")" "$DB" \
  "$(psql -X -Atq -d "$DB" -c "select pg_size_pretty(pg_database_size(current_database()))")"
