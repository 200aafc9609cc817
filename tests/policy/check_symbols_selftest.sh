#!/bin/sh
# check_symbols_selftest.sh CHECK CC AR NM DIR: proves the symbols check can fail. Builds tiny
# archives with the project's own compiler, archiver and nm (cross builds included: nothing
# is run) and requires that a clean library is accepted (static helpers and compiler-made
# names with a '.' are not ours to check), and that an unprefixed function, an unprefixed
# global variable, one name in two libraries, and a library nm cannot read are rejected.
set -u
CHECK=$1; CC=$2; AR=$3; NM=$4; DIR=$5
rm -rf "$DIR"; mkdir -p "$DIR"
lib() { # name source: compiles source into DIR/libNAME.a
  printf '%s\n' "$2" > "$DIR/$1.c"
  "$CC" -c "$DIR/$1.c" -o "$DIR/$1.o" || { echo "selftest: cannot compile $1.c"; exit 1; }
  rm -f "$DIR/lib$1.a"
  "$AR" rcs "$DIR/lib$1.a" "$DIR/$1.o" || { echo "selftest: cannot archive $1.o"; exit 1; }
}
lib fq_good 'static int helper(void) { return 1; }
static int count;
int fq_good_one(void) { return helper() + count; }
int fq_good_data = 1;
__asm__(".globl __odr_asan.fq_good_data\n.data\n__odr_asan.fq_good_data:\n.byte 0\n.text\n");'
lib fq_other 'int fq_other_two(void) { return 2; }'
lib fq_bad_fn 'int widget_new(void) { return 0; }'
lib fq_bad_var 'int counter = 3;'
lib fq_dup 'int fq_good_one(void) { return 2; }'

out=$(sh "$CHECK" "$NM" "$DIR/libfq_good.a" "$DIR/libfq_other.a") ||
  { echo "selftest: clean libraries rejected:"; echo "$out"; exit 1; }
reject() { # what expected-text libs...
  what=$1; expect=$2; shift 2
  if out=$(sh "$CHECK" "$NM" "$@" 2>&1); then echo "selftest: $what was accepted"; exit 1; fi
  case "$out" in
    *"$expect"*) ;;
    *) echo "selftest: $what rejected without naming it:"; echo "$out"; exit 1 ;;
  esac
}
reject "an unprefixed function" "widget_new does not start with fq_" \
  "$DIR/libfq_good.a" "$DIR/libfq_bad_fn.a"
reject "an unprefixed global variable" "counter does not start with fq_" "$DIR/libfq_bad_var.a"
reject "one name in two libraries" "fq_good_one is defined in libfq_good.a" \
  "$DIR/libfq_good.a" "$DIR/libfq_dup.a"
reject "a library nm cannot read" "failed" "$DIR/libfq_good.a" "$DIR/missing.a"
echo "selftest: the symbols check rejects unprefixed and duplicate names"
