#!/bin/sh
# check_i18n.sh ROOT: fails (exit 1) when a string reaches the device's screen without a
# catalog entry, or a catalog lacks a translation (issue 16). Four checks, each printing
# what is wrong:
#  1. po/fieldqc.pot is what po/extract.sh extracts now: a new or changed _() / N_() /
#     FQ_TR / fq_app_fail string is missing from the catalogs until `cmake --build ...
#     --target pot` and a translation.
#  2. no literal goes straight into a drawing call (labels, buttons, toasts, headers,
#     dialogs, fields, facts, choices...) in device/: xgettext run with only those calls as
#     keywords finds every unmarked one (a marked literal is an argument of _, not of them).
#  3. no snprintf in device/screens builds drawn text from an unmarked format with words
#     (formats that are keys, not text, are listed in po/not-drawn.txt).
#  4. po/zh_CN.po and po/en.po translate every message of the .pot: nothing missing,
#     untranslated or fuzzy, and msgfmt -c accepts every printf format.
set -u
ROOT=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAIL=0
cd "$ROOT" || exit 1

# "file:line<TAB>msgid" for each message of a .po that xgettext wrote (one location each)
entries() {
  awk '/^#: /{ loc = $2 } /^msgid "/{ id = substr($0, 7); if (id != "\"\"") print loc "\t" id }' "$1"
}

# 1. the .pot is current
sh po/extract.sh "$ROOT" "$TMP/now.pot" || { echo "i18n: po/extract.sh failed"; exit 1; }
if ! diff -u po/fieldqc.pot "$TMP/now.pot" > "$TMP/pot.diff"; then
  echo "i18n: po/fieldqc.pot is not current; strings in the sources but not in the catalog"
  echo "      (run the 'pot' target, then translate po/zh_CN.po):"
  grep '^[+-]msgid' "$TMP/pot.diff" | sed 's/^/  /'
  FAIL=1
fi

# 2. literals handed straight to what draws
find device -name '*.c' | LC_ALL=C sort > "$TMP/files"
DRAW="fq_label_new:2 fq_label_set_text:2 fq_button_new:2 fq_button_set_text:2 fq_ui_toast:2
 fq_ui_field_set_placeholder:2 fq_dialog_open:2 fq_dialog_open:3 fq_screens_header:2
 fq_screens_header:3 fq_screens_section_title:2 fq_screens_fact:2 fq_screens_fact:3
 fq_screens_error:2 fq_screens_labelled_row:3 fq_screens_text_field:4 fq_screens_text_field:7
 fq_screens_note_field:4 fq_screens_note_field:7 fq_screens_number_field:4
 fq_screens_field_error:3 fq_screens_pad_open:2 fq_screens_pad_open:3
 fq_choice_new_verdict:2 fq_choice_new_verdict:3 fq_choice_new_verdict:4
 fq_screens_show_photos:4 fq_ui_keyboard_set_label:3"
KW=""
for k in $DRAW; do KW="$KW --keyword=$k"; done
# shellcheck disable=SC2086
xgettext --language=C --from-code=UTF-8 --omit-header --no-wrap --keyword= $KW \
  --files-from="$TMP/files" --output="$TMP/draw.po" 2> "$TMP/xg.err" || { cat "$TMP/xg.err"; exit 1; }
# a literal with a word in it (a lone "-" or "+" on a button is no text)
entries "$TMP/draw.po" | grep '	"[^"]*[A-Za-z]' | grep -vF -f po/not-drawn.txt \
  > "$TMP/draw.txt" || true
if [ -s "$TMP/draw.txt" ]; then
  echo "i18n: literals drawn without _() (file:line):"
  sed 's/^/  /' "$TMP/draw.txt"
  FAIL=1
fi

# 3. formats of drawn text
find device/screens -name '*.c' | LC_ALL=C sort > "$TMP/screens"
xgettext --language=C --from-code=UTF-8 --omit-header --no-wrap --keyword= --keyword=snprintf:3 \
  --files-from="$TMP/screens" --output="$TMP/fmt.po" 2>/dev/null
# text: a space or a capital once the conversions are out ("carton.%s.note" is a key)
entries "$TMP/fmt.po" | grep -vF -f po/not-drawn.txt > "$TMP/fmt.txt" || true
while IFS='	' read -r loc id; do
  words=$(printf '%s' "$id" | sed 's/%[-+ #0-9.*]*[hlzjt]*[a-zA-Z%]//g')
  case "$words" in *[A-Za-z][A-Za-z]*) ;; *) continue ;; esac
  case "$words" in *" "*|*[A-Z]*) ;; *) continue ;; esac
  echo "i18n: snprintf with a drawn format and no _(): $loc $id"
  FAIL=1
done < "$TMP/fmt.txt"

# 4. every message translated, in every language
for po in po/zh_CN.po po/en.po; do
  if ! msgcmp --use-untranslated po/"$(basename "$po")" po/fieldqc.pot 2> "$TMP/cmp.err"; then
    echo "i18n: $po lacks messages of po/fieldqc.pot:"; sed 's/^/  /' "$TMP/cmp.err" | head -40
    FAIL=1
  fi
  stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1) || {
    echo "i18n: msgfmt -c refuses $po:"; echo "$stats" | sed 's/^/  /'; FAIL=1; continue; }
  case "$stats" in
    *fuzzy*|*untranslated*) echo "i18n: $po is not complete: $stats"; FAIL=1 ;;
  esac
  # an empty msgstr of a message msgfmt counts as untranslated; a header-only file too
  if LC_ALL=C msgattrib --untranslated --only-fuzzy "$po" 2>/dev/null | grep -q '^msgid "[^"]'; then
    echo "i18n: $po has fuzzy entries"; FAIL=1
  fi
done

if [ $FAIL -ne 0 ]; then exit 1; fi
echo "i18n: $(grep -c '^msgid "[^"]' po/fieldqc.pot) messages, catalogs current and complete"
