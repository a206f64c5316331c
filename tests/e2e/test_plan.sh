#!/usr/bin/env bash
# isms plan: the risk treatment plan by owner and due date, its flags
# (overdue, stalled, plan approval) and its four output formats.
. "$(dirname "$0")/lib.sh"

new_repo plan
write_minimal_isms
mkdir -p risks
cat >risks/RSK-001-backups.md <<'MD'
---
id: RSK-001
title: Backups fail silently
owner: ops
status: treating
cia: [availability]
inherent: {likelihood: possible, consequence: major}
treatment:
  option: modify
  actions:
    - {id: A1, text: Alert on failed backups, owner: ops, due: 2026-11-01, status: in-progress}
    - {id: A2, text: Buy a second backup target, owner: ciso, due: 2026-12-10, status: planned}
    - {id: A3, text: Test restores every quarter, owner: ops, due: 2027-03-01, status: planned}
    - {id: A4, text: Document the backup scope, owner: ops, due: 2026-10-01, status: done, evidence: Wiki page 12}
  plan_approved_by: ops
  plan_approved_on: 2026-10-01
residual: {likelihood: unlikely, consequence: major}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
cat >risks/RSK-002-laptops.md <<'MD'
---
id: RSK-002
title: Stolen laptop
owner: ops
status: treating
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
treatment:
  option: modify
  actions:
    - {id: A1, text: Encrypt every disk, owner: cto, due: 2027-01-15, status: planned}
  plan_approved_by: cto
  plan_approved_on: 2026-10-01
residual: {likelihood: rare, consequence: major}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
cat >risks/RSK-003-phishing.md <<'MD'
---
id: RSK-003
title: Phishing
owner: cto
status: assessed
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
cat >risks/RSK-004-fax.md <<'MD'
---
id: RSK-004
title: Fax machine leaks
owner: ops
status: closed
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
treatment:
  option: avoid
  actions: [{id: A1, text: Remove the fax, owner: ops, due: 2026-01-01, status: planned}]
---
MD
commit "Olu Ops <ops@example.com>" "Add risks"

# test_plan_table: one line per action, grouped by owner, ordered by due date.
run_isms plan --today 2026-12-04
expect_status 0
printf '%s\n' "$out" | grep -Eq '^ciso +2026-12-10 +RSK-001 +high +treat +modify +A2 +Buy a second backup target +planned +stalled$' ||
	fail "A2 of RSK-001 is not a stalled action of ciso"
printf '%s\n' "$out" | grep -Eq '^ops +2026-11-01 +RSK-001 +high +treat +modify +A1 .* in-progress +overdue$' ||
	fail "A1 of RSK-001 is not overdue"
printf '%s\n' "$out" | grep -Eq '^ops +2027-03-01 +RSK-001 .* A3 .* planned *$' ||
	fail "A3 of RSK-001 has a flag"
printf '%s\n' "$out" | grep -Eq '^ops +2026-10-01 +RSK-001 .* done +Wiki page 12 *$' ||
	fail "A4 of RSK-001 lacks its evidence or has a flag"
printf '%s\n' "$out" | grep -Eq '^cto +2027-01-15 +RSK-002 .* plan approver not entitled$' ||
	fail "RSK-002's approver is not flagged"
printf '%s\n' "$out" | grep -Eq '^cto +RSK-003 +high +treat .* no treatment plan$' ||
	fail "RSK-003 is not flagged as without a plan"
expect_no_out "RSK-004"
actions=$(printf '%s\n' "$out" | grep -E '^(ciso|cto|ops) ' | awk '{print $1, $2}')
expected=$(printf '%s\n' "ciso 2026-12-10" "cto 2027-01-15" "cto RSK-003" \
	"ops 2026-10-01" "ops 2026-11-01" "ops 2027-03-01")
[ "$actions" = "$expected" ] || fail "actions are not ordered by owner and due date: $actions"
expect_out "3 risks in the plan, 5 actions: 1 overdue, 1 stalled; 2 risks without an approved plan"
expect_out "isms.yaml blob $(git hash-object isms.yaml)"

# test_plan_approval_table: the plan approval of each risk.
printf '%s\n' "$out" | grep -Eq '^RSK-001 +Backups fail silently +ops +high +treat +modify +medium +4, 1 overdue, 1 stalled +ops +2026-10-01 +approved$' ||
	fail "RSK-001's plan approval row is wrong"

# test_plan_markdown: headed by organisation, scope and stamp, a section per owner.
run_isms plan --today 2026-12-04 --format markdown
expect_status 0
expect_out "# Risk treatment plan"
expect_out "- Organisation: Test Ltd"
expect_out "- Scope: Everything"
expect_out "- Source: working tree (HEAD $(git rev-parse --short=12 HEAD))"
expect_out "- isms.yaml blob: $(git hash-object isms.yaml)"
expect_out "- As of: 2026-12-04"
expect_out "## Plan approval by risk"
expect_out "### Casey Ciso (ciso)"
expect_out "### Olu Ops (ops)"
expect_out "### Taylor Cto (cto)"
expect_out "| 2026-11-01 | RSK-001 | high | treat | modify | A1 | Alert on failed backups | in-progress |  | overdue |"
expect_out "| RSK-002 | Stolen laptop | ops | high | treat | modify |  | medium | 1 | cto | 2026-10-01 | plan approver not entitled |"

# test_plan_csv: one row per action (RFC 4180, CRLF) with the stamp in every row.
run_isms plan --today 2026-12-04 --format csv
expect_status 0
[ "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" = "owner,due,risk,level,evaluation,option,action,text,status,evidence,flags,stamp" ] ||
	fail "unexpected CSV header"
[ "$(printf '%s\n' "$out" | grep -c ',"source working tree (HEAD ')" -eq 6 ] || fail "a CSV row lacks the stamp"

# test_plan_json: machine-readable, with the flags as booleans.
run_isms plan --today 2026-12-04 --format json
expect_status 0
expect_out '"overdue": 1'
expect_out '"approval": "plan approver not entitled"'
if command -v python3 >/dev/null 2>&1; then
	printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
a = {(x["risk"], x["action"]): x for x in d["actions"]}
assert a[("RSK-001", "A1")]["overdue"], a
assert not a[("RSK-001", "A1")]["stalled"], a
assert a[("RSK-001", "A2")]["stalled"], a
assert a[("RSK-003", None)]["due"] is None, a
assert [r["id"] for r in d["risks"]] == ["RSK-001", "RSK-002", "RSK-003"], d["risks"]
' || fail "plan JSON is wrong"
fi

# test_plan_rev: the plan of an older commit, and --staged.
sed -i 's/status: in-progress}/status: done, evidence: Alert rule 7}/' risks/RSK-001-backups.md
run_isms plan --today 2026-12-04
expect_no_out "overdue$"
run_isms plan --today 2026-12-04 --rev HEAD
printf '%s\n' "$out" | grep -q 'overdue$' || fail "--rev HEAD does not read the committed plan"
git add risks/RSK-001-backups.md
run_isms plan --today 2026-12-04 --staged
printf '%s\n' "$out" | grep -q 'overdue$' && fail "--staged does not read the index"

# test_plan_errors: bad usage exits 2; records with errors exit 1 after the report.
run_isms plan --format pdf
expect_status 2
expect_err "invalid format 'pdf' for plan"
run_isms plan --staged --rev HEAD
expect_status 2
run_isms plan extra
expect_status 2
sed -i 's/owner: cto, due: 2027-01-15/owner: nobody, due: 2027-01-15/' risks/RSK-002-laptops.md
run_isms plan --today 2026-12-04
expect_status 1
expect_out "RSK-002"
expect_err "the records have 1 error; run 'isms check' to see them"
git checkout -q risks/RSK-002-laptops.md

# test_plan_retained_acceptance: a retained risk whose acceptance has ended
# is flagged, and a valid acceptance is not.
cat >risks/RSK-005-outage.md <<'MD'
---
id: RSK-005
title: Region outage
owner: ops
status: accepted
cia: [availability]
inherent: {likelihood: unlikely, consequence: major}
treatment: {option: retain, plan_approved_by: ops, plan_approved_on: 2026-03-01}
acceptance: {by: [ops, ciso], date: 2026-03-01, until: 2026-11-30, rating: {likelihood: unlikely, consequence: major}}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
run_isms plan --today 2026-12-04
expect_status 1
printf '%s\n' "$out" | grep -Eq '^ops +RSK-005 +medium +treat +retain .* acceptance expired$' ||
	fail "RSK-005's expired acceptance is not flagged"
printf '%s\n' "$out" | grep -Eq '^RSK-005 .* approved; acceptance expired$' ||
	fail "RSK-005's approval row does not show the expired acceptance"
expect_out "1 retained risk without a valid acceptance"
run_isms plan --today 2026-11-30
printf '%s\n' "$out" | grep -q "acceptance expired" &&
	fail "RSK-005 is flagged while its acceptance is in force"
rm risks/RSK-005-outage.md
