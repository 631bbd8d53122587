#!/bin/sh
# 恢复演练：把最新（或指定）的备份恢复到一个临时目录，在另一个端口上用它启动服务器，用 ADMIN_TOKEN 查
# /api/v1/me 并列出用户和活动，然后停止并删除临时目录。不碰正在运行的服务和它的数据目录。
# Restore drill: the newest (or the given) backup restored into a scratch directory and served on a spare
# port; it passes when that server starts and answers /api/v1/me with ADMIN_TOKEN. Exit 0 = the backup is good.
#   sudo -u taizhang env $(cat /etc/taizhang/taizhang.env) /opt/taizhang/current/deploy/restore-drill.sh [backup]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
BACKUP_DIR=${BACKUP_DIR:-/var/backups/taizhang}
DRILL_PORT=${DRILL_PORT:-18787}
NODE=${NODE:-node}
backup=${1:-$(ls -d "$BACKUP_DIR"/taizhang-*Z 2>/dev/null | sort | tail -n 1)}
[ -n "$backup" ] || { echo "在 $BACKUP_DIR 中没有找到备份 (no backup found)" >&2; exit 1; }
[ -n "${ADMIN_TOKEN:-}" ] || { echo "需要环境变量 ADMIN_TOKEN（一位管理员的令牌） (ADMIN_TOKEN is needed)" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-drill.XXXXXX")
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

echo "恢复演练：$backup"
"$NODE" "$here/dist/server/cli.js" restore-backup "$backup" --data-dir "$scratch/data"
# The drill server lives for seconds: the reminder robot first looks after a minute, so it sends nothing.
PORT=$DRILL_PORT HOST=127.0.0.1 DATA_DIR=$scratch/data "$NODE" "$here/dist/server/main.js" >"$scratch/server.log" 2>&1 &
pid=$!
url=http://127.0.0.1:$DRILL_PORT
i=0
until grep -q 'listening on' "$scratch/server.log"; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
    cat "$scratch/server.log" >&2
    echo "恢复演练失败：服务器没有在恢复的数据上启动 (the server did not start on the restored data)" >&2
    exit 1
  fi
  sleep 0.1
done
"$NODE" -e '
  const [url, token] = process.argv.slice(1);
  fetch(url + "/api/v1/me", { headers: { authorization: "Bearer " + token } }).then(async (res) => {
    if (res.status !== 200) { console.error("恢复演练失败：/api/v1/me 回答 " + res.status); process.exit(1); }
    const me = await res.json();
    console.log("/api/v1/me：" + me.user.name + "（" + me.user.role + "）");
  }, (err) => { console.error("恢复演练失败：" + err.message); process.exit(1); });
' "$url" "$ADMIN_TOKEN"
echo "用户："
"$NODE" "$here/dist/server/cli.js" list-users --server "$url"
echo "活动："
"$NODE" "$here/dist/server/cli.js" list-campaigns --server "$url"
echo "恢复演练通过 (restore drill passed)"
