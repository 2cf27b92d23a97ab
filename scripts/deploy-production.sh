#!/usr/bin/env bash
# Usage: scripts/deploy-production.sh [--env-file FILE] [--no-pull] [--zero-downtime]
#
# Production deployment on one host with docker-compose.prod.yml:
#   pre-deployment checks -> git pull (fast-forward only) -> build the images -> database
#   backup -> migrations -> start/replace containers -> health check -> post-deploy checks.
# Containers are replaced in place (`up -d`), not taken down first as the seed's script did,
# so the outage is the few seconds of a container restart; --zero-downtime does a blue-green
# release of the API instead (scripts/zero-downtime-deploy.sh).
# --env-file defaults to .env.production when it exists.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

env_file=""
pull=1
zero_downtime=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --env-file) env_file="${2:?}"; shift 2 ;;
    --no-pull) pull=0; shift ;;
    --zero-downtime) zero_downtime=1; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
cd "$OPS_ROOT"
[ -z "$env_file" ] && [ -f .env.production ] && env_file=.env.production
if [ -n "$env_file" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
here="$OPS_ROOT/scripts"
prod=(-f docker-compose.prod.yml)
RELEASE="${RELEASE:-$(git rev-parse --short HEAD 2>/dev/null || timestamp)}"
export RELEASE

log "CareTracker production deployment"
if [ "$zero_downtime" = 1 ]; then
  "$here/pre-deploy-checks.sh" --mode containers --skip-ports
else
  # Running containers hold the ports; only check them on a first deployment.
  if [ -n "$(compose "${prod[@]}" ps -q 2>/dev/null)" ]; then
    "$here/pre-deploy-checks.sh" --mode containers --skip-ports
  else
    "$here/pre-deploy-checks.sh" --mode containers
  fi
fi

if [ "$pull" = 1 ]; then
  log "pulling the latest code"
  git pull --ff-only origin main
  RELEASE="$(git rev-parse --short HEAD)"
fi

log "building images (release $RELEASE)"
compose "${prod[@]}" build

if [ -n "$(compose "${prod[@]}" ps -q postgres 2>/dev/null)" ]; then
  log "backing up the database before migrating"
  "$OPS_ROOT/backup/database-backup.sh"
fi

upstreams="$OPS_ROOT/infrastructure/nginx/upstreams"
[ -f "$upstreams/active.conf" ] || { cp "$upstreams/api.conf" "$upstreams/active.conf" && echo api >"$upstreams/active-color"; }

if [ "$zero_downtime" = 1 ]; then
  "$here/zero-downtime-deploy.sh"
else
  log "migrating and starting containers"
  compose "${prod[@]}" up -d postgres redis
  compose "${prod[@]}" run --rm migrate
  compose "${prod[@]}" up -d --remove-orphans
  # The gateway resolves the API's address at start; reload it after the API was replaced.
  "$here/wait-for-health.sh" api
  "$here/switch-traffic.sh" api
fi

"$here/health-check.sh" --url http://localhost:4000/health
"$here/post-deploy.sh" ${PUBLIC_HEALTH_URL:+--public-url "$PUBLIC_HEALTH_URL"}
ok "deployment of $RELEASE completed"
