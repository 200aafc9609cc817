#!/bin/sh
# camera_test.sh FIELDQC SCRIPT NOCAM_SCRIPT SIZE OUTDIR: the viewfinder on a recorded
# 1280x720 MJPEG stream (FIELDQC_CAMERA=FILE.mjpeg: the same worker, decode and capture path
# as a V4L2 camera): live picture, Take photo attaches the newest frame at full size; and a
# tablet without a camera says so. Checked in the database and by screenshots.
set -eu
FIELDQC=$1; SCRIPT=$2; NOCAM=$3; SIZE=$4; OUT=$5
SWITCH=$(dirname "$SCRIPT")/camera_switch.script
PHOTOS=${FIELDQC_TESTDATA:-$(dirname "$0")/../../../shared/testdata}/photos
rm -rf "$OUT"; mkdir -p "$OUT"
fail() { echo "FAIL: $*"; exit 1; }
# three frames of a 1280x720 camera (4:2:2 as UVC cameras send them), back to back
vipsthumbnail "$PHOTOS/Kleiber_by_Lukas_Baubkus.jpg" -s 1320x -o "$OUT/scene.png"
for i in 0 1 2; do
  convert "$OUT/scene.png" -crop "1280x720+$((i * 8))+$((i * 4))" +repage \
    -sampling-factor 2x1 -quality 80 "$OUT/frame$i.jpg"
done
cat "$OUT/frame0.jpg" "$OUT/frame1.jpg" "$OUT/frame2.jpg" > "$OUT/camera.mjpeg"
FIELDQC_CAMERA="$OUT/camera.mjpeg" "$FIELDQC" --db "$OUT/cam.db" --demo --now 2025-06-02 \
  --size "$SIZE" --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script \
  > "$OUT/saved.log" || fail "script"
q() { sqlite3 "$OUT/cam.db" "$1"; }
[ "$(q "select count(*) from photos where width=1280 and height=720 and subject_kind=0")" = 1 ] ||
  fail "taken photo: $(q "select width, height from photos")"
# two cameras as /dev/v4l/by-id lists them (links to recordings here): the first is used,
# Switch camera moves to the other and the tablet keeps the choice
mkdir -p "$OUT/by-id"
vipsthumbnail "$PHOTOS/Dragonfly_by_Bolly.jpg" -s 1320x -o "$OUT/scene2.png"
convert "$OUT/scene2.png" -crop 1280x720+0+100 +repage -sampling-factor 2x1 -quality 80 \
  "$OUT/other.jpg"
cp "$OUT/other.jpg" "$OUT/other.mjpeg"
ln -s "$OUT/camera.mjpeg" "$OUT/by-id/usb-Acme_Bench_Cam-video-index0"
ln -s "$OUT/other.mjpeg" "$OUT/by-id/usb-Zeta_Doc_Cam-video-index0"
ln -s "$OUT/other.mjpeg" "$OUT/by-id/usb-Zeta_Doc_Cam-video-index1"
FIELDQC_V4L_DIR="$OUT/by-id" "$FIELDQC" --db "$OUT/cam.db" --now 2025-06-02 \
  --size "$SIZE" --script "$SWITCH" --screenshot "$OUT/shots" --exit-after-script \
  > "$OUT/switch.log" || fail "switch script"
[ "$(q "select value from settings where key='camera'")" = "$OUT/by-id/usb-Zeta_Doc_Cam-video-index0" ] ||
  fail "camera choice: $(q "select value from settings where key='camera'")"
[ "$(q "select count(*) from photos where width=1280 and height=720")" = 2 ] || fail "second photo"
FIELDQC_CAMERA=/dev/fieldqc-no-camera "$FIELDQC" --db "$OUT/nocam.db" --demo --now 2025-06-02 \
  --size "$SIZE" --script "$NOCAM" --screenshot "$OUT/shots" --exit-after-script \
  > "$OUT/nocam.log" 2> "$OUT/nocam.err" || fail "no-camera script"
[ "$(sqlite3 "$OUT/nocam.db" "select count(*) from photos")" = 0 ] || fail "photo without camera"
grep -q "no camera: /dev/fieldqc-no-camera cannot be opened" "$OUT/nocam.err" || fail "the reason in the log"
# Pi CSI cameras: FIELDQC_LIBCAMERA=1 restarts the app under libcamera's V4L2 layer
# (libcamera-v4l2); the same viewfinder and capture then run with libcamera in the process
LAYER=$(ls /usr/lib/*/v4l2-compat.so /usr/lib/*/libcamera/v4l2-compat.so \
  /usr/libexec/libcamera/v4l2-compat.so 2>/dev/null | head -1 || true)
if [ -n "$LAYER" ]; then
  # an ASan build must accept a library loaded before its runtime
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" FIELDQC_LIBCAMERA=1 \
  FIELDQC_CAMERA="$OUT/camera.mjpeg" "$FIELDQC" --db "$OUT/lc.db" --demo --now 2025-06-02 \
    --size "$SIZE" --script "$SCRIPT" --screenshot "$OUT/lc-shots" --exit-after-script \
    > "$OUT/lc.log" 2> "$OUT/lc.err" || { cat "$OUT/lc.err"; fail "script under libcamera"; }
  grep -q "camera through libcamera ($LAYER)" "$OUT/lc.err" || fail "not restarted under libcamera"
  [ "$(sqlite3 "$OUT/lc.db" "select count(*) from photos where width=1280 and height=720")" = 1 ] ||
    fail "photo under libcamera"
  # asked for but not installed: said, and the app goes on with V4L2
  FIELDQC_LIBCAMERA=1 FIELDQC_V4L2_COMPAT=/nonexistent/v4l2-compat.so \
  FIELDQC_CAMERA=/dev/fieldqc-no-camera "$FIELDQC" --db "$OUT/lc2.db" --demo --now 2025-06-02 \
    --size "$SIZE" --script "$NOCAM" --exit-after-script > /dev/null 2> "$OUT/lc2.err" ||
    fail "no-camera script without the layer"
  grep -q "libcamera-v4l2) is not installed: USB cameras only" "$OUT/lc2.err" || fail "missing layer not said"
elif [ "${CI:-}" = true ]; then
  fail "libcamera's V4L2 layer is not installed (.ci/setup.sh installs libcamera-v4l2)"
else
  echo "note: libcamera-v4l2 not installed: the libcamera part is skipped"
fi
for s in 40-viewfinder 41-taken 42-no-camera 43-switched; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: viewfinder on a recorded stream, photo taken at 1280x720 (also under libcamera); no camera said"
