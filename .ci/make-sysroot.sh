#!/bin/sh
# make-sysroot.sh ARCH DIR: an extracted Debian bookworm sysroot with the -dev packages fieldqc
# links against. Used for armhf because armhf multiarch is broken on the package mirror; nothing
# is executed inside DIR, so no qemu/binfmt is needed.
# A sysroot made from the same package list is kept (the list is stamped into DIR/.fieldqc-pkgs),
# so setup.sh can call this every time and a changed list rebuilds it.
set -eu
ARCH=$1; DIR=$2
PKGS=libc6-dev,libsdl2-dev,libsdl2-ttf-dev,libsqlite3-dev,libturbojpeg0-dev,zlib1g-dev,libcmocka-dev,libsodium-dev
if [ -f "$DIR/.fieldqc-pkgs" ] && [ "$(cat "$DIR/.fieldqc-pkgs")" = "$ARCH $PKGS" ]; then
  exit 0
fi
rm -rf "$DIR.tmp"
mmdebstrap --quiet --variant=extract --architectures="$ARCH" --include="$PKGS" bookworm "$DIR.tmp" \
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
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"
