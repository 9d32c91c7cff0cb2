#!/usr/bin/env bash
# What one request of each RM page costs in CPU, the application's and PostgreSQL's (issue 18 §2): the production
# jar on a generated bank (bench/generate.sh), one RM signed in, every page first warmed (wrk, WARM seconds each,
# so the JVM has compiled its hot code), then each page alone for SECS seconds with wrk at 4 connections while the
# CPU time of the JVM and of all PostgreSQL processes is read from /proc before and after. CPU ÷ requests is the cost
# of one request, whatever else the page waits for; the two columns add up to what a request takes from the cores.
#
#   DB=crm_bank bench/page-cpu.sh                       # rm0431 (sub-branch B022): My day, list, board, detail, …
#   DB=crm_bank JAR=/tmp/before.jar bench/page-cpu.sh   # an earlier commit's jar, for a before/after pair
#   RM=rm0101 URLS="/ /opportunities" SECS=20 bench/page-cpu.sh
# Needs wrk, PostgreSQL on PGHOST/PGPORT (local: its processes' /proc is read), a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${DB:-crm_bank}
RM=${RM:-rm0431}
PORT=${PORT:-18090}
BASE=http://127.0.0.1:$PORT
JAVA=$(find_java)
JAR=$(production_jar)
mkdir -p target
SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -jar "$JAR" > target/page-cpu-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
wait_ready "$BASE" || { echo "the application did not start (target/page-cpu-app.log)"; exit 1; }
OPP=$(psql -X -Atq -d "$DB" -c "select min(o.id) from opportunity o join staff_user u on u.id = o.owner_id
                                 where u.username = '$RM' and o.status = 'OPEN'")
sign_in_browser "$BASE" "$RM" "${BENCH_PASSWORD:-Bench#2026crm}" || { echo "could not sign in as $RM"; exit 1; }
URLS=${URLS:-"/api/v1/me / /opportunities /opportunities/board /opportunities/$OPP /customers /visits"}
HZ=$(getconf CLK_TCK)
for u in $URLS; do wrk -t1 -c4 -d"${WARM:-8}s" -H "Cookie: SESSION=$COOKIE" "$BASE$u" > /dev/null; done
echo "PAGE-CPU $(machine "$DB"), jar $(basename "$JAR"), $RM"
printf 'PAGE-CPU %-40s %9s %9s %12s %12s\n' page req/s p50 "JVM ms/req" "PG ms/req"
for u in $URLS; do
  wrk -t1 -c4 -d2s -H "Cookie: SESSION=$COOKIE" "$BASE$u" > /dev/null
  j0=$(ticks $APP); p0=$(pg_ticks)
  out=$(wrk -t1 -c4 -d"${SECS:-10}s" --latency -H "Cookie: SESSION=$COOKIE" "$BASE$u")
  j1=$(ticks $APP); p1=$(pg_ticks)
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  [ -z "$bad" ] || { echo "PAGE-CPU $u answered $bad non-2xx responses"; exit 1; }
  printf 'PAGE-CPU %-40s %9s %9s %12.2f %12.2f\n' "$u" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '/ 50%/ {print $2}')" "$(echo "($j1 - $j0) * 1000 / $HZ / $n" | bc -l)" \
    "$(echo "($p1 - $p0) * 1000 / $HZ / $n" | bc -l)"
done
