#!/bin/sh
# evidence_test.sh FIELDQC SCRIPT SIZE OUTDIR: replays evidence.script (issue 12's "Found",
# each as the inspector sees it) on a fresh demo database and checks what was stored, and
# what was not: refused values never reach the database.
set -eu
FIELDQC=$1; SCRIPT=$2; SIZE=$3; OUT=$4
rm -rf "$OUT"; mkdir -p "$OUT"
"$FIELDQC" --db "$OUT/ev.db" --demo --now 2026-11-21 --size "$SIZE" \
  --script "$SCRIPT" --screenshot "$OUT/shots" --exit-after-script > "$OUT/saved.log"
q() { sqlite3 "$OUT/ev.db" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
O40="(select uuid from orders where po_number='PO-24140')"
V="(select v.uuid from visits v join orders o on o.uuid=v.order_uuid where o.po_number='PO-24117' and v.type=2)"
# a written approval: what, who, role, for the sample milestone, signed
[ "$(q "select count(*) from approvals a join milestones m on m.uuid=a.milestone_uuid where a.order_uuid=$O40 and m.kind=3 and a.kind=0 and a.subject='Sample rev C for mass production' and a.approver_name='Mark Rivera' and a.role=2 and a.signature_photo_uuid<>''")" = 1 ] || fail "approval: $(q "select * from approvals")"
[ "$(q "select count(*) from photos where uuid=(select signature_photo_uuid from approvals)")" = 1 ] || fail "approval signature photo"
# an ad-hoc visit, started when made
[ "$(q "select count(*) from visits where order_uuid=$O40 and type=4 and started_utc>0")" = 1 ] || fail "ad-hoc visit"
# the first-article visit was opened, not started
[ "$(q "select started_utc from visits where order_uuid=$O40 and type=0")" = 0 ] || fail "opening a visit started it"
# counts: the over-count was corrected, never stored; Yes/No left unanswered stays unanswered
[ "$(q "select completed||'/'||materials_on_site||'/'||packaging_on_site from production where visit_uuid=$V")" = "4800/0/0" ] || fail "counts: $(q "select * from production where visit_uuid=$V")"
[ "$(q "select count(*) from changelog where tbl='production' and data like '%\"completed\":7000%'")" = 0 ] || fail "the refused count was logged"
[ "$(q "select sampled from aql_plans where visit_uuid=$V")" != 300 ] || fail "a sample over the plan was stored"
# the issue: owner and due date; the "." did not close it
[ "$(q "select owner||'/'||date(due_utc,'unixepoch')||'/'||closed_utc from issues where title='Handle glaze drips'")" = "Factory QC Wu/2026-11-24/0" ] || fail "issue: $(q "select * from issues where title='Handle glaze drips'")"
# sign-off: failed, the inspector signed, the representative's refusal with its reason
[ "$(q "select finished||'/'||verdict from visits where uuid=$V")" = "1/2" ] || fail "visit verdict"
[ "$(q "select count(*) from signoffs where visit_uuid=$V and role=0 and signature_photo_uuid<>'' and signer_name='Li Wei'")" = 1 ] || fail "inspector signature"
[ "$(q "select count(*) from signoffs where visit_uuid=$V and role=1 and refused=1 and signature_photo_uuid='' and reason='Factory manager absent, QC lead Wu declined to sign'")" = 1 ] || fail "refusal: $(q "select role, refused, reason from signoffs where visit_uuid=$V")"
[ "$(q "select count(*) from findings where visit_uuid=$V and result=2 and note='320 units short on the packing list'")" = 1 ] || fail "failed item and its note"
for s in 50-today-reasons 51-first-article-gate 52-approval 53-order-approved 54-count-over 55-sample-over 56-resolution-refused 57-fail-needs-evidence 58-signoff-refused 59-refusal-reason 60-signed-off-failed 61-today-failed-red; do
  [ -s "$OUT/shots/$s.png" ] || fail "screenshot $s missing"
done
echo "ok: $(wc -l < "$OUT/saved.log") commits reported saved, screenshots in $OUT/shots"
