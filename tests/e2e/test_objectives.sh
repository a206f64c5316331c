#!/usr/bin/env bash
# isms objectives and the checks of objectives, opportunities, issues and
# requirements in isms check.
. "$(dirname "$0")/lib.sh"

new_repo objectives
write_minimal_isms
mkdir -p context objectives opportunities policies
cat >policies/security-policy.md <<'MD'
---
id: POL-001
title: Information security policy
---
# Information security policy
MD
cat >context/ISS-001-remote-work.md <<'MD'
---
id: ISS-001
title: Most staff work remotely
kind: internal
source: Context workshop
---
MD
cat >context/REQ-001-customer-terms.md <<'MD'
---
id: REQ-001
title: Customers want tested backups
party: Enterprise customers
description: Backups are restored in a test every quarter.
---
MD
cat >objectives/OBJ-001-restore-time.md <<'MD'
---
id: OBJ-001
title: Restore the database within four hours
owner: ops
status: active
policy: POL-001
addresses: [REQ-001]
measure:
  metric: Hours to restore the database in the quarterly test
  unit: hours
  baseline: 9
  target: 4
  method: Timed restore test
measurements:
  - {date: 2026-06-24, value: 5}
  - {date: 2026-03-25, value: 7.5}
  - {date: 2026-10-06, value: 3.5}
due: 2026-10-31
resources: Two days of ops time a quarter
actions:
  - {id: A1, text: Automate the restore, owner: ops, due: 2026-06-30, status: done}
evaluation: Reported to the management review
---
MD
cat >objectives/OBJ-002-phishing.md <<'MD'
---
id: OBJ-002
title: Fewer phishing clicks
owner: ciso
status: active
policy: POL-001
addresses: [REQ-001]
measure:
  metric: Share of staff who click
  unit: percent
  baseline: 20
  target: 5
measurements:
  - {date: 2026-01-15, value: 20}
  - {date: 2026-06-15, value: 18}
  - {date: 2026-11-15, value: 17}
due: 2027-01-15
resources: Simulation platform
evaluation: Quarterly report
actions:
  - {id: A1, text: Run simulations, owner: ciso, due: 2027-01-15}
---
MD
cat >objectives/OBJ-003-deletion.md <<'MD'
---
id: OBJ-003
title: Automated deletion
owner: ops
status: active
addresses: [REQ-001]
measure: {metric: Stores with deletion jobs, unit: percent, baseline: 20, target: 100}
measurements:
  - {date: 2026-09-30, value: 60}
  - {date: 2026-11-30, value: 70}
due: 2026-11-30
resources: One engineer
evaluation: Quarterly check of job logs
actions:
  - {id: A1, text: Build the jobs, owner: ops, due: 2027-01-15, status: in-progress}
---
MD
cat >objectives/OBJ-004-culture.md <<'MD'
---
id: OBJ-004
title: Security is discussed in every team retrospective
owner: ciso
status: planned
measurable: false
reason: Judged by the management review from team feedback
due: 2027-06-30
---
MD
cat >opportunities/OPP-001-certificate-sales.md <<'MD'
---
id: OPP-001
title: Use the certificate in sales
owner: ciso
status: pursuing
sources: [REQ-001]
benefit: Shorter security reviews by customers
actions:
  - {id: A1, text: Publish a trust page, owner: ciso, due: 2027-02-26}
review: {last: 2026-11-20, next: 2027-02-20}
---
MD
commit "Olu Ops <ops@example.com>" "Add objectives and an opportunity"

# A complete ISMS is quiet.
run_isms check --today 2026-12-04
expect_status 0
expect_no_out "error:"
expect_no_out "warning:"

# One objective in each state, with the numbers behind it.
run_isms objectives --today 2026-12-04
expect_status 0
expect_out "OBJ-001"
expect_out "9 → 3.5 (2026-10-06) → 4 hours"
expect_out "latest value 3.5 on 2026-10-06 meets the target of at most 4"
expect_out "progress 20% trails the 88% of the time from 2026-01-15 to 2027-01-15 that has passed by more than 10 points"
expect_out "due date 2026-11-30 has passed and the latest value 70 on 2026-11-30 falls short of the target 100"
expect_out "not measurable, so the state follows the status 'planned' and the due date 2027-06-30"
expect_out "isms.yaml blob"
for pair in OBJ-001:achieved OBJ-002:at-risk OBJ-003:overdue OBJ-004:not-started; do
	id=${pair%%:*} state=${pair#*:}
	printf '%s\n' "$out" | grep "^$id " | grep -q "  $state  " ||
		fail "$id is not $state"
done

# Earlier dates give earlier states: before the restore test of October,
# the restore objective was on track, and the deletion one not yet due.
run_isms objectives --today 2026-07-01
expect_status 0
printf '%s\n' "$out" | grep "^OBJ-001 " | grep -q "  on-track  " ||
	fail "OBJ-001 was on track on 2026-07-01"
printf '%s\n' "$out" | grep "^OBJ-003 " | grep -q "  at-risk  " ||
	fail "OBJ-003 had no measurement on 2026-07-01"

# A withdrawn objective is neither overdue nor at risk, and a measurement
# dated after today is left out of the state and reported by isms check.
sed -i 's/^status: active/status: withdrawn/; s/{date: 2026-11-30, value: 70}/{date: 2026-12-05, value: 70}/' objectives/OBJ-003-deletion.md
run_isms objectives --today 2026-12-04
expect_status 0
expect_out "withdrawn, so its progress is no longer tracked"
printf '%s\n' "$out" | grep "^OBJ-003 " | grep -q "  withdrawn  " ||
	fail "withdrawn OBJ-003 is not shown as withdrawn"
run_isms check --today 2026-12-04
expect_status 1
expect_out "objectives/OBJ-003-deletion.md:10:12: error: measurement date is '2026-12-05', after today ('2026-12-04'); record the date it happened [date-in-future]"
git checkout -q objectives/OBJ-003-deletion.md

run_isms objectives --today 2026-12-04 --format json
expect_status 0
expect_out '"state": "at-risk"'
expect_out '"progress": 20'
expect_out '"expected": 88'
expect_out '"latest": {'
expect_out '"tool_version"'
printf '%s\n' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert [o["state"] for o in d["objectives"]] == ["achieved", "at-risk", "overdue", "not-started"], d' ||
	fail "JSON states are wrong"

run_isms objectives --today 2026-12-04 --format csv
expect_status 0
expect_out "id,title,owner,status,metric,baseline → latest → target,progress,state,due,reason,stamp"
expect_out "OBJ-003,Automated deletion,ops,active"

run_isms objectives --today 2026-12-04 --format markdown
expect_status 0
expect_out "# Information security objectives"
expect_out "| OBJ-002 |"

# --rev and --staged read other versions.
sed -i 's/value: 17}/value: 14}/' objectives/OBJ-002-phishing.md
git add objectives/OBJ-002-phishing.md
run_isms objectives --today 2026-12-04 --rev HEAD --format json
expect_out '"progress": 20'
run_isms objectives --today 2026-12-04 --staged --format json
expect_out '"progress": 40'
git reset -q --hard

# objective-not-measurable, and quiet once measurable: false has a reason.
sed -i '/^reason:/d' objectives/OBJ-004-culture.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "objectives/OBJ-004-culture.md:6:1: error: objective is 'measurable: false' but gives no 'reason'"
expect_out "[objective-not-measurable]"
sed -i '/^measurable:/d' objectives/OBJ-004-culture.md
run_isms check --today 2026-12-04
expect_out "objective has no 'measure' with a 'metric' and a 'target'"
git checkout -q objectives/OBJ-004-culture.md

# objective-measurement-duplicate is a warning; the later value counts.
sed -i 's/{date: 2026-03-25, value: 7.5}/{date: 2026-06-24, value: 4.5}/' objectives/OBJ-001-restore-time.md
run_isms check --today 2026-12-04
expect_status 0
expect_out "objectives/OBJ-001-restore-time.md:16:5: warning: date '2026-06-24' is measured twice (also on line 15)"
expect_out "[objective-measurement-duplicate]"
run_isms check --today 2026-12-04 --strict
expect_status 1
git checkout -q objectives/OBJ-001-restore-time.md

# objective-planning-missing names each missing item of an active objective.
sed -i '/^resources:/d; /^evaluation:/d' objectives/OBJ-003-deletion.md
run_isms check --today 2026-12-04
expect_status 0
expect_out "objectives/OBJ-003-deletion.md:5:9: warning: active objective does not say what resources it needs ('resources'), how its results are evaluated ('evaluation' or 'measure.method')"
expect_out "[objective-planning-missing]"
git checkout -q objectives/OBJ-003-deletion.md

# References: addresses, policy and person.
sed -i 's/^policy: POL-001/policy: POL-009/; s/^addresses: \[REQ-001\]/addresses: [REQ-001, ISS-001]/; s/^owner: ciso/owner: cfo/' objectives/OBJ-002-phishing.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "'policy' names 'POL-009', but no document or record has that id"
expect_out "'addresses' lists 'ISS-001', whose kind is 'issue'"
expect_out "objective owner 'cfo' is not in 'people' of isms.yaml"
git checkout -q objectives/OBJ-002-phishing.md

# objective-action-overdue once an open action's date has passed.
run_isms check --today 2027-01-16
expect_out "objectives/OBJ-002-phishing.md:21:5: warning: action 'A1' was due on '2027-01-15' but is 'planned'"
expect_out "[objective-action-overdue]"
# OBJ-001's only action is done, and done actions are never late. Its
# latest value meets the target, so it draws a note to record it achieved.
printf '%s\n' "$out" | grep "OBJ-001-restore-time.md" | grep -qv "\[objective-target-met\]" &&
	fail "OBJ-001 has a finding other than objective-target-met"
expect_out "objectives/OBJ-001-restore-time.md:5:9: note: the latest value 3.5 on 2026-10-06 meets the target of at most 4; set 'status: achieved' once the result is confirmed [objective-target-met]"

# Opportunities: planning-no-source, overdue actions and reviews.
sed -i '/^sources:/d' opportunities/OPP-001-certificate-sales.md
run_isms check --today 2026-12-04
expect_status 0
expect_out "opportunities/OPP-001-certificate-sales.md:2:1: warning: opportunity names no 'sources', but clause 6.1.1 asks the organisation to start from its issues and requirements; name them in 'sources'"
expect_out "[planning-no-source]"
git checkout -q opportunities/OPP-001-certificate-sales.md
run_isms check --today 2027-02-27
expect_out "[opportunity-action-overdue]"
expect_out "opportunities/OPP-001-certificate-sales.md:10:34: warning: review was due on '2027-02-20'"
expect_out "[opportunity-review-overdue]"
sed -i 's/^status: pursuing/status: realised/' opportunities/OPP-001-certificate-sales.md
run_isms check --today 2027-02-27
expect_no_out "[opportunity-review-overdue]"
expect_no_out "[opportunity-action-overdue]"
sed -i 's/^sources: \[REQ-001\]/sources: [OBJ-001]/' opportunities/OPP-001-certificate-sales.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "'sources' lists 'OBJ-001', whose kind is 'objective'"
git checkout -q opportunities/OPP-001-certificate-sales.md

# A risk to the ISMS without sources.
mkdir -p risks
cat >risks/RSK-001-unclear-roles.md <<'MD'
---
id: RSK-001
title: Unclear ISMS roles
owner: ciso
status: identified
scope: isms
---
MD
run_isms check --today 2026-12-04
expect_status 0
expect_out "risks/RSK-001-unclear-roles.md:2:1: warning: risk to the ISMS names no 'sources'"
sed -i 's/^scope: isms/scope: isms\nsources: [ISS-001]/' risks/RSK-001-unclear-roles.md
run_isms check --today 2026-12-04
expect_no_out "[planning-no-source]"
rm -r risks

# Issues and requirements are type-checked.
sed -i 's/^kind: internal/kind: intern/; s/^source:/sorce:/' context/ISS-001-remote-work.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "'kind' must be one of internal, external, issue; got 'intern' (did you mean 'internal'?)"
expect_out "unknown key 'sorce' in issue; did you mean 'source'?"
git checkout -q context/ISS-001-remote-work.md
sed -i 's/^party:/partie:/' context/REQ-001-customer-terms.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "context/REQ-001-customer-terms.md:4:1: error: unknown key 'partie' in requirement; did you mean 'party'?"
git checkout -q context/REQ-001-customer-terms.md

# Records with errors still print, and the exit status is 1.
sed -i 's/^status: active/status: activ/' objectives/OBJ-002-phishing.md
run_isms objectives --today 2026-12-04
expect_status 1
expect_out "OBJ-002"
expect_err "the records have 1 error; run 'isms check' to see them"
git checkout -q objectives/OBJ-002-phishing.md

# The example ISMS shows one objective achieved, one at risk, one overdue.
# Its records keep a finding on purpose, so the status may be 1.
cp -r "$project/example-isms" "$scratch/example"
run_isms -C "$scratch/example" objectives --today 2026-12-04 --format json
[ "$status" -le 1 ] || fail "objectives did not run on the example ISMS"
for pair in OBJ-003:achieved OBJ-004:overdue OBJ-005:at-risk; do
	id=${pair%%:*} state=${pair#*:}
	printf '%s\n' "$out" | python3 -c "import json, sys; d = {o['id']: o['state'] for o in json.load(sys.stdin)['objectives']}; sys.exit(d['$id'] != '$state')" ||
		fail "example $id is not $state"
done

# Usage errors exit 2.
run_isms objectives --format xml
expect_status 2
expect_err "invalid format 'xml' for objectives"
run_isms objectives extra
expect_status 2
expect_err "unexpected argument 'extra' for objectives"
run_isms objectives --staged --rev HEAD
expect_status 2
run_isms objectives --help
expect_status 0
expect_out "usage: isms objectives"
