#!/usr/bin/env bash
# Usage: scripts/send-alert.sh [--severity info|warning|critical] MESSAGE
#
# Sends an operational alert to every configured channel and always logs it to stderr:
#   ALERT_WEBHOOK_URL   POST {"text": "...", "severity": "...", "host": "...", "time": "..."}
#                       (Slack, Teams, Mattermost and most chat tools accept this shape)
#   ALERT_EMAIL_TO      mail through the local `sendmail` (or `mail`) when one is installed
#   ALERT_LOG_FILE      append one line per alert
# Alerts must never carry PHI: name the failing check, not the client or visit.
# Exits 1 only when a configured channel failed.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/lib/ops.sh"

severity=warning
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --severity) severity="${2:?--severity needs a value}"; shift 2 ;;
    --) shift; break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || die "a message is required (see --help)"
message="$*"
host="$(hostname 2>/dev/null || echo unknown)"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
failed=0

log "ALERT [$severity] $message"

if [ -n "${ALERT_LOG_FILE:-}" ]; then
  printf '%s\t%s\t%s\t%s\n' "$now" "$severity" "$host" "$message" >>"$ALERT_LOG_FILE"
fi

json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr '\n\t' '  '; }

if [ -n "${ALERT_WEBHOOK_URL:-}" ]; then
  payload="{\"text\":\"[CareTracker ${severity}] $(json_escape "$message")\",\"severity\":\"${severity}\",\"host\":\"$(json_escape "$host")\",\"time\":\"${now}\"}"
  if have curl; then
    curl -fsS -o /dev/null --max-time 10 -H 'Content-Type: application/json' --data "$payload" "$ALERT_WEBHOOK_URL" ||
      { warn "webhook delivery failed"; failed=1; }
  elif have wget; then
    wget -q -O /dev/null -T 10 --header='Content-Type: application/json' --post-data="$payload" "$ALERT_WEBHOOK_URL" ||
      { warn "webhook delivery failed"; failed=1; }
  else
    warn "neither curl nor wget: webhook not sent"; failed=1
  fi
fi

if [ -n "${ALERT_EMAIL_TO:-}" ]; then
  subject="[CareTracker ${severity}] ${message}"
  if have sendmail; then
    printf 'To: %s\nFrom: %s\nSubject: %s\n\n%s\nHost: %s\nTime: %s\n' \
      "$ALERT_EMAIL_TO" "${ALERT_EMAIL_FROM:-caretracker-alerts@${host}}" "$subject" "$message" "$host" "$now" |
      sendmail -t || { warn "sendmail failed"; failed=1; }
  elif have mail; then
    printf '%s\nHost: %s\nTime: %s\n' "$message" "$host" "$now" | mail -s "$subject" "$ALERT_EMAIL_TO" ||
      { warn "mail failed"; failed=1; }
  else
    warn "ALERT_EMAIL_TO is set but neither sendmail nor mail is installed"; failed=1
  fi
fi

exit "$failed"
