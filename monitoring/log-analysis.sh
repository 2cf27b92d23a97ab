#!/usr/bin/env bash
# Usage: monitoring/log-analysis.sh [--since 24h] [--file LOG ...] [--out DIR]
#
# Daily summary of problems in the logs: error and warning counts, and security events
# (failed logins, lockouts, 401/403/429 answers). Reads the containers' logs
# (docker compose -f docker-compose.prod.yml logs --since) or, with --file, log files written
# by an API started directly (pino JSON lines) or by nginx. Reports go to --out (default a new
# temporary folder, printed); nothing is written to a shared /tmp path.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/../scripts/lib/ops.sh"

since=24h
files=()
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --since) since="${2:?}"; shift 2 ;;
    --file) files+=("${2:?}"); shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/caretracker-logs.XXXXXX")"
mkdir -p "$out"
all="$out/all.log"

if [ "${#files[@]}" -gt 0 ]; then
  cat "${files[@]}" >"$all"
else
  compose -f "$OPS_ROOT/docker-compose.prod.yml" logs --no-color --since "$since" >"$all"
fi

# pino levels: 40 warn, 50 error, 60 fatal; plain-text logs say ERROR/WARN/CRITICAL/FATAL.
grep -E '"level":(50|60)|\b(ERROR|CRITICAL|FATAL)\b|\[(error|crit|alert|emerg)\]' "$all" >"$out/critical.log" || true
grep -E '"level":40|\bWARN(ING)?\b|\[warn\]' "$all" >"$out/warnings.log" || true
grep -i -E 'login failed|authentication.*failed|locked out|lockout|unauthori[sz]ed|forbidden|"statusCode":(401|403|429)|"status":(401|403|429)' "$all" >"$out/security.log" || true

count() { wc -l <"$1" | tr -d ' '; }
printf 'CareTracker log summary (%s, since %s)\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$since"
printf 'Lines read:         %s\n' "$(count "$all")"
printf 'Errors (critical):  %s\n' "$(count "$out/critical.log")"
printf 'Warnings:           %s\n' "$(count "$out/warnings.log")"
printf 'Security events:    %s\n' "$(count "$out/security.log")"
printf 'Details in:         %s\n' "$out"
