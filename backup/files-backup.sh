#!/usr/bin/env bash
# Usage: backup/files-backup.sh [--uploads DIR | --volume NAME] [--dir DIR] [--with-config] [--keep-days N]
#
# Backs up the uploaded files (care plan attachments, documents) as a .tar.gz with its sha256.
#   --uploads DIR   the folder the API writes to (FILE_STORAGE_PATH; default ./data/uploads)
#   --volume NAME   a Docker volume instead (production: caretracker_uploads)
#   --with-config   also the deployment configuration (compose files, infrastructure/).
#                   .env files are never copied into backups: secrets belong in a password
#                   manager or secret store, not next to the data they protect.
# Folder: --dir or BACKUP_DIR (default ~/CareTracker/backups). BACKUP_PASSPHRASE encrypts as in
# database-backup.sh. Prints the archive's path on stdout.
set -euo pipefail
# shellcheck source=scripts/lib/ops.sh
. "$(dirname "$0")/../scripts/lib/ops.sh"

uploads="${FILE_STORAGE_PATH:-$OPS_ROOT/data/uploads}"
volume=""
dir="$(default_backup_dir)"
with_config=0
keep_days="${RETENTION_DAYS:-30}"
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage_from_header "$0"; exit 0 ;;
    --uploads) uploads="${2:?}"; shift 2 ;;
    --volume) volume="${2:?}"; shift 2 ;;
    --dir) dir="${2:?}"; shift 2 ;;
    --with-config) with_config=1; shift ;;
    --keep-days) keep_days="${2:?}"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

mkdir -p "$dir"
chmod 700 "$dir"
umask 077
stamp="$(timestamp)"
archive="$dir/files_backup_${stamp}.tar.gz"

log "backing up uploaded files to $archive"
if [ -n "$volume" ]; then
  docker_running || die "--volume needs a running Docker engine"
  docker run --rm -v "$volume:/data:ro" -v "$dir:/backup" alpine:3 \
    tar -czf "/backup/$(basename "$archive")" -C /data .
else
  [ -d "$uploads" ] || die "no uploads folder at $uploads (set --uploads or FILE_STORAGE_PATH)"
  tar -czf "$archive" -C "$uploads" .
fi
tar -tzf "$archive" >/dev/null || die "the archive does not read back: $archive"

if [ -n "${BACKUP_PASSPHRASE:-}" ]; then
  openssl enc -aes-256-cbc -pbkdf2 -iter 200000 -salt -pass env:BACKUP_PASSPHRASE -in "$archive" -out "$archive.enc"
  rm -f "$archive"
  archive="$archive.enc"
fi
sha256_of "$archive" >"$archive.sha256"

if [ "$with_config" = 1 ]; then
  config="$dir/config_backup_${stamp}.tar.gz"
  (cd "$OPS_ROOT" && tar -czf "$config" docker-compose*.yml infrastructure .env.example)
  ok "configuration backup: $config"
fi

find "$dir" \( -name 'files_backup_*' -o -name 'config_backup_*' \) -mtime +"$keep_days" -exec rm -f {} +
ok "files backup: $archive ($(wc -c <"$archive" | tr -d ' ') bytes)"
printf '%s\n' "$archive"
