#!/usr/bin/env bash
# The primary dies under load (issue 18 §3): the production jar runs against a primary and a streaming standby made
# by bench/pg-pair.sh, through the driver's multi-host URL (targetServerType=primary). Two phases:
#   1. creates alone (POST /api/v1/opportunities, 8 connections, LATENCY_DURATION): the create's p50/p99, which is
#      what synchronous replication costs when compared between SYNC=1 and SYNC=0;
#   2. the RMs' mix of bench/rm-mix.lua with CREATE_PERCENT creates (FAILOVER_DURATION): KILL_AT into it the primary
#      is stopped hard (pg_ctl stop -m immediate), the standby promoted at once, and a probe creates an opportunity
#      every 0.2 s until one is acknowledged: the seconds until the application serves writes again.
# Then every acknowledged create (201) of both phases and of the probe is looked up on the new primary.
#
#   SYNC=1 bench/failover.sh     # synchronous replication: expect 0 acknowledged creates lost
#   bench/failover.sh            # asynchronous: what the standby had not received when the primary died is lost
# Needs wrk, a JDK 21+, PostgreSQL's server packages; root (the clusters run as postgres) or the clusters' owner.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SYNC=${SYNC:-0}
PORT=${PORT:-18081}
export PRIMARY_PORT=${PRIMARY_PORT:-15442} STANDBY_PORT=${STANDBY_PORT:-15443} DB=${DB:-crm_failover} SYNC
LATENCY_DURATION=${LATENCY_DURATION:-20s}
FAILOVER_DURATION=${FAILOVER_DURATION:-45s}
KILL_AT=${KILL_AT:-15}
CONNECTIONS=${CONNECTIONS:-16}
CREATE_PERCENT=${CREATE_PERCENT:-20}
USERS=${USERS:-8}
BASE=http://127.0.0.1:$PORT
MODE=async
[ "$SYNC" = 1 ] && MODE=sync

JAVA=$(find_java)
if [ "${SKIP_BUILD:-0}" = 1 ]; then BUILD=0; fi
JAR=$(production_jar)
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || bench/pg-pair.sh down
}
trap cleanup EXIT
bench/pg-pair.sh down
bench/pg-pair.sh up
URL=$(bench/pg-pair.sh url)

mkdir -p target
# The application migrates the primary with its Flyway and loads the demo data, as any first start does.
SPRING_DATASOURCE_URL=$URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
SPRING_PROFILES_ACTIVE=demo SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -jar "$JAR" > target/failover-app.log 2>&1 &
APP=$!
wait_ready "$BASE" || { echo "the application did not start: target/failover-app.log" >&2; exit 1; }

# USERS RMs of BR001, each with a customer and an opportunity of their own, signed in once (as bench/load.sh does).
SESSIONS=""
sign_in() {  # $1 user, $2 password, $3 customer number, $4 opportunity id
  local jar token cookie csrf
  jar=$(mktemp)
  token=$(curl -fs -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n1)
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=$1" \
    --data-urlencode "password=$2" --data-urlencode "_csrf=$token" "$BASE/login"
  cookie=$(awk '$6 == "SESSION" {print $7}' "$jar")
  csrf=$(curl -fs -b "$jar" "$BASE/" | sed -n 's/.*name="_csrf" content="\([^"]*\)".*/\1/p' | head -n1)
  SESSIONS="$SESSIONS$cookie|$csrf|$3|$4,"
  rm -f "$jar"
}
for i in $(seq 1 "$USERS"); do
  u=$(printf 'fo_rm%02d' "$i")
  curl -fs -o /dev/null -u "admin:Demo#2026crm" -H 'Content-Type: application/json' "$BASE/api/v1/admin/users" \
    -d "{\"username\":\"$u\",\"displayName\":\"切换$i\",\"role\":\"RM\",\"branchCode\":\"BR001\",\"password\":\"Failover#2026x\"}"
  curl -fs -o /dev/null -u "$u:Failover#2026x" -H 'Content-Type: application/json' "$BASE/api/v1/customers" \
    -d "{\"customerNo\":\"FO-C$i\",\"type\":\"RETAIL\",\"name\":\"切换客户$i\",\"birthDate\":\"1985-01-01\",\"branchCode\":\"BR001\",\"aum\":100000}"
  opp=$(curl -fs -u "$u:Failover#2026x" -H 'Content-Type: application/json' "$BASE/api/v1/opportunities" \
    -d "{\"customerNo\":\"FO-C$i\",\"productCode\":\"WEALTH\",\"title\":\"切换商机$i\",\"amount\":50000,\"expectedCloseDate\":\"$(date -d '+60 days' +%F)\"}" \
    | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
  sign_in "$u" "Failover#2026x" "FO-C$i" "$opp"
done
export CRM_SESSIONS=$SESSIONS
rm -f target/failover-acks-*

# 1. Creates alone: their latency with this replication mode.
CRM_ACKS=$PWD/target/failover-acks-latency CRM_CREATE_PERCENT=100 CRM_RUN=1- \
  wrk -t2 -c8 -d"$LATENCY_DURATION" --timeout 10s --latency -s bench/rm-mix.lua "$BASE" > target/failover-latency.txt
LAT=$(grep '^LOAD ' target/failover-latency.txt)
echo "FAILOVER $MODE creates alone, 8 connections, $LATENCY_DURATION: ${LAT#LOAD }"

# 2. The mix, and the primary's death KILL_AT seconds into it.
(
  sleep "$KILL_AT"
  lag=$(psql -X -Atq -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -c "select
    sync_state || ', sent-replayed=' || pg_wal_lsn_diff(sent_lsn, replay_lsn) || ' bytes, replay_lag=' ||
    coalesce(replay_lag::text, '0') from pg_stat_replication" 2>/dev/null || true)
  killed=$(date +%s.%N)
  bench/pg-pair.sh stop-primary
  bench/pg-pair.sh promote
  promoted=$(date +%s.%N)
  IFS='|' read -r cookie csrf customer _ <<< "${SESSIONS%%,*}"
  n=0
  while :; do
    n=$((n + 1))
    title="FO-PROBE-$n"
    code=$(curl -s -o target/failover-probe.json -w '%{http_code}' --max-time 10 -H "Cookie: SESSION=$cookie" \
      -H "X-CSRF-TOKEN: $csrf" -H 'Content-Type: application/json' -H "Idempotency-Key: fo-probe-$$-$n" \
      "$BASE/api/v1/opportunities" -d "{\"customerNo\":\"$customer\",\"productCode\":\"FUND\",\"title\":\"$title\",\"amount\":10000,\"expectedCloseDate\":\"$(date -d '+60 days' +%F)\"}" || true)
    [ "$code" = 201 ] && break
    sleep 0.2
  done
  echo "$title" > target/failover-acks-probe
  echo "FAILOVER $MODE replication at the kill: ${lag:-unknown}"
  echo "FAILOVER $MODE promote took $(awk "BEGIN { printf \"%.1f\", $promoted - $killed }") s; writes served again $(elapsed "$killed") s after the primary died ($(elapsed "$promoted") s after the promote), probe attempts=$n"
) > target/failover-fault.txt &
FAULT_JOB=$!
CRM_ACKS=$PWD/target/failover-acks-mix CRM_CREATE_PERCENT=$CREATE_PERCENT CRM_RUN=2- \
  wrk -t2 -c"$CONNECTIONS" -d"$FAILOVER_DURATION" --timeout 10s --latency -s bench/rm-mix.lua "$BASE" > target/failover-wrk.txt
wait "$FAULT_JOB"
cat target/failover-fault.txt
MIX=$(grep '^LOAD ' target/failover-wrk.txt)
echo "FAILOVER $MODE mix with $CREATE_PERCENT % creates, $CONNECTIONS connections, $FAILOVER_DURATION, primary killed at ${KILL_AT}s: ${MIX#LOAD }"

# Every acknowledged create against what the new primary holds.
cat target/failover-acks-* | sort > target/failover-acks.txt
NEW="psql -X -Atq -h 127.0.0.1 -p $STANDBY_PORT -U postgres -d $DB"
$NEW -c "create temporary table ack (title text)" -c "\\copy ack from 'target/failover-acks.txt'" \
  -c "select count(*), count(*) filter (where not exists (select 1 from opportunity o where o.title = a.title)) from ack a" \
  > target/failover-count.txt
IFS='|' read -r ACKED MISSING < target/failover-count.txt
STORED=$($NEW -c "select count(*) from opportunity where title like 'LOAD-%' or title like 'FO-PROBE-%'")
DUPS=$($NEW -c "select count(*) from (select title from opportunity where title like 'LOAD-%' or title like 'FO-PROBE-%'
  group by title having count(*) > 1) d")
echo "FAILOVER $MODE acknowledged creates=$ACKED stored=$STORED acknowledged but lost=$MISSING duplicated=$DUPS"
if [ "$SYNC" = 1 ]; then [ "$MISSING" = 0 ] && [ "$DUPS" = 0 ]; else [ "$DUPS" = 0 ]; fi
