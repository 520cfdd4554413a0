#!/usr/bin/env bash
# Makes sure libfaketime (Debian's faketime package) is installed, for the test that runs one worker with its clock
# ten minutes ahead (tests/PromptOptimizer.Tests/Distributed/ClockSkewTests.cs, which skips with a message without it).
set -uo pipefail

log() { echo "[faketime] $*" >&2; }

ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  log "apt-get is not available: install libfaketime by hand; the clock-skew test will skip"
  exit 1
fi
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null) >&2 || { log "apt-get install faketime failed"; exit 1; }
