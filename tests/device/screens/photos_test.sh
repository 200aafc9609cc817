#!/bin/sh
# photos_test.sh FIELDQC SCRIPT SIZE OUTDIR: a camera card's DCIM tree of 250 JPEGs (two
# folders, plus a macOS ._ file and a raw file that are no photos) imported at once, newest
# first; a photo marked up (arrow + label): the original's record and file untouched, the copy
# linked; a photo deleted (a tombstone in the change log); a photo on a defect type and on an
# issue. Checked in the database and by screenshots.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
PHOTOS=${FIELDQC_TESTDATA:-$(dirname "$0")/../../../shared/testdata}/photos
rm -rf "$OUT"; mkdir -p "$OUT/stick/DCIM/100CANON" "$OUT/stick/DCIM/101CANON"
fail() { echo "FAIL: $*"; exit 1; }
# 249 small photos of distinct colours, and a real one taken last
args=""; i=0
while [ $i -lt 249 ]; do
  args="$args xc:rgb($((i * 37 % 256)),$((255 - i)),$((i * 91 % 256)))"; i=$((i + 1))
done
# shellcheck disable=SC2086
convert -size 160x120 $args -quality 85 +adjoin "$OUT/stick/IMG_%04d.JPG"
i=0; base=1748851200 # 2025-06-02 08:00 UTC, one shot a minute
for f in "$OUT"/stick/IMG_*.JPG; do
  d=100CANON; [ $i -ge 200 ] && d=101CANON
  mv "$f" "$OUT/stick/DCIM/$d/"
  touch -d "@$((base + i * 60))" "$OUT/stick/DCIM/$d/$(basename "$f")"
  i=$((i + 1))
done
cp "$PHOTOS/Kleiber_by_Lukas_Baubkus.jpg" "$OUT/stick/DCIM/101CANON/IMG_0249.JPG"
touch -d "@$((base + 249 * 60))" "$OUT/stick/DCIM/101CANON/IMG_0249.JPG"
echo x > "$OUT/stick/DCIM/100CANON/._IMG_0001.JPG"
echo x > "$OUT/stick/DCIM/100CANON/IMG_0001.CR2"
chmod -R u+w "$OUT/stick"

"$FIELDQC" --db "$OUT/photos.db" --demo --now 2025-06-02 --size "$SIZE" --import "$OUT/stick" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/saved.log" ||
  fail "script"
q() { sqlite3 "$OUT/photos.db" "$1"; }
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-24117' and v.type=2)"
# 250 imported onto the visit, one deleted, one marked-up copy
[ "$(q "select count(*) from photos where visit_uuid=$V and subject_kind=0 and annotated_from=''")" = 249 ] ||
  fail "visit photos: $(q "select count(*) from photos where visit_uuid=$V and subject_kind=0")"
[ "$(q "select count(*) from changelog where tbl='photos' and op='D'")" = 1 ] || fail "one tombstone"
[ "$(q "select count(*) from photos c join photos o on o.uuid=c.annotated_from where o.width=1600 and c.width=o.width and c.height=o.height and c.sha256<>o.sha256 and c.subject_kind=o.subject_kind and c.subject_uuid=o.subject_uuid")" = 1 ] ||
  fail "marked-up copy linked to its original"
# the original is untouched: its record was written once, its file still has its hash
O=$(q "select annotated_from from photos where annotated_from<>''")
[ "$(q "select revision from photos where uuid='$O'")" = 1 ] || fail "original record changed"
[ "$(q "select count(*) from changelog where uuid='$O'")" = 1 ] || fail "original logged more than once"
SHA=$(q "select sha256 from photos where uuid='$O'")
F="$OUT/photos.db.photos/$(echo "$SHA" | cut -c1-2)/$SHA.jpg"
[ "$(sha256sum "$F" | cut -d' ' -f1)" = "$SHA" ] || fail "original file changed"
# a photo on a defect type and on an issue
[ "$(q "select count(*) from photos p join defects d on d.uuid=p.subject_uuid where p.subject_kind=2 and d.description='Scratch or scuff'")" = 1 ] ||
  fail "photo of the defect"
[ "$(q "select count(*) from photos p join issues i on i.uuid=p.subject_uuid where p.subject_kind=4 and i.title='Handle cracked'")" = 1 ] ||
  fail "photo of the issue"
# a photo on a milestone of the order, taken in the visit
[ "$(q "select count(*) from photos p join milestones m on m.uuid=p.subject_uuid join orders o on o.uuid=m.order_uuid where p.subject_kind=5 and m.kind=7 and o.po_number='PO-24117' and p.visit_uuid=$V")" = 1 ] ||
  fail "photo of the milestone"
for s in 30-import-dcim 31-imported 32-view 33-zoomed 33-pinched 34-markup 35-marked 36-delete 37-defect-photo 38-issue-photo 39-milestone-photo; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: 250 imported, marked up, deleted, defect, issue and milestone photos; screenshots in $OUT/shots"
