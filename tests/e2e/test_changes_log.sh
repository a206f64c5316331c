#!/usr/bin/env bash
# isms changes log: the change register with each change's status history
# and implementing commits, in every format, read from a history made
# with the git command line.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_DATE=2026-03-01T12:00:00+01:00 GIT_COMMITTER_DATE=2026-03-01T12:00:00+01:00

OPS="Olu Ops <ops@example.com>"

short() {
	git rev-parse --short=8 "$1"
}

new_repo log
write_minimal_isms
mkdir -p policies changes
echo "Access policy v1" >policies/access.md
commit "$OPS" "Start the ISMS"

cat >changes/CHG-001-keys.md <<'MD'
---
id: CHG-001
title: Require hardware keys
status: proposed
scope: [policies/access.md]
---
MD
commit "$OPS" "Plan CHG-001"
planned=$(short HEAD)

sed -i 's/^status: proposed/status: approved\napproved_by: ciso\napproved_on: 2026-03-01/' \
	changes/CHG-001-keys.md
# The CISO commits from a home address that .mailmap maps to work.
echo "Casey Ciso <ciso@example.com> <casey@home.example.net>" >.mailmap
commit "Casey <casey@home.example.net>" "Approve CHG-001"
approved=$(short HEAD)

echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys

ISMS-Change: CHG-001"
implemented=$(short HEAD)

# Uncommitted edits are not part of the log.
sed -i 's/^status: approved/status: implemented/' changes/CHG-001-keys.md

run_isms changes log
expect_status 0
expect_out "CHG-001  Require hardware keys  status      proposed  $planned"
expect_out "status      approved  $approved  2026-03-01  Casey Ciso <ciso@example.com>  ciso"
expect_out "implements  approved  $implemented"
expect_no_out "implemented  "
expect_out "source $(git rev-parse HEAD), isms.yaml blob $(git rev-parse HEAD:isms.yaml), isms "
expect_err "1 change, 4 commits walked"

run_isms changes log --format markdown
expect_status 0
expect_out "# Change log: Test Ltd"
expect_out "| CHG-001 | Require hardware keys | status | approved | $approved |"
expect_out "_source $(git rev-parse HEAD)"

run_isms changes log --format csv
expect_status 0
expect_out "id,title,event,status,commit,date,author,person,subject,stamp"
expect_out "CHG-001,Require hardware keys,implements,approved,$(git rev-parse HEAD),2026-03-01,Olu Ops <ops@example.com>,ops,Require keys,\"source "
[ "$(printf '%s\n' "$out" | wc -l)" -eq 4 ] || fail "expected a header and three rows"

run_isms changes log --format json
expect_status 0
expect_out '"commits_walked": 4'
expect_out '"id": "CHG-001"'
expect_out '"status": "approved"'
expect_out '"time": "2026-03-01T12:00:00+01:00"'
expect_out '"author_email": "ciso@example.com"'
expect_out '"person": "ciso"'
expect_out '"status_in_parent": "approved"'
expect_out '"isms_yaml_blob"'

# --rev stops the history at a revision.
run_isms changes log --rev HEAD~2
expect_status 0
expect_out "$planned"
expect_no_out "$approved"
expect_out "source $(git rev-parse HEAD~2)"

# The record moves and is deleted; its history stays in the log.
git checkout -q changes/CHG-001-keys.md
mkdir -p changes/2026
git mv changes/CHG-001-keys.md changes/2026/CHG-001-keys.md
commit "$OPS" "File changes by year"
git rm -q changes/2026/CHG-001-keys.md
commit "$OPS" "Drop CHG-001"
run_isms changes log --format json
expect_status 0
expect_out '"path": "changes/2026/CHG-001-keys.md"'
expect_out '"deleted": true'
expect_out '"status": "deleted"'

# Usage.
run_isms changes log --help
expect_status 0
expect_out "usage: isms changes log"
run_isms changes log --format xml
expect_status 2
run_isms changes log extra
expect_status 2
expect_err "unexpected argument 'extra'"
run_isms changes log --rev no-such-rev
expect_status 2
expect_err "'no-such-rev'"

# A shallow clone cannot show the whole history.
git clone -q --depth 1 "file://$repo" "$scratch/shallow"
cd "$scratch/shallow" || fail "cannot enter the shallow clone"
run_isms changes log
expect_status 2
expect_err "shallow clone"
exit 0
