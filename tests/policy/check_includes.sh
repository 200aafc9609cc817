#!/bin/sh
# check_includes.sh ROOT: fails (exit 1) when a module includes what the architecture forbids
# (ARCHITECTURE.md "Rules"), or when a source folder has no rule at all (a new module must
# say what it may use). A rule covers the .c/.h files directly in its folder: one folder is
# one module and one CMake target. Project headers are included as "module/file.h";
# anything in <> that is not libc/POSIX must be listed for the module. Prints every
# violation as file:line: text.
set -u
ROOT=$1

# folder | allowed project prefixes | allowed third-party <headers> (regexes, | separated)
RULES='
lib/core|core/|openssl/sha\.h|libintl\.h
lib/fsio|core/ fsio/|NONE
lib/store|core/ fsio/ store/|sqlite3\.h
lib/media|core/ fsio/ media/|turbojpeg\.h|linux/videodev2\.h
lib/bundle|core/ fsio/ bundle/|sqlite3\.h|zlib\.h|sodium\.h
device/ui|ui/|NONE
device/platform|ui/ platform/ fsio/|SDL2?/.*|SDL\.h|SDL_[a-z]*\.h|zlib\.h|fontconfig/fontconfig\.h
device/i18n|i18n/ core/|libintl\.h
device/ime|ime/|NONE
device/screens|ui/ core/ services/ screens/ i18n/|NONE
device/system|core/ system/|NONE
device/services|core/ fsio/ store/ media/ bundle/ services/ system/ i18n/|sodium\.h
device|ui/ platform/ screens/ services/ system/ core/ fsio/ media/ i18n/ ime/|NONE
office|core/ fsio/ store/ bundle/ media/ office/|NONE
office/pg|core/ fsio/ store/store.h office/ostore office/pg/|libpq-fe\.h
office/serve|core/ fsio/ bundle/ office/|microhttpd\.h|sodium\.h|arpa/inet\.h|netinet/in\.h
office/push|core/ fsio/ bundle/ office/|curl/curl\.h
office/portal|core/ fsio/ bundle/ office/|sodium\.h|spawn\.h
'
# libc / POSIX / Linux system headers any module may use
SYSTEM='^(assert|ctype|errno|fcntl|float|inttypes|limits|locale|math|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|string|strings|time|unistd|dirent|poll|pthread|sched|stdnoreturn|termios|wchar|uchar|sys/[a-z]*|linux/limits)\.h$'
FAILS=$(mktemp)

check_module() { # dir prefixes thirdparty
  dir=$1; prefixes=$2; third=$3
  [ -d "$ROOT/$dir" ] || return 0
  files=$(find "$ROOT/$dir" -maxdepth 1 -name '*.[ch]' | sort)
  [ -n "$files" ] || return 0
  # one awk for the whole module: a fork per include line took minutes on a loaded machine.
  # The regexes go through the environment, where awk does not process backslashes.
  # shellcheck disable=SC2086
  FQ_DIR=$dir FQ_PREFIXES=$prefixes FQ_THIRD=$third FQ_SYSTEM=$SYSTEM awk '
    /^[[:space:]]*#[[:space:]]*include/ {
      if (!match($0, /[<"][^>"]*[>"]/)) next
      kind = substr($0, RSTART, 1); name = substr($0, RSTART + 1, RLENGTH - 2); ok = 0
      if (kind == "\"") {
        if (index(name, "/") == 0) ok = 1 # same-folder private header
        n = split(ENVIRON["FQ_PREFIXES"], pre, " ")
        for (i = 1; i <= n; i++) if (index(name, pre[i]) == 1) ok = 1
      } else {
        if (name ~ ENVIRON["FQ_SYSTEM"]) ok = 1
        if (ENVIRON["FQ_THIRD"] != "NONE" && name ~ ("^(" ENVIRON["FQ_THIRD"] ")$")) ok = 1
      }
      if (!ok) {
        shown = kind == "<" ? "<" name ">" : "\"" name "\""
        printf "policy: %s:%d: %s may not include %s\n", FILENAME, FNR, ENVIRON["FQ_DIR"], shown
      }
    }' $files | tee -a "$FAILS.lines"
}

echo "$RULES" | while IFS='|' read -r dir prefixes t1 t2 t3 t4; do
  [ -n "$dir" ] || continue
  third=$t1
  for t in ${t2:-} ${t3:-} ${t4:-}; do third="$third|$t"; done
  check_module "$dir" "$prefixes" "$third"
done

# the store's raw handle is for tests only: no program module may reach it
for f in $(grep -rl --include='*.[ch]' 'store/store_testing\.h' "$ROOT/lib" "$ROOT/device" "$ROOT/office" 2>/dev/null); do
  case "$f" in "$ROOT/lib/store/"*) continue ;; esac
  echo "policy: $f: only tests may include store/store_testing.h (the raw sqlite handle)"
  echo x >> "$FAILS"
done

# every source folder of the programs needs a rule
for top in lib device office; do
  [ -d "$ROOT/$top" ] || continue
  for d in $(find "$ROOT/$top" -type f -name '*.[ch]' -printf '%h\n' | sort -u); do
    rel=${d#"$ROOT"/}
    if ! echo "$RULES" | grep -q "^$rel|"; then
      echo "policy: $rel has sources but no include rule in tests/policy/check_includes.sh"
      echo x >> "$FAILS"
    fi
  done
done

[ -f "$FAILS.lines" ] && cat "$FAILS.lines" >> "$FAILS"
n=$(wc -l < "$FAILS")
rm -f "$FAILS" "$FAILS.lines"
if [ "$n" -gt 0 ]; then
  echo "policy: $n violation(s)"
  exit 1
fi
echo "policy: include rules hold"
exit 0
