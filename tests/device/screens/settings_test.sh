#!/bin/sh
# settings_test.sh FIELDQC SCRIPT SIZE OUTDIR: the Settings screens through the real binary:
# brightness reaches the (test's) backlight, the timeouts, the sync folder on a USB stick
# that is not mounted (the Sync screen says so), rotation and size kept for the next start,
# the time zone and the clock (typed in local time) through the (test's) commands, the office PIN stored hashed and
# enforced. Then the app starts again without --size/--rotate and uses the office's display
# settings: a 480x800 frame.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
rm -rf "$OUT"; mkdir -p "$OUT/backlight" "$OUT/media"
fail() { echo "FAIL: $*"; exit 1; }
echo 255 > "$OUT/backlight/max_brightness"; echo 200 > "$OUT/backlight/brightness"
printf '1 0 1:1 / / rw - ext4 /dev/mmcblk0p2 rw\n' > "$OUT/mountinfo"
printf '#!/bin/sh\necho "$@" > "%s/set-time.args"\n' "$OUT" > "$OUT/set-time"
chmod +x "$OUT/set-time"
printf '#!/bin/sh\necho "$@" > "%s/set-timezone.args"\n' "$OUT" > "$OUT/set-timezone"
chmod +x "$OUT/set-timezone"
sed "s|@SYNC@|$OUT/media/fieldqc/fieldqc|" "$SCRIPT" > "$OUT/settings.script"
export FIELDQC_BACKLIGHT_DIR="$OUT/backlight" FIELDQC_MOUNTINFO="$OUT/mountinfo"
export FIELDQC_MEDIA_ROOTS="$OUT/media" FIELDQC_SET_TIME_CMD="$OUT/set-time"
export FIELDQC_SET_TIMEZONE_CMD="$OUT/set-timezone" TZ=UTC
"$FIELDQC" --db "$OUT/app.db" --demo --now 2026-11-21 --size "$SIZE" \
  --script "$OUT/settings.script" --screenshot "$OUT/shots" --exit-after-script \
  > "$OUT/run.log" 2> "$OUT/err.log" || { cat "$OUT/err.log"; fail "the run"; }
q() { sqlite3 "$OUT/app.db" "select value from settings where key='$1'"; }
[ "$(q brightness)" = 40 ] || fail "brightness $(q brightness)"
[ "$(cat "$OUT/backlight/brightness")" = 102 ] || fail "backlight $(cat "$OUT/backlight/brightness") (40% of 255)"
[ "$(q dim_after_s)" = 300 ] || fail "dim_after_s $(q dim_after_s)"
[ "$(q sync_dir)" = "$OUT/media/fieldqc/fieldqc" ] || fail "sync_dir $(q sync_dir)"
[ ! -e "$OUT/media/fieldqc" ] || fail "the sync folder was made on the device's own storage"
[ "$(q rotation)" = 90 ] || fail "rotation $(q rotation)"
[ "$(q ui_width)x$(q ui_height)" = 480x800 ] || fail "size $(q ui_width)x$(q ui_height)"
# 18:30 typed in Shanghai is 10:30 UTC; the zone went to the system once, the bad one never
[ "$(cat "$OUT/set-time.args")" = "2027-01-15 10:30:00" ] || fail "set-time got: $(cat "$OUT/set-time.args")"
[ "$(cat "$OUT/set-timezone.args")" = "Asia/Shanghai" ] || fail "set-timezone got: $(cat "$OUT/set-timezone.args")"
[ "$(q dpi)" = 160 ] || fail "dpi $(q dpi)"
case "$(q office_pin)" in '$argon2id$'*) ;; *) fail "office_pin is not an argon2id hash";; esac
for s in 40-settings 41-office-settings 42-sync-no-stick 45-time-zone; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
# the next start takes the office's display settings (no --size, no --rotate); it reopens
# where the first one ended (issue 12: the Sync screen), Back goes to Today
printf 'expect-text "No USB stick"\ntap-text "Back"\nexpect-text "Today"\nshot 43-today-from-settings\n' > "$OUT/again.script"
"$FIELDQC" --db "$OUT/app.db" --now 2026-11-21 --script "$OUT/again.script" \
  --screenshot "$OUT/shots" --exit-after-script > /dev/null 2>> "$OUT/err.log" || fail "second start"
dims=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$OUT/shots/43-today-from-settings.png")
[ "$dims" = 800x480 ] || fail "second start drew $dims, not the 800x480 panel"
# turned 90 degrees: the dark header runs down the panel's right edge (unturned, that spot is
# the light list)
edge=$(convert "$OUT/shots/43-today-from-settings.png" -crop 1x1+790+240 -format '%[fx:int(255*(r+g+b))]' info:)
[ "$edge" -lt 300 ] || fail "the second start is not rotated (right edge brightness $edge)"
echo "ok: settings stored and applied ($dims), screenshots in $OUT/shots"
