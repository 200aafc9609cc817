#!/bin/sh
# zh_flow_test.sh FIELDQC SCRIPT SIZE OUTDIR: the Chinese visit (issue 16) on a fresh demo
# database, checked with the sqlite3 shell: the language kept for the inspector, the note and
# the issue typed in pinyin, the representative's Chinese name, the Chinese factory name of the
# order, the visit signed off; and the pinyin user dictionary learnt what was chosen.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
rm -rf "$OUT"; mkdir -p "$OUT"
TZ=Asia/Shanghai "$FIELDQC" --db "$OUT/zh.db" --demo --now 2025-06-02 --size "$SIZE" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/run.log" 2> "$OUT/err.log" \
  || { cat "$OUT/err.log"; echo "FAIL: the run"; exit 1; }
q() { sqlite3 "$OUT/zh.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
[ "$(q "select value from settings where key='language.Li Wei'")" = zh_CN ] || fail "language not kept for the inspector"
[ "$(q "select count(*) from findings where result=2 and note='纸箱破损'")" = 1 ] || fail "note typed in pinyin: $(q "select note from findings where result=2")"
[ "$(q "select count(*) from issues where title='纸箱破损 lot7'")" = 1 ] || fail "issue title: $(q "select title from issues")"
[ "$(q "select count(*) from signoffs where signer_name='王芳' and role=1 and signature_photo_uuid<>''")" = 1 ] || fail "representative 王芳"
V="(select visit_uuid from findings where note='纸箱破损')"
[ "$(q "select o.factory from orders o join visits v on v.order_uuid=o.uuid where v.uuid=$V")" = "宁波明亮家居用品 Plant 2, Yinzhou" ] || fail "the visit's factory"
[ "$(q "select finished||'/'||verdict from visits where uuid=$V")" = 1/1 ] || fail "visit signed off as pass"
# records keep English where the app writes them: the checklist item text, the verdict
[ "$(q "select count(*) from checklist_items where text='Carton count matches the packing list'")" -ge 1 ] || fail "checklist text translated in the database"
[ -s "$OUT/zh.db-pinyin.dict" ] || fail "the pinyin user dictionary was not written"
for s in 01-settings-zh 02-today-zh 03-pinyin-candidates 04-pinyin-posun 05-checklist-zh \
         06-pinyin-partial 07-summary-zh 08-signoff-zh 09-signed-zh; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
if grep -q 'no font can draw' "$OUT/err.log"; then fail "a character had no font: $(cat "$OUT/err.log")"; fi
echo "ok: the Chinese visit stored as typed, screenshots in $OUT/shots"
