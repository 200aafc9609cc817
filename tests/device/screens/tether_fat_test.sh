#!/bin/sh
# tether_fat_test.sh FIELDQC OFFICE OUTDIR: the tether on a real FAT file system. A 32 MB FAT
# image labelled FIELDQC is mounted with FUSE (fusefat: this test runs where the kernel has
# no vfat, and without root's loop devices) at <media>/fieldqc; the app (Sync screen, real
# binary) sees the stick in the machine's own mount table, exports onto it, the office enrols
# the tablet and syncs the folder on the stick (import once, receipt and job pack written back
# onto FAT), the app reads its inbox from the stick, and "Safe to remove" unmounts it (the
# eject command is fusermount -u here, systemd-umount on a Pi). Then the stick is gone: the
# Sync screen says so and no export lands on the device's own storage. Exit 77 (skipped)
# where FUSE or fusefat is missing.
set -eu
FIELDQC=$1; OFFICE=$2; OUT=$3
command -v fusefat > /dev/null && command -v mkfs.vfat > /dev/null && [ -c /dev/fuse ] || {
  echo "skip: needs fusefat, dosfstools and /dev/fuse"; exit 77; }
fusermount -u "$OUT/media/fieldqc" 2> /dev/null || true
rm -rf "$OUT"; mkdir -p "$OUT/media/fieldqc"
fail() { echo "FAIL: $*"; fusermount -u "$OUT/media/fieldqc" 2> /dev/null || true; exit 1; }
dd if=/dev/zero of="$OUT/stick.img" bs=1M count=32 2> /dev/null
mkfs.vfat -n FIELDQC "$OUT/stick.img" > /dev/null
fusefat -o rw+ "$OUT/stick.img" "$OUT/media/fieldqc" > "$OUT/fusefat.log" 2>&1 || {
  echo "skip: fusefat cannot mount here"; exit 77; }
grep -q " $OUT/media/fieldqc .*fuse" /proc/self/mountinfo || fail "the stick is not in the mount table"
export FIELDQC_MEDIA_ROOTS="$OUT/media" FIELDQC_EJECT_CMD="fusermount -u"
# "sync", not "fieldqc": fusefat lists the volume label FIELDQC as a file, which a
# case-insensitive FAT name "fieldqc" then hits (the kernel's vfat hides the label)
SYNC="$OUT/media/fieldqc/sync"
run() {
  "$FIELDQC" --db "$OUT/device.db" --demo --now 2026-11-21T09:00 --size 800x480 \
    --sync "$SYNC" --script "$1" --screenshot "$OUT/shots" --exit-after-script \
    >> "$OUT/saved.log" 2>> "$OUT/err.log" || { cat "$OUT/err.log"; fail "app run $1"; }
}
cat > "$OUT/export.script" <<'EOS'
expect-text "Today"
tap-text "Sync"
expect-text "USB stick at"
expect-text "fuse.fusefat"
shot 49-sync-fat
tap-text "Export bundle"
expect-text "Bundle in the outbox"
shot 50-sync-fat-stick
EOS
run "$OUT/export.script"
ls "$SYNC/outbox/"*.fqb > /dev/null 2>&1 || fail "no bundle on the stick"
"$OFFICE" enrol --db "$OUT/office.db" "$SYNC" < /dev/null > "$OUT/enrol.log" 2>&1 || true
FP=$(grep -o '[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}-[0-9A-F]\{4\}' "$OUT/enrol.log" | head -n 1)
"$OFFICE" enrol --db "$OUT/office.db" --fingerprint "$FP" "$SYNC" < /dev/null > "$OUT/enrol.log" 2>&1 || { cat "$OUT/enrol.log"; fail "enrol from the stick"; }
"$OFFICE" sync --db "$OUT/office.db" "$SYNC" > "$OUT/office.log" 2>&1 || { cat "$OUT/office.log"; fail "office sync on FAT"; }
"$OFFICE" sync --db "$OUT/office.db" "$SYNC" > "$OUT/office-again.log" 2>&1 || fail "second office sync"
n=$(grep -c "imported:" "$OUT/office.log" || true)
grep -q "nothing new\|already" "$OUT/office-again.log" || grep -q "0 bundle" "$OUT/office-again.log" || { cat "$OUT/office-again.log"; fail "the second sync imported again"; }
ls "$SYNC/inbox/receipt-"*.fqb > /dev/null 2>&1 || fail "no receipt written onto the stick"
cat > "$OUT/inbox.script" <<'EOS'
# the app reopens where the last run ended (issue 12): the Sync screen
expect-text "Back up now"
tap-text "Read inbox"
expect-text "Inbox:"
tap-text "Safe to remove"
expect-text "Safe to remove the USB stick"
shot 51-sync-fat-ejected
EOS
run "$OUT/inbox.script"
[ "$(sqlite3 "$OUT/device.db" "select count(*) from sync_receipts")" -ge 1 ] || fail "receipt not applied from the stick"
! grep -q " $OUT/media/fieldqc " /proc/self/mountinfo || fail "Safe to remove left the stick mounted"
# the stick is gone: the Sync screen says so, and nothing is written to the device's storage
cat > "$OUT/gone.script" <<'EOS'
# the app reopens where the last run ended (issue 12): the Sync screen
expect-text "No USB stick"
shot 52-sync-no-stick
EOS
run "$OUT/gone.script"
[ -z "$(ls -A "$OUT/media/fieldqc")" ] || fail "files written to the unmounted stick's folder"
# the stick read again from its image after the eject: the tablet's identity for the
# office, the acknowledged bundle gone from outbox/ (the receipt covered it), nothing half
# written anywhere
fusefat -o ro "$OUT/stick.img" "$OUT/media/fieldqc" > /dev/null 2>&1 || fail "remount"
[ -s "$SYNC/device.id" ] && [ -s "$SYNC/device.pub" ] || fail "the stick lost the tablet's identity"
[ -z "$(ls "$SYNC/outbox")" ] || fail "acknowledged bundle still in outbox: $(ls "$SYNC/outbox")"
[ -z "$(find "$SYNC" -name '.tmp-*')" ] || fail "temporaries left on the stick"
fusermount -u "$OUT/media/fieldqc"
echo "ok: export, office sync and inbox on FAT (imports: $n), ejected, refused without it"
