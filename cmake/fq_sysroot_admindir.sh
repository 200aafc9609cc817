#!/bin/sh
# fq_sysroot_admindir.sh SYSROOT OUT: a dpkg database in OUT for dpkg-shlibdeps, made from the
# sysroot's own one (var/lib/dpkg, written by .ci/sysroot-dpkg-db.sh), whose file lists name
# the files as seen from the host: /usr/lib/... becomes SYSROOT/usr/lib/..., which is where
# dpkg-shlibdeps finds the libraries (its -l folders) and what it asks dpkg-query about.
# The sysroot's database stays as dpkg would have it. Run by cpack (cmake/FqPackage.cmake).
set -eu
SYSROOT=$1; OUT=$2
DB=$SYSROOT/var/lib/dpkg
if [ ! -f "$DB/info/format" ] || [ ! -s "$DB/status" ]; then
  echo "$SYSROOT has no dpkg database: remake it with .ci/make-sysroot.sh (it writes one)" >&2
  exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT/info" "$OUT/updates"
cp "$DB/status" "$OUT/status"
[ -f "$DB/arch" ] && cp "$DB/arch" "$OUT/arch"
: > "$OUT/available"
cp "$DB/info/format" "$OUT/info/format"
for f in "$DB"/info/*; do
  case $f in
    *.list) sed "s|^/|$SYSROOT/|" "$f" > "$OUT/info/${f##*/}" ;;
    *.shlibs|*.symbols) cp "$f" "$OUT/info/" ;;
  esac
done
