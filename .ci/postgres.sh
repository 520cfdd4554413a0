# shellcheck shell=bash
# A throw-away PostgreSQL server for the tests, sourced by .ci/run (and usable by hand):
#   source .ci/postgres.sh && ci_postgres_start   # exports PROMPT_OPTIMIZER_TEST_PG and PROMPT_OPTIMIZER_REQUIRE_PG=1
#   ...run the tests...
#   ci_postgres_stop
# The server lives in a fresh temp directory, listens on 127.0.0.1 on a free port, and is removed on stop.

CI_PG_BIN=""
CI_PG_DIR=""
CI_PG_USER=""

_ci_pg_log() { echo "[postgres] $*" >&2; }

# Prints the directory holding a working initdb/pg_ctl/postgres, or nothing.
_ci_pg_find_bin() {
  local candidate dir
  # Debian's versioned binaries first (newest version last in glob order, so reverse it), then what PATH has.
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
    dir="$candidate"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] \
      && "$dir/pg_ctl" --version >/dev/null 2>&1 && "$dir/postgres" --version >/dev/null 2>&1; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

_ci_pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  # Without python3: try ports until one is not listening (bash's /dev/tcp connect fails on a free port).
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Runs a command as the unprivileged server user (PostgreSQL refuses to run as root).
_ci_pg_as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$CI_PG_USER" -- "$@"
  else
    "$@"
  fi
}

ci_postgres_start() {
  CI_PG_BIN="$(_ci_pg_find_bin)"
  if [ -z "$CI_PG_BIN" ]; then
    _ci_pg_log "no working PostgreSQL server binaries; installing Debian's postgresql package"
    if ! command -v apt-get >/dev/null 2>&1; then
      _ci_pg_log "apt-get is not available: install PostgreSQL (initdb, pg_ctl) by hand"
      return 1
    fi
    # The package's own cluster is not used; policy-rc.d keeps the install from starting it.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    local rc=$?
    [ "$created_policy" -eq 1 ] && rm -f "$policy"
    if [ "$rc" -ne 0 ]; then
      _ci_pg_log "apt-get install postgresql failed (exit $rc)"
      return 1
    fi
    CI_PG_BIN="$(_ci_pg_find_bin)"
    if [ -z "$CI_PG_BIN" ]; then
      _ci_pg_log "postgresql installed but no initdb/pg_ctl found under /usr/lib/postgresql/*/bin"
      return 1
    fi
  fi
  _ci_pg_log "using $("$CI_PG_BIN/postgres" --version) from $CI_PG_BIN"

  if [ "$(id -u)" -eq 0 ]; then
    CI_PG_USER=postgres
    if ! id "$CI_PG_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$CI_PG_USER" || { _ci_pg_log "cannot create user $CI_PG_USER"; return 1; }
    fi
  else
    CI_PG_USER="$(id -un)"
  fi

  CI_PG_DIR="$(mktemp -d /tmp/prompt-optimizer-pg.XXXXXX)" || { _ci_pg_log "mktemp failed"; return 1; }
  mkdir -p "$CI_PG_DIR/data" "$CI_PG_DIR/sock"
  chmod 755 "$CI_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown -R "$CI_PG_USER" "$CI_PG_DIR"

  local password port
  password="po-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$CI_PG_DIR/pwfile"
  chmod 600 "$CI_PG_DIR/pwfile"
  [ "$(id -u)" -eq 0 ] && chown "$CI_PG_USER" "$CI_PG_DIR/pwfile"

  if ! _ci_pg_as_user "$CI_PG_BIN/initdb" -D "$CI_PG_DIR/data" -U po_test --pwfile="$CI_PG_DIR/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$CI_PG_DIR/initdb.log" 2>&1; then
    _ci_pg_log "initdb failed:"; cat "$CI_PG_DIR/initdb.log" >&2
    ci_postgres_stop
    return 1
  fi
  rm -f "$CI_PG_DIR/pwfile"

  port="$(_ci_pg_free_port)" || { _ci_pg_log "no free port"; ci_postgres_stop; return 1; }
  if ! _ci_pg_as_user "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DIR/data" -l "$CI_PG_DIR/server.log" -w -t 60 \
      -o "-p $port -k $CI_PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB" \
      start >"$CI_PG_DIR/pg_ctl.log" 2>&1; then
    _ci_pg_log "server did not start:"; cat "$CI_PG_DIR/pg_ctl.log" "$CI_PG_DIR/server.log" >&2 2>/dev/null
    ci_postgres_stop
    return 1
  fi

  export PROMPT_OPTIMIZER_TEST_PG="Host=127.0.0.1;Port=$port;Username=po_test;Password=$password;Database=postgres"
  export PROMPT_OPTIMIZER_REQUIRE_PG=1
  _ci_pg_log "server ready on 127.0.0.1:$port (data in $CI_PG_DIR); PROMPT_OPTIMIZER_TEST_PG exported"
  return 0
}

ci_postgres_stop() {
  if [ -n "$CI_PG_DIR" ] && [ -d "$CI_PG_DIR" ]; then
    if [ -f "$CI_PG_DIR/data/postmaster.pid" ] && [ -n "$CI_PG_BIN" ]; then
      _ci_pg_as_user "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
        || _ci_pg_log "pg_ctl stop failed; see $CI_PG_DIR/server.log"
    fi
    rm -rf "$CI_PG_DIR"
    _ci_pg_log "server stopped and $CI_PG_DIR removed"
  fi
  CI_PG_DIR=""
  unset PROMPT_OPTIMIZER_TEST_PG PROMPT_OPTIMIZER_REQUIRE_PG
  return 0
}
