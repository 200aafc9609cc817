#!/bin/sh
# sysroot-dpkg-db.sh ROOT: mmdebstrap --extract-hook of make-sysroot.sh. The extract variant
# unpacks packages without dpkg, so the sysroot has no package database; this writes one from
# the downloaded .debs (still in ROOT/var/cache/apt/archives at this stage), as dpkg would
# have after installing them: var/lib/dpkg/status (every package "install ok installed"),
# info/format 1 and, per package, info/<pkg>[:<arch>].list (its files) and its shlibs,
# symbols and md5sums control files. Nothing is executed inside ROOT. dpkg-query reads it
# with --admindir (`dpkg-query --admindir=ROOT/var/lib/dpkg -l` lists the sysroot), and so
# does dpkg-shlibdeps for the armhf packages' dependencies (cmake/FqPackage.cmake).
set -eu
ROOT=$1
DB=$ROOT/var/lib/dpkg
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$DB/info" "$DB/updates"
echo 1 > "$DB/info/format"
: > "$DB/available"
: > "$T/status"
n=0
for deb in "$ROOT"/var/cache/apt/archives/*.deb; do
  [ -f "$deb" ] || continue
  rm -rf "$T/ctl"
  dpkg-deb -e "$deb" "$T/ctl"
  # the control paragraph with its Status line, read in the shell (this runs for every package)
  pkg=; arch=; ma=
  while IFS= read -r line; do
    printf '%s\n' "$line"
    case $line in
      "Package: "*) pkg=${line#Package: }; echo 'Status: install ok installed' ;;
      "Architecture: "*) arch=${line#Architecture: } ;;
      "Multi-Arch: "*) ma=${line#Multi-Arch: } ;;
    esac
  done < "$T/ctl/control" >> "$T/status"
  echo >> "$T/status"
  # dpkg's info file names carry the architecture for Multi-Arch: same packages only
  name=$pkg
  if [ "$ma" = same ]; then name=$pkg:$arch; fi
  dpkg-deb --fsys-tarfile "$deb" | tar -t |
    sed -e 's|^\./|/|' -e 's|^/$|/.|' -e 's|/$||' > "$DB/info/$name.list"
  for f in shlibs symbols md5sums; do
    if [ -f "$T/ctl/$f" ]; then mv "$T/ctl/$f" "$DB/info/$name.$f"; fi
  done
  n=$((n + 1))
done
if [ "$n" -eq 0 ]; then
  echo "sysroot-dpkg-db.sh: no .deb in $ROOT/var/cache/apt/archives" >&2
  exit 1
fi
mv "$T/status" "$DB/status"
echo "sysroot-dpkg-db.sh: $n packages recorded in $DB"
