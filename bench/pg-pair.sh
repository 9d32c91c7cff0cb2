#!/usr/bin/env bash
# A primary and a streaming standby of PostgreSQL on this machine (issue 18 §3, docs/scaling.md "A primary that can
# die"), made from the installed server packages: initdb, pg_basebackup -R, pg_ctl. The servers run as the
# `postgres` OS user when this script runs as root (PostgreSQL refuses root), as the caller otherwise.
#
#   bench/pg-pair.sh up              # two clusters, the standby streaming from the primary, the database created
#   SYNC=1 bench/pg-pair.sh up       # the same with synchronous replication (synchronous_standby_names)
#   MIGRATE=1 bench/pg-pair.sh up    # and the application's schema migrated on the primary (the jar's Flyway)
#   bench/pg-pair.sh status          # who is primary, who streams, how far behind
#   bench/pg-pair.sh url             # the application's JDBC URL (both hosts, targetServerType=primary)
#   bench/pg-pair.sh stop-primary    # the primary dies: pg_ctl stop -m immediate (no shutdown checkpoint)
#   bench/pg-pair.sh promote         # the standby becomes the primary (pg_ctl promote, waits until it is)
#   bench/pg-pair.sh rejoin          # after a promote: the old primary, rewound (pg_rewind), streams from the new one
#   bench/pg-pair.sh down            # both stopped, their directories removed
#
# PAIR_DIR (/tmp/crm-pg-pair-$PRIMARY_PORT), PRIMARY_PORT (15432), STANDBY_PORT (15433), DB (crm_pair) and PG_BIN
# (the newest /usr/lib/postgresql/*/bin) change where and what.
set -euo pipefail
cd "$(dirname "$0")/.."

PRIMARY_PORT=${PRIMARY_PORT:-15432}
STANDBY_PORT=${STANDBY_PORT:-15433}
PAIR_DIR=${PAIR_DIR:-/tmp/crm-pg-pair-$PRIMARY_PORT}
DB=${DB:-crm_pair}
SYNC=${SYNC:-0}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
STANDBY_NAME=standby1

if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg-pair: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); install the postgresql package" >&2
  exit 2
fi

# Runs a command as the servers' owner: postgres when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_at() {  # $1 port, then psql arguments
  local port=$1; shift
  "$PG_BIN/psql" -X -Atq -h 127.0.0.1 -p "$port" -U postgres "$@"
}
ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1"; }

up() {
  for port in "$PRIMARY_PORT" "$STANDBY_PORT"; do
    if ready "$port"; then echo "pg-pair: something already answers on port $port" >&2; exit 1; fi
  done
  rm -rf "$PAIR_DIR"
  mkdir -p "$PAIR_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$PAIR_DIR"

  # The primary. --auth=trust: local test clusters on 127.0.0.1 only; its pg_hba.conf lets 127.0.0.1 replicate.
  # --no-sync (here and for the base backup): the files are not forced to disk, which only an operating system's
  # crash would notice; the failover stops a server process, and what a commit writes is still fsynced.
  as_owner "$PG_BIN/initdb" --no-sync -D "$PAIR_DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
  as_owner tee -a "$PAIR_DIR/primary/postgresql.conf" > /dev/null <<EOF
# bench/pg-pair.sh
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PAIR_DIR'
max_connections = 60
wal_level = replica
# lets pg_rewind turn a failed primary into the new primary's standby (rejoin) instead of a new base backup
wal_log_hints = on
max_wal_senders = 4
max_replication_slots = 4
hot_standby = on
synchronous_commit = on
EOF
  as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/primary" -l "$PAIR_DIR/primary.log" -w -t 60 start > /dev/null
  psql_at "$PRIMARY_PORT" -d postgres -c "create database $DB"

  # The standby: a base backup streamed from the primary with a replication slot (the primary keeps the WAL the
  # standby has not received), -R writes standby.signal and primary_conninfo. Its own settings go to
  # postgresql.auto.conf, which wins over the copied postgresql.conf: its port, the name the primary's
  # synchronous_standby_names knows it by, and no synchronous standby of its own, so that once promoted it does not
  # wait for a standby that does not exist (it runs alone until a new standby is made: docs/scaling.md).
  as_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$PAIR_DIR/standby" \
    -R -X stream -c fast --no-sync -C -S "$STANDBY_NAME"
  as_owner tee -a "$PAIR_DIR/standby/postgresql.auto.conf" > /dev/null <<EOF
port = $STANDBY_PORT
primary_conninfo = 'host=127.0.0.1 port=$PRIMARY_PORT user=postgres application_name=$STANDBY_NAME'
primary_slot_name = '$STANDBY_NAME'
synchronous_standby_names = ''
EOF
  as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/standby" -l "$PAIR_DIR/standby.log" -w -t 60 start > /dev/null

  # SYNC=1: from now on a commit on the primary returns only once the standby has flushed its WAL. Set only now:
  # before the standby streams, every commit (the create database above, the base backup's) would wait for it.
  local want=async
  if [ "$SYNC" = 1 ]; then
    want=sync
    psql_at "$PRIMARY_PORT" -d postgres -c "alter system set synchronous_standby_names = '$STANDBY_NAME'" \
      -c "select pg_reload_conf()" > /dev/null
  fi
  # Streaming (and, with SYNC=1, synchronous) before anything is written that must survive.
  local state=""
  for _ in $(seq 1 300); do
    state=$(psql_at "$PRIMARY_PORT" -d postgres -c "select state || '/' || sync_state from pg_stat_replication
          where application_name = '$STANDBY_NAME'")
    [ "$state" = "streaming/$want" ] && break
    sleep 0.1
  done
  if [ "$state" != "streaming/$want" ]; then
    echo "pg-pair: the standby is not streaming ($want) after 30 s: ${state:-not connected}" >&2
    exit 1
  fi
  if [ "${MIGRATE:-0}" = 1 ]; then migrate; fi
  status
  echo "url: $(url)"
}

# The application's schema on the primary, by the application's own Flyway: the production jar started once
# against the pair until it is ready, then stopped (every later start finds nothing to migrate).
migrate() {
  . bench/lib.sh
  local java jar port=${MIGRATE_PORT:-18099} app
  java=$(find_java)
  jar=$(production_jar)
  SPRING_DATASOURCE_URL=$(url) SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= SERVER_PORT=$port \
    "$java" -Xmx256m -jar "$jar" > "$PAIR_DIR/migrate.log" 2>&1 &
  app=$!
  if ! wait_ready "http://127.0.0.1:$port"; then
    kill "$app" 2>/dev/null || true
    echo "pg-pair: the application did not start (log: $PAIR_DIR/migrate.log)" >&2
    exit 1
  fi
  kill "$app" && wait "$app" 2>/dev/null || true
  echo "migrated to V$(psql_at "$PRIMARY_PORT" -d "$DB" -c "select version from flyway_schema_history order by installed_rank desc limit 1")"
}

url() {
  # hostRecheckSeconds: how long the driver trusts what it learnt about a host (the standby, found read-only
  # before the promote, is asked again after 2 s, not the default 10); connectTimeout per host, so that a host that
  # does not answer leaves time for the next one within Hikari's 5 s connection-timeout.
  echo "jdbc:postgresql://127.0.0.1:$PRIMARY_PORT,127.0.0.1:$STANDBY_PORT/$DB?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=2"
}

status() {
  local port role
  for port in "$PRIMARY_PORT" "$STANDBY_PORT"; do
    if ! ready "$port"; then echo "port $port: down"; continue; fi
    role=$(psql_at "$port" -d postgres -c "select case when pg_is_in_recovery() then 'standby' else 'primary' end")
    if [ "$role" = primary ]; then
      echo "port $port: primary; standbys: $(psql_at "$port" -d postgres -c "select coalesce(string_agg(
        application_name || ' ' || state || ' ' || sync_state || ' replay_lag=' || coalesce(replay_lag::text, '0'),
        ', '), 'none') from pg_stat_replication")"
    else
      echo "port $port: standby; received $(psql_at "$port" -d postgres -c "select pg_last_wal_receive_lsn()
        || ', replayed ' || pg_last_wal_replay_lsn()")"
    fi
  done
}

stop_primary() {
  as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/primary" -m immediate stop > /dev/null
}

promote() {
  as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/standby" -w -t 60 promote > /dev/null
}

# Runbook step 6 (docs/scaling.md): the old primary's data directory is rewound to where the new primary's history
# forked (pg_rewind, which finishes the old one's crash recovery first) and started as its standby, under the name
# the synchronous setting waits for. pg_rewind copies the new primary's configuration files, so this node's own
# port and upstream are written after it.
rejoin() {
  # a checkpoint on the new primary first: until one, its control file still shows the old timeline, and
  # pg_rewind would find nothing to rewind
  psql_at "$STANDBY_PORT" -d postgres -c "checkpoint" \
    -c "select pg_create_physical_replication_slot('$STANDBY_NAME')" > /dev/null
  as_owner "$PG_BIN/pg_rewind" --target-pgdata="$PAIR_DIR/primary" \
    --source-server="host=127.0.0.1 port=$STANDBY_PORT user=postgres dbname=postgres" -R > /dev/null
  as_owner tee -a "$PAIR_DIR/primary/postgresql.auto.conf" > /dev/null <<EOF
port = $PRIMARY_PORT
primary_conninfo = 'host=127.0.0.1 port=$STANDBY_PORT user=postgres application_name=$STANDBY_NAME'
primary_slot_name = '$STANDBY_NAME'
synchronous_standby_names = ''
EOF
  as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/primary" -l "$PAIR_DIR/primary.log" -w -t 60 start > /dev/null
  if [ "$SYNC" = 1 ]; then
    psql_at "$STANDBY_PORT" -d postgres -c "alter system set synchronous_standby_names = '$STANDBY_NAME'" \
      -c "select pg_reload_conf()" > /dev/null
  fi
  status
}

down() {
  for node in primary standby; do
    if [ -f "$PAIR_DIR/$node/postmaster.pid" ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$PAIR_DIR/$node" -m immediate stop > /dev/null 2>&1 || true
    fi
  done
  rm -rf "$PAIR_DIR"
}

case "${1:-}" in
  up) up ;;
  migrate) migrate ;;
  status) status ;;
  url) url ;;
  stop-primary) stop_primary ;;
  promote) promote ;;
  rejoin) rejoin ;;
  down) down ;;
  *) echo "usage: $0 up|migrate|status|url|stop-primary|promote|rejoin|down" >&2; exit 2 ;;
esac
