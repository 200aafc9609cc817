#!/bin/sh
# check_i18n_office_selftest.sh CHECK ROOT: check_i18n_office.sh must pass on the tree and
# fail on each planted fault, in a copy: an unmarked string written to a page, a message
# left untranslated, a translation that drops an element.
set -u
CHECK=$1; ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
plant() { # fresh copy of what the check reads
  rm -rf "$TMP/t"; mkdir -p "$TMP/t/office/portal" "$TMP/t/po"
  cp -r "$ROOT/po/office" "$TMP/t/po/"
  cp "$ROOT"/office/portal/*.c "$TMP/t/office/portal/"
  cp "$ROOT"/office/report_html.c "$ROOT"/office/html.c "$ROOT"/office/cmd_report.c "$TMP/t/office/"
}
expect() { # expect STATUS WORDS: the check's exit and a line of its output
  sh "$CHECK" "$TMP/t" > "$TMP/out" 2>&1; rc=$?
  if [ "$rc" -ne "$1" ] || ! grep -q "$2" "$TMP/out"; then
    echo "selftest: expected exit $1 and '$2', got $rc:"; cat "$TMP/out"; exit 1
  fi
}
plant; expect 0 "catalogs current and complete"
plant; printf 'static void x(FILE *f) { fputs("<p>Nobody marked this</p>", f); }\n' \
  >> "$TMP/t/office/portal/dashboard.c"
expect 1 "without L_(): .*Nobody marked this"
plant; sed -i '/^msgid "Download PDF"$/{n;s/.*/msgstr ""/}' "$TMP/t/po/office/zh_CN.po"
expect 1 "zh_CN.po is not complete"
plant; sed -i '/^msgid "<h1>Orders<\/h1>"$/{n;s/.*/msgstr "订单"/}' "$TMP/t/po/office/zh_CN.po"
expect 1 "changes the markup"
echo "selftest: check_i18n_office.sh passes the tree and fails each planted fault"
