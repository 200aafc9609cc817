#!/bin/sh
# extract.sh ROOT OUT.pot: every string the portal and the visit report show (issue 16), as
# xgettext sees the L_ / LN_ marks (office/lang.h) in office/portal and the report's files.
# No locations, sorted, no date: po/office/fieldqc-office.pot only changes when a string
# does, and the i18n_office test compares it with this output. The names core marks
# (defects, verdicts, visit types...) are the device's catalog's (po/), not extracted here.
set -eu
ROOT=$1; OUT=$2
cd "$ROOT"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
sh po/office/files.sh | LC_ALL=C sort > "$TMP/files"
xgettext --language=C --from-code=UTF-8 --no-location --sort-output --no-wrap \
  --package-name=fieldqc-office --msgid-bugs-address=fieldqc \
  --keyword= --keyword=L_:2 --keyword=LN_ --keyword=fq_office_lang_text:2 \
  --keyword=fq_office_lang_ntext:2,3 \
  --flag=L_:2:pass-c-format --flag=fq_office_lang_ntext:2:pass-c-format \
  --flag=fq_office_lang_ntext:3:pass-c-format \
  --files-from="$TMP/files" --output="$TMP/code.pot"
sed '/^"POT-Creation-Date:/d' "$TMP/code.pot" > "$OUT"
