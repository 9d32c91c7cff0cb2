#!/usr/bin/env bash
# The load run (issue 7): the application, built as its production jar with a 512 MB heap, on a fresh database of the
# local PostgreSQL with the demo data; wrk drives an RM's mix (bench/rm-mix.lua) for 20 signed-in RMs over 50
# connections for 60 s.
# It prints the figures (answers of 400 or more as errors, requests left without an answer within wrk's 10 s as
# timeouts and socket errors), then checks that every create the application acknowledged (201) is in the database
# once.
# With FAULT=1 it restarts PostgreSQL 20 s into the run and reports how long the application took to serve again.
#
#   bench/load.sh                 # needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432, a JDK 21+
#   FAULT=1 bench/load.sh         # root, PostgreSQL managed by pg_ctlcluster (Debian)
#   DURATION=30s CONNECTIONS=20 bench/load.sh
#   WARMUP=60s BANK=crm_bank bench/load.sh   # the same mix for 60 s first, not counted: the JVM compiles its hot code
#                                 # (a fresh JVM's first minute is mostly that); its creates are checked as well
#   BANK=crm_bank bench/load.sh   # on a bank made by bench/generate.sh (kept afterwards): USERS RMs of one of its
#                                 # sub-branches, each with one of their customers and open opportunities
# The JVM's GC log (target/load-gc.log) gives the heap evidence: the largest heap after a collection, the committed
# heap and whether it ever ran out of memory (-XX:+ExitOnOutOfMemoryError would end the run).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${BANK:-crm_load_$$}
PORT=${PORT:-18080}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-50}
BASE=http://127.0.0.1:$PORT
if [ -n "${WARMUP:-}" ] && [ "${FAULT:-0}" = 1 ]; then
  echo "WARMUP and FAULT: one or the other (the fault is timed from the start of the measured run's set-up)" >&2
  exit 2
fi

JAVA=$(find_java)
if [ "${SKIP_BUILD:-0}" = 1 ]; then BUILD=0; fi
JAR=$(production_jar)
[ -n "${BANK:-}" ] || psql -q -d postgres -c "create database $DB"
cleanup() {
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  if [ -n "${BANK:-}" ]; then
    # the generated bank stays; only the run's own creates go
    psql -q -d "$DB" -c "drop table if exists load_ack" \
      -c "delete from opportunity where title like 'LOAD-%' and created_at > now() - interval '1 day'" || true
  else
    psql -q -d postgres -c "drop database if exists $DB with (force)" || true
  fi
}
trap cleanup EXIT

mkdir -p target
PROFILE=demo
[ -n "${BANK:-}" ] && PROFILE=default
SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SPRING_PROFILES_ACTIVE=$PROFILE SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=target/load-gc.log -jar "$JAR" > target/load-app.log 2>&1 &
APP=$!
for _ in $(seq 1 300); do curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break; sleep 1; done

# USERS relationship managers of BR001 (created for the run through the admin API), each with a customer and an
# opportunity of their own, each signed in once: wrk spreads its requests over their sessions, as a branch would.
USERS=${USERS:-20}
SESSIONS=""
sign_in() {  # $1 user, $2 password, $3 customer number, $4 opportunity id: appends the session to SESSIONS
  sign_in_browser "$BASE" "$1" "$2" || { echo "could not sign in as $1"; exit 1; }
  SESSIONS="$SESSIONS$COOKIE|$CSRF|$3|$4,"
}
if [ -n "${BANK:-}" ]; then
  # The bank's RMs of one sub-branch (a branch at any depth when USERS exceeds it), each with a retail customer
  # and an open opportunity of their own, signed in with the generator's password.
  while IFS='|' read -r u c o; do
    sign_in "$u" "${BENCH_PASSWORD:-Bench#2026crm}" "$c" "$o"
  done < <(psql -X -Atq -d "$DB" -c "
    select u.username,
           (select customer_no from customer where owner_id = u.id and type = 'RETAIL' order by id limit 1),
           (select id from opportunity where owner_id = u.id and status = 'OPEN' order by id limit 1)
    from staff_user u join branch b on b.id = u.branch_id
    where u.role = 'RM' and b.path like '/HQ/%/%/' order by b.code, u.username limit $USERS")
fi
for i in $(seq 1 "$USERS"); do
  [ -n "${BANK:-}" ] && break
  u=$(printf 'load_rm%02d' "$i")
  curl -fs -o /dev/null -u "admin:Demo#2026crm" -H 'Content-Type: application/json' "$BASE/api/v1/admin/users" \
    -d "{\"username\":\"$u\",\"displayName\":\"压测$i\",\"role\":\"RM\",\"branchCode\":\"BR001\",\"password\":\"Load-Test#2026x\"}"
  curl -fs -o /dev/null -u "$u:Load-Test#2026x" -H 'Content-Type: application/json' "$BASE/api/v1/customers" \
    -d "{\"customerNo\":\"LOAD-C$i\",\"type\":\"RETAIL\",\"name\":\"压测客户$i\",\"birthDate\":\"1985-01-01\",\"branchCode\":\"BR001\",\"aum\":100000}"
  opp=$(curl -fs -u "$u:Load-Test#2026x" -H 'Content-Type: application/json' "$BASE/api/v1/opportunities" \
    -d "{\"customerNo\":\"LOAD-C$i\",\"productCode\":\"WEALTH\",\"title\":\"压测商机$i\",\"amount\":50000,\"expectedCloseDate\":\"$(date -d '+60 days' +%F)\"}" \
    | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
  sign_in "$u" "Load-Test#2026x" "LOAD-C$i" "$opp"
done
export CRM_SESSIONS=$SESSIONS
export CRM_ACKS=$PWD/target/load-acks
rm -f "$CRM_ACKS"-* target/load-warm-acks-*

if [ "${FAULT:-0}" = 1 ]; then
  (
    sleep 20
    cluster=$(ls /etc/postgresql | sort -V | tail -n1)
    echo "FAULT stopping PostgreSQL at $(date +%T)"
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop -m fast
    sleep 5
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    until pg_isready -q -h "$PGHOST" -p "$PGPORT"; do sleep 0.1; done
    up=$(date +%s.%N)
    until curl -fs -o /dev/null -u "admin:Demo#2026crm" "$BASE/api/v1/me"; do sleep 0.1; done
    echo "FAULT serving again $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $up }") s after PostgreSQL accepted connections"
  ) &
  FAULT_JOB=$!
fi

WARM_ACKS=0
if [ -n "${WARMUP:-}" ]; then
  CRM_ACKS=$PWD/target/load-warm-acks CRM_RUN=0- wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s bench/rm-mix.lua \
    "$BASE" > target/load-warm.txt
  sed -n 's/^LOAD /LOAD warm-up (not counted) /p' target/load-warm.txt
  WARM_ACKS=$(sed -n 's/.*acknowledged_creates=\([0-9]*\).*/\1/p' target/load-warm.txt)
fi
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/rm-mix.lua "$BASE" | tee target/load-wrk.txt
if [ -n "${FAULT_JOB:-}" ]; then wait "$FAULT_JOB"; fi
ACKS=$(( $(sed -n 's/.*acknowledged_creates=\([0-9]*\).*/\1/p' target/load-wrk.txt) + WARM_ACKS ))
cat "$CRM_ACKS"-* > target/load-acks.txt
if [ -n "${WARMUP:-}" ]; then cat target/load-warm-acks-* >> target/load-acks.txt; fi
psql -q -d "$DB" -c "drop table if exists load_ack" -c "create table load_ack (title text)" -c "\\copy load_ack from 'target/load-acks.txt'"
MISSING=$(psql -Atq -d "$DB" -c "select count(*) from load_ack a where not exists (select 1 from opportunity o where o.title = a.title)")
ROWS=$(psql -Atq -d "$DB" -c "select count(*) from opportunity where title like 'LOAD-%'")
DUPS=$(psql -Atq -d "$DB" -c "select count(*) from (select title from opportunity where title like 'LOAD-%' group by title having count(*) > 1) d")
echo "LOAD acknowledged creates=$ACKS (titles read back: $(wc -l < target/load-acks.txt)) stored=$ROWS acknowledged but missing=$MISSING duplicated=$DUPS heap=\"$APP_HEAP\" out-of-memory=$(grep -c OutOfMemoryError target/load-app.log || true)"
# The heap as the GC saw it: collections, the largest heap left after one, the largest committed heap (MB).
awk -v heap="$APP_HEAP" 'match($0, /([0-9]+)M->([0-9]+)M\(([0-9]+)M\)/, m) { n++; if (m[2] > after) after = m[2]; if (m[3] > committed) committed = m[3] }
     END { printf "LOAD gc collections=%d largest-heap-after-gc=%dM largest-committed=%dM (heap options: %s)\n", n, after, committed, heap }' target/load-gc.log
# Every acknowledged create is stored, once. (A create the database committed whose answer was lost in a fault
# counts as stored but not acknowledged: that is no lost write.)
[ "$MISSING" = 0 ] && [ "$DUPS" = 0 ] && [ "$(wc -l < target/load-acks.txt)" = "$ACKS" ]
