#!/bin/sh
# check_symbols.sh NM LIB.a...: the names rule of STYLE.md (rule 4), checked on what the linker
# sees. Fails (exit 1) when a library defines a global symbol that does not start with fq_,
# or when two libraries (or two members of one) define the same global symbol (two modules
# linked into one binary must never collide). Static helpers never show up here, as intended. Names holding a '.'
# are skipped: no C identifier can, so the compiler made them (GCC's AddressSanitizer emits
# __odr_asan.NAME beside every instrumented global NAME). Prints every violation as
# "policy: LIB(MEMBER): ..."; exit 2 when nm fails or no library is given.
set -u
[ $# -ge 2 ] || { echo "usage: check_symbols.sh NM LIB.a..." >&2; exit 2; }
NM=$1
shift
LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT

# one line per definition: library member symbol
for lib in "$@"; do
  if ! out=$("$NM" -g --defined-only "$lib" 2>&1); then
    echo "policy: $NM -g --defined-only $lib failed: $out"
    exit 2
  fi
  printf '%s\n' "$out" | awk -v lib="$(basename "$lib")" '
    NF == 1 && /:$/ { member = substr($1, 1, length($1) - 1); next }
    NF >= 3 && index($3, ".") == 0 { print lib, (member == "" ? "-" : member), $3 }
  ' >> "$LIST"
done

awk '
  $3 !~ /^fq_/ { printf "policy: %s(%s): %s does not start with fq_\n", $1, $2, $3; bad++ }
  {
    at = $1 "(" $2 ")"
    if ($3 in where) { where[$3] = where[$3] " and " at; twice[$3] = 1 }
    else where[$3] = at
  }
  END {
    for (s in twice) { printf "policy: %s is defined in %s\n", s, where[s]; bad++ }
    if (bad) { printf "policy: %d symbol violation(s)\n", bad; exit 1 }
    printf "policy: %d global symbols in %d libraries, all fq_ and unique\n", NR, libs
  }
' libs=$# "$LIST"
