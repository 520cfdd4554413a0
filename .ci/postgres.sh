#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries (initdb, pg_ctl, postgres) are installed, installing Debian's postgresql
# package if they are not. The tests start their own throw-away server from them (see
# tests/PromptOptimizer.Tests/Tracking/Postgres/ThrowawayPostgres.cs, which looks in the same places).
set -uo pipefail

log() { echo "[postgres] $*" >&2; }

# Debian's versioned directories, then the directory of the pg_ctl on PATH.
has_binaries() {
  local dir
  for dir in /usr/lib/postgresql/*/bin "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      log "server binaries in $dir"
      return 0
    fi
  done
  return 1
}

has_binaries && exit 0
log "no PostgreSQL server binaries; installing Debian's postgresql package"
if ! command -v apt-get >/dev/null 2>&1; then
  log "apt-get is not available: install PostgreSQL (initdb, pg_ctl, postgres) by hand"
  exit 1
fi

# The package's own cluster is not used; policy-rc.d keeps the install from starting it.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
fi
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
rc=$?
[ "$created_policy" -eq 1 ] && rm -f "$policy"
if [ "$rc" -ne 0 ]; then
  log "apt-get install postgresql failed (exit $rc)"
  exit 1
fi
has_binaries || { log "postgresql installed but no initdb/pg_ctl/postgres found"; exit 1; }
