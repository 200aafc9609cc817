#!/bin/sh
# kill_test.sh FIELDQC SCRIPT OUTDIR [MIN_COMMITS [SQL]]: SIGKILLs fieldqc mid-script, reopens
# the database and checks that every change the UI reported saved ("saved TABLE UUID REV") is
# there, that there were at least MIN_COMMITS (3), and that SQL (if given) returns 1.
set -eu
FIELDQC=$1; SCRIPT=$2; OUT=$3; MIN=${4:-3}; CHECK=${5:-}
rm -rf "$OUT"; mkdir -p "$OUT"
"$FIELDQC" --db "$OUT/kill.db" --demo --now 2025-06-02 --script "$SCRIPT" \
  --exit-after-script > "$OUT/saved.log" &
pid=$!
# The kill lands mid-script once the app has reported MIN commits, however slow the machine
# (a sanitizer build, a loaded CI runner): a fixed delay killed some runs before any commit.
# (saved.log may not exist yet: the background shell makes it; count 0 then, not "")
saved() { c=$(grep -c '^saved ' "$OUT/saved.log" 2>/dev/null) || c=0; echo "${c:-0}"; }
i=0
while [ "$(saved)" -lt "$MIN" ] && [ $i -lt 600 ]; do
  kill -0 $pid 2>/dev/null || break
  sleep 0.05; i=$((i + 1))
done
sleep 0.1
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
n=$(saved)
[ "$n" -ge "$MIN" ] || { echo "FAIL: only $n commits before the kill"; exit 1; }
grep '^saved ' "$OUT/saved.log" | while read -r _ table uuid rev; do
  got=$(sqlite3 "$OUT/kill.db" "select revision from $table where uuid='$uuid'")
  [ -n "$got" ] && [ "$got" -ge "$rev" ] || { echo "FAIL: $table $uuid rev $rev lost (db: '$got')"; exit 1; }
done
if [ -n "$CHECK" ]; then
  [ "$(sqlite3 "$OUT/kill.db" "$CHECK")" = 1 ] || { echo "FAIL: after the kill: $CHECK"; exit 1; }
fi
echo "ok: $n commits reported saved before SIGKILL are all in the database"
