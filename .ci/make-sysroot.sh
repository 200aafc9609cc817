#!/bin/sh
# make-sysroot.sh ARCH DIR: an extracted Debian bookworm sysroot with the -dev packages fieldqc
# links against. Used for armhf because armhf multiarch is broken on the package mirror; nothing
# is executed inside DIR, so no qemu/binfmt is needed. The extract variant keeps no package
# database: sysroot-dpkg-db.sh (an extract hook) writes one from the .debs, so dpkg-shlibdeps can
# tell which package holds each library (cmake/FqPackage.cmake, the armhf .deb's Depends).
# A sysroot made from the same package list and layout is kept (stamps: the list in
# DIR/.fieldqc-pkgs, the layout version in DIR/.fieldqc-sysroot), so setup.sh can call this
# every time and a changed list or layout rebuilds it. The list stamp keeps its old form, so
# an older make-sysroot.sh accepts a newer sysroot (it only has more in it) instead of
# rebuilding it back.
set -eu
ARCH=$1; DIR=$2
PKGS=libc6-dev,libsdl2-dev,libsdl2-ttf-dev,libsqlite3-dev,libturbojpeg0-dev,zlib1g-dev,libcmocka-dev,libsodium-dev,libssl-dev,libfontconfig-dev,libgooglepinyin0-dev
LAYOUT="2 dpkg-db"   # 1: files only; 2: + var/lib/dpkg written by sysroot-dpkg-db.sh
if [ -f "$DIR/.fieldqc-pkgs" ] && [ "$(cat "$DIR/.fieldqc-pkgs")" = "$ARCH $PKGS" ] &&
   [ -f "$DIR/.fieldqc-sysroot" ] && [ "$(cat "$DIR/.fieldqc-sysroot")" = "$LAYOUT" ]; then
  exit 0
fi
HOOK=$(cd "$(dirname "$0")" && pwd)/sysroot-dpkg-db.sh
rm -rf "$DIR.tmp"
mmdebstrap --quiet --variant=extract --architectures="$ARCH" --include="$PKGS" \
  --extract-hook="sh '$HOOK' \"\$1\"" bookworm "$DIR.tmp" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main"
# Absolute symlinks (libz.so -> /lib/<triplet>/libz.so.1) would point into the host.
cd "$DIR.tmp"
find . -type l -lname '/*' | while read -r l; do
  t=$(readlink "$l")
  ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" ".$t")" "$l"
done
cd /
echo "$ARCH $PKGS" > "$DIR.tmp/.fieldqc-pkgs"
echo "$LAYOUT" > "$DIR.tmp/.fieldqc-sysroot"
# Swapped in with two renames: a build using DIR meanwhile sees it missing for a moment only.
rm -rf "$DIR.old"
if [ -e "$DIR" ]; then mv "$DIR" "$DIR.old"; fi
mv "$DIR.tmp" "$DIR"
rm -rf "$DIR.old"
