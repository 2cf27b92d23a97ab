#!/usr/bin/env bash
# Usage: disaster-recovery/restore.sh --yes [latest | YYYYmmdd_HHMMSS | FILE]
#          [--database-url URL] [--uploads DIR | --volume NAME] [--files-backup FILE|latest]
#          [--dir DIR] [--skip-database] [--skip-files] [--no-restart] [--health-url URL]
#
# Restores CareTracker from backup/database-backup.sh and backup/files-backup.sh archives:
#   1. checks each archive against its .sha256 (and decrypts *.enc with BACKUP_PASSPHRASE)
#   2. stops the application containers (docker-compose.prod.yml; PostgreSQL stays up)
#   3. drops and re-creates the database, then pg_restore (schema, data, then the audit-log
#      triggers, so restored audit rows keep their original hash chain)
#   4. replaces the uploads folder (the previous one is kept as <folder>.before-restore-<time>)
#   5. starts the containers again and runs scripts/health-check.sh
# Target: --database-url or DATABASE_URL with the local client tools, otherwise the container
# POSTGRES_CONTAINER (caretracker_postgres). Without a Docker engine steps 2 and 5 only check
# --health-url when given. --yes is required: this replaces live data.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/../scripts/lib/ops.sh"

which_backup=latest
database_url="${DATABASE_URL:-}"
uploads="${FILE_STORAGE_PATH:-$OPS_ROOT/data/uploads}"
volume=""
files_backup=latest
dir="$(default_backup_dir)"
do_database=1
do_files=1
restart=1
health_url="${API_HEALTH_URL:-}"
confirmed=0
container="${POSTGRES_CONTAINER:-caretracker_postgres}"
database="${POSTGRES_DB:-caretracker}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --yes) confirmed=1; shift ;;
    --database-url) database_url="${2:?}"; shift 2 ;;
    --uploads) uploads="${2:?}"; shift 2 ;;
    --volume) volume="${2:?}"; shift 2 ;;
    --files-backup) files_backup="${2:?}"; shift 2 ;;
    --dir) dir="${2:?}"; shift 2 ;;
    --skip-database) do_database=0; shift ;;
    --skip-files) do_files=0; shift ;;
    --no-restart) restart=0; shift ;;
    --health-url) health_url="${2:?}"; shift 2 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) which_backup="$1"; shift ;;
  esac
done
[ "$confirmed" = 1 ] || die "this replaces the live database and files; add --yes to go ahead"

# The newest file matching a pattern (names carry a sortable UTC timestamp).
newest() {
  local pattern="$1" match
  match="$(find "$dir" -maxdepth 1 -name "$pattern" ! -name '*.sha256' 2>/dev/null | sort | tail -n 1)"
  [ -n "$match" ] || die "no backup matching $pattern in $dir"
  printf '%s\n' "$match"
}

resolve_backup() {
  local choice="$1" prefix="$2" suffix="$3"
  case "$choice" in
    latest) newest "${prefix}_*" ;;
    */*) printf '%s\n' "$choice" ;;
    *) newest "${prefix}_${choice}${suffix}*" ;;
  esac
}

workdir="$(mktemp -d "${TMPDIR:-/tmp}/caretracker-restore.XXXXXX")"
trap 'rm -rf "$workdir"' EXIT

# Verifies the checksum and decrypts when needed; prints the plain file's path.
prepare() {
  local file="$1"
  [ -f "$file" ] || die "no such backup: $file"
  if [ -f "$file.sha256" ]; then
    [ "$(sha256_of "$file")" = "$(tr -d ' \n' <"$file.sha256")" ] || die "checksum mismatch: $file"
    ok "checksum verified: $(basename "$file")" >&2
  else
    warn "no checksum file for $file" >&2
  fi
  case "$file" in
    *.enc)
      [ -n "${BACKUP_PASSPHRASE:-}" ] || die "$file is encrypted: set BACKUP_PASSPHRASE"
      local plain
      plain="$workdir/$(basename "${file%.enc}")"
      openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass env:BACKUP_PASSPHRASE -in "$file" -out "$plain"
      printf '%s\n' "$plain"
      ;;
    *) printf '%s\n' "$file" ;;
  esac
}

compose_prod() { compose -f "$OPS_ROOT/docker-compose.prod.yml" "$@"; }
app_services=(gateway api web mobile-web admin)

log "starting disaster recovery"
db_file=""
files_file=""
if [ "$do_database" = 1 ]; then db_file="$(prepare "$(resolve_backup "$which_backup" caretracker_backup .dump)")"; fi
if [ "$do_files" = 1 ]; then files_file="$(prepare "$(resolve_backup "$files_backup" files_backup .tar.gz)")"; fi

containers=0
if [ -z "$database_url" ] || [ -n "$volume" ]; then
  docker_running && containers=1
fi
if [ "$containers" = 1 ]; then
  log "stopping the application containers"
  compose_prod stop "${app_services[@]}" || true
fi

if [ "$do_database" = 1 ]; then
  log "restoring the database from $(basename "$db_file")"
  if [ -n "$database_url" ]; then
    # Same server, maintenance database `postgres`, to drop and re-create the target.
    base="${database_url%%\?*}"
    query=""
    [ "$base" != "$database_url" ] && query="?${database_url#*\?}"
    name="${base##*/}"
    admin_url="${base%/*}/postgres${query}"
    psql -v ON_ERROR_STOP=1 -q -d "$admin_url" \
      -c "DROP DATABASE IF EXISTS \"${name}\" WITH (FORCE)" \
      -c "CREATE DATABASE \"${name}\""
    pg_restore --exit-on-error --no-owner --no-privileges --dbname="$database_url" "$db_file"
  else
    [ "$containers" = 1 ] || die "no DATABASE_URL and no Docker engine: nowhere to restore to"
    docker exec "$container" psql -v ON_ERROR_STOP=1 -q -U postgres -d postgres \
      -c "DROP DATABASE IF EXISTS \"${database}\" WITH (FORCE)" \
      -c "CREATE DATABASE \"${database}\""
    docker exec -i "$container" pg_restore --exit-on-error --no-owner --no-privileges -U postgres -d "$database" <"$db_file"
  fi
  ok "database restored"
fi

if [ "$do_files" = 1 ]; then
  log "restoring uploaded files from $(basename "$files_file")"
  if [ -n "$volume" ]; then
    docker run --rm -v "$volume:/data" -v "$(dirname "$files_file"):/backup:ro" alpine:3 \
      sh -c "find /data -mindepth 1 -delete && tar -xzf /backup/$(basename "$files_file") -C /data"
  else
    staging="${uploads%/}.restore-tmp"
    rm -rf "$staging"
    mkdir -p "$staging"
    tar -xzf "$files_file" -C "$staging"
    if [ -d "$uploads" ]; then mv "$uploads" "${uploads%/}.before-restore-$(timestamp)"; fi
    mv "$staging" "$uploads"
  fi
  ok "files restored"
fi

if [ "$restart" = 1 ] && [ "$containers" = 1 ]; then
  log "starting the application containers"
  compose_prod up -d "${app_services[@]}"
  health_url="${health_url:-http://localhost:4000/health}"
fi
if [ -n "$health_url" ]; then
  "$OPS_ROOT/scripts/health-check.sh" --url "$health_url"
fi
ok "disaster recovery completed"
