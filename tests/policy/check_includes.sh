#!/bin/sh
# check_includes.sh ROOT: fails (exit 1) when a module includes what the architecture forbids.
# Rule per module: the project include prefixes and third-party headers it may use.
# Project headers are included as "module/file.h"; anything in <> that is not libc/POSIX must
# be listed for the module. Prints every violation as file:line: text.
set -u
ROOT=$1
fail=0

# module dir | allowed project prefixes (regex) | allowed third-party <headers> (regex)
RULES='
app/core|core/|NONE
app/store|core/ store/|sqlite3\.h
app/media|core/ media/|turbojpeg\.h|linux/videodev2\.h
app/ui|ui/|NONE
app/platform|ui/ platform/|SDL2?/.*|SDL\.h|SDL_[a-z]*\.h|zlib\.h
app/screens|ui/ core/ services/ screens/|NONE
app/services|core/ store/ media/ bundle/ services/|NONE
sync/bundle|core/ store/ bundle/|sqlite3\.h|zlib\.h
sync/office|core/ store/ bundle/ office/ media/|sqlite3\.h|zlib\.h
'
# libc / POSIX / Linux system headers any module may use
SYSTEM='^(assert|ctype|errno|fcntl|float|inttypes|limits|locale|math|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|string|strings|time|unistd|dirent|poll|pthread|sched|stdnoreturn|termios|wchar|uchar|sys/[a-z]*|linux/limits)\.h$'

check_module() { # dir prefixes thirdparty
  dir=$1; prefixes=$2; third=$3
  [ -d "$ROOT/$dir" ] || return 0
  for f in $(find "$ROOT/$dir" -name '*.[ch]' | sort); do
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

FAILS=$(mktemp)
echo "$RULES" | while IFS='|' read -r dir prefixes t1 t2 t3 t4; do
  [ -n "$dir" ] || continue
  third=$t1
  for t in ${t2:-} ${t3:-} ${t4:-}; do third="$third|$t"; done
  check_module "$dir" "$prefixes" "$third"
done
n=$(wc -l < "$FAILS")
rm -f "$FAILS"
if [ "$n" -gt 0 ]; then
  echo "policy: $n forbidden include(s)"
  exit 1
fi
echo "policy: include rules hold"
exit 0
