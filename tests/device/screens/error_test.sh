#!/bin/sh
# error_test.sh FIELDQC SIZE OUTDIR: the database cannot be used; the inspector sees why and
# what to do, full screen, never a black panel (issue 12). A first launch records work and
# backs it up; then copies of the database are damaged four ways, each opened by the real
# binary: a damaged header (restored from the backup: nothing backed up is lost, the damaged
# file is kept aside), a 0-byte file (never silently a new database with a new device id;
# started new only when the inspector says so), a database with a damaged index page (quick
# check at start: opened read-only on request, never written to) and a path that cannot be
# opened at all. The index damage is found by the check that runs beside the first frame,
# which holds every write until its verdict. Screenshots of each in OUTDIR/shots.
set -eu
FIELDQC=$1; SIZE=$2; OUT=$3
rm -rf "$OUT"; mkdir -p "$OUT/shots" "$OUT/backups"
fail() { echo "FAIL: $*"; exit 1; }
export TZ=Asia/Shanghai # times are drawn in the tablet's zone
run() { # run DB SCRIPT [args]
  db=$1; script=$2; shift 2
  "$FIELDQC" --db "$db" --now 2026-11-21 --size "$SIZE" --backup "$OUT/backups" "$@" \
    --script "$script" --screenshot "$OUT/shots" --exit-after-script >> "$OUT/saved.log" 2>> "$OUT/stderr.log"
}
q() { sqlite3 "$1" "$2"; }
cat > "$OUT/error-setup.script" <<'EOS'
expect-text "Today"
tap-text "PO-24117  Ceramic mug 350 ml, reactive glaze"
tap-text "Start visit"
tap-text "Pass" 0
tap-text "Back"
tap-text "Sync"
tap-text "Back up now"
expect-text "Backed up and checked"
EOS
run "$OUT/good.db" "$OUT/error-setup.script" --demo
PASSES=$(q "$OUT/good.db" "select count(*) from findings where result=1")
[ "$PASSES" = 1 ] || fail "setup: the Pass was not recorded ($PASSES)"
DEVICE=$(q "$OUT/good.db" "select value from settings where key='device_id'")
# only the backup made after the work: the one made at start (before it) has the same time
rm -f "$OUT/backups/"*-daily.db
ls "$OUT/backups/"*-manual.db > /dev/null || fail "no backup in $OUT/backups"

# 1. a damaged header: the error screen, then the newest backup restored
cp "$OUT/good.db" "$OUT/header.db"
printf 'this is no sqlite' | dd of="$OUT/header.db" bs=1 seek=0 conv=notrunc 2> /dev/null
cat > "$OUT/header.script" <<'EOS'
expect-text "fieldqc cannot open its database"
expect-text "The database file is damaged"
expect-text "Restore the newest backup"
shot 30-error-damaged-header
tap-text "Restore the newest backup"
expect-text "Restore this backup?"
tap-text "Yes"
# the restored database opens where the inspector was when it was backed up: Sync
expect-text "Back up now"
# 09:00 UTC, drawn in the tablet's zone
expect-text "Last backup 2026-11-21 17:00"
shot 31-restored
EOS
run "$OUT/header.db" "$OUT/header.script"
[ "$(q "$OUT/header.db" "select count(*) from findings where result=1")" = "$PASSES" ] || fail "restore lost the Pass"
[ "$(q "$OUT/header.db" "select value from settings where key='device_id'")" = "$DEVICE" ] || fail "restore changed the device id"
ls "$OUT/header.db.damaged-"* > /dev/null 2>&1 || fail "the damaged file was not kept aside"
[ "$(q "$OUT/header.db" "pragma integrity_check")" = ok ] || fail "restored database not ok"

# 2. a damaged index page: the open's quick_check finds it; read-only on request, never written
cp "$OUT/good.db" "$OUT/index.db"
PS=$(q "$OUT/index.db" "pragma page_size")
ROOT=$(q "$OUT/index.db" "select rootpage from sqlite_master where type='index' and tbl_name='findings' order by rootpage limit 1")
[ -n "$ROOT" ] || fail "no index on findings"
dd if=/dev/zero of="$OUT/index.db" bs="$PS" seek=$((ROOT - 1)) count=1 conv=notrunc 2> /dev/null
SUM=$(sha256sum < "$OUT/index.db")
cat > "$OUT/index.script" <<'EOS'
# the check runs beside the first frame (issue 18): its verdict replaces the screens
wait-text "The database is damaged" 20000
expect-text "Open read-only"
shot 34-error-damaged-index
tap-text "Open read-only"
expect-text "Read-only: "
shot 35-read-only
EOS
run "$OUT/index.db" "$OUT/index.script"
[ "$(sha256sum < "$OUT/index.db")" = "$SUM" ] || fail "the damaged database was written to"
[ ! -e "$OUT/index.db-wal" ] || [ ! -s "$OUT/index.db-wal" ] || fail "a WAL was written beside the damaged database"

# 3. a path that cannot be opened at all (a folder where the file should be)
mkdir -p "$OUT/folder.db"
cat > "$OUT/folder.script" <<'EOS'
expect-text "The database cannot be opened"
expect-text "Try again"
shot 33-error-unopenable
EOS
run "$OUT/folder.db" "$OUT/folder.script"

# 4. a 0-byte file: not silently a new database; started new only when asked (last: the
# new database's own backups would be the newest for the cases above)
: > "$OUT/empty.db"
cat > "$OUT/empty.script" <<'EOS'
expect-text "The database file is empty"
expect-text "Start a new database"
shot 32-error-empty
EOS
run "$OUT/empty.db" "$OUT/empty.script"
[ ! -s "$OUT/empty.db" ] || fail "the 0-byte file was written to"
cat > "$OUT/empty-new.script" <<'EOS'
expect-text "The database file is empty"
tap-text "Start a new database"
expect-text "Start a new database?"
tap-text "Yes"
expect-text "Today"
EOS
run "$OUT/empty.db" "$OUT/empty-new.script"
ls "$OUT/empty.db.damaged-"* > /dev/null 2>&1 || fail "the empty file was not kept aside"
[ -s "$OUT/empty.db" ] || fail "no new database"

for s in 30-error-damaged-header 31-restored 32-error-empty 33-error-unopenable 34-error-damaged-index 35-read-only; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: error screen for a damaged header, a 0-byte file, a damaged index and a folder; restore kept the backed-up work"
