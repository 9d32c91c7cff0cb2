# Helpers shared by bench/generate.sh, bench/ops.sh and bench/load.sh (sourced, not run).

# The local PostgreSQL unless told otherwise (psql reads these).
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

# The nightly jobs off in every application a benchmark starts: their crons are in bank time (Asia/Shanghai), and a
# benchmark run at 18:30 UTC once measured the alert evaluation beside a discovery run the clock had started.
export CRM_DISCOVERY_CRON=- CRM_SCORING_REFRESHCRON=- CRM_AUDIT_PURGECRON=- CRM_ALERTS_CRON=- CRM_ALERTS_DIGESTCRON=-

# The heap of every application a benchmark measures: fixed, initial = maximum, as the Dockerfile runs it. Left to
# size itself under -Xmx512m, G1 kept the heap near three times the live set and, on the RM's list page under wrk,
# marked the old generation concurrently after nearly every young collection: a fifth of the JVM's CPU (D61, D81).
# APP_HEAP="-Xmx512m" measures that way. (A string, split into words where used; generate.sh and pg-pair.sh, which
# start the jar only to migrate an empty database, keep their own options.)
APP_HEAP=${APP_HEAP:--Xms512m -Xmx512m}

# A JDK 21 or newer, as ./mvnw finds it.
find_java() {
  local java=java candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    if [ "${major:-0}" -ge 21 ]; then java="$candidate/bin/java"; fi
  done
  echo "$java"
}

# The production jar, built every time (BUILD=0 skips the build when a jar exists): a jar left from an earlier
# checkout would measure old code.
# JAR= names a jar to measure instead (an earlier commit's, for a before/after comparison).
production_jar() {
  if [ -n "${JAR:-}" ]; then echo "$JAR"; return; fi
  if [ "${BUILD:-1}" = 1 ] || ! ls crm-web/target/crm-web-*.jar > /dev/null 2>&1; then
    ./mvnw -B -ntp -q -pl crm-web -am -DskipTests package >&2
  fi
  ls crm-web/target/crm-web-*.jar | grep -v original | head -n1
}

# Waits (up to 5 minutes) until the application at $1 reports itself ready.
wait_ready() {
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$1/actuator/health/readiness" && return 0
    sleep 1
  done
  return 1
}

# Seconds since $1 (a date +%s.%N).
elapsed() {
  awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $1 }"
}

# Signs $2 in with password $3 at the application at $1 through the login form, as a browser does; sets COOKIE (the
# session) and CSRF (the token the pages carry in their meta tag).
sign_in_browser() {
  local jar token
  jar=$(mktemp)
  token=$(curl -fs -c "$jar" "$1/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n1)
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=$2" --data-urlencode "password=$3" \
    --data-urlencode "_csrf=$token" "$1/login"
  COOKIE=$(awk '$6 == "SESSION" {print $7}' "$jar")
  CSRF=$(curl -fs -b "$jar" "$1/" | sed -n 's/.*name="_csrf" content="\([^"]*\)".*/\1/p' | head -n1)
  rm -f "$jar"
  [ -n "$COOKIE" ] && [ -n "$CSRF" ]
}

# The machine and its load now, and the server of database $1, for the reports.
machine() {
  echo "$(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)), $(free -g | awk '/^Mem/ {print $2}') GiB," \
    "load $(cut -d' ' -f1-3 /proc/loadavg), $(psql -X -Atq -d "$1" -c 'select version()' | cut -d, -f1)"
}

# CPU time, in clock ticks (getconf CLK_TCK a second), of process $1 (user + system), and of every PostgreSQL
# process of this machine together: read before and after a measured run, their differences ÷ requests are what one
# request took from the cores, whatever else it waited for.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local s=0 p; for p in $(pgrep -x postgres); do s=$((s + $(ticks "$p"))); done; echo "$s"; }
