#!/usr/bin/env bash
# Helpers shared by the operational scripts (sourced, not run). Plain POSIX tools only, so the
# scripts behave the same on macOS (BSD userland, bash 3.2) and Linux (GNU userland).

OPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OPS_ROOT

log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
ok() { printf '  ok    %s\n' "$*" >&2; }
warn() { printf '  WARN  %s\n' "$*" >&2; }
fail() { printf '  FAIL  %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Prints the lines of the calling script's header comment (after the shebang) as its help.
usage_from_header() {
  sed -n '2,/^[^#]/{/^#/{s/^# \{0,1\}//;p;};}' "$1"
}

have() { command -v "$1" >/dev/null 2>&1; }

# `docker compose` (v2 plugin) or `docker-compose` (v1), whichever exists.
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif have docker-compose; then
    docker-compose "$@"
  else
    die "neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

docker_running() { have docker && docker info >/dev/null 2>&1; }

# Exit 0 when URL answers 2xx within the timeout; curl, wget or Node's fetch.
http_ok() {
  local url="$1" timeout="${2:-5}"
  if have curl; then
    curl -fsS -o /dev/null --max-time "$timeout" "$url" 2>/dev/null
  elif have wget; then
    wget -q -O /dev/null -T "$timeout" "$url" 2>/dev/null
  else
    node -e "fetch(process.argv[1],{signal:AbortSignal.timeout(${timeout}*1000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$url"
  fi
}

# The body of a GET (empty on failure).
http_get() {
  local url="$1" timeout="${2:-5}"
  if have curl; then
    curl -sS --max-time "$timeout" "$url" 2>/dev/null || true
  elif have wget; then
    wget -q -O - -T "$timeout" "$url" 2>/dev/null || true
  fi
}

# Exit 0 when something listens on 127.0.0.1:PORT (lsof on macOS, ss or lsof on Linux, else bash).
port_in_use() {
  local port="$1"
  if have lsof; then
    lsof -nP -iTCP:"$port" -sTCP:LISTEN -t >/dev/null 2>&1 && return 0
  fi
  if have ss; then
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") >/dev/null 2>&1
}

# Available memory in MiB: MemAvailable on Linux, free + inactive + speculative pages on macOS.
available_memory_mb() {
  if [ -r /proc/meminfo ]; then
    awk '/^MemAvailable:/ { printf "%d\n", $2 / 1024; found = 1 } END { if (!found) print -1 }' /proc/meminfo
  elif have vm_stat; then
    vm_stat | awk '
      /page size of/ { size = $8 }
      /Pages free/ { gsub(/\./, "", $3); pages += $3 }
      /Pages inactive/ { gsub(/\./, "", $3); pages += $3 }
      /Pages speculative/ { gsub(/\./, "", $3); pages += $3 }
      END { if (size == 0) size = 16384; printf "%d\n", pages * size / 1048576 }'
  else
    echo -1
  fi
}

# Used percentage of the file system holding PATH (df -P is the same on macOS and Linux).
disk_usage_percent() {
  df -P "${1:-/}" | awk 'NR == 2 { sub(/%/, "", $5); print $5 }'
}

# sha256 of a file: sha256sum on Linux, shasum on macOS.
sha256_of() {
  if have sha256sum; then
    sha256sum "$1" | awk '{ print $1 }'
  else
    shasum -a 256 "$1" | awk '{ print $1 }'
  fi
}

timestamp() { date -u +%Y%m%d_%H%M%S; }

# Default backup folder: $HOME/CareTracker/backups on any OS (the seed hard-coded /Users/<name>).
default_backup_dir() { printf '%s\n' "${BACKUP_DIR:-${HOME}/CareTracker/backups}"; }
