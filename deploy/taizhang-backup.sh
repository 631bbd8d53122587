#!/bin/sh
# 台账备份：把 DATA_DIR 的一份一致副本放进 BACKUP_DIR/taizhang-<UTC 时间>/，校验能读回，只留最新 BACKUP_KEEP 份。
# The server may be running: the copy is taken without stopping it (server/store/backup.ts says how).
# Run by taizhang-backup.service; by hand: sudo -u taizhang env $(cat /etc/taizhang/taizhang.env) deploy/taizhang-backup.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
DATA_DIR=${DATA_DIR:-/var/lib/taizhang}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/taizhang}
BACKUP_KEEP=${BACKUP_KEEP:-14}
NODE=${NODE:-node}
exec "$NODE" "$here/dist/server/cli.js" backup "$BACKUP_DIR" --keep "$BACKUP_KEEP" --data-dir "$DATA_DIR"
