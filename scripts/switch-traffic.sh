#!/usr/bin/env bash
# Usage: scripts/switch-traffic.sh [--settle SECONDS] (api | blue | green)
#
# Points the nginx gateway at another set of API servers and reloads it without dropping
# requests: upstreams/<target>.conf becomes upstreams/active.conf, `nginx -t` must accept it
# (otherwise the previous file is put back), then `nginx -s reload` starts new workers while the
# old ones finish the requests they hold. The target is recorded in upstreams/active-color.
#
# Containers (default): reloads the `gateway` service of docker-compose.prod.yml.
# An nginx started directly: set NGINX_CONF (its nginx.conf) and optionally NGINX_PREFIX and
# NGINX_BIN; the upstream folder is NGINX_UPSTREAM_DIR (default: upstreams/ beside NGINX_CONF,
# or infrastructure/nginx/upstreams for containers).
#   --settle   seconds to wait after the reload for the old workers to hand over (default 2)
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

settle=2
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --settle) settle="${2:?}"; shift 2 ;;
    api | blue | green) target="$1"; shift ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[ -n "$target" ] || die "give the target: api, blue or green (see --help)"

if [ -n "${NGINX_CONF:-}" ]; then
  upstream_dir="${NGINX_UPSTREAM_DIR:-$(dirname "$NGINX_CONF")/upstreams}"
  nginx_bin="${NGINX_BIN:-nginx}"
  nginx_args=(-c "$NGINX_CONF")
  [ -n "${NGINX_PREFIX:-}" ] && nginx_args+=(-p "$NGINX_PREFIX")
  nginx_cmd() { "$nginx_bin" "${nginx_args[@]}" "$@"; }
else
  upstream_dir="${NGINX_UPSTREAM_DIR:-$OPS_ROOT/infrastructure/nginx/upstreams}"
  nginx_cmd() { compose -f "$OPS_ROOT/docker-compose.prod.yml" exec -T gateway nginx "$@"; }
fi

source_file="$upstream_dir/$target.conf"
active="$upstream_dir/active.conf"
[ -f "$source_file" ] || die "no upstream file $source_file"

backup=""
if [ -f "$active" ]; then
  backup="$upstream_dir/active.conf.previous.tmp"
  cp "$active" "$backup"
fi
# Write beside, then rename: nginx never reads a half-written file.
cp "$source_file" "$active.tmp"
mv "$active.tmp" "$active"

if ! nginx_cmd -t -q; then
  [ -n "$backup" ] && mv "$backup" "$active"
  die "nginx rejected the $target upstream; the previous one is back in place"
fi
nginx_cmd -s reload
[ -n "$backup" ] && rm -f "$backup"
printf '%s\n' "$target" >"$upstream_dir/active-color"
sleep "$settle"
ok "traffic now goes to $target"
