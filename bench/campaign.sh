#!/usr/bin/env bash
# Launch of a list campaign at bank size (issue 14), against the plain SQL that writes the same targets, in one run:
#   app   an admin's campaign over a saved group of about 200,000 customers of the generated bank
#         (bench/generate.sh), launched through the API; the time from the launch request until the campaign
#         reports launch.state DONE (polled every 0.2 s), the background task's batches included;
#   SQL   one INSERT … SELECT of the same customers (the group's criteria written as SQL, the exclusion of those with
#         an open opportunity for the product), into a draft campaign of its own, in a transaction rolled back.
# Each ROUNDS times, alternating; then the launched campaign's page and figures by bench/ops.sh (CAMPAIGN=).
#
#   bench/campaign.sh                 # database crm_bank, 3 rounds
#   DB=crm_small ROUNDS=1 bench/campaign.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-crm_bank}
PORT=${PORT:-18383}
ROUNDS=${ROUNDS:-3}
PASSWORD=${BENCH_PASSWORD:-Bench#2026crm}
BASE=http://127.0.0.1:$PORT
OUT=target/bench
. bench/lib.sh
mkdir -p "$OUT"
q() { psql -X -Atq -d "$DB" -c "$1"; }

# The group: retail GOLD and DIAMOND customers, bank-wide (about 217,000 of the generated bank's million).
CRITERIA='{"type":"RETAIL","tiers":["GOLD","DIAMOND"]}'
PRODUCT=WEALTH
SQL_WHERE="c.type = 'RETAIL' and c.tier in ('GOLD', 'DIAMOND')"

JAR=$(production_jar)
JAVA=$(find_java)
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-} SERVER_PORT=$PORT \
  "$JAVA" $APP_HEAP -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$OUT/campaign-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
wait_ready "$BASE" || { tail -n 40 "$OUT/campaign-app.log"; exit 1; }

api() {  # method path [json]: the body of a 2xx answer as admin, or exits
  local out code
  out=$(curl -s -u "admin:$PASSWORD" -X "$1" -H 'Content-Type: application/json' ${3:+--data-binary "$3"} \
    -w '\n%{http_code}' "$BASE$2")
  code=${out##*$'\n'}
  [ "${code:0:1}" = 2 ] || { echo "$1 $2 answered $code: ${out%$'\n'*}" >&2; exit 1; }
  echo "${out%$'\n'*}"
}
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
TODAY=$(date +%F)
END=$(date -d '+30 days' +%F)
SEGMENT=$(api POST /api/v1/segments "{\"name\":\"压测营销分群 $$\",\"criteria\":$CRITERIA}" | json 'd["id"]')
campaign() {
  api POST /api/v1/campaigns "{\"name\":\"压测营销 $$ $1\",\"productCode\":\"$PRODUCT\",\"segmentId\":$SEGMENT,\
\"startsOn\":\"$TODAY\",\"endsOn\":\"$END\",\"cost\":100000}" | json 'd["id"]'
}
SIZE=$(api POST /api/v1/segments/count "{\"criteria\":$CRITERIA}" | json 'd["customers"]')
echo "CAMPAIGN database=$DB group=$SEGMENT customers=$SIZE product=$PRODUCT rounds=$ROUNDS"

: > "$OUT/campaign-app.txt"; : > "$OUT/campaign-sql.txt"
for r in $(seq 1 "$ROUNDS"); do
  # The application: launch, then poll until the background task is done.
  id=$(campaign "app $r")
  t=$(date +%s.%N)
  api POST "/api/v1/campaigns/$id/launch" > /dev/null
  while :; do
    state=$(api GET "/api/v1/campaigns/$id" | json 'd["launch"]["state"]')
    [ "$state" = RUNNING ] || break
    sleep 0.2
  done
  app=$(elapsed "$t")
  [ "$state" = DONE ] || { echo "launch of campaign $id ended $state"; exit 1; }
  written=$(q "select count(*) || ' targets, ' || count(*) filter (where excluded) || ' excluded' from campaign_target where campaign_id = $id")
  LAUNCHED=$id
  # The plain SQL: the same customers into a draft of its own, rolled back.
  draft=$(campaign "sql $r")
  sql=$(psql -X -q -d "$DB" <<SQL 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n1
begin;
\timing on
insert into campaign_target (campaign_id, customer_id, owner_id, branch_id, excluded)
select $draft, c.id, c.owner_id, c.branch_id,
       exists (select 1 from opportunity o where o.customer_id = c.id and o.product_code = '$PRODUCT' and o.status = 'OPEN')
from customer c where $SQL_WHERE
on conflict (campaign_id, customer_id) do nothing;
\timing off
rollback;
SQL
)
  echo "$app" >> "$OUT/campaign-app.txt"
  awk "BEGIN { printf \"%.3f\n\", $sql / 1000 }" >> "$OUT/campaign-sql.txt"
  printf 'CAMPAIGN round %s: launch %s s (%s) | plain SQL %.1f s\n' "$r" "$app" "$written" "$(awk "BEGIN { print $sql / 1000 }")"
done
kill $APP; wait $APP 2>/dev/null || true
trap - EXIT
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
A=$(median "$OUT/campaign-app.txt"); S=$(median "$OUT/campaign-sql.txt")
echo "CAMPAIGN median: launch $A s, plain SQL $S s, ratio $(awk "BEGIN { printf \"%.2f\", $A / $S }")"

# The launched campaign's page and figures against their SQL.
CAMPAIGN=$LAUNCHED BUILD=0 ONLY="campaign-api campaign-page" bench/ops.sh
