#!/usr/bin/env bash
# Logging follow-ups at the peer's workload (issue 18 §2): the production jar (a fixed heap, APP_HEAP in bench/lib.sh, as
# the Dockerfile fixes it: D61) on a bank of 100k customers,
# 200k opportunities and 1M follow-ups; 8 RMs of one sub-branch signed in as browsers (session cookie, CSRF token),
# wrk with 8 connections (one a RM) logging follow-ups (POST /api/v1/opportunities/{id}/follow-ups) on each RM's own
# open opportunities in turn for a fixed time. It prints req/s, p50, p99, errors and the CPU one request took from the
# JVM and from PostgreSQL (read from /proc), checks that every acknowledged follow-up is stored once, and measures in
# the same run the floors:
#   HTTP  GET /api/v1/me with the same 8 sessions and wrk at 8 connections (req/s, p50);
#   SQL   the statements one follow-up issues, captured from PostgreSQL's log and replayed in psql by bench/ops.sh
#         (ONLY=follow-up), which also times single follow-ups one after another.
# Each run works on a copy of the bank (CREATE DATABASE … TEMPLATE), dropped afterwards, so that runs (before and
# after a change) start from the same data.
#
#   bench/followups.sh                      # generates crm_fu (bench/generate.sh at the sizes above), then measures
#   BANK=crm_fu bench/followups.sh          # reuses a generated bank
#   BANK=crm_fu JAR=/tmp/old.jar bench/followups.sh   # measures another build (an earlier commit's jar)
#   DURATION=60s WARMUP=20s CLIENTS=8 …     # the defaults: 30s measured after 20s of warm-up, 8 clients
#   PROFILE=target/fu.jfr bench/followups.sh   # a JFR recording (settings=profile) of the measured follow-ups
#                                           # (a path relative to where the script is called from)
#   JAVA_OPTS=… bench/followups.sh          # more options for the application's JVM
#   NO_OPS=1 …                              # without the SQL floor and serial timing (bench/ops.sh)
#   RMS_PER_CLIENT=10 WARMUP=10s DURATION=10s …  # 80 RMs of the whole bank, ten a connection: a few follow-ups an
#                                           # opportunity, most of which change its score (D79)
#
# Needs wrk, PostgreSQL (superuser, its server log readable: bench/ops.sh), psql, curl, python3, a JDK 21+.
set -euo pipefail
# A recording's path as the caller gave it (relative to the caller's directory), before the script moves.
[ -z "${PROFILE:-}" ] || { PROFILE=$(realpath -m "$PROFILE"); mkdir -p "$(dirname "$PROFILE")"; }
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${BANK:-crm_fu}
RUN_DB=${DB}_fu_run
PORT=${PORT:-18383}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
BASE=http://127.0.0.1:$PORT
OUT=target/bench
mkdir -p "$OUT"

if [ -z "${BANK:-}" ]; then
  DB=$DB CUSTOMERS=100000 OPPORTUNITIES=200000 HOLDINGS=300000 FOLLOWUPS=1000000 bench/generate.sh
fi
JAR=$(production_jar)
export JAR
JAVA=$(find_java)

# The run's copy of the bank.
psql -X -q -d postgres -c "drop database if exists $RUN_DB with (force)" -c "create database $RUN_DB template $DB"
q() { psql -X -Atq -d "$RUN_DB" -c "$1"; }
APP=
stop_app() { if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi; }
cleanup() {
  stop_app
  [ "${KEEP:-0}" = 1 ] || psql -X -q -d postgres -c "drop database if exists $RUN_DB with (force)" || true
}
trap cleanup EXIT

# The sub-branch bench/ops.sh measures (the 17th), and CLIENTS of its RMs (by username) with open opportunities.
BRANCH=$(q "select code from branch where path like '/HQ/%/%/' order by code offset least(16, (select count(*) - 1 from branch where path like '/HQ/%/%/')) limit 1")
# RMS_PER_CLIENT > 1: that many RMs a connection, taken from the whole bank (a sub-branch has too few), each
# connection's RMs in turn, so that each opportunity gets fewer follow-ups in a run.
PER=${RMS_PER_CLIENT:-1}
WHERE_BRANCH="b.code = '$BRANCH' and"
[ "$PER" = 1 ] || WHERE_BRANCH=""
mapfile -t RMS < <(q "select u.username from staff_user u join branch b on b.id = u.branch_id where $WHERE_BRANCH
  u.role = 'RM' and exists (select 1 from opportunity o where o.owner_id = u.id and o.status = 'OPEN')
  order by u.username limit $((CLIENTS * PER))")
[ "${#RMS[@]}" = "$((CLIENTS * PER))" ] || { echo "${#RMS[@]} RMs with open opportunities, not $((CLIENTS * PER))"; exit 1; }
SIZE=$(q "select (select count(*) from customer) || ' customers, ' || (select count(*) from opportunity) || ' opportunities, ' || (select count(*) from follow_up) || ' follow-ups'")
FROM=branch=$BRANCH
[ "$PER" = 1 ] || FROM="rms from the whole bank ($PER a connection)"
echo "FOLLOWUPS database=$RUN_DB (copy of $DB: $SIZE) $FROM rms=${RMS[*]} jar=$JAR"

SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$RUN_DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$OUT/followups-gc.log" ${JAVA_OPTS:-} -jar "$JAR" \
  > "$OUT/followups-app.log" 2>&1 &
APP=$!
wait_ready "$BASE" || { tail -n 40 "$OUT/followups-app.log"; exit 1; }

# Each RM signed in once, with their open opportunities (50 at most, by id).
SESSIONS=""
for rm in "${RMS[@]}"; do
  sign_in_browser "$BASE" "$rm" "$PASSWORD" || { echo "could not sign in as $rm"; exit 1; }
  opps=$(q "select string_agg(id::text, ';') from (select o.id from opportunity o join staff_user u on u.id = o.owner_id
    where u.username = '$rm' and o.status = 'OPEN' order by o.id limit 50) x")
  SESSIONS="$SESSIONS$COOKIE|$CSRF|$opps,"
done
export CRM_SESSIONS=$SESSIONS CRM_CLIENTS=$CLIENTS CRM_NEXT_DATE=$(date -d '+30 days' +%F) CRM_ACKS=$PWD/$OUT/followups-acks
rm -f "$CRM_ACKS"-*
RUN=$$
drive() {  # $1 mode (follow-up, me), $2 duration, $3 run mark: wrk's summary line
  CRM_MODE=$1 CRM_RUN=$3 wrk -t"$CLIENTS" -c"$CLIENTS" -d"$2" --timeout 10s --latency -s bench/followups.lua "$BASE" \
    > "$OUT/followups-wrk-$1-$3.txt"
  grep '^WRK ' "$OUT/followups-wrk-$1-$3.txt"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

# Warm-up (the JIT compiles the paths), then the HTTP floor and the follow-ups, measured.
drive follow-up "$WARMUP" "${RUN}w" > /dev/null
drive me "$WARMUP" "${RUN}w" > /dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
HZ=$(getconf CLK_TCK)
# CPU a request, JVM and PostgreSQL, in ms (ticks before and after a drive, $1–$4; responses $5).
cpu_per() { awk -v j="$(( $3 - $1 ))" -v p="$(( $4 - $2 ))" -v n="$5" -v hz="$HZ" \
  'BEGIN { if (n > 0) printf "jvm_ms=%.2f pg_ms=%.2f", j * 1000 / hz / n, p * 1000 / hz / n;
           else printf "jvm_ms=- pg_ms=-" }'; }
j0=$(ticks "$APP"); p0=$(pg_ticks)
ME=$(drive me "$DURATION" "$RUN")
ME="$ME $(cpu_per "$j0" "$p0" "$(ticks "$APP")" "$(pg_ticks)" "$(field responses "$ME")")"
[ -z "${PROFILE:-}" ] || "$(dirname "$JAVA")/jcmd" "$APP" JFR.start name=followups settings=profile > /dev/null
# Opportunity rows written while measured (the re-scoring writes a score only when it changes, D79): from PostgreSQL's
# statistics, which a busy backend reports every second and one gone idle up to 10 s later ($1: seconds to wait).
rows_updated() { sleep "$1"; q "select n_tup_upd from pg_stat_user_tables where relname = 'opportunity'"; }
u0=$(rows_updated 1.5)
j0=$(ticks "$APP"); p0=$(pg_ticks)
FU=$(drive follow-up "$DURATION" "$RUN")
FU="$FU $(cpu_per "$j0" "$p0" "$(ticks "$APP")" "$(pg_ticks)" "$(field responses "$FU")")"
FU="$FU opportunity_rows_updated=$(( $(rows_updated 11) - u0 ))"
[ -z "${PROFILE:-}" ] || "$(dirname "$JAVA")/jcmd" "$APP" JFR.stop name=followups filename="$PROFILE" | tail -n +2
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "FOLLOWUPS http floor  $ME"
echo "FOLLOWUPS follow-ups  $FU"

# Every acknowledged follow-up (warm-up and measured run) stored once: its id exists with this run's summary, and
# no summary (unique a request) is stored twice.
cat "$CRM_ACKS"-* > "$OUT/followups-acks.txt"
ACKED=$(wc -l < "$OUT/followups-acks.txt")
psql -X -q -d "$RUN_DB" -c "create table fu_ack (id text)" -c "\\copy fu_ack from '$OUT/followups-acks.txt'"
MISSING=$(q "select count(*) from fu_ack a where a.id !~ '^[0-9]+\$' or not exists (select 1 from follow_up f
  where f.id = a.id::bigint and f.summary like 'FU-$RUN%')")
STORED=$(q "select count(*) from follow_up where summary like 'FU-$RUN%'")
DUPS=$(q "select count(*) from (select split_part(summary, ' ', 1) from follow_up where summary like 'FU-$RUN%' group by 1 having count(*) > 1) d")
echo "FOLLOWUPS acknowledged=$ACKED stored=$STORED acknowledged-but-missing=$MISSING duplicated=$DUPS"
STORED_OK=0
# (Stored but not acknowledged: in flight when wrk stopped, at most one a connection and run; no lost write.)
[ "$MISSING" = 0 ] && [ "$DUPS" = 0 ] && [ "$STORED" -ge "$ACKED" ] && STORED_OK=1
stop_app

# The SQL floor (and single follow-ups one after another), by bench/ops.sh on the same copy, as the first RM.
if [ "${NO_OPS:-0}" = 1 ]; then [ "$STORED_OK" = 1 ]; exit; fi
DB=$RUN_DB RM_USER=${RMS[0]} BRANCH=$BRANCH ONLY=follow-up WARMUP=${OPS_WARMUP:-100} ROUNDS=${OPS_ROUNDS:-50} \
  BUILD=0 bench/ops.sh > "$OUT/followups-ops.txt" 2>&1 || { tail -n 20 "$OUT/followups-ops.txt"; exit 1; }
OPS_HTTP=$(grep '^OPS http ' "$OUT/followups-ops.txt")
OPS_FU=$(grep '^OPS follow-up ' "$OUT/followups-ops.txt")
echo "FOLLOWUPS serial     $OPS_HTTP"
echo "FOLLOWUPS serial     $OPS_FU"
SQL50=$(sed -n 's/.*SQL p50 *\([0-9.]*\) ms.*/\1/p' <<< "$OPS_FU")
STATEMENTS=$(sed -n 's/.*(\([0-9]*\) statements).*/\1/p' <<< "$OPS_FU")

RPS=$(field rps "$FU"); P50=$(field p50_ms "$FU"); P99=$(field p99_ms "$FU")
ME_RPS=$(field rps "$ME"); ME_P50=$(field p50_ms "$ME")
REPORT=$OUT/followups-$(date +%Y%m%d-%H%M).md
{
  echo "$(date -u '+%F %H:%M UTC'), copy of $DB: $SIZE; branch $BRANCH, $CLIENTS RMs, $CLIENTS connections, $DURATION after $WARMUP warm-up"
  echo "machine: $(machine "$DB" | sed 's/, load [^,]*//'); load (uptime) $LOAD_BEFORE before, $LOAD_AFTER after; app: $APP_HEAP, $(basename "$JAR")"
  echo
  echo "| | req/s | p50 | p99 | errors | CPU a request: JVM + PostgreSQL |"
  echo "|---|---|---|---|---|---|"
  echo "| follow-ups (POST /api/v1/opportunities/{id}/follow-ups) | $RPS | $P50 ms | $P99 ms | $(field errors "$FU") (+$(field socket_errors "$FU") socket) | $(field jvm_ms "$FU") + $(field pg_ms "$FU") ms |"
  echo "| HTTP floor (GET /api/v1/me) | $ME_RPS | $ME_P50 ms | $(field p99_ms "$ME") ms | $(field errors "$ME") (+$(field socket_errors "$ME") socket) | $(field jvm_ms "$ME") + $(field pg_ms "$ME") ms |"
  echo
  echo "SQL floor: the follow-up's $STATEMENTS statements replayed in psql, p50 $SQL50 ms."
  echo "Ratios: follow-up p50 ÷ SQL p50 $(awk "BEGIN { printf \"%.2f\", $P50 / $SQL50 }"); (follow-up p50 − HTTP p50) ÷ SQL p50 $(awk "BEGIN { printf \"%.2f\", ($P50 - $ME_P50) / $SQL50 }");" \
    "follow-up req/s ÷ HTTP floor req/s $(awk "BEGIN { printf \"%.2f\", $RPS / $ME_RPS }")."
  echo "Opportunity rows updated during the measured follow-ups: $(field opportunity_rows_updated "$FU") (re-scoring writes a changed score only)."
  echo "Stored: acknowledged $ACKED (warm-up and measured), stored $STORED ($((STORED - ACKED)) in flight when wrk stopped), acknowledged but missing $MISSING, duplicated $DUPS."
  echo "Serial (bench/ops.sh, one request at a time): ${OPS_FU#OPS }; ${OPS_HTTP#OPS }"
} > "$REPORT"
echo "FOLLOWUPS report: $REPORT"
cat "$REPORT"
[ "$STORED_OK" = 1 ]
