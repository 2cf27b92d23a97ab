#!/usr/bin/env bash
# Usage: scripts/post-deploy.sh [--host HOST] [--public-url URL] [--no-containers]
#
# Verifies a deployment from the outside in and exits 1 when anything is down:
#   - web :3000, mobile-web :3001, admin :3002 and the API (gateway) :4000 answer /health
#     (SERVICES overrides the list: "web:3000 mobile-web:3001 admin:3002 api:4000")
#   - PostgreSQL and Redis: through their containers when running, otherwise DATABASE_URL and
#     REDIS_URL directly (pg_isready, redis-cli)
#   - --public-url (e.g. https://api.caretracker.dev): the tunnel serves /health publicly
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

host=localhost
public_url="${PUBLIC_HEALTH_URL:-}"
use_containers=1
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --host) host="${2:?}"; shift 2 ;;
    --public-url) public_url="${2:?}"; shift 2 ;;
    --no-containers) use_containers=0; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

failures=0
check() {
  if "$@" >/dev/null 2>&1; then return 0; fi
  failures=$((failures + 1))
  return 1
}

log "post-deployment verification"
for service in ${SERVICES:-web:3000 mobile-web:3001 admin:3002 api:4000}; do
  name="${service%%:*}"
  port="${service##*:}"
  if check http_ok "http://${host}:${port}/health" 10; then ok "$name :$port healthy"; else fail "$name :$port unhealthy"; fi
done

if [ "$use_containers" = 1 ] && docker_running && docker inspect caretracker_postgres >/dev/null 2>&1; then
  if check docker exec caretracker_postgres pg_isready -U postgres; then ok "PostgreSQL (container)"; else fail "PostgreSQL (container)"; fi
  if docker exec caretracker_redis redis-cli ping 2>/dev/null | grep -q PONG; then
    ok "Redis (container)"
  else
    fail "Redis (container)"
    failures=$((failures + 1))
  fi
else
  if [ -n "${DATABASE_URL:-}" ]; then
    if check pg_isready -d "$DATABASE_URL" -t 5; then ok "PostgreSQL (DATABASE_URL)"; else fail "PostgreSQL (DATABASE_URL)"; fi
  fi
  if [ -n "${REDIS_URL:-}" ]; then
    if redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; then
      ok "Redis (REDIS_URL)"
    else
      fail "Redis (REDIS_URL)"
      failures=$((failures + 1))
    fi
  fi
fi

if [ -n "$public_url" ]; then
  if check http_ok "${public_url%/}/health" 15; then ok "public access: $public_url"; else fail "public access: $public_url"; fi
fi

if [ "$failures" -gt 0 ]; then
  printf 'post-deployment verification: %d check(s) failed\n' "$failures" >&2
  exit 1
fi
ok "post-deployment verification passed"
