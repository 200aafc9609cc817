#!/bin/sh
# install_test.sh BUILD_DIR SOURCE_DIR: installs into a DESTDIR, checks that no binary holds a
# path of this machine's source or build tree, then runs the installed office tool and app
# from / with the source and build trees hidden (a private mount namespace with empty folders
# over them when the system allows it): they must find their data from where they are.
set -eu
BUILD=$(cd "$1" && pwd); SRC=$(cd "$2" && pwd)
WORK=$(mktemp -d /tmp/fq-install-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
INSTALL_PREFIX=/usr/local # the prefix the programs are built to live in, staged below DESTDIR
DESTDIR="$WORK/root" cmake --install "$BUILD" --prefix "$INSTALL_PREFIX" > "$WORK/install.log"
PREFIX="$WORK/root$INSTALL_PREFIX"
OFFICE="$PREFIX/bin/fieldqc-office"; APP="$PREFIX/bin/fieldqc"
[ -x "$OFFICE" ] || fail "fieldqc-office not installed"
[ -f "$PREFIX/share/fieldqc/checklists/pre_shipment.tsv" ] || fail "checklists not installed"
# The program's own bytes (code, data, __FILE__ of asserts) must not name this machine; its
# debug sections may (a Debug build keeps them for gdb, the packages strip them), so they are
# dropped before the look. A failure names the section that holds the path. (Sanitizer builds
# do not run this: their runtime metadata names every source file.)
for b in "$PREFIX"/bin/*; do
  objcopy --strip-debug "$b" "$WORK/nodebug" || fail "objcopy $b"
  if strings "$WORK/nodebug" | grep -F -e "$SRC" -e "$BUILD" > /dev/null; then
    for sec in $(readelf -W -S "$WORK/nodebug" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p'); do
      if readelf -W -p "$sec" "$WORK/nodebug" 2> /dev/null | grep -F -e "$SRC" -e "$BUILD" > /dev/null; then
        echo "section $sec: $(readelf -W -p "$sec" "$WORK/nodebug" | grep -F -e "$SRC" -e "$BUILD" | head -3)"
      fi
    done
    fail "$b holds a path of this machine: $(strings "$WORK/nodebug" | grep -F -e "$SRC" -e "$BUILD" | head -1)"
  fi
done
# what runs inside: the installed programs only, from /
cat > "$WORK/inside.sh" <<'INNER'
set -eu
W=$1; PREFIX=$2
fail() { echo "FAIL (installed): $*"; exit 1; }
cd /
unset FIELDQC_DATA
"$PREFIX/bin/fieldqc-office" --version | grep -q '^fieldqc-office ' || fail "--version"
"$PREFIX/bin/fieldqc-office" jobs --help | grep -q 'usage: fieldqc-office jobs' || fail "jobs --help"
"$PREFIX/bin/fieldqc-office" demo --db "$W/office.db" > /dev/null || fail "demo"
printf 'po_number,buyer,quantity\nPO-INST-1,Northwind,1200\n' > "$W/orders.csv"
printf 'po_number,visit_type,planned_date,device\nPO-INST-1,pre_shipment,2026-12-03,tab-1\n' > "$W/visits.csv"
"$PREFIX/bin/fieldqc-office" jobs --db "$W/office.db" --orders "$W/orders.csv" \
  --visits "$W/visits.csv" > "$W/jobs.log" 2>&1 || { cat "$W/jobs.log"; fail "jobs"; }
n=$(sqlite3 "$W/office.db" "select count(*) from findings f join visits v on v.uuid = f.visit_uuid join orders o on o.uuid = v.order_uuid where o.po_number = 'PO-INST-1'")
[ "$n" -gt 5 ] || fail "the new visit has $n checklist findings"
if [ -x "$PREFIX/bin/fieldqc" ]; then
  printf 'expect-text "Today"\nshot today\n' > "$W/tour.script"
  SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$PREFIX/bin/fieldqc" --db "$W/app.db" --demo \
    --now 2026-11-21 --script "$W/tour.script" --screenshot "$W/shots" --exit-after-script \
    > "$W/app.log" 2>&1 || { cat "$W/app.log"; fail "the installed app"; }
  [ -s "$W/shots/today.png" ] || fail "no screenshot from the installed app"
fi
echo "ok: installed programs run from / with their own data"
INNER
if unshare -m true 2> /dev/null; then
  unshare -m sh -c "mount -t tmpfs none '$BUILD' && mount -t tmpfs none '$SRC' && sh '$WORK/inside.sh' '$WORK' '$PREFIX'"
else
  echo "note: no mount namespace here; the trees stay visible"
  sh "$WORK/inside.sh" "$WORK" "$PREFIX"
fi
