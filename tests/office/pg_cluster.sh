#!/bin/sh
# pg_cluster.sh start|stop DIR [PORT] [--durable]: a throwaway PostgreSQL cluster for the office
# tests and benches, in DIR (the build tree), listening only on a Unix socket in DIR/sock.
# The server binaries are Debian's postgresql package (/usr/lib/postgresql/N/bin). PostgreSQL
# refuses to run as root: as root, initdb and pg_ctl run as the postgres user (runuser), which
# owns DIR. Tests run with fsync off (nothing here must survive a power cut); --durable keeps
# PostgreSQL's defaults (the bench compares it with sqlite's synchronous=FULL).
# Prints the server URL the tests take as FIELDQC_TEST_PG_URL.
set -eu
cmd=$1
dir=$2
port=${3:-5432}
durable=${4:-}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || { echo "pg_cluster: no PostgreSQL server (apt-get install postgresql)"; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

case $cmd in
start)
  stop
  rm -rf "$dir"
  mkdir -p "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
  opts="-c listen_addresses='' -k $dir/sock -p $port -c max_connections=200"
  if [ "$durable" != "--durable" ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start \
    >/dev/null || { cat "$dir/server.log"; exit 1; }
  echo "postgresql://postgres@/postgres?host=$dir/sock&port=$port"
  ;;
stop)
  stop
  ;;
*)
  echo "usage: pg_cluster.sh start|stop DIR [PORT] [--durable]"
  exit 2
  ;;
esac
