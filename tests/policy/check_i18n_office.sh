#!/bin/sh
# check_i18n_office.sh ROOT: fails (exit 1) when a string of the office portal or the visit
# report reaches the page without a catalog entry, or the office catalogs lack a
# translation (issue 16). The sibling of check_i18n.sh (the device's), for the domain
# fieldqc-office (po/office, office/lang.h). Four checks, each printing what is wrong:
#  1. po/office/fieldqc-office.pot is what po/office/extract.sh extracts now.
#  2. no literal with words goes straight into what writes the page (fputs, fprintf,
#     fq_office_html_text/elem, fq_portal_error, fq_portal_page_open, login_form) in the
#     files po/office/files.sh lists: markup, attributes, entities and printf conversions are
#     taken out first, and a lone lower-case key ("pass", a CSS class) is no text; what is
#     deliberately not translated (the CLI's messages on stderr, the brand, URLs) is listed
#     in po/office/not-shown.txt (a line found in the string exempts it). xgettext sees
#     the first literal of an argument only: the second branch of a ?: is not checked.
#  3. po/office/zh_CN.po and en.po translate every message: nothing missing, untranslated or
#     fuzzy, and msgfmt -c accepts every printf format.
#  4. no translation changes the markup of its message (the same elements, in the same order;
#     attribute values such as a placeholder are words and may change):
#     a translated page stays the page the tests check.
set -u
ROOT=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAIL=0
cd "$ROOT" || exit 1

# 1. the .pot is current
sh po/office/extract.sh "$ROOT" "$TMP/now.pot" || { echo "i18n_office: extract.sh failed"; exit 1; }
if ! diff -u po/office/fieldqc-office.pot "$TMP/now.pot" > "$TMP/pot.diff"; then
  echo "i18n_office: po/office/fieldqc-office.pot is not current (run the 'pot' target, then"
  echo "      translate po/office/zh_CN.po):"
  grep '^[+-]msgid' "$TMP/pot.diff" | sed 's/^/  /'
  FAIL=1
fi

# 2. literals written to the page without L_()
sh po/office/files.sh | LC_ALL=C sort > "$TMP/files"
KW="fputs:1 fprintf:2 fq_office_html_text:2 fq_office_html_elem:3 fq_portal_error:3
 fq_portal_page_open:3 login_form:3 fq_office_html_head:2 fq_office_html_head_linked:2"
ARGS=""
for k in $KW; do ARGS="$ARGS --keyword=$k"; done
# shellcheck disable=SC2086
xgettext --language=C --from-code=UTF-8 --omit-header --no-wrap --keyword= $ARGS \
  --files-from="$TMP/files" --output="$TMP/page.po" 2> "$TMP/xg.err" || { cat "$TMP/xg.err"; exit 1; }
# one pass: "file:line<TAB>msgid" of each literal, the exempt ones skipped, the rest
# stripped of markup, attributes, entities and conversions; words left are a finding
awk -v skip=po/office/not-shown.txt '
  BEGIN { while ((getline line < skip) > 0) if (line != "") exempt[++n_ex] = line }
  /^#: / { loc = $2 }
  /^msgid "/ {
    id = substr($0, 7)
    if (id == "\"\"") next
    for (i = 1; i <= n_ex; i++) if (index(id, exempt[i])) next
    if (id ~ /^"[a-z_-]*"$/) next
    w = id
    gsub(/\\"/, "\"", w); gsub(/<[^>]*>/, " ", w); sub(/^"[^<]*>/, " ", w)
    sub(/<[^>]*"$/, " ", w); gsub(/&[#a-z0-9]*;/, " ", w); gsub(/[a-z-]*=/, " ", w)
    gsub(/%[-+ #0-9.*]*[hlzjt]*[a-zA-Z%]/, " ", w)
    if (w ~ /[A-Za-z][A-Za-z]/) { print "i18n_office: written to the page without L_(): " loc " " id; bad = 1 }
  }
  END { exit bad }
' "$TMP/page.po" || FAIL=1

# 3. every message translated, in every language
for po in po/office/zh_CN.po po/office/en.po; do
  if ! msgcmp --use-untranslated "$po" po/office/fieldqc-office.pot 2> "$TMP/cmp.err"; then
    echo "i18n_office: $po lacks messages of po/office/fieldqc-office.pot:"
    sed 's/^/  /' "$TMP/cmp.err" | head -40
    FAIL=1
  fi
  stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1) || {
    echo "i18n_office: msgfmt -c refuses $po:"; echo "$stats" | sed 's/^/  /'; FAIL=1; continue; }
  case "$stats" in
    *fuzzy*|*untranslated*) echo "i18n_office: $po is not complete: $stats"; FAIL=1 ;;
  esac
done

# 4. the markup of each translation is its message's
for po in po/office/zh_CN.po po/office/en.po; do
  msgattrib --no-wrap --translated "$po" 2>/dev/null | awk '
    function tags(s,   out) { out = ""; while (match(s, /<\/?[a-zA-Z0-9]+/)) { out = out substr(s, RSTART, RLENGTH) ">"; s = substr(s, RSTART + RLENGTH) } return out }
    /^msgid "/ { id = substr($0, 7); mode = "id"; next }
    /^msgstr "/ { str = substr($0, 8); mode = "str"; next }
    /^"/ { if (mode == "id") id = id $0; else if (mode == "str") str = str $0; next }
    /^$/ { if (mode == "str" && id != "\"\"" && tags(id) != tags(str)) print "  " id; mode = "" }
    END { if (mode == "str" && id != "\"\"" && tags(id) != tags(str)) print "  " id }
  ' > "$TMP/tags.txt"
  if [ -s "$TMP/tags.txt" ]; then
    echo "i18n_office: $po changes the markup of:"; cat "$TMP/tags.txt"; FAIL=1
  fi
done

if [ $FAIL -ne 0 ]; then exit 1; fi
echo "i18n_office: $(grep -c '^msgid "[^"]' po/office/fieldqc-office.pot) messages, catalogs current and complete"
