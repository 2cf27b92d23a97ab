#!/usr/bin/env bash
# Usage: scripts/zero-downtime-deploy.sh [--to blue|green] [--timeout SECONDS]
#          [--start-cmd CMD --stop-cmd CMD [--health-url URL ...]]
#
# Blue-green release of the API behind the nginx gateway, with no failed request:
#   1. start the idle colour (the other one than upstreams/active-color) with the new release
#   2. wait until it is healthy (scripts/wait-for-health.sh)
#   3. switch the gateway to it (scripts/switch-traffic.sh: nginx reload, no dropped connection)
#   4. stop the old colour with SIGTERM: it finishes its in-flight requests and exits
# Both colours share one database, so the release's migrations must be expand-only (new
# columns nullable or defaulted, nothing renamed or dropped); contract in a later release
# (docs/deployment.md). The active colour is recorded, not the compose files renamed.
#
# Containers (default): docker-compose.prod.yml + docker-compose.<colour>.yml; migrations run
# from the new image before it starts.
# Processes started directly (a Mac or Linux server without Docker): --start-cmd and --stop-cmd
# are shell commands run with COLOR set to the colour to start or stop; --start-cmd may return
# at once (background the processes), --stop-cmd should return once they have exited. Health:
# every --health-url given (repeatable; {color} is replaced by the colour), otherwise
# http://HOST:PORT/health/ready of every `server` in upstreams/<colour>.conf, so nothing is
# switched to before all its servers are ready. Migrations are the operator's (expand-only, run
# before). With NGINX_CONF set (and NGINX_PREFIX, NGINX_BIN for an nginx started with -p),
# switch-traffic.sh reloads that nginx; its upstream files are those beside NGINX_CONF.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

target=""
timeout=180
start_cmd=""
stop_cmd=""
health_urls=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --to) target="${2:?}"; shift 2 ;;
    --timeout) timeout="${2:?}"; shift 2 ;;
    --start-cmd) start_cmd="${2:?}"; shift 2 ;;
    --stop-cmd) stop_cmd="${2:?}"; shift 2 ;;
    --health-url) health_urls+=("${2:?}"); shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

if [ -n "${NGINX_CONF:-}" ]; then
  upstream_dir="${NGINX_UPSTREAM_DIR:-$(dirname "$NGINX_CONF")/upstreams}"
else
  upstream_dir="${NGINX_UPSTREAM_DIR:-$OPS_ROOT/infrastructure/nginx/upstreams}"
fi
current="$(cat "$upstream_dir/active-color" 2>/dev/null || echo api)"
if [ -z "$target" ]; then
  if [ "$current" = blue ]; then target=green; else target=blue; fi
fi
case "$target" in blue | green) ;; *) die "--to must be blue or green" ;; esac
[ "$target" != "$current" ] || die "$target is already live; deploy to the other colour"

here="$(dirname "$0")"
log "blue-green: $current is live, deploying $target"

if [ -n "$start_cmd" ]; then
  [ -n "$stop_cmd" ] || die "--start-cmd needs --stop-cmd (to stop the old colour)"
  wait_args=()
  for url in ${health_urls[@]+"${health_urls[@]}"}; do
    wait_args+=(--url "${url//\{color\}/$target}")
  done
  if [ "${#wait_args[@]}" -eq 0 ]; then
    [ -f "$upstream_dir/$target.conf" ] || die "no $upstream_dir/$target.conf; give --health-url"
    # `server 127.0.0.1:4101 max_fails=3 ...;` -> http://127.0.0.1:4101/health/ready
    while IFS= read -r server; do
      wait_args+=(--url "http://$server/health/ready")
    done < <(sed -n 's/^[[:space:]]*server[[:space:]][[:space:]]*\([^[:space:];]*\).*/\1/p' "$upstream_dir/$target.conf")
    [ "${#wait_args[@]}" -gt 0 ] || die "no server in $upstream_dir/$target.conf; give --health-url"
  fi
  log "starting $target: $start_cmd"
  COLOR="$target" bash -c "$start_cmd"
  if ! "$here/wait-for-health.sh" --timeout "$timeout" "${wait_args[@]}"; then
    warn "$target never became healthy; stopping it, $current keeps the traffic"
    COLOR="$target" bash -c "$stop_cmd" || true
    die "deployment of $target abandoned"
  fi
else
  files=(-f "$OPS_ROOT/docker-compose.prod.yml" -f "$OPS_ROOT/docker-compose.${target}.yml")
  compose "${files[@]}" build "api_${target}"
  log "applying migrations (expand-only) from the new image"
  compose "${files[@]}" run --rm --no-deps "api_${target}" node dist/bin/migrate.js
  compose "${files[@]}" up -d --no-deps "api_${target}"
  "$here/wait-for-health.sh" --timeout "$timeout" "$target"
fi

if ! "$here/switch-traffic.sh" "$target"; then
  [ -n "$stop_cmd" ] && { COLOR="$target" bash -c "$stop_cmd" || true; }
  die "could not switch the gateway to $target; $current keeps the traffic"
fi

log "stopping $current (SIGTERM; in-flight requests finish)"
if [ -n "$stop_cmd" ]; then
  COLOR="$current" bash -c "$stop_cmd"
elif [ "$current" = api ]; then
  compose -f "$OPS_ROOT/docker-compose.prod.yml" stop -t 30 api
else
  files=(-f "$OPS_ROOT/docker-compose.prod.yml" -f "$OPS_ROOT/docker-compose.${current}.yml")
  compose "${files[@]}" stop -t 30 "api_${current}"
  compose "${files[@]}" rm -f "api_${current}"
fi
ok "zero-downtime deployment complete: $target is live"
