#!/usr/bin/env bash
# isms check: record ids, file names, references, sources and exit status.
. "$(dirname "$0")/lib.sh"

new_repo check
write_minimal_isms
mkdir -p risks context objectives
cat >risks/RSK-001-laptop-theft.md <<'MD'
---
id: RSK-001
title: Laptop theft exposes customer data
owner: ops
status: assessed
cia: [confidentiality]
sources: [ISS-001]
inherent: {likelihood: possible, consequence: major}
review: {last: 2026-10-01, next: 2027-01-01}
---
## Scenario
A laptop is stolen from a car.
MD
cat >context/ISS-001-remote-work.md <<'MD'
---
id: ISS-001
title: Most staff work remotely
---
MD
commit "Olu Ops <ops@example.com>" "Add first risk"

# Valid input is quiet.
run_isms check --today 2026-12-04
expect_status 0
expect_no_out "error:"

# The same from a subfolder, from -C, from the index and from a revision.
(cd risks && run_isms check --today 2026-12-04 && expect_status 0) || exit 1
run_isms -C "$repo/risks" check --today 2026-12-04
expect_status 0
run_isms check --staged --today 2026-12-04
expect_status 0
run_isms check --rev HEAD --today 2026-12-04
expect_status 0

# record-file-name, record-id-prefix, record-id-format, record-no-id.
cp risks/RSK-001-laptop-theft.md risks/RSK-002-wrong-name.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-002-wrong-name.md:2:5: error: file name 'RSK-002-wrong-name.md' does not match id 'RSK-001'"
expect_out "[record-file-name]"
expect_out "[record-duplicate-id]"
expect_out "also used by 'risks/RSK-001-laptop-theft.md'"
rm risks/RSK-002-wrong-name.md

sed 's/^id: RSK-001/id: OBJ-003/' risks/RSK-001-laptop-theft.md >risks/OBJ-003-x.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[record-id-prefix]"
rm risks/OBJ-003-x.md

sed 's/^id: RSK-001/id: rsk-7/' risks/RSK-001-laptop-theft.md >risks/rsk-7-x.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[record-id-format]"
rm risks/rsk-7-x.md

sed '/^id: /d' risks/RSK-001-laptop-theft.md >risks/RSK-009-no-id.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[record-no-id]"
rm risks/RSK-009-no-id.md

printf '# Just notes\n' >risks/notes.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/notes.md:1:1: error:"
expect_out "[record-no-frontmatter]"
rm risks/notes.md

# A dangling reference names the id and the place it is written.
sed -i 's/sources: \[ISS-001\]/sources: [ISS-404]/' risks/RSK-001-laptop-theft.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-001-laptop-theft.md:7:11: error: 'sources' names 'ISS-404'"
expect_out "[ref-unknown-record]"
git checkout -q risks/RSK-001-laptop-theft.md

# A reference to a record of the wrong kind.
sed -i 's/^sources: \[ISS-001\]/sources: [ISS-001]\nobjectives: [ISS-001]/' risks/RSK-001-laptop-theft.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "'objectives' lists 'ISS-001', whose kind is 'issue'"
expect_out "[ref-wrong-kind]"
git checkout -q risks/RSK-001-laptop-theft.md

# A change record is checked too, and an implemented change sends the
# risks it affects back for reassessment.
mkdir -p changes
cat >changes/CHG-001-encrypt-laptops.md <<'MD'
---
id: CHG-001
title: Encrypt every laptop
status: implemented
type: normal
requested_by: ops
purpose: Stop data loss from stolen laptops
consequences: Staff re-enrol their laptops
integrity: Rolled out in waves with a fallback
resources: One engineer for two weeks
responsibilities: ops runs it, ciso approves
scope: [RSK-001, "policies/**"]
affects: [RSK-001]
approved_by: ciso
approved_on: 2026-11-01
implemented_on: 2026-11-15
---
MD
run_isms check --today 2026-12-04
expect_status 0
expect_out "risks/RSK-001-laptop-theft.md:9:9: warning: change 'CHG-001' that affects this risk was implemented on 2026-11-15"
expect_out "[risk-reassessment-due]"
sed -i 's/review: {last: 2026-10-01/review: {last: 2026-11-20/' risks/RSK-001-laptop-theft.md
run_isms check --today 2026-12-04
expect_status 0
expect_no_out "[risk-reassessment-due]"
sed -i '/^approved_by: ciso/d; s/scope: \[RSK-001/scope: [RSK-404/' changes/CHG-001-encrypt-laptops.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[change-unapproved]"
expect_out "'scope' names 'RSK-404'"
rm -r changes
git checkout -q risks/RSK-001-laptop-theft.md

# A status of 'accepted' needs an acceptance above the threshold.
sed -i 's/^status: assessed/status: accepted\ntreatment: {option: retain}/' risks/RSK-001-laptop-theft.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-001-laptop-theft.md:5:9: error: status is 'accepted' but no valid acceptance covers the current level 'high'"
expect_out "[risk-accepted-status]"
git checkout -q risks/RSK-001-laptop-theft.md

# Losses in two currencies cannot rank risks against each other.
sed 's/^id: RSK-001/id: RSK-002/' risks/RSK-001-laptop-theft.md >risks/RSK-002-other.md
sed 's/^id: RSK-001/id: RSK-003/' risks/RSK-001-laptop-theft.md >risks/RSK-003-third.md
printf 'loss: {per_year: 0.5, single: 1000, currency: EUR}\n' >"$scratch/eur"
sed -i "/^review:/r $scratch/eur" risks/RSK-001-laptop-theft.md risks/RSK-002-other.md
printf 'loss: {per_year: 0.5, single: 900000, currency: JPY}\n' >"$scratch/jpy"
sed -i "/^review:/r $scratch/jpy" risks/RSK-003-third.md
run_isms check --today 2026-12-04
expect_status 0
expect_out "risks/RSK-003-third.md:10:49: warning: loss is in 'JPY' but most risks use 'EUR'"
expect_out "[risk-loss-currency]"
expect_no_out "RSK-001-laptop-theft.md:10:1: warning"
rm risks/RSK-002-other.md risks/RSK-003-third.md
git checkout -q risks/RSK-001-laptop-theft.md

# A since date in the future switches change control off unnoticed.
sed -i 's/^  trailer: ISMS-Change/  trailer: ISMS-Change\n  since: 2030-01-01/' isms.yaml
run_isms check --today 2026-12-04
expect_status 0
expect_out "isms.yaml:"
expect_out "warning: 'since' is 2030-01-01, after today (2026-12-04)"
expect_out "[config-since-future]"
run_isms check --today 2026-12-04 --strict
expect_status 1
sed -i 's/^  since: 2030-01-01/  since: 2026-01-01/' isms.yaml
run_isms check --today 2026-12-04
expect_no_out "[config-since-future]"
git checkout -q isms.yaml

# PATH arguments narrow the report.
cp risks/RSK-001-laptop-theft.md risks/RSK-002-wrong-name.md
run_isms check --today 2026-12-04 context
expect_status 0
run_isms check --today 2026-12-04 risks/RSK-002-wrong-name.md
expect_status 1
# Options may follow the paths.
run_isms check risks/RSK-002-wrong-name.md --format json --today 2026-12-04
expect_status 1
expect_out '"rule": "record-file-name"'
run_isms check risks/no-such-file.md
expect_status 2
expect_err "path 'risks/no-such-file.md' matches no file of the ISMS"
rm risks/RSK-002-wrong-name.md

# JSON output carries the same findings.
sed -i 's/sources: \[ISS-001\]/sources: [ISS-404]/' risks/RSK-001-laptop-theft.md
run_isms check --today 2026-12-04 --format json
expect_status 1
expect_out '"rule": "ref-unknown-record"'
expect_out '"line": 7'
git checkout -q risks/RSK-001-laptop-theft.md

# --staged judges the index, not the working tree.
sed -i 's/sources: \[ISS-001\]/sources: [ISS-404]/' risks/RSK-001-laptop-theft.md
run_isms check --staged --today 2026-12-04
expect_status 0
git add risks/RSK-001-laptop-theft.md
run_isms check --staged --today 2026-12-04
expect_status 1
expect_out "[ref-unknown-record]"
git reset -q --hard

# The command cannot run: exit 2 with the reason.
run_isms check --rev no-such-branch
expect_status 2
expect_err "no-such-branch"
run_isms check --format xml
expect_status 2
expect_err "invalid format 'xml'"
run_isms check --today 2026-02-30
expect_status 2
expect_err "2026-02-30"
run_isms frobnicate
expect_status 2
expect_err "'frobnicate' is not an isms command"

mkdir -p "$scratch/empty"
run_isms -C "$scratch/empty" check
expect_status 2
expect_err "isms.yaml"

mkdir -p "$scratch/nogit"
cp isms.yaml "$scratch/nogit/"
run_isms -C "$scratch/nogit" check --today 2026-12-04
expect_status 0
run_isms -C "$scratch/nogit" check --staged
expect_status 2
expect_err "git"

run_isms check --help
expect_status 0
expect_out "usage: isms check"
