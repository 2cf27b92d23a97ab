#!/usr/bin/env bash
# Usage: scripts/wait-for-health.sh [--timeout SECONDS] (COLOR | --url URL [--url URL ...])
#
# Waits until a new release is ready to take traffic, or fails after the timeout (default 120 s).
#   COLOR       blue | green | api: the compose service api_<COLOR> (or api) must report
#               "healthy" from its image's HEALTHCHECK (/health/ready inside the container).
#   --url URL   an API started directly: its /health/ready (or any URL) must answer 2xx; give
#               --url once per process to wait for all of them (one deadline for the lot).
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

timeout=120
urls=()
color=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --timeout) timeout="${2:?}"; shift 2 ;;
    --url) urls+=("${2:?}"); shift 2 ;;
    blue | green | api) color="$1"; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[ -n "$color" ] || [ "${#urls[@]}" -gt 0 ] || die "give a colour or --url (see --help)"

deadline=$(($(date +%s) + timeout))
if [ "${#urls[@]}" -gt 0 ]; then
  for url in "${urls[@]}"; do
    log "waiting for $url (up to ${timeout}s in all)"
    until http_ok "$url" 3; do
      [ "$(date +%s)" -lt "$deadline" ] || die "$url not healthy after ${timeout}s"
      sleep 0.5
    done
    ok "healthy: $url"
  done
  exit 0
fi

service="api_${color}"
[ "$color" = api ] && service=api
compose_files=(-f "$OPS_ROOT/docker-compose.prod.yml")
[ "$color" = api ] || compose_files+=(-f "$OPS_ROOT/docker-compose.${color}.yml")
log "waiting for the $service containers to be healthy (up to ${timeout}s)"
while :; do
  ids="$(compose "${compose_files[@]}" ps -q "$service" 2>/dev/null || true)"
  if [ -n "$ids" ]; then
    all_healthy=1
    for id in $ids; do
      state="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")"
      [ "$state" = healthy ] || all_healthy=0
      [ "$state" = unhealthy ] && die "$service container $id is unhealthy: docker logs $id"
    done
    if [ "$all_healthy" = 1 ]; then
      ok "$service healthy"
      exit 0
    fi
  fi
  [ "$(date +%s)" -lt "$deadline" ] || die "$service not healthy after ${timeout}s"
  sleep 2
done
