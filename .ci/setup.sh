#!/bin/sh
# Installs everything the build, the tests and the cross builds need on a fresh Debian 12
# (or Raspberry Pi OS bookworm): apt only, idempotent. Used by README command 1 and 2 and CI.
#   .ci/setup.sh             host build + tests (native, headless UI, report rendering)
#   .ci/setup.sh --cross     also the aarch64 multiarch libs and the armhf sysroot
#   .ci/setup.sh --package   also what checks the Debian packages (lintian, systemd-analyze;
#                            Debian's docker images have no systemd); options combine
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
APT="$SUDO apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends"
HOST_PKGS="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsqlite3-dev \
 libturbojpeg0-dev zlib1g-dev fonts-dejavu-core fonts-wqy-microhei libcmocka-dev sqlite3 \
 xvfb xauth xdotool imagemagick clang libclang-rt-14-dev chromium libvips-tools libsodium-dev \
 dosfstools fusefat libssl-dev libcamera-v4l2 libpq-dev postgresql libmicrohttpd-dev \
 libcurl4-openssl-dev openssl curl wrk gettext libfontconfig-dev libgooglepinyin0-dev \
 chromium-driver python3-selenium poppler-utils"
# issue 14: chromium-driver and python3-selenium drive the portal's browser tests (chromium
# also prints the report PDFs); poppler-utils' pdftotext checks the PDF's page numbers
# issue 13: libpq, libmicrohttpd and libcurl for the office server and push; postgresql for
# the server binaries the office tests start themselves (initdb/pg_ctl into the build tree);
# openssl makes the tests' certificates; curl and wrk drive bench_office. Issue 16: gettext
# (msgfmt, xgettext), fontconfig (the CJK font), libgooglepinyin (pinyin on the keyboard)
CROSS_PKGS="qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf \
 libc6-dev-armhf-cross mmdebstrap libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsqlite3-dev:arm64 \
 libturbojpeg0-dev:arm64 zlib1g-dev:arm64 libcmocka-dev:arm64 libsodium-dev:arm64 libssl-dev:arm64 \
 libfontconfig-dev:arm64 libgooglepinyin0-dev:arm64"
# cpack's DEB generator runs dpkg-shlibdeps (dpkg-dev) and file
PACKAGE_PKGS="dpkg-dev file lintian systemd"

update() { # DPkg::Lock::Timeout does not cover the lists lock taken by 'update'
  i=0
  while [ $i -lt 60 ]; do
    if $SUDO apt-get update -qq 2>/tmp/fq-apt-update.err; then return 0; fi
    grep -q 'Could not get lock' /tmp/fq-apt-update.err || { cat /tmp/fq-apt-update.err >&2; return 1; }
    i=$((i + 1)); sleep 5
  done
  return 1
}

missing() { # prints the packages of $@ that are not installed
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

want="$HOST_PKGS"
cross=no
for opt in "$@"; do
  case $opt in
    --cross) cross=yes; want="$want $CROSS_PKGS" ;;
    --package) want="$want $PACKAGE_PKGS" ;;
    *) echo "setup.sh: unknown option $opt" >&2; exit 2 ;;
  esac
done
if [ "$cross" = yes ]; then
  $SUDO dpkg --add-architecture arm64
fi
# shellcheck disable=SC2086
todo=$(missing $want)
if [ -n "$todo" ]; then
  update
  # shellcheck disable=SC2086
  $APT install $todo
fi
if [ "$cross" = yes ]; then
  # rebuilt only when its package list or layout changed (make-sysroot.sh keeps stamps)
  sh "$(dirname "$0")/make-sysroot.sh" armhf "${FIELDQC_SYSROOT_ARMHF:-/opt/sysroot-armhf}"
fi
