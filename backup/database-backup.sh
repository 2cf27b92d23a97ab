#!/usr/bin/env bash
# Usage: backup/database-backup.sh [--database-url URL] [--dir DIR] [--keep-days N]
#
# Backs up the CareTracker database with pg_dump's custom format (compressed; restored with
# disaster-recovery/restore.sh), checks that the archive reads back (pg_restore --list),
# writes its sha256 beside it and deletes backups older than --keep-days (30).
# Source: --database-url or DATABASE_URL with the local pg_dump (its major version must be at
# least the server's), otherwise the container POSTGRES_CONTAINER (caretracker_postgres).
# Folder: --dir or BACKUP_DIR (default ~/CareTracker/backups). Backups hold PHI: with
# BACKUP_PASSPHRASE set they are encrypted (openssl AES-256, PBKDF2) to *.dump.enc; keep the
# folder on an encrypted disk (FileVault, LUKS) either way.
# CLOUD_BACKUP_ENABLED=true with BACKUP_S3_URI (s3://bucket/prefix) uploads with the aws CLI.
# Prints the backup's path on stdout.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/../scripts/lib/ops.sh"

database_url="${DATABASE_URL:-}"
dir="$(default_backup_dir)"
keep_days="${RETENTION_DAYS:-30}"
container="${POSTGRES_CONTAINER:-caretracker_postgres}"
database="${POSTGRES_DB:-caretracker}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --database-url) database_url="${2:?}"; shift 2 ;;
    --dir) dir="${2:?}"; shift 2 ;;
    --keep-days) keep_days="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

mkdir -p "$dir"
chmod 700 "$dir"
umask 077
file="$dir/caretracker_backup_$(timestamp).dump"

log "backing up the database to $file"
if [ -n "$database_url" ]; then
  have pg_dump || die "pg_dump is not installed (PostgreSQL client tools)"
  pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file" --dbname="$database_url"
  pg_restore --list "$file" >/dev/null || die "the backup does not read back: $file"
else
  docker_running || die "no DATABASE_URL and no Docker engine: nothing to back up from"
  docker exec "$container" pg_dump -U postgres --format=custom --compress=6 --no-owner --no-privileges "$database" >"$file"
  docker exec -i "$container" pg_restore --list <"$file" >/dev/null || die "the backup does not read back: $file"
fi
[ -s "$file" ] || die "the backup is empty: $file"

if [ -n "${BACKUP_PASSPHRASE:-}" ]; then
  openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:BACKUP_PASSPHRASE -in "$file" -out "$file.enc"
  rm -f "$file"
  file="$file.enc"
fi
sha256_of "$file" >"$file.sha256"

if [ "${CLOUD_BACKUP_ENABLED:-false}" = true ]; then
  [ -n "${BACKUP_S3_URI:-}" ] || die "CLOUD_BACKUP_ENABLED=true needs BACKUP_S3_URI"
  have aws || die "the aws CLI is not installed"
  aws s3 cp --only-show-errors --sse AES256 "$file" "${BACKUP_S3_URI%/}/"
  aws s3 cp --only-show-errors --sse AES256 "$file.sha256" "${BACKUP_S3_URI%/}/"
  ok "uploaded to $BACKUP_S3_URI"
fi

find "$dir" -name 'caretracker_backup_*' -mtime +"$keep_days" -exec rm -f {} +
ok "database backup: $file ($(wc -c <"$file" | tr -d ' ') bytes)"
printf '%s\n' "$file"
