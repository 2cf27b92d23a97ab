#!/usr/bin/env bash
# Usage: scripts/health-check.sh [--url URL] [--retries N] [--interval SECONDS]
#
# Asks the API's /health (database, Redis, memory, disk, uptime) until it answers 200 or the
# retries run out; prints the checks that failed. Works against containers (the gateway on
# :4000) and against a directly started API alike, since both answer on a URL.
#   --url       default ${API_HEALTH_URL:-http://localhost:4000/health}
#   --retries   default 10        --interval  default 3 (seconds)
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

url="${API_HEALTH_URL:-http://localhost:4000/health}"
retries=10
interval=3
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --url) url="${2:?}"; shift 2 ;;
    --retries) retries="${2:?}"; shift 2 ;;
    --interval) interval="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

attempt=1
while :; do
  if http_ok "$url" 5; then
    ok "healthy: $url"
    exit 0
  fi
  if [ "$attempt" -ge "$retries" ]; then
    fail "unhealthy after $attempt attempts: $url"
    body="$(http_get "$url" 5)"
    [ -n "$body" ] && printf '%s\n' "$body" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep "$interval"
done
