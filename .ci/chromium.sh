#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium, for the review page's browser tests
# (tests/PromptOptimizer.Tests/Review/ReviewBrowserTests.cs drive it through Playwright, which never downloads a browser).
set -uo pipefail

log() { echo "[chromium] $*" >&2; }

[ -x /usr/bin/chromium ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  log "apt-get is not available: install Chromium at /usr/bin/chromium by hand; the browser tests will skip"
  exit 1
fi
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 || { log "apt-get install chromium failed"; exit 1; }
[ -x /usr/bin/chromium ]
