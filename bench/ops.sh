#!/usr/bin/env bash
# The operations a user waits on, each next to its floors measured in the same run (issue 8):
#   app   the request as a browser makes it (session cookie; pages, and the JSON API for the two writes), timed by
#         curl, against the production jar with a 512 MB heap on a generated bank (bench/generate.sh);
#   SQL   the statements the application issued for that request, captured from PostgreSQL's log (the session and
#         current-user look-ups every request makes left out), parameters written in, run as many times in one psql
#         session with \timing (writes rolled back each round);
#   HTTP  a trivial authenticated request (GET /api/v1/me) with the same session: the HTTP stack's own floor,
#         measured once on its own and again paired with each operation (one floor request after each of its
#         requests, warm-up included), so that (app − HTTP) subtracts a floor measured in the same minutes.
# It prints p50/p95 of each and the ratios app ÷ SQL and (app − HTTP) ÷ SQL, and writes them to target/bench/.
#
#   bench/ops.sh                       # database crm_bank, 50 rounds after 300 warm-up (dashboards 10 after 2),
#                                      # each quick read first warmed by 20 s of wrk (JIT_WARM=0: not)
#   DB=crm_small ROUNDS=20 bench/ops.sh
#   ONLY="board myday" bench/ops.sh    # some operations only
#   JAR=old.jar CAPTURE_TO=bench/floors-plain ONLY="bank-dashboard" bench/ops.sh
#                                      # capture another jar's statements into a directory and stop
#   BASELINE=bench/floors-plain bench/ops.sh
#                                      # also replay the statements kept there (the SQL an operation ran before
#                                      # a change: the dashboards before the read model, issue 18) in the same run
#
# Needs: root or read access to the PostgreSQL server log (PGLOG, Debian's default path), a superuser connection
# (the capture sets log_min_duration_statement on the application's connections only), psql, curl, python3, a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-crm_bank}
PORT=${PORT:-18282}
ROUNDS=${ROUNDS:-50}
# 300 warm-up requests an operation: a server that has run a while. After only a few the JIT has not yet compiled
# the template engine's paths, and a page takes about twice as long (docs/benchmarks.md).
WARMUP=${WARMUP:-300}
# Before those, JIT_WARM seconds of wrk (one keep-alive connection) on each selected GET of the quick kind
# (not the dashboards, not the POSTs), when wrk is installed: 300 curl requests leave much of a page's code in the
# JIT's first tiers, and a server that has served a day has compiled it (docs/benchmarks.md, twenty-third session).
# JIT_WARM=0 measures as before.
JIT_WARM=${JIT_WARM:-20}
[[ "$JIT_WARM" =~ ^[0-9]+$ ]] || { echo "JIT_WARM is a number of seconds"; exit 1; }
JIT_WARM=$((10#$JIT_WARM))
[ "$JIT_WARM" = 0 ] || command -v wrk > /dev/null || echo "OPS wrk is not installed: no JIT warm-up (JIT_WARM)"
DASH_ROUNDS=${DASH_ROUNDS:-10}
DASH_WARMUP=${DASH_WARMUP:-2}
PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
PGLOG=${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | sort -V | tail -n1)}
BASE=http://127.0.0.1:$PORT
OUT=target/bench
. bench/lib.sh
mkdir -p "$OUT/floors"
[ -r "$PGLOG" ] || { echo "cannot read the PostgreSQL server log (set PGLOG)"; exit 1; }
q() { psql -X -Atq -d "$DB" -c "$1"; }

# Who and what: the middle RM (by username) of a sub-branch (the 17th, or the last of a smaller bank), the head of that branch, the admin; the middle one of
# the RM's generated open opportunities, and a name fragment of one of the RM's customers. (Picked among generated
# rows only, so that the creates of an earlier run do not move the choice.)
BRANCH=${BRANCH:-$(q "select code from branch where path like '/HQ/%/%/' order by code offset least(16, (select count(*) - 1 from branch where path like '/HQ/%/%/')) limit 1")}
RM=${RM_USER:-$(q "select u.username from staff_user u join branch b on b.id = u.branch_id where b.code = '$BRANCH'
  and u.role = 'RM' order by u.username offset (select count(*) / 2 from staff_user u join branch b on b.id = u.branch_id
  where b.code = '$BRANCH' and u.role = 'RM') limit 1")}
HEAD=${HEAD_USER:-$(q "select u.username from staff_user u join branch b on b.id = u.branch_id where b.code = '$BRANCH' and u.role = 'BRANCH_HEAD' order by 1 limit 1")}
ADMIN=${ADMIN_USER:-admin}
OPP=$(q "select o.id from opportunity o join staff_user u on u.id = o.owner_id where u.username = '$RM' and o.status = 'OPEN'
  and o.request_key is null order by o.id offset (select count(*) / 2 from opportunity o join staff_user u on u.id = o.owner_id
  where u.username = '$RM' and o.status = 'OPEN' and o.request_key is null) limit 1")
CUSTOMER=$(q "select customer_no from customer c join staff_user u on u.id = c.owner_id where u.username = '$RM' and c.type = 'RETAIL' order by c.id limit 1")
SEARCH=$(q "select left(name, 2) from customer where customer_no = '$CUSTOMER'")
[ -n "$OPP" ] && [ -n "$CUSTOMER" ] || { echo "$RM has no open opportunity or no retail customer of their own in $DB: name another with RM_USER= (a bank this small may leave some RMs without)"; exit 1; }
MACHINE=$(machine "$DB")
SIZE=$(q "select (select count(*) from customer) || ' customers, ' || (select count(*) from opportunity) || ' opportunities, ' || (select count(*) from follow_up) || ' follow-ups'")
echo "OPS database=$DB ($SIZE) branch=$BRANCH rm=$RM head=$HEAD opportunity=$OPP search=$SEARCH"
echo "OPS machine: $MACHINE"

JAR=${JAR:-$(production_jar)}
JAVA=$(find_java)
APP=
start_app() {  # $1: extra JDBC URL options (the capture's logging)
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB$1" SPRING_DATASOURCE_USERNAME=$PGUSER \
  SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT \
    "$JAVA" $APP_HEAP -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$OUT/ops-gc.log" -jar "$JAR" > "$OUT/ops-app.log" 2>&1 &
  APP=$!
  wait_ready "$BASE" || { tail -n 40 "$OUT/ops-app.log"; exit 1; }
}
stop_app() { if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi; }
trap stop_app EXIT

# Signs $1 in through the login form as a browser does; sets COOKIE and CSRF.
sign_in() { sign_in_browser "$BASE" "$1" "$PASSWORD" || { echo "could not sign in as $1"; exit 1; }; }

# The operations: name, user, method, path, JSON body (writes), rounds, warm-up.
CLOSE=$(date -d '+45 days' +%F)
# A group as a head builds one: retail DIAMOND and PLATINUM customers of 30 to 60 holding a time deposit and no
# wealth product (the count reads customers, holdings and the age from the birth date).
GROUP='{"criteria":{"type":"RETAIL","tiers":["DIAMOND","PLATINUM"],"ageMin":30,"ageMax":60,"holds":["DEP_TIME"],"lacks":["WEALTH"]}}'
OPS=(
  "http|$RM|GET|/api/v1/me||$ROUNDS|$WARMUP"
  "myday|$RM|GET|/||$ROUNDS|$WARMUP"
  "list|$RM|GET|/opportunities||$ROUNDS|$WARMUP"
  "board|$RM|GET|/opportunities/board||$ROUNDS|$WARMUP"
  "head-list|$HEAD|GET|/opportunities||$ROUNDS|$WARMUP"
  "head-myday|$HEAD|GET|/||$DASH_ROUNDS|$DASH_WARMUP"
  "detail|$RM|GET|/opportunities/$OPP||$ROUNDS|$WARMUP"
  "search|$RM|GET|/customers?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$SEARCH")||$ROUNDS|$WARMUP"
  "create|$RM|POST|/api/v1/opportunities|{\"customerNo\":\"$CUSTOMER\",\"productCode\":\"FUND\",\"title\":\"压测新建 @KEY@\",\"amount\":120000,\"expectedCloseDate\":\"$CLOSE\"}|$ROUNDS|$WARMUP"
  "follow-up|$RM|POST|/api/v1/opportunities/$OPP/follow-ups|{\"type\":\"CALL\",\"summary\":\"压测跟进 @KEY@\",\"nextAction\":\"回访\",\"nextActionDate\":\"$CLOSE\"}|$ROUNDS|$WARMUP"
  "branch-dashboard|$HEAD|GET|/dashboard||$DASH_ROUNDS|$DASH_WARMUP"
  "bank-dashboard|$ADMIN|GET|/dashboard||$DASH_ROUNDS|$DASH_WARMUP"
  "branch-pipeline-api|$HEAD|GET|/api/v1/dashboard/pipeline||$DASH_ROUNDS|$DASH_WARMUP"
  "bank-pipeline-api|$ADMIN|GET|/api/v1/dashboard/pipeline||$DASH_ROUNDS|$DASH_WARMUP"
  # Customers by tier and group (issue 13): the RM's due list, a branch's coverage, the whole bank's coverage, the
  # tier migration of the last two months, and a group's count while it is being edited. A branch's figures take
  # about a second, so they are timed like the dashboards.
  "due-list|$RM|GET|/coverage/due||$ROUNDS|$WARMUP"
  "due-list-api|$RM|GET|/api/v1/coverage/due||$ROUNDS|$WARMUP"
  "branch-coverage|$HEAD|GET|/coverage||$DASH_ROUNDS|$DASH_WARMUP"
  "branch-coverage-api|$HEAD|GET|/api/v1/coverage||$DASH_ROUNDS|$DASH_WARMUP"
  "bank-coverage-api|$ADMIN|GET|/api/v1/coverage||$DASH_ROUNDS|$DASH_WARMUP"
  "bank-coverage|$ADMIN|GET|/coverage||$DASH_ROUNDS|$DASH_WARMUP"
  "branch-migration|$HEAD|GET|/tiers/migration||$DASH_ROUNDS|$DASH_WARMUP"
  "bank-migration-api|$ADMIN|GET|/api/v1/tiers/migration||$DASH_ROUNDS|$DASH_WARMUP"
  "branch-group-count|$HEAD|POST|/api/v1/segments/count|$GROUP|$ROUNDS|$WARMUP"
  "bank-group-count|$ADMIN|POST|/api/v1/segments/count|$GROUP|$DASH_ROUNDS|$DASH_WARMUP"
)
# A launched campaign's page and figures (issue 14), when CAMPAIGN names one (bench/campaign.sh does).
if [ -n "${CAMPAIGN:-}" ]; then
  OPS+=("campaign-api|$ADMIN|GET|/api/v1/campaigns/$CAMPAIGN||$DASH_ROUNDS|$DASH_WARMUP"
        "campaign-page|$ADMIN|GET|/campaigns/$CAMPAIGN||$DASH_ROUNDS|$DASH_WARMUP")
fi
declare -A COOKIES CSRFS KEYS
sign_all() {
  for user in "$RM" "$HEAD" "$ADMIN"; do
    sign_in "$user"
    COOKIES[$user]=$COOKIE
    CSRFS[$user]=$CSRF
  done
}
SEQ=0
# One request of operation $1's fields; prints the time in ms; fails unless 2xx.
request() {
  local user=$1 method=$2 path=$3 body=$4 out code ms
  SEQ=$((SEQ + 1))
  if [ "$method" = POST ]; then
    body=${body//@KEY@/$$-$SEQ}
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "SESSION=${COOKIES[$user]}" \
      -H "X-CSRF-TOKEN: ${CSRFS[$user]}" -H 'Content-Type: application/json' -H "Idempotency-Key: ops-$$-$SEQ" \
      --data-binary "$body" "$BASE$path")
  else
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "SESSION=${COOKIES[$user]}" "$BASE$path")
  fi
  code=${out% *}
  [ "${code:0:1}" = 2 ] || { echo "$method $path as $user answered $code" >&2; return 1; }
  awk "BEGIN { printf \"%.3f\n\", ${out#* } * 1000 }"
}
selected() { [ -z "${ONLY:-}" ] || [[ " http $ONLY " == *" $1 "* ]]; }

# 1. Capture: with every statement of the application's connections logged, each operation once to warm it and
#    once more to capture what it executes; the HTTP floor's statements (session, current user) are left out of
#    the others'.
start_app "?options=-c%20log_min_duration_statement%3D0"
sign_all
for op in "${OPS[@]}"; do
  IFS='|' read -r name user method path body _ _ <<< "$op"
  selected "$name" || continue
  request "$user" "$method" "$path" "$body" > /dev/null
  sleep 0.5
  offset=$(stat -c %s "$PGLOG")
  request "$user" "$method" "$path" "$body" > /dev/null
  KEYS[$name]=$$-$SEQ
  sleep 1
  if [ "$name" = http ]; then
    python3 bench/floor.py capture "$PGLOG" "$DB" "$offset" > "$OUT/floors/http.sql"
  else
    python3 bench/floor.py capture "$PGLOG" "$DB" "$offset" "$OUT/floors/http.sql" > "$OUT/floors/$name.sql"
  fi
  echo "OPS captured $name: $(grep -c '^;;$' "$OUT/floors/$name.sql" || true) statements"
done
stop_app
if [ -n "${CAPTURE_TO:-}" ]; then
  mkdir -p "$CAPTURE_TO"
  for op in "${OPS[@]}"; do
    IFS='|' read -r name _ <<< "$op"
    selected "$name" && [ "$name" != http ] && cp "$OUT/floors/$name.sql" "$CAPTURE_TO/$name.sql"
  done
  echo "OPS captured into $CAPTURE_TO (jar $JAR)"
  exit 0
fi

# 2. Timing, with the logging off again. Sessions live in the database, so the cookies still work.
: > "$OUT/ops-gc.log"
start_app ""
REPORT=$OUT/ops-$(date +%Y%m%d-%H%M).md
{
  echo "$(date -u '+%F %H:%M UTC'), database $DB: $SIZE; branch $BRANCH, RM $RM, head $HEAD, opportunity $OPP"
  echo "machine: $MACHINE; app: $APP_HEAP; warm-up: $WARMUP requests an operation (dashboards $DASH_WARMUP)$( \
    [ "$JIT_WARM" != 0 ] && command -v wrk > /dev/null && echo ", after ${JIT_WARM} s of wrk on each quick read")"
  echo
  [ -n "${BASELINE:-}" ] && echo "baseline: the statements in $BASELINE/, replayed in this run (plain SQL)"
  echo "| operation | user | requests | app p50 | app p95 | SQL p50 | SQL p95 | statements | app ÷ SQL (p50) | HTTP p50 (paired) | (app − HTTP) ÷ SQL (p50) | app ÷ SQL (p95) | baseline SQL p50 | app ÷ baseline (p50) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$REPORT"
for op in "${OPS[@]}"; do
  IFS='|' read -r name user method path body rounds warmup <<< "$op"
  selected "$name" || continue
  : > "$OUT/app-$name.txt"
  if [ "$JIT_WARM" != 0 ] && [ "$method" = GET ] && [ "$warmup" = "$WARMUP" ] && command -v wrk > /dev/null; then
    warm=$(wrk -t1 -c1 -d"${JIT_WARM}s" -H "Cookie: SESSION=${COOKIES[$user]}" "$BASE$path")
    if grep -q 'Non-2xx' <<< "$warm"; then echo "OPS the JIT warm-up of $name got answers other than 2xx"; exit 1; fi
  fi
  : > "$OUT/http-$name.txt"
  for _ in $(seq 1 "$((warmup + rounds))"); do
    request "$user" "$method" "$path" "$body" >> "$OUT/app-$name.txt"
    [ "$name" = http ] || request "$user" GET /api/v1/me "" >> "$OUT/http-$name.txt"
  done
  read -r a50 a95 n < <(python3 bench/floor.py stats "$warmup" < "$OUT/app-$name.txt")
  write=0; [ "$method" = POST ] && write=1
  statements=$(grep -c '^;;$' "$OUT/floors/$name.sql" || true)
  if [ "$name" = http ]; then
    printf 'OPS %-17s app p50 %8.1f ms p95 %8.1f ms (n=%s)\n' "$name" "$a50" "$a95" "$n"
    echo "| HTTP floor (GET /api/v1/me) | $user | $n | $a50 ms | $a95 ms | | | | | | | | | |" >> "$REPORT"
    continue
  fi
  python3 bench/floor.py replay "$OUT/floors/$name.sql" "$((warmup + rounds))" "$write" "${KEYS[$name]}" \
    | psql -X -q -d "$DB" > "$OUT/sql-$name.log" 2>&1 \
    || { echo "OPS the floor of $name failed in psql:"; grep -m1 -A3 ERROR "$OUT/sql-$name.log"; exit 1; }
  python3 bench/floor.py rounds < "$OUT/sql-$name.log" > "$OUT/sql-$name.txt"
  read -r s50 s95 _ < <(python3 bench/floor.py stats "$warmup" < "$OUT/sql-$name.txt")
  ratio=$(awk "BEGIN { printf \"%.2f\", $a50 / $s50 }")
  read -r h50 _ _ < <(python3 bench/floor.py stats "$warmup" < "$OUT/http-$name.txt")
  net=$(awk "BEGIN { printf \"%.2f\", ($a50 - $h50) / $s50 }")
  ratio95=$(awk "BEGIN { printf \"%.2f\", $a95 / $s95 }")
  b50= bratio=
  if [ -n "${BASELINE:-}" ] && [ -f "$BASELINE/$name.sql" ]; then
    python3 bench/floor.py replay "$BASELINE/$name.sql" "$((warmup + rounds))" "$write" \
      | psql -X -q -d "$DB" > "$OUT/baseline-$name.log" 2>&1 \
      || { echo "OPS the baseline of $name failed in psql:"; grep -m1 -A3 ERROR "$OUT/baseline-$name.log"; exit 1; }
    python3 bench/floor.py rounds < "$OUT/baseline-$name.log" > "$OUT/baseline-$name.txt"
    read -r b50 _ _ < <(python3 bench/floor.py stats "$warmup" < "$OUT/baseline-$name.txt")
    bratio=$(awk "BEGIN { printf \"%.3f\", $a50 / $b50 }")
    printf 'OPS %-17s baseline SQL p50 %8.1f ms: app ÷ baseline %s\n' "$name" "$b50" "$bratio"
    b50="$b50 ms"
  fi
  printf 'OPS %-17s app p50 %8.1f ms p95 %8.1f ms | SQL p50 %8.1f ms p95 %8.1f ms (%s statements) | ratio %s, without HTTP (%.1f ms) %s, p95 %s\n' \
    "$name" "$a50" "$a95" "$s50" "$s95" "$statements" "$ratio" "$h50" "$net" "$ratio95"
  echo "| $name ($method ${path%%\?*}) | $user | $n | $a50 ms | $a95 ms | $s50 ms | $s95 ms | $statements | $ratio | $h50 ms | $net | $ratio95 | $b50 | $bratio |" >> "$REPORT"
done
stop_app
GCMAX=$(sed -n 's/.*->\([0-9]*\)M(\([0-9]*\)M).*/\1 \2/p' "$OUT/ops-gc.log" | sort -n -k2 | tail -n1)
echo "heap ($APP_HEAP): GC pauses $(grep -c 'Pause' "$OUT/ops-gc.log" || true) (young $(grep -c 'Pause Young' "$OUT/ops-gc.log" || true)), largest committed heap ${GCMAX#* } MB, out-of-memory $(grep -c OutOfMemoryError "$OUT/ops-app.log" || true)" >> "$REPORT"
echo "OPS report: $REPORT"
cat "$REPORT"
