#!/usr/bin/env bash
# Usage: scripts/pre-deploy-checks.sh [--mode containers|local] [--env-file FILE]
#          [--ports "3000 3001 3002 4000"] [--skip-ports] [--min-memory-mb N] [--max-disk-percent N]
#
# Refuses a deployment that would fail halfway. Every problem is listed, then exit 1:
#   - a required variable is missing (REQUIRED_VARS overrides the list; containers mode:
#     POSTGRES_PASSWORD JWT_SECRET DATA_ENCRYPTION_KEY REDIS_PASSWORD; local: DATABASE_URL JWT_SECRET
#     DATA_ENCRYPTION_KEY)
#   - JWT_SECRET is the development one or shorter than 32 bytes
#   - a port the release needs is already taken (web 3000, mobile-web 3001, admin 3002, API 4000)
#   - too little free memory (default 1024 MiB) or too full a disk (default 80%)
#   - containers: the Docker engine is not running; local: DATABASE_URL or REDIS_URL unreachable
# --mode defaults to containers when a Docker engine answers, local otherwise.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

mode=""
ports="${DEPLOY_PORTS:-3000 3001 3002 4000}"
check_ports=1
min_memory_mb="${MIN_FREE_MEMORY_MB:-1024}"
max_disk_percent="${MAX_DISK_PERCENT:-80}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --mode) mode="${2:?}"; shift 2 ;;
    --env-file)
      [ -f "${2:?}" ] || die "no env file $2"
      set -a
      # shellcheck disable=SC1090
      . "$2"
      set +a
      shift 2
      ;;
    --ports) ports="${2:?}"; shift 2 ;;
    --skip-ports) check_ports=0; shift ;;
    --min-memory-mb) min_memory_mb="${2:?}"; shift 2 ;;
    --max-disk-percent) max_disk_percent="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
if [ -z "$mode" ]; then
  if docker_running; then mode=containers; else mode=local; fi
fi
case "$mode" in containers | local) ;; *) die "--mode must be containers or local" ;; esac

problems=0
problem() {
  fail "$*"
  problems=$((problems + 1))
}

log "pre-deployment checks ($mode)"

memory="$(available_memory_mb)"
if [ "$memory" -lt 0 ]; then
  warn "cannot read free memory on this system"
elif [ "$memory" -lt "$min_memory_mb" ]; then
  problem "insufficient free memory: ${memory} MiB available, ${min_memory_mb} MiB needed"
else
  ok "free memory ${memory} MiB"
fi

disk="$(disk_usage_percent "$OPS_ROOT")"
if [ "$disk" -gt "$max_disk_percent" ]; then
  problem "disk ${disk}% full (limit ${max_disk_percent}%)"
else
  ok "disk ${disk}% used"
fi

if [ "$mode" = containers ]; then
  if docker_running; then ok "Docker engine running"; else problem "Docker engine not running"; fi
  default_vars="POSTGRES_PASSWORD JWT_SECRET DATA_ENCRYPTION_KEY REDIS_PASSWORD"
else
  default_vars="DATABASE_URL JWT_SECRET DATA_ENCRYPTION_KEY"
fi
for var in ${REQUIRED_VARS:-$default_vars}; do
  if [ -z "${!var:-}" ]; then
    problem "missing environment variable: $var"
  else
    ok "$var is set"
  fi
done

if [ -n "${JWT_SECRET:-}" ]; then
  if [ "$JWT_SECRET" = development-secret-key-change-in-production ]; then
    problem "JWT_SECRET is the development secret"
  elif [ "$(printf '%s' "$JWT_SECRET" | wc -c | tr -d ' ')" -lt 32 ]; then
    problem "JWT_SECRET is shorter than 32 bytes (openssl rand -base64 48)"
  fi
fi

if [ "$check_ports" = 1 ]; then
  for port in $ports; do
    if port_in_use "$port"; then
      problem "port $port is already in use"
    else
      ok "port $port free"
    fi
  done
fi

if [ "$mode" = local ]; then
  if [ -n "${DATABASE_URL:-}" ] && have pg_isready; then
    if pg_isready -q -d "$DATABASE_URL" -t 5; then ok "PostgreSQL reachable"; else problem "PostgreSQL not reachable at DATABASE_URL"; fi
  fi
  if [ -n "${REDIS_URL:-}" ] && have redis-cli; then
    if redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; then ok "Redis reachable"; else problem "Redis not reachable at REDIS_URL"; fi
  fi
fi

if [ "$problems" -gt 0 ]; then
  printf 'pre-deployment checks failed: %d problem(s)\n' "$problems" >&2
  exit 1
fi
ok "all pre-deployment checks passed"
