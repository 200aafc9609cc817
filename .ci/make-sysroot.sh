#!/bin/sh
# make-sysroot.sh ARCH DIR: an extracted Debian bookworm sysroot with the -dev packages fieldqc
# links against. Used for armhf because armhf multiarch is broken on the package mirror; nothing
# is executed inside DIR, so no qemu/binfmt is needed.
set -eu
ARCH=$1; DIR=$2
PKGS=libc6-dev,libsdl2-dev,libsdl2-ttf-dev,libsqlite3-dev,libturbojpeg0-dev,zlib1g-dev,libcmocka-dev
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
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"
