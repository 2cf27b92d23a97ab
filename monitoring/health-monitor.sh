#!/usr/bin/env bash
# Usage: monitoring/health-monitor.sh [--once] [--interval SECONDS] [--url URL]
#
# Watches the running system and calls scripts/send-alert.sh when something is wrong:
#   - the API's /health (default ${API_HEALTH_URL:-http://localhost:4000/health}) does not answer 200
#   - memory use above MEMORY_ALERT_PERCENT (80), disk use above DISK_ALERT_PERCENT (80)
#   - a CareTracker container that is not running or is unhealthy (when a Docker engine runs)
# --once runs one round (cron, launchd, systemd timers); otherwise every --interval (300) seconds.
# Exit status of --once: 1 when any check failed. SEND_ALERT overrides the alert command.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/../scripts/lib/ops.sh"

once=0
interval=300
url="${API_HEALTH_URL:-http://localhost:4000/health}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --once) once=1; shift ;;
    --interval) interval="${2:?}"; shift 2 ;;
    --url) url="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
send_alert="${SEND_ALERT:-$OPS_ROOT/scripts/send-alert.sh}"

alert() {
  "$send_alert" --severity "$1" "$2" || warn "alert delivery failed"
}

total_memory_mb() {
  if [ -r /proc/meminfo ]; then
    awk '/^MemTotal:/ { printf "%d\n", $2 / 1024 }' /proc/meminfo
  elif have sysctl; then
    echo $(($(sysctl -n hw.memsize) / 1048576))
  else
    echo 0
  fi
}

check_round() {
  local failed=0
  if http_ok "$url" 10; then
    ok "API healthy"
  else
    fail "API unhealthy: $url"
    alert critical "API health check failed: $url"
    failed=1
  fi

  local total available used_percent disk
  total="$(total_memory_mb)"
  available="$(available_memory_mb)"
  if [ "$total" -gt 0 ] && [ "$available" -ge 0 ]; then
    used_percent=$(((total - available) * 100 / total))
    if [ "$used_percent" -gt "${MEMORY_ALERT_PERCENT:-80}" ]; then
      warn "high memory use: ${used_percent}%"
      alert warning "High memory use on $(hostname): ${used_percent}%"
      failed=1
    fi
  fi
  disk="$(disk_usage_percent "$OPS_ROOT")"
  if [ "$disk" -gt "${DISK_ALERT_PERCENT:-80}" ]; then
    warn "high disk use: ${disk}%"
    alert warning "High disk use on $(hostname): ${disk}%"
    failed=1
  fi

  if docker_running; then
    local bad
    bad="$(docker ps -a --filter name=caretracker --format '{{.Names}} {{.Status}}' | grep -v -E ' Up .*\(healthy\)$| Up [^(]*$' || true)"
    if [ -n "$bad" ]; then
      warn "containers not healthy: $bad"
      alert critical "Containers not healthy: $(printf '%s' "$bad" | tr '\n' ';')"
      failed=1
    fi
  fi
  return "$failed"
}

if [ "$once" = 1 ]; then
  log "health monitor: one round"
  check_round
  exit $?
fi
while :; do
  log "health monitor: running checks"
  check_round || true
  sleep "$interval"
done
