#!/usr/bin/env bash
# The whole bank's pipeline figures (GET /api/v1/dashboard/pipeline for the admin, this bank month) as the plain SQL
# computed them before the read model (PipelineQuery.plain: the statements written out here with the admin's scope)
# and as they are read now (V36, D54): ROUNDS rounds of each in one psql session per side, the plain rounds first;
# the stalled count of both sides printed for the same moment (they must be equal); and, when an application runs
# at BASE, the API itself with HTTP Basic (the bcrypt check included). SQL only, no application needed otherwise;
# on a bank made by bench/generate.sh from this branch (its read model is filled there).
#
#   DB=crm_bank ROUNDS=5 BASE=http://127.0.0.1:18392 bench/rollup-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${DB:-crm_bank}
ROUNDS=${ROUNDS:-5}
PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
FROM=$(TZ=Asia/Shanghai date +%Y-%m-01)
TO=$(TZ=Asia/Shanghai date -d "$FROM +1 month -1 day" +%F)
TODAY=$(TZ=Asia/Shanghai date +%F)
START="$FROM 00:00:00+08"
END="$(date -d "$TO +1 day" +%F) 00:00:00+08"
DAYS=$(psql -X -Atq -d "$DB" -c "select coalesce((select value from app_setting where key = 'pipeline.stalled-days'), '14')")
# The stalled count's moment (now − DAYS × 24 h, PipelineRules.stalledBefore), its bank day and that day's start,
# fixed once so that both sides count the same opportunities.
read -r BEFORE BEFORE_DAY DAY_START < <(psql -X -Atq -F ' ' -d "$DB" -c "
  select to_char(m at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), (m at time zone 'Asia/Shanghai')::date,
         to_char(((m at time zone 'Asia/Shanghai')::date::timestamp at time zone 'Asia/Shanghai') at time zone 'UTC',
                 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
  from (select now() - $DAYS * interval '24 hours' as m) x")

plain() { cat <<SQL
select s.stage, s.probability, coalesce(x.n, 0), coalesce(x.amount, 0) from stage_setting s left join (
  select o.stage, count(*) as n, sum(o.amount) as amount from opportunity o join branch b on b.id = o.branch_id
  where o.status = 'OPEN' and true group by o.stage) x on x.stage = s.stage where s.stage not in ('WON', 'LOST');
select o.source, count(*) filter (where o.created_at >= '$START' and o.created_at < '$END'),
  count(*) filter (where o.status = 'WON' and o.closed_at >= '$START' and o.closed_at < '$END'),
  count(*) filter (where o.status = 'LOST' and o.closed_at >= '$START' and o.closed_at < '$END'),
  sum(o.won_amount) filter (where o.status = 'WON' and o.closed_at >= '$START' and o.closed_at < '$END')
from opportunity o join branch b on b.id = o.branch_id
where true and ((o.created_at >= '$START' and o.created_at < '$END') or (o.closed_at >= '$START' and o.closed_at < '$END'))
group by o.source;
select u.id, u.username, u.display_name from staff_user u join branch b on b.id = u.branch_id where u.role = 'RM' and u.enabled and true;
select o.owner_id, u.username, u.display_name, count(*) filter (where o.status = 'OPEN'),
  sum(o.amount) filter (where o.status = 'OPEN'),
  count(*) filter (where o.status = 'WON' and o.closed_at >= '$START' and o.closed_at < '$END'),
  count(*) filter (where o.status = 'LOST' and o.closed_at >= '$START' and o.closed_at < '$END'),
  sum(o.won_amount) filter (where o.status = 'WON' and o.closed_at >= '$START' and o.closed_at < '$END')
from opportunity o join branch b on b.id = o.branch_id left join staff_user u on u.id = o.owner_id
where true and (o.status = 'OPEN' or (o.closed_at >= '$START' and o.closed_at < '$END'))
group by o.owner_id, u.username, u.display_name;
select f.created_by, u.username, u.display_name, count(*), count(*) filter (where f.type = 'VISIT')
from follow_up f join customer c on c.id = f.customer_id join branch b on b.id = c.branch_id
join staff_user u on u.id = f.created_by
where f.occurred_at >= '$START' and f.occurred_at < '$END' and true group by f.created_by, u.username, u.display_name;
select count(*) from opportunity o join branch b on b.id = o.branch_id
where o.status = 'OPEN' and o.created_at < '$BEFORE'
  and not exists (select 1 from follow_up sf where sf.opportunity_id = o.id and sf.occurred_at >= '$BEFORE')
  and true;
select count(*) from follow_up f join customer c on c.id = f.customer_id
left join opportunity fo on fo.id = f.opportunity_id
join branch b on b.id = case when fo.id is null then c.branch_id else fo.branch_id end
where f.next_action_date < '$TODAY' and not f.next_action_done and (fo.id is null or fo.status = 'OPEN') and true;
SQL
}

rollup() { cat <<SQL
select s.stage, s.probability, coalesce(x.n, 0), coalesce(x.amount, 0) from stage_setting s left join (
  select r.k as stage, sum(r.n) as n, sum(r.amount) as amount from rollup_branch_day r join branch b on b.id = r.branch_id
  where r.dim = 'O' and r.day is null and (true) group by r.k) x on x.stage = s.stage where s.stage not in ('WON', 'LOST');
select r.k, sum(r.n), sum(r.won), sum(r.lost), sum(r.amount) from rollup_branch_day r join branch b on b.id = r.branch_id
where r.dim = 'S' and r.day between '$FROM' and '$TO' and (true) group by r.k;
select u.id, u.username, u.display_name from staff_user u join branch b on b.id = u.branch_id where u.role = 'RM' and u.enabled and true;
select r.owner_id, u.username, u.display_name, sum(r.n) filter (where r.dim = 'O'),
  sum(r.amount) filter (where r.dim = 'O'), sum(r.won) filter (where r.dim = 'T'), sum(r.lost) filter (where r.dim = 'T'),
  sum(r.amount) filter (where r.dim = 'T')
from rollup_owner_day r join branch b on b.id = r.branch_id left join staff_user u on u.id = r.owner_id
where (true) and ((r.dim = 'O' and r.day is null) or (r.dim = 'T' and r.day between '$FROM' and '$TO'))
group by r.owner_id, u.username, u.display_name
having sum(r.n) filter (where r.dim = 'O') > 0 or sum(r.won) filter (where r.dim = 'T') > 0
    or sum(r.lost) filter (where r.dim = 'T') > 0;
select f.created_by, sum(f.n), sum(f.visits) from rollup_follow_up_author f join branch b on b.id = f.branch_id
where f.day between '$FROM' and '$TO' and (true) group by f.created_by;
select coalesce((select sum(r.n) from rollup_touch_branch r join branch b on b.id = r.branch_id
                 where r.day < '$BEFORE_DAY' and (true)), 0)
     + (select count(*) from rollup_open_touch t join branch b on b.id = t.branch_id
        where t.touched_at >= '$DAY_START' and t.touched_at < '$BEFORE' and (true));
select coalesce(sum(r.n), 0) from rollup_action_branch r join branch b on b.id = r.branch_id where r.due < '$TODAY' and (true);
SQL
}

# Each round: \timing of every statement; a round's time is the sum of its statements'.
run() {  # $1: plain or rollup
  { echo '\timing on'; for _ in $(seq 1 "$ROUNDS"); do "$1"; echo "select 'ROUND-END';"; done; } \
    | psql -X -q -v ON_ERROR_STOP=1 -d "$DB" | awk '/^Time:/ { t += $2 } /ROUND-END/ { printf "%.1f\n", t; t = 0 }'
}
echo "ROLLUP-COMPARE database=$DB month $FROM..$TO, $ROUNDS rounds; load $(cut -d' ' -f1-3 /proc/loadavg)"
P=$(run plain | tr '\n' ' ')
R=$(run rollup | tr '\n' ' ')
# The stalled count: the last-but-one statement of each side.
stalled() { "$1" | awk -v RS=';' 'NF { s[++n] = $0 } END { print s[n - 1] ";" }' | psql -X -Atq -v ON_ERROR_STOP=1 -d "$DB"; }
echo "ROLLUP-COMPARE plain SQL (ms a round):  $P"
echo "ROLLUP-COMPARE read model (ms a round): $R"
echo "ROLLUP-COMPARE stalled before $BEFORE: plain $(stalled plain), read model $(stalled rollup)"
if [ -n "${BASE:-}" ]; then
  A=""
  for _ in $(seq 1 "$((ROUNDS + 1))"); do
    A="$A $(curl -s -o /dev/null -w '%{time_total}' -u "admin:$PASSWORD" "$BASE/api/v1/dashboard/pipeline" \
      | awk '{ printf "%.1f", $1 * 1000 }')"
  done
  echo "ROLLUP-COMPARE API, admin, whole bank (ms, first is a warm-up):$A"
fi
echo "ROLLUP-COMPARE load after $(cut -d' ' -f1-3 /proc/loadavg)"
