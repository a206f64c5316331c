#!/usr/bin/env bash
# isms changes check: findings, output formats, ranges, exit status, and
# the histories it refuses (shallow clones, missing range bases).
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_DATE=2026-03-01T12:00:00Z GIT_COMMITTER_DATE=2026-03-01T12:00:00Z

# Compares stdout with the file $1 and prints a diff when they differ.
expect_out_file() {
	if ! diff -u "$1" <(printf '%s\n' "$out"); then
		fail "stdout differs from the expected output"
	fi
}

short() {
	git rev-parse --short=8 "$1"
}

new_repo changes
write_minimal_isms
mkdir -p policies changes
echo "Access policy v1" >policies/access.md
commit "Olu Ops <ops@example.com>" "Start the ISMS"
start=$(git rev-parse HEAD)

echo "# Our ISMS" >README.md
commit "Olu Ops <ops@example.com>" "Add a README"

echo "Access policy v2" >policies/access.md
commit "Jane Doe <jane@example.com>" "Edit access policy"
unplanned=$(short HEAD)

cat >changes/CHG-001-hardware-keys.md <<'MD'
---
id: CHG-001
title: Require hardware keys
status: proposed
requested_by: ops
scope: [policies/access.md]
---
MD
commit "Olu Ops <ops@example.com>" "Plan CHG-001"

sed -i 's/^status: proposed/status: approved\napproved_by: ciso\napproved_on: 2026-03-01/' \
	changes/CHG-001-hardware-keys.md
commit "Casey Ciso <ciso@example.com>" "Approve CHG-001"
approved=$(git rev-parse HEAD)

echo "Access policy v3" >policies/access.md
commit "Olu Ops <ops@example.com>" "Require hardware keys

ISMS-Change: CHG-001"

echo "Backup policy" >policies/backup.md
commit "Olu Ops <ops@example.com>" "Add a backup policy

ISMS-Change: CHG-001"
outside=$(short HEAD)

echo "Access policy v4" >policies/access.md
commit "Olu Ops <ops@example.com>" "Tweak access policy

ISMS-Change: CHG-007"
unknown=$(short HEAD)

# The whole history, as text: the root commit, the unplanned edit, the
# backup policy outside CHG-001's scope and the unknown change.
cat >"$scratch/expected" <<EOF
$(short "$start") Olu Ops <ops@example.com> 2026-03-01 "Start the ISMS": error: commit touches controlled path 'isms.yaml' and 1 more but names no change in an 'ISMS-Change:' trailer [change-no-trailer]
  fix: plan the change in a change record under changes/, have it approved, then end the commit message with an 'ISMS-Change: CHG-NNN' trailer
$unplanned Jane Doe <jane@example.com> 2026-03-01 "Edit access policy": error: commit touches controlled path 'policies/access.md' but names no change in an 'ISMS-Change:' trailer [change-no-trailer]
  fix: plan the change in a change record under changes/, have it approved, then end the commit message with an 'ISMS-Change: CHG-NNN' trailer
$outside Olu Ops <ops@example.com> 2026-03-01 "Add a backup policy": error: commit adds 'policies/backup.md', but 'policies/backup.md' is outside the scope of CHG-001 (policies/access.md) [change-out-of-scope]
  fix: add 'policies/backup.md' to the scope of CHG-001 and have it approved again, or name a change whose scope covers it
$unknown Olu Ops <ops@example.com> 2026-03-01 "Tweak access policy": error: commit names change 'CHG-007', which did not exist in the parent commit [change-not-approved]
  fix: have CHG-007 approved (status 'approved', approved_by, approved_on) in a commit before the one that implements it
EOF
run_isms changes check
expect_status 1
expect_out_file "$scratch/expected"
[ "$err" = "isms: 8 commits judged, 4 findings" ] || fail "unexpected summary '$err'"

# The same from a subfolder, and quiet with -q.
(cd policies && run_isms changes check && expect_status 1 &&
	expect_out_file "$scratch/expected") || exit 1
run_isms -q changes check
expect_status 1
[ -z "$err" ] || fail "-q left '$err' on stderr"

# A range: only the commits after the approval.
run_isms changes check "$approved..HEAD"
expect_status 1
[ "$(printf '%s\n' "$out" | grep -c '^[0-9a-f]\{8\} ')" -eq 2 ] ||
	fail "expected two findings after the approval"
expect_err "3 commits judged, 2 findings"

# A clean range exits 0.
run_isms changes check "$approved..HEAD~2"
expect_status 0
[ -z "$out" ] || fail "a clean range printed findings"
expect_err "1 commit judged, 0 findings"

# JSON: the counter and one object per finding with the full commit id.
run_isms changes check --format json
expect_status 1
expect_out '"commits_judged": 8'
expect_out "\"commit\": \"$(git rev-parse HEAD)\""
expect_out '"rule": "change-out-of-scope"'
expect_out '"path": "policies/backup.md"'
expect_out '"change": "CHG-007"'
[ "$(printf '%s\n' "$out" | grep -c '"rule":')" -eq 4 ] ||
	fail "expected four findings in JSON"

# since: in isms.yaml limits the default range to the commits after it.
sed -i "s/^  trailer: ISMS-Change/  trailer: ISMS-Change\n  since: $approved/" isms.yaml
run_isms changes check
expect_status 1
expect_err "3 commits judged, 2 findings"
git checkout -q isms.yaml

# Usage and help.
run_isms changes --help
expect_status 0
expect_out "usage: isms changes check"
run_isms changes check --help
expect_status 0
expect_out "--first-parent"
run_isms changes check --format xml
expect_status 2
expect_err "invalid format 'xml'"
run_isms changes check A..B C..D
expect_status 2
run_isms changes log --format xml
expect_status 2
expect_err "invalid format 'xml' for changes log"
run_isms changes frobnicate
expect_status 2

# A range whose base is missing stops with a hint on fetching history.
run_isms changes check origin/main..HEAD
expect_status 2
expect_err "revision range 'origin/main..HEAD' not found"
expect_err "fetch-depth: 0"

# A shallow clone cannot prove approval.
git clone -q --depth 2 "file://$repo" "$scratch/shallow"
cd "$scratch/shallow" || fail "cannot enter the shallow clone"
run_isms changes check
expect_status 2
expect_err "shallow clone"
expect_err "git fetch --unshallow"

# An ISMS in a subfolder of a larger repository: paths outside it do not
# count, paths inside are shown relative to it.
new_repo mono
mkdir -p compliance/isms src
(cd compliance/isms && write_minimal_isms && mkdir policies &&
	echo "Policy" >policies/p.md)
echo "int main;" >src/app.c
commit "Olu Ops <ops@example.com>" "Start"
echo "int main(void);" >src/app.c
commit "Olu Ops <ops@example.com>" "Edit the app"
echo "Policy v2" >compliance/isms/policies/p.md
commit "Olu Ops <ops@example.com>" "Edit the policy"
cd compliance/isms || fail "cannot enter the ISMS"
run_isms changes check HEAD~2..HEAD
expect_status 1
expect_err "2 commits judged, 1 finding"
expect_out "controlled path 'policies/p.md'"
expect_no_out "src/app.c"

# Outside any git repository the check cannot run.
mkdir -p "$scratch/nogit"
cd "$scratch/nogit" || fail "cannot enter $scratch/nogit"
write_minimal_isms
run_isms changes check
expect_status 2
expect_err "git work tree"
exit 0
