#!/bin/sh
# extract.sh ROOT OUT.pot: every string the device app draws, as xgettext sees it in the C
# sources (the _ / N_ / FQ_TR / FQ_N_ marks and the services' error formats), plus the
# checkpoints and sections of the checklists in assets/checklists (drawn through the
# catalog too). No file locations and sorted, so the file only changes when a string does:
# po/fieldqc.pot is checked in and the i18n_catalogs test compares it with this output.
set -eu
ROOT=$1; OUT=$2
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
find device lib/core -name '*.c' | LC_ALL=C sort > "$TMP/files"
xgettext --language=C --from-code=UTF-8 --no-location --sort-output --no-wrap \
  --package-name=fieldqc --msgid-bugs-address=fieldqc \
  --keyword= --keyword=_ --keyword=N_ --keyword=FQ_TR --keyword=FQ_N_ \
  --keyword=FQ_TRN:1,2 --keyword=FQ_TR_IF:2 --keyword=fq_i18n_nget:1,2 \
  --keyword=fq_app_fail:3 --keyword=fq_app_sync_fail:3 \
  --flag=fq_app_fail:3:c-format --flag=fq_app_sync_fail:3:c-format \
  --flag=_:1:pass-c-format --flag=FQ_TR:1:pass-c-format --flag=fq_i18n_nget:1:pass-c-format \
  --flag=fq_i18n_nget:2:pass-c-format --flag=FQ_TR_IF:2:pass-c-format --flag=FQ_TRN:1:pass-c-format --flag=FQ_TRN:2:pass-c-format \
  --files-from="$TMP/files" --output="$TMP/code.pot"
# checklists: "section<TAB>checkpoint" lines (comments start with #)
LC_ALL=C awk -F '\t' '
  function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
  /^#/ || NF < 2 { next }
  { seen[$1] = 1; seen[$2] = 1 }
  END {
    print "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    for (s in seen) if (s != "") print "#. checklist\nmsgid " q(s) "\nmsgstr \"\"\n"
  }' assets/checklists/*.tsv > "$TMP/lists.pot"
msgcat --use-first --sort-output --no-location --no-wrap "$TMP/code.pot" "$TMP/lists.pot" \
  | sed '/^"POT-Creation-Date:/d' > "$OUT"
