#!/bin/sh
# kill_typed_test.sh FIELDQC OUTDIR: a count and an issue title typed and left for 2 s (no
# Enter, no tap elsewhere) are in the database after SIGKILL, and each relaunch opens the
# visit and the tab the inspector was in (issue 12). Every change the app reported saved
# before a kill must be there.
set -eu
FIELDQC=$1; OUT=$2
rm -rf "$OUT"; mkdir -p "$OUT/shots"
fail() { echo "FAIL: $*"; exit 1; }
q() { sqlite3 "$OUT/kill.db" "$1"; }
# start SCRIPT LOG MIN: runs fieldqc on SCRIPT, SIGKILLs it once LOG holds MIN saved lines
# (and the script sits in its final real-time sleep), then checks every saved change is there
start() {
  : > "$2"
  "$FIELDQC" --db "$OUT/kill.db" --demo --now 2025-06-02 --script "$1" \
    --screenshot "$OUT/shots" --exit-after-script > "$2" 2>> "$OUT/stderr.log" &
  pid=$!
  i=0
  # the log may not exist yet when the first look comes before the app opened it: 0 saved
  while [ "$(cat "$2" 2>/dev/null | grep -c '^saved ' || true)" -lt "$3" ] && [ $i -lt 600 ]; do
    kill -0 $pid 2>/dev/null || break
    sleep 0.05; i=$((i + 1))
  done
  sleep 0.3
  kill -0 $pid 2>/dev/null || { cat "$OUT/stderr.log"; fail "$1 ended before the kill"; }
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  n=$(grep -c '^saved ' "$2" || true)
  [ "$n" -ge "$3" ] || fail "$1: only $n commits before the kill"
  grep '^saved ' "$2" | while read -r _ table uuid rev; do
    got=$(q "select revision from $table where uuid='$uuid'")
    [ -n "$got" ] && [ "$got" -ge "$rev" ] || fail "$table $uuid rev $rev lost (db: '$got')"
  done
}
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-24117' and v.type=2)"

# 1. a count typed and left: the pause saves it (the visit's start and the count)
cat > "$OUT/count.script" <<'EOS'
tap-text "PO-24117  Ceramic mug 350 ml, reactive glaze"
tap-text "Start visit"
tap-text "Counts"
field-after "Completed"
text "4500"
wait 2000
sleep 60000
EOS
start "$OUT/count.script" "$OUT/count.log" 2
[ "$(q "select completed from production where visit_uuid=$V")" = 4500 ] || fail "the typed count was lost: $(q "select completed from production where visit_uuid=$V")"

# 2. relaunch: the visit's Counts tab, with the count; then an issue title typed and left
cat > "$OUT/title.script" <<'EOS'
expect-text "PO-24117  Pre-shipment inspection"
expect-text "Materials on site"
expect-text "90 % complete"
shot 40-reopened-counts
tap-text "Issues"
field-after "New issue"
text "Glaze drips on handle"
wait 2000
sleep 60000
EOS
start "$OUT/title.script" "$OUT/title.log" 1
[ "$(q "select count(*) from issues where title='Glaze drips on handle'")" = 1 ] || fail "the typed issue title was lost"

# 3. relaunch: the Issues tab, with the issue
cat > "$OUT/after.script" <<'EOS'
expect-text "PO-24117  Pre-shipment inspection"
expect-text "Glaze drips on handle"
expect-text "New issue"
shot 41-reopened-issues
EOS
"$FIELDQC" --db "$OUT/kill.db" --now 2025-06-02 --script "$OUT/after.script" \
  --screenshot "$OUT/shots" --exit-after-script > "$OUT/after.log" || fail "third launch"
echo "ok: the typed count and issue title survived SIGKILL; each relaunch opened the visit's tab"
