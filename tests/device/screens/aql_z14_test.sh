#!/bin/sh
# aql_z14_test.sh FIELDQC SCRIPT SIZE OUTDIR: replays the AQL tab of a Z1.4 order on a fresh
# demo database and checks the stored plan: the standard, the gap verdict as an accepted lot.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
rm -rf "$OUT"; mkdir -p "$OUT"
"$FIELDQC" --db "$OUT/z14.db" --demo --now 2025-06-02 --size "$SIZE" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/saved.log"
q() { sqlite3 "$OUT/z14.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
[ "$(q "select aql_standard from orders where po_number='PO-24098'")" = 1 ] || fail "order standard"
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-24098' and v.type=1)"
[ "$(q "select standard||'/'||mode||'/'||sampled||'/'||lot_result from aql_plans where visit_uuid=$V")" = "1/2/50/1" ] || fail "aql plan: $(q "select * from aql_plans where visit_uuid=$V")"
[ "$(q "select sum(count) from defects where visit_uuid=$V and severity=2")" = 4 ] || fail "major defects"
for s in 16-aql-z14 17-aql-z14-top; do [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"; done
echo "ok: Z1.4 lot accepted in the gap, screenshot in $OUT/shots"
