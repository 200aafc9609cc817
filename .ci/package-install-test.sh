#!/bin/sh
# package-install-test.sh DIR: installs this machine's architecture's packages from DIR (e.g.
# build/package/packages) into a fresh bookworm chroot made by mmdebstrap, as an image build
# would (no systemd running), and checks what the maintainer scripts did: the fieldqc user
# and its groups, /var/lib/fieldqc, the kiosk enabled but not started, the conffile; then
# remove (unit masked), purge (enablement forgotten, the database kept), reinstall and purge
# again (an empty /var/lib/fieldqc goes). Needs root and the mirror; about 2 minutes, so not
# part of .ci/run (which lints the packages instead).
set -eu
DIR=$(cd "$1" && pwd)
ARCH=$(dpkg --print-architecture)
DEBS=""
for f in "$DIR"/fieldqc_*_"$ARCH".deb "$DIR"/fieldqc-data_*_all.deb "$DIR"/fieldqc-office_*_"$ARCH".deb; do
  [ -f "$f" ] || { echo "no $f"; exit 1; }
  DEBS="$DEBS $f"
done
ROOT=$(mktemp -d /tmp/fq-chroot-XXXXXX)
trap 'rm -rf "$ROOT" "$ROOT.sh"' EXIT
cat > "$ROOT.sh" <<'INSIDE'
set -eu
fail() { echo "FAIL: $*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
cd /tmp/debs
apt-get -y -q install ./fieldqc_*.deb ./fieldqc-data_*.deb ./fieldqc-office_*.deb > /tmp/install.log 2>&1 ||
  { cat /tmp/install.log; fail "apt install"; }
for g in video render input; do
  id -nG fieldqc | grep -qw "$g" || fail "fieldqc is not in $g"
done
[ "$(stat -c '%U:%G %a' /var/lib/fieldqc)" = "fieldqc:fieldqc 750" ] || fail "/var/lib/fieldqc: $(stat -c '%U:%G %a' /var/lib/fieldqc)"
[ "$(getent passwd fieldqc | cut -d: -f6,7)" = "/var/lib/fieldqc:/usr/sbin/nologin" ] || fail "fieldqc's home or shell"
[ -L /etc/systemd/system/multi-user.target.wants/fieldqc-kiosk.service ] || fail "kiosk not enabled"
[ "$(cat /var/lib/dpkg/info/fieldqc.conffiles)" = /etc/default/fieldqc ] || fail "conffiles"
fieldqc --version > /dev/null && fieldqc-office --version > /dev/null || fail "--version"
echo data > /var/lib/fieldqc/fieldqc.db
apt-get -y -q remove fieldqc > /dev/null
[ "$(readlink /etc/systemd/system/fieldqc-kiosk.service)" = /dev/null ] || fail "not masked after remove"
apt-get -y -q purge fieldqc > /dev/null
[ ! -e /etc/systemd/system/fieldqc-kiosk.service ] || fail "still masked after purge"
[ ! -e /etc/systemd/system/multi-user.target.wants/fieldqc-kiosk.service ] || fail "still enabled after purge"
[ ! -e /etc/default/fieldqc ] || fail "conffile left after purge"
[ -f /var/lib/fieldqc/fieldqc.db ] || fail "purge removed the database"
rm -r /var/lib/fieldqc
apt-get -y -q install ./fieldqc_*.deb > /dev/null
[ "$(stat -c '%U %a' /var/lib/fieldqc)" = "fieldqc 750" ] || fail "/var/lib/fieldqc not made again"
apt-get -y -q purge fieldqc > /dev/null
[ ! -e /var/lib/fieldqc ] || fail "an empty /var/lib/fieldqc stays after purge"
echo "ok: install, remove, purge, reinstall in a chroot without systemd"
INSIDE
mmdebstrap --quiet --variant=apt \
  --customize-hook="mkdir \"\$1/tmp/debs\"" \
  --customize-hook="copy-in$DEBS $ROOT.sh /tmp/debs" \
  --customize-hook="chroot \"\$1\" sh /tmp/debs/${ROOT##*/}.sh" \
  bookworm "$ROOT" "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main"
