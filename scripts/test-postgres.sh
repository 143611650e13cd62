#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: installs the server when it is missing, creates a cluster in a
# directory of its own on a free loopback port, and removes it again.
#
#   scripts/test-postgres.sh install      install the Debian package (needs root and apt-get) unless present
#   scripts/test-postgres.sh start DIR    create and start a cluster in DIR; prints its Npgsql connection string
#                                         (exits with 3 when no server is installed: it installs nothing itself)
#   scripts/test-postgres.sh stop DIR     stop the cluster in DIR and delete DIR
#   scripts/test-postgres.sh pause DIR    stop the server of DIR, keeping its data (an outage)
#   scripts/test-postgres.sh resume DIR   start it again on the same port
#
# Without an installed server the PostgreSQL tests are skipped (failed under WORKFLOWS_REQUIRE_ALL_TESTS=1, as in CI).
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

install() {
  if find_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get): install the 'postgresql' package, or set WORKFLOWS_SKIP_POSTGRES=1 to skip its tests." >&2
    return 1
  fi
  echo "installing PostgreSQL (apt-get install postgresql)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  find_bin >/dev/null
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' account.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

start() {
  local dir="$1" bin port
  bin="$(find_bin)" || { echo "PostgreSQL is not installed: run 'scripts/test-postgres.sh install' as root, or install the 'postgresql' package." >&2; return 3; }
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U workflows --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  for attempt in 1 2 3; do
    port="$(free_port)"
    if serve "$bin" "$dir" "$port"; then
      echo "$port" >"$dir/port"
      echo "Host=127.0.0.1;Port=$port;Username=workflows;Database=postgres"
      return 0
    fi
  done
  cat "$dir/pg_ctl.log" "$dir/server.log" >&2 || true
  return 1
}

serve() {
  as_owner "$1/pg_ctl" -D "$2/data" -l "$2/server.log" -w -t 30 \
    -o "-p $3 -k $2 -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB" start >"$2/pg_ctl.log" 2>&1
}

pause() {
  as_owner "$(find_bin)/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null
}

resume() {
  serve "$(find_bin)" "$1" "$(cat "$1/port")" || { cat "$1/pg_ctl.log" >&2; return 1; }
}

stop() {
  local dir="$1" bin
  bin="$(find_bin)" || return 0
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?usage: start DIR}" ;;
  stop) stop "${2:?usage: stop DIR}" ;;
  pause) pause "${2:?usage: pause DIR}" ;;
  resume) resume "${2:?usage: resume DIR}" ;;
  *) echo "usage: $0 install | start DIR | stop DIR | pause DIR | resume DIR" >&2; exit 2 ;;
esac
