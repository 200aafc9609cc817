#!/bin/sh
# aql_cartons_test.sh FIELDQC SCRIPT SIZE OUTDIR: replays the AQL and Cartons tabs on a fresh
# demo database and checks what was stored with the sqlite3 shell.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
rm -rf "$OUT"; mkdir -p "$OUT"
"$FIELDQC" --db "$OUT/aqlc.db" --demo --now 2025-06-02 --size "$SIZE" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/saved.log"
q() { sqlite3 "$OUT/aqlc.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-24117' and v.type=2)"
[ "$(q "select lot_size||'/'||level||'/'||mode||'/'||aql_minor_milli||'/'||aql_major_milli||'/'||aql_critical_milli||'/'||sampled||'/'||lot_result from aql_plans where visit_uuid=$V")" = "5000/1/0/4000/2500/0/200/2" ] || fail "aql plan: $(q "select * from aql_plans where visit_uuid=$V")"
[ "$(q "select sum(count) from defects where visit_uuid=$V and severity=2")" = 3 ] || fail "major defects"
[ "$(q "select count from defects where visit_uuid=$V and code='WM-03' and severity=2")" = 2 ] || fail "crack tally (3 up, 1 down)"
[ "$(q "select count from defects where visit_uuid=$V and description='Handle glue gap' and severity=2")" = 1 ] || fail "added defect type"
# a custom defect gets a code of its own (CU-nn), not its description cut short
[ "$(q "select code from defects where visit_uuid=$V and description='Handle glue gap'")" = CU-01 ] || fail "custom defect code: $(q "select code from defects where description='Handle glue gap'")"
[ "$(q "select count from defects where visit_uuid=$V and code='SF-01' and severity=3")" = 1 ] || fail "critical defect"
[ "$(q "select count(*) from cartons where visit_uuid=$V")" = 1 ] || fail "one carton left after the delete"
[ "$(q "select qty_per_carton||'/'||gross_g||'/'||net_g||'/'||length_mm||'/'||width_mm||'/'||height_mm||'/'||barcode||'/'||origin_label||'/'||drop_test from cartons where visit_uuid=$V")" = "24/12500/11200/405/302/255/4006381333931/1/1" ] || fail "carton: $(q "select * from cartons where visit_uuid=$V")"
[ "$(q "select carton_count from cartons where visit_uuid=$V")" = 500 ] || fail "carton count (Enter went on to the next field)"
# the wrong code scanned is evidence: a finding with what was expected and what was scanned
[ "$(q "select count(*) from findings where visit_uuid=$V and section='Cartons' and note like 'expected 4006381333931, scanned 4006381333932%'")" = 1 ] || fail "wrong barcode finding: $(q "select result, note from findings where visit_uuid=$V and section='Cartons'")"
for s in 10-aql 11-aql-tally 12-aql-rejected 13-carton-bad-barcode 14-carton 15-delete-confirm 16-scan-nowhere; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: $(wc -l < "$OUT/saved.log") commits reported saved, screenshots in $OUT/shots"
