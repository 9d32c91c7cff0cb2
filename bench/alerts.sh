#!/usr/bin/env bash
# The alert evaluation at bank size (issue 15), against the plain SQL that selects the same conditions, in one run,
# on a generated bank (bench/generate.sh; AUM_MONTHS=13 gives CONTACT_OVERDUE its coverage data):
#   app    POST /api/v1/alerts/runs {"asOf": D} as admin: the answer comes once the evaluation committed (collect
#          each enabled code's hits, resolve, raise and notify, escalate), timed with curl;
#   SQL    the five conditions of reference-data.md "Alert codes" with the default days, written as plain SELECTs of
#          the records they hit (each counted), one after another in one psql session, timed with \timing. The
#          contact rule reads each standard type's newest follow-up from the contact index, as coverage does
#          (the fastest form of that SELECT known here).
# Evaluations, in this order, each with the floor of its day measured right before it:
#   first    as of D (today) on a bank with no alert: every hit is raised and notified (the day alerts go live);
#   again    as of D once more: nothing new (a second evaluation of one day);
#   nightly  as of D+1: the nightly case (the hits mostly the same: a look-up each, a few raised and resolved);
#   escalate as of D+7: the alerts raised on D are escalated and the heads notified.
# After the first evaluation the open alerts per code must equal the floor's counts (exactness), else it stops.
# Then the bell's unread count: the statement NotificationStore.unreadCount runs, with EXPLAIN ANALYZE, for the
# user with the most unread notifications and for the median RM (best of ROUNDS), and its plan.
# At the end the alerts, their notifications and runs are deleted again (KEEP=1 keeps them).
#
#   bench/alerts.sh                 # database crm_bank
#   DB=crm_small ROUNDS=3 bench/alerts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-crm_bank}
PORT=${PORT:-18484}
ROUNDS=${ROUNDS:-5}
PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
BASE=http://127.0.0.1:$PORT
OUT=target/bench
. bench/lib.sh
mkdir -p "$OUT"
q() { psql -X -Atq -d "$DB" -c "$1"; }

clear_alerts() {
  q "delete from notification where alert_id is not null; delete from alert; delete from alert_run" > /dev/null
  q "vacuum analyze alert" > /dev/null
  q "vacuum analyze notification" > /dev/null
}
[ "$(q "select count(*) from alert")" = 0 ] || { echo "ALERTS the bank has alerts already: clearing them"; clear_alerts; }

JAR=$(production_jar)
JAVA=$(find_java)
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$OUT/alerts-app.log" 2>&1 &
APP=$!
cleanup() {
  kill $APP 2>/dev/null || true
  wait $APP 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || clear_alerts
}
trap cleanup EXIT
wait_ready "$BASE" || { tail -n 40 "$OUT/alerts-app.log"; exit 1; }

ZONE=Asia/Shanghai
D=$(TZ=$ZONE date +%F)
STALLED_DAYS=$(q "select coalesce((select days from alert_setting where code = 'STALLED'),
  (select value::int from app_setting where key = 'pipeline.stalled-days'), 14)")
echo "ALERTS database=$DB asOf=$D opportunities=$(q "select count(*) from opportunity")" \
  "follow-ups=$(q "select count(*) from follow_up")" \
  "settings=$(q "select string_agg(code || ':' || enabled || '/' || coalesce(days::text, '-'), ' ' order by code)
    from alert_setting")"

# The floor as of day $1: each code's records counted; prints "code=count … ms=total".
floor() {
  local day=$1 start
  start="($day::date at time zone '$ZONE')"
  psql -X -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL | awk '
      /^Time:/ { ms += $2 } /^[A-Z_]+\|/ { split($0, a, "|"); counts = counts " " a[1] "=" a[2] }
      END { printf "%s ms=%.0f\n", counts, ms }'
\\pset format unaligned
\\pset tuples_only on
\\timing on
select 'STALLED', count(*) from opportunity o where o.status = 'OPEN'
  and o.created_at < ('$day'::date - $STALLED_DAYS)::timestamp at time zone '$ZONE'
  and not exists (select 1 from follow_up f where f.opportunity_id = o.id
                  and f.occurred_at >= ('$day'::date - $STALLED_DAYS)::timestamp at time zone '$ZONE');
select 'OVERDUE_ACTION', count(*) from opportunity o where o.status = 'OPEN'
  and exists (select 1 from follow_up f where f.opportunity_id = o.id and not f.next_action_done
              and f.next_action_date < '$day'::date);
select 'CLOSE_DATE_PASSED', count(*) from opportunity o where o.status = 'OPEN'
  and o.expected_close_date < '$day'::date;
select 'UNWORKED_DISCOVERY', count(*) from opportunity o where o.status = 'OPEN' and o.source = 'DISCOVERY_RULE'
  and o.stage = 'IDENTIFIED' and o.created_at < ('$day'::date - 7)::timestamp at time zone '$ZONE'
  and not exists (select 1 from follow_up f where f.opportunity_id = o.id);
select 'CONTACT_OVERDUE', count(*) from customer c
  join service_standard s on s.tier = c.tier and s.contact_days is not null
  cross join lateral (select (max(x.occurred_at) at time zone '$ZONE')::date as last_on
                      from unnest(s.contact_types) as t(type)
                      cross join lateral (select f.occurred_at from follow_up f
                                          where f.customer_id = c.id and f.type = t.type
                                            and f.occurred_at < ('$day'::date + 1)::timestamp at time zone '$ZONE'
                                          order by f.occurred_at desc limit 1) x) l
  where l.last_on is null or l.last_on + s.contact_days <= '$day'::date;
SQL
}

# One evaluation as of $1, timed; prints "ms=… raised=… resolved=… escalated=… notified=…".
evaluate() {
  local out
  out=$(curl -s -u "admin:$PASSWORD" -H 'Content-Type: application/json' -X POST \
    --data-binary "{\"asOf\":\"$1\"}" -w '\n%{http_code} %{time_total}' "$BASE/api/v1/alerts/runs")
  local tail=${out##*$'\n'} body=${out%$'\n'*}
  [ "${tail%% *}" = 200 ] || { echo "run as of $1 answered ${tail%% *}: $body" >&2; exit 1; }
  python3 -c "import json, sys; d = json.loads(sys.argv[1]); print('ms=%.0f raised=%s resolved=%s escalated=%s notified=%s'
    % (float(sys.argv[2]) * 1000, sum(d['raised'].values()), d['resolved'], d['escalated'], d.get('notified')))" \
    "$body" "${tail#* }"
}
ms() { sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<< "$1"; }
ratio() { python3 -c "print('%.2f' % ($1 / max($2, 1)))"; }

report="$OUT/alerts-$(date +%Y%m%d-%H%M%S).md"
{
  echo "| evaluation | as of | app | SQL floor | app ÷ SQL | what it did |"
  echo "|---|---|---|---|---|---|"
} > "$report"
row() {  # name day
  floor "$2" > /dev/null  # warm the floor's pages, as the evaluation before it warmed the application's
  local f e
  f=$(floor "$2")
  e=$(evaluate "$2")
  printf 'ALERTS %-8s asOf=%s app %6s ms  SQL %6s ms  ratio %s  (%s) floor:%s\n' "$1" "$2" "$(ms "$e")" \
    "$(ms "$f")" "$(ratio "$(ms "$e")" "$(ms "$f")")" "${e#ms=* }" "${f% ms=*}"
  echo "| $1 | $2 | $(ms "$e") ms | $(ms "$f") ms | $(ratio "$(ms "$e")" "$(ms "$f")") | ${e#ms=* } |" >> "$report"
  LAST_FLOOR=$f
}

row first "$D"
# Exactness: after the first evaluation, the open alerts per code are the floor's counts.
expected=$(tr ' ' '\n' <<< "${LAST_FLOOR% ms=*}" | grep = | sort | tr '\n' ' ')
actual=$(q "select string_agg(code || '=' || n, ' ' order by code) from (select code, count(*) as n from alert
  where status = 'OPEN' group by code) x" | tr ' ' '\n' | sort | tr '\n' ' ')
echo "ALERTS open alerts per code: $actual"
for pair in $expected; do
  case " $actual " in
    *" $pair "*) ;;
    *) [ "${pair#*=}" = 0 ] && ! grep -q "${pair%=*}=" <<< "$actual" || { echo "ALERTS MISMATCH: floor $pair, alerts: $actual"; exit 1; } ;;
  esac
done
row again "$D"
row nightly "$(date -d "$D + 1 day" +%F)"
row escalate "$(date -d "$D + 7 days" +%F)"

# The bell: the unread count of the busiest reader and of the median RM.
busiest=$(q "select user_id from notification where read_at is null group by user_id order by count(*) desc limit 1")
median=$(q "select u.id from staff_user u left join notification n on n.user_id = u.id and n.read_at is null
  where u.role = 'RM' group by u.id order by count(n.id), u.id offset (select count(*) / 2 from staff_user
  where role = 'RM') limit 1")
best_of() {  # statement: its best execution time over ROUNDS (EXPLAIN ANALYZE), in ms
  local best=999999 t
  for _ in $(seq 1 "$ROUNDS"); do
    t=$(q "explain (analyze, format json) $1" |
      python3 -c "import json, sys; print(json.load(sys.stdin)[0]['Execution Time'])")
    best=$(python3 -c "print(min($best, $t))")
  done
  echo "$best"
}
bell() {  # user id: the bell's count (NotificationStore.unreadUpTo, 100) and the exact count of the API
  local capped exact
  capped=$(best_of "select count(*) from (select 1 from notification where user_id = $1 and read_at is null
    limit 100) x")
  exact=$(best_of "select count(*) from notification where user_id = $1 and read_at is null")
  echo "bell $capped ms, exact count $exact ms, for $(q "select count(*) from notification where user_id = $1
    and read_at is null") unread ($(q "select username || ', ' || role from staff_user where id = $1"))"
}
# Twice: right after the runs wrote their notifications, and after the vacuum autovacuum makes of those inserts within
# a minute or so (its insert threshold is crossed), which sets the visibility map an index-only count relies on.
bells() {  # label
  local b m
  b=$(bell "$busiest"); m=$(bell "$median")
  echo "ALERTS unread count $1, busiest reader: $b"
  echo "ALERTS unread count $1, median RM: $m"
  { echo; echo "unread count $1, busiest reader: $b"; echo "unread count $1, median RM: $m"; } >> "$report"
}
bells "right after the runs"
q "vacuum (analyze) notification" > /dev/null
bells "after the table's vacuum"
echo "ALERTS plan: $(q "explain select count(*) from notification where user_id = $busiest and read_at is null" |
  tr -s ' ' | tr '\n' ' ')"
echo "ALERTS report: $report"
