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
lib/core|core/|libintl\.h
lib/fsio|core/ fsio/|NONE
lib/store|core/ fsio/ store/|sqlite3\.h
lib/media|core/ fsio/ media/|turbojpeg\.h|linux/videodev2\.h
lib/bundle|core/ fsio/ bundle/|sqlite3\.h|zlib\.h|sodium\.h
device/ui|ui/|NONE
device/platform|ui/ platform/ fsio/|SDL2?/.*|SDL\.h|SDL_[a-z]*\.h|zlib\.h|fontconfig/fontconfig\.h
device/i18n|i18n/|libintl\.h
device/ime|ime/|NONE
device/screens|ui/ core/ services/ screens/ i18n/|NONE
device/system|core/ system/|NONE
device/services|core/ fsio/ store/ media/ bundle/ services/ system/ i18n/|sodium\.h
device|ui/ platform/ screens/ services/ system/ core/ fsio/ media/ i18n/ ime/|NONE
office|core/ fsio/ store/ bundle/ media/ office/|NONE
'
# libc / POSIX / Linux system headers any module may use
SYSTEM='^(assert|ctype|errno|fcntl|float|inttypes|limits|locale|math|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|string|strings|time|unistd|dirent|poll|pthread|sched|stdnoreturn|termios|wchar|uchar|sys/[a-z]*|linux/limits)\.h$'
FAILS=$(mktemp)

check_module() { # dir prefixes thirdparty
  dir=$1; prefixes=$2; third=$3
  [ -d "$ROOT/$dir" ] || return 0
  for f in $(find "$ROOT/$dir" -maxdepth 1 -name '*.[ch]' | sort); do
    grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
      num=${line%%:*}
      inc=$(printf '%s' "$line" | sed -n 's/.*#[[:space:]]*include[[:space:]]*\([<"]\)\([^>"]*\)[>"].*/\1\2/p')
      kind=$(printf '%s' "$inc" | cut -c1)
      name=$(printf '%s' "$inc" | cut -c2-)
      ok=0
      if [ "$kind" = '"' ]; then
        case "$name" in */*) ;; *) ok=1 ;; esac  # same-folder private header
        for p in $prefixes; do
          case "$name" in "$p"*) ok=1 ;; esac
        done
      else
        if printf '%s' "$name" | grep -Eq "$SYSTEM"; then ok=1; fi
        if [ "$third" != NONE ] && printf '%s' "$name" | grep -Eq "^($third)\$"; then ok=1; fi
      fi
      if [ $ok -eq 0 ]; then
        if [ "$kind" = '<' ]; then shown="<$name>"; else shown="\"$name\""; fi
        echo "policy: $f:$num: $dir may not include $shown"
        echo x >> "$FAILS"
      fi
    done
  done
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
  for d in $(find "$ROOT/$top" -type f -name '*.[ch]' -exec dirname {} \; | sort -u); do
    rel=${d#"$ROOT"/}
    if ! echo "$RULES" | grep -q "^$rel|"; then
      echo "policy: $rel has sources but no include rule in tests/policy/check_includes.sh"
      echo x >> "$FAILS"
    fi
  done
done

n=$(wc -l < "$FAILS")
rm -f "$FAILS"
if [ "$n" -gt 0 ]; then
  echo "policy: $n violation(s)"
  exit 1
fi
echo "policy: include rules hold"
exit 0
