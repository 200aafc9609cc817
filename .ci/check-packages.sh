#!/bin/sh
# check-packages.sh DEB...: what CI checks on the Debian packages cpack made (.ci/run step 4).
# For each package: dpkg-deb -I printed; lintian (every tag printed, an error fails); the
# programs are stripped, of the package's architecture, with full RELRO, PIE, stack protector
# and fortified calls; fieldqc depends on the libraries it links (the cross dpkg-shlibdeps
# worked), on what SDL loads on kmsdrm and on its data package; fieldqc-office on libpq,
# libmicrohttpd and libcurl when it links them (always on this machine's architecture); and
# the kiosk unit passes systemd-analyze verify (any message fails) in a root made of this
# machine's units and the package's files.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
W=$(mktemp -d /tmp/fq-debcheck-XXXXXX)
trap 'rm -rf "$W"' EXIT
[ $# -gt 0 ] || fail "no packages given"
for deb in "$@"; do
  [ -f "$deb" ] || fail "$deb: no such package"
  pkg=$(dpkg-deb -f "$deb" Package)
  arch=$(dpkg-deb -f "$deb" Architecture)
  echo "== $deb"
  dpkg-deb -I "$deb"
  # every tag down to pedantic is printed; lintian exits 1 on an error tag (its --fail-on
  # default), other codes when it could not check (it also warns when run as root, as in CI)
  rc=0
  lintian --display-info --pedantic "$deb" > "$W/lintian.log" 2>&1 || rc=$?
  grep -v '^running with root privileges' "$W/lintian.log" | sed 's/^/  lintian: /' || true
  [ "$rc" -ne 1 ] || fail "$deb: lintian errors"
  [ "$rc" -eq 0 ] || fail "$deb: lintian failed ($rc)"
  rm -rf "$W/root"
  dpkg-deb -x "$deb" "$W/root"
  case $arch in
    all) continue ;;
    amd64) machine='X86-64'; triplet=x86_64-linux-gnu ;;
    arm64) machine='AArch64'; triplet=aarch64-linux-gnu ;;
    armhf) machine='ARM'; triplet=arm-linux-gnueabihf ;;
    *) fail "$deb: architecture $arch" ;;
  esac
  readelf=readelf; objdump=objdump
  if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    readelf=$triplet-readelf; objdump=$triplet-objdump
  fi
  for bin in "$W"/root/usr/bin/*; do
    name=usr/bin/${bin##*/}
    $readelf -h "$bin" | grep -q "Machine: .*$machine\$" || fail "$name is not $machine"
    $readelf -S "$bin" | grep -q ' \.symtab ' && fail "$name is not stripped"
    $readelf -lW "$bin" | grep -q 'GNU_RELRO' || fail "$name: no RELRO"
    $readelf -dW "$bin" | grep -q 'BIND_NOW' || fail "$name: no BIND_NOW (partial RELRO only)"
    $readelf -dW "$bin" | grep -q 'FLAGS_1.*PIE' || fail "$name: not PIE"
    $objdump -T "$bin" | grep -q '__stack_chk_fail' || fail "$name: no stack protector"
    $objdump -T "$bin" | grep -q '__[a-z]*_chk\b' || fail "$name: no fortified calls"
    echo "  $name: $machine, stripped, full RELRO, PIE, stack protector, fortified"
  done
  if [ "$pkg" = fieldqc-office ]; then
    # the server's libraries (issue 13): a program that links one depends on its package
    # (dpkg-shlibdeps); this machine's build has all three (.ci/setup.sh installs them), a
    # cross build without them makes an office without serve/push/PostgreSQL
    deps=$(dpkg-deb -f "$deb" Depends)
    needed=$($readelf -dW "$W/root/usr/bin/fieldqc-office" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    for pair in libpq.so.5:libpq5 libmicrohttpd.so.12:libmicrohttpd12 libcurl.so.4:libcurl4; do
      so=${pair%%:*} want=${pair#*:}
      if ! echo "$needed" | grep -qx "$so"; then
        [ "$arch" != "$(dpkg --print-architecture)" ] || fail "$deb: fieldqc-office does not link $so"
        echo "  fieldqc-office: built without $so"
        continue
      fi
      case ", $deps," in
        *", $want "* | *", $want,"*) echo "  fieldqc-office: $so, Depends $want" ;;
        *) fail "$deb: links $so but Depends lacks $want: $deps" ;;
      esac
    done
  fi
  if [ "$pkg" = fieldqc ]; then
    deps=$(dpkg-deb -f "$deb" Depends)
    for want in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libturbojpeg0 zlib1g \
      libegl1 libgles2 libgbm1 libgl1-mesa-dri fonts-dejavu-core fonts-wqy-microhei libfontconfig1 \
      adduser \
      "fieldqc-data (= $(dpkg-deb -f "$deb" Version))"; do
      case ", $deps," in
        *", $want "* | *", $want,"*) ;;
        *) fail "$deb: Depends lacks $want: $deps" ;;
      esac
    done
    conff=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
    [ "$conff" = /etc/default/fieldqc ] || fail "$deb: conffiles is '$conff'"
    # the kiosk unit against this machine's systemd units (verify needs the units it names,
    # and the ExecStart program, which the package's root has)
    unit=$W/root/usr/lib/systemd/system/fieldqc-kiosk.service
    [ -f "$unit" ] || fail "$deb: no kiosk unit"
    mkdir -p "$W/root/usr/lib/systemd/system"
    for d in /lib/systemd/system /usr/lib/systemd/system; do
      if [ -d "$d" ]; then cp -an "$d/." "$W/root/usr/lib/systemd/system/"; fi
    done
    # (the ARM packages' program cannot run here, but verify only checks it is executable)
    if ! systemd-analyze --root="$W/root" --man=no verify "$unit" > "$W/verify.log" 2>&1 ||
       [ -s "$W/verify.log" ]; then
      cat "$W/verify.log"
      fail "$deb: systemd-analyze verify fieldqc-kiosk.service"
    fi
    echo "  fieldqc-kiosk.service: systemd-analyze verify clean"
    zcat "$W/root/usr/share/man/man1/fieldqc.1.gz" | grep -q '^\.TH' ||
      fail "$deb: the unit's Documentation=man:fieldqc(1) is missing"
  fi
done
echo "packages ok: $#"
