#!/usr/bin/env bash
# isms changes check against attempts to get an unplanned change through.
# Each attempt is a real history built with the git command line in its
# own repository, and each must be reported with its rule id. The last
# cases are limits that git history alone cannot close; they pin what the
# tool does there, as docs/change-control.md states it.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_DATE=2026-03-01T12:00:00Z GIT_COMMITTER_DATE=2026-03-01T12:00:00Z

OPS="Olu Ops <ops@example.com>"
CISO="Casey Ciso <ciso@example.com>"
CTO="Taylor Cto <cto@example.com>"
caught_count=0

short() {
	git rev-parse --short=8 "$1"
}

# git as ops, for merges.
git_ops() {
	git -c user.name="Olu Ops" -c user.email=ops@example.com "$@"
}

# write_change ID STATUS SCOPE [APPROVER [TYPE]]: a complete change record.
write_change() {
	local id=$1 status=$2 scope=$3 approver=${4:-} type=${5:-normal}
	mkdir -p changes
	{
		printf -- '---\nid: %s\ntitle: Change %s\nstatus: %s\ntype: %s\n' \
			"$id" "$id" "$status" "$type"
		printf 'requested_by: ops\npurpose: Stop phishing\n'
		printf 'consequences: Admins need keys\nintegrity: Policy and risks together\n'
		printf 'resources: Two days\nresponsibilities: ops rolls out\n'
		printf 'scope: [%s]\n' "$scope"
		if [ -n "$approver" ]; then
			printf 'approved_by: %s\napproved_on: 2026-03-01\n' "$approver"
		fi
		printf -- '---\n'
	} >"changes/$id-change.md"
}

# setup NAME: a repository with CHG-001 (scope policies/access.md) planned
# by ops and approved by the CISO; $base is the approval.
setup() {
	new_repo "$1"
	write_minimal_isms
	sed -i 's|^  uncontrolled: \["README.md"\]|  uncontrolled: ["README.md", "scratch/**"]\n  emergency_approval_within: 5 days|' isms.yaml
	mkdir -p policies
	echo "Access policy v1" >policies/access.md
	echo "Backup policy v1" >policies/backup.md
	commit "$OPS" "Start the ISMS"
	write_change CHG-001 proposed policies/access.md
	commit "$OPS" "Plan CHG-001"
	write_change CHG-001 approved policies/access.md ciso
	commit "$CISO" "Approve CHG-001"
	base=$(git rev-parse HEAD)
}

# expect_finding RULE COMMIT: the last run reported RULE on COMMIT.
expect_finding() {
	expect_status 1
	printf '%s\n' "$out" | grep -qE "^$(short "$2") .*\\[$1\\]$" ||
		fail "no [$1] finding on commit $(short "$2")"
	caught_count=$((caught_count + 1))
}

# The honest path is quiet: ops implements what the CISO approved.
setup honest
echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_status 0

# 1. The approver implements their own change.
setup self-approval
echo "Access policy v2" >policies/access.md
commit "$CISO" "Require keys

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-self-approved HEAD

# 2. Approval in the same commit as the work.
setup same-commit
write_change CHG-002 proposed policies/backup.md
commit "$OPS" "Plan CHG-002"
write_change CHG-002 approved policies/backup.md ciso
echo "Backup policy v2" >policies/backup.md
commit "$CISO" "Approve and do CHG-002

ISMS-Change: CHG-002"
run_isms changes check "$base..HEAD"
expect_finding change-not-approved HEAD

# 3. The scope widened after approval, then used.
setup widened
write_change CHG-001 approved "policies/access.md, policies/backup.md" ciso
commit "$OPS" "Tidy CHG-001"
widened=$(git rev-parse HEAD)
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Edit backup policy

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-frozen-edited "$widened"

# 4. isms.yaml narrowed on the branch, then an unplanned edit: the
# narrowing commit is judged by the policy before it.
setup narrowed
sed -i 's|^  controlled: \["\*\*"\]|  controlled: ["risks/**"]|' isms.yaml
commit "$OPS" "Narrow change control"
narrowed=$(git rev-parse HEAD)
echo "Access policy v2" >policies/access.md
commit "$OPS" "Edit access policy"
run_isms changes check "$base..HEAD"
expect_finding change-no-trailer "$narrowed"
expect_out "controlled path 'isms.yaml'"

# 5. Segregation of duties switched off under cover of an approved
# change, then the approver implements it.
setup sod-off
printf '  segregation_of_duties: false\n' >>isms.yaml
commit "$OPS" "Simplify change control

ISMS-Change: CHG-001"
off=$(git rev-parse HEAD)
echo "Access policy v2" >policies/access.md
commit "$CISO" "Require keys

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-out-of-scope "$off"
expect_out "'isms.yaml' is outside the scope of CHG-001"

# 6. A controlled file renamed out of the controlled paths.
setup renamed
mkdir -p scratch
git mv policies/backup.md scratch/backup.md
commit "$OPS" "Park the backup policy

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-out-of-scope HEAD
expect_out "renames 'policies/backup.md' to 'scratch/backup.md'"

# 7. A change record deleted, then named.
setup deleted
git rm -q changes/CHG-001-change.md
commit "$OPS" "Archive CHG-001"
deleted=$(git rev-parse HEAD)
echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-no-trailer "$deleted"
expect_finding change-not-approved HEAD

# 8. The trailer in the body instead of the trailer block.
setup body-trailer
echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys

ISMS-Change: CHG-001

Reviewed in the weekly meeting."
run_isms changes check "$base..HEAD"
expect_finding change-no-trailer HEAD

# 9. A merge that slips in an edit beyond both parents (an evil merge).
setup evil-merge
git checkout -q -b side
echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys

ISMS-Change: CHG-001"
git checkout -q main
echo "# Our ISMS" >README.md
commit "$OPS" "Add a README"
git_ops merge -q --no-commit --no-ff side >/dev/null
echo "Backup policy v2" >policies/backup.md
git add policies/backup.md
git_ops commit -q --no-edit
run_isms changes check "$base..HEAD"
expect_finding change-no-trailer HEAD
expect_out "controlled path 'policies/backup.md' but"
expect_no_out "controlled path 'policies/access.md'"
# With --first-parent the merge is judged by all it brings in.
run_isms changes check --first-parent "$base..HEAD"
expect_finding change-no-trailer HEAD
expect_out "controlled path 'policies/access.md' and 1 more"

# 10. A rejected change named.
setup rejected
write_change CHG-003 proposed policies/backup.md
commit "$OPS" "Plan CHG-003"
write_change CHG-003 rejected policies/backup.md
commit "$CISO" "Reject CHG-003"
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Edit backup policy

ISMS-Change: CHG-003"
run_isms changes check "$base..HEAD"
expect_finding change-closed HEAD
expect_out "which was already 'rejected'"

# 11. A withdrawn change named.
setup withdrawn
write_change CHG-001 withdrawn policies/access.md ciso
commit "$CISO" "Withdraw CHG-001"
echo "Access policy v2" >policies/access.md
commit "$OPS" "Require keys anyway

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-closed HEAD
expect_out "which was already 'withdrawn'"

# 12. An emergency change never approved in time.
setup emergency
write_change CHG-004 proposed policies/backup.md "" emergency
commit "$OPS" "Plan emergency CHG-004"
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Restore backups

ISMS-Change: CHG-004"
run_isms --today 2026-03-20 changes check "$base..HEAD"
expect_finding change-emergency-unapproved HEAD
expect_out "was not approved by the deadline 2026-03-06"

# 13. An approval committed from an address that matches no person.
setup stranger
write_change CHG-002 proposed policies/backup.md
commit "$OPS" "Plan CHG-002"
write_change CHG-002 approved policies/backup.md ciso
commit "Casey Ciso <casey@personal.example>" "Approve CHG-002"
run_isms changes check "$base..HEAD"
expect_finding change-approver-unknown HEAD
expect_out "its author <casey@personal.example> matches no person"

# 14. Someone records the approval for the approver.
setup approved-by-other
write_change CHG-002 proposed policies/backup.md
commit "$OPS" "Plan CHG-002"
write_change CHG-002 approved policies/backup.md ciso
commit "$OPS" "Approve CHG-002 as agreed"
run_isms changes check "$base..HEAD"
expect_finding change-approver-not-author HEAD

# 15. A case-variant path: the tree stores "Risks/", the policy controls
# "risks/**". Controlled globs ignore case, because a checkout on a
# case-insensitive file system puts both in one folder.
setup case-variant
sed -i 's|^  controlled: \["\*\*"\]|  controlled: ["risks/**", "changes/**", "isms.yaml"]|' isms.yaml
commit "$OPS" "Control risks only

ISMS-Change: CHG-001"
narrowed=$(git rev-parse HEAD)
mkdir -p Risks
printf -- '---\nid: RSK-009\ntitle: Quiet risk\n---\n' >Risks/RSK-009-quiet.md
commit "$OPS" "Add a risk"
run_isms changes check "$narrowed..HEAD"
expect_finding change-no-trailer HEAD
expect_out "controlled path 'Risks/RSK-009-quiet.md'"
# With the default "**" every spelling is controlled. The check reads
# paths from the tree, so core.ignorecase (which a checkout on a
# case-insensitive file system sets) changes nothing.
setup case-default
mkdir -p Policies
echo "Shadow policy" >Policies/Access.md
commit "$OPS" "Add a shadow policy

ISMS-Change: CHG-001"
git config core.ignorecase true
run_isms changes check "$base..HEAD"
expect_finding change-out-of-scope HEAD
expect_out "'Policies/Access.md' is outside the scope of CHG-001"

# 16. A change named by a prefix of its id, or in lower case.
setup prefix
for id in CHG-00 CHG-1 chg-001; do
	echo "Access policy $id" >policies/access.md
	commit "$OPS" "Require keys

ISMS-Change: $id"
	run_isms changes check "HEAD~1..HEAD"
	expect_finding change-not-approved HEAD
	expect_out "names change '$id', which did not exist"
done

# 17. Dates set back so the work seems to come before the approval. The
# order comes from the commit graph: the approval must be an ancestor.
setup backdated
write_change CHG-002 proposed policies/backup.md
commit "$OPS" "Plan CHG-002"
echo "Backup policy v2" >policies/backup.md
GIT_AUTHOR_DATE=2026-04-01T12:00:00Z GIT_COMMITTER_DATE=2026-04-01T12:00:00Z \
	commit "$OPS" "Edit backup policy

ISMS-Change: CHG-002"
early=$(git rev-parse HEAD)
write_change CHG-002 approved policies/backup.md ciso
GIT_AUTHOR_DATE=2026-02-01T12:00:00Z GIT_COMMITTER_DATE=2026-02-01T12:00:00Z \
	commit "$CISO" "Approve CHG-002"
run_isms changes check "$base..HEAD"
expect_finding change-not-approved "$early"
# The other way round is fine whatever the dates: approval is an ancestor.
echo "Backup policy v3" >policies/backup.md
GIT_AUTHOR_DATE=2026-01-15T12:00:00Z GIT_COMMITTER_DATE=2026-01-15T12:00:00Z \
	commit "$OPS" "Edit backup policy again

ISMS-Change: CHG-002"
run_isms changes check "HEAD~1..HEAD"
expect_status 0

# 18. A commit dated before a `since` date, made on judged history.
setup since-date
sed -i 's|^  trailer: ISMS-Change|  trailer: ISMS-Change\n  since: 2026-02-15|' isms.yaml
commit "$OPS" "Judge from mid-February

ISMS-Change: CHG-001"
echo "Access policy v2" >policies/access.md
GIT_COMMITTER_DATE=2025-06-01T12:00:00Z commit "$OPS" "Old edit, surely"
run_isms changes check
expect_finding change-no-trailer HEAD

# 19. A branch forked before `since`, backdated, and merged after it:
# what the merge takes from the unjudged branch is judged on the merge.
new_repo since-branch
write_minimal_isms
sed -i 's|^  trailer: ISMS-Change|  trailer: ISMS-Change\n  since: 2026-02-15|' isms.yaml
mkdir -p policies
echo "Access policy v1" >policies/access.md
GIT_COMMITTER_DATE=2026-01-10T12:00:00Z commit "$OPS" "Start the ISMS"
git checkout -q -b side
echo "Access policy v2" >policies/access.md
GIT_COMMITTER_DATE=2026-01-11T12:00:00Z commit "$OPS" "Edit access policy"
git checkout -q main
echo "# Our ISMS" >README.md
commit "$OPS" "Add a README"
git_ops merge -q --no-ff -m "Merge side" side
run_isms changes check
expect_finding change-no-trailer HEAD
expect_out "controlled path 'policies/access.md'"

# 20. A duplicate of an approved record with a wider scope.
setup duplicate
mkdir -p changes/old
sed 's|^scope: .*|scope: ["policies/**"]|' changes/CHG-001-change.md \
	>changes/old/CHG-001-copy.md
commit "$OPS" "Keep a copy of CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-frozen-edited HEAD

# 21. An approved record given a new id and a wider scope.
setup new-id
sed -i 's|^id: CHG-001|id: CHG-009|; s|^scope: .*|scope: ["policies/**"]|' \
	changes/CHG-001-change.md
git mv changes/CHG-001-change.md changes/CHG-009-change.md
commit "$OPS" "Renumber CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-approver-not-author HEAD
expect_out "approval of change 'CHG-009' by 'ciso'"

# 22. Ops grants themselves the approver role and approves in one commit:
# the commit is judged by the policy before it.
setup self-grant
sed -i 's|^  ops: {name: Olu Ops, email: \[ops@example.com\]}|  ops: {name: Olu Ops, email: [ops@example.com], roles: [change-approver]}|' isms.yaml
write_change CHG-002 approved policies/backup.md ops
commit "$OPS" "Approve CHG-002"
run_isms changes check "$base..HEAD"
expect_finding change-approver-role HEAD
expect_finding change-no-trailer HEAD

# 23. A controlled file replaced by a symbolic link.
setup symlink
rm policies/backup.md
ln -s /etc/hostname policies/backup.md
commit "$OPS" "Point the backup policy elsewhere"
run_isms changes check "$base..HEAD"
expect_finding change-no-trailer HEAD

# 24. The branch under review moves `since` past its own commits: with a
# range, `since` comes from the base of the range, not from the branch.
setup since-moved
sed -i 's|^  trailer: ISMS-Change|  trailer: ISMS-Change\n  since: 2026-01-01|' isms.yaml
commit "$CISO" "Judge from January

ISMS-Change: CHG-001"
pr_base=$(git rev-parse HEAD)
sed -i 's|^  since: 2026-01-01|  since: 2099-01-01|' isms.yaml
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Tidy up"
run_isms changes check "$pr_base..HEAD"
expect_finding change-no-trailer HEAD

# expect_stopped TEXT: the last run refused to judge, saying TEXT.
expect_stopped() {
	expect_status 2
	expect_err "$1"
	caught_count=$((caught_count + 1))
}

# 25. An emergency fix dated far ahead, so its deadline never comes: the
# date is reported, and the deadline runs from today.
setup future-date
write_change CHG-004 proposed policies/backup.md "" emergency
commit "$OPS" "Plan emergency CHG-004"
echo "Backup policy v2" >policies/backup.md
GIT_AUTHOR_DATE=2099-01-01T12:00:00Z GIT_COMMITTER_DATE=2099-01-01T12:00:00Z \
	commit "$OPS" "Restore backups

ISMS-Change: CHG-004"
run_isms --today 2026-12-04 changes check "$base..HEAD"
expect_finding change-future-date HEAD
expect_out "commit date 2099-01-01 is after today (2026-12-04)"
expect_out "it must be approved by 2026-12-09"

# 26. A late emergency approval whose approved_on is set back into the
# window: the date of the approving commit counts.
setup backdated-approval
write_change CHG-004 proposed policies/backup.md "" emergency
commit "$OPS" "Plan emergency CHG-004"
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Restore backups

ISMS-Change: CHG-004"
fix=$(git rev-parse HEAD)
write_change CHG-004 approved policies/backup.md ciso emergency
GIT_AUTHOR_DATE=2026-03-20T12:00:00Z GIT_COMMITTER_DATE=2026-03-20T12:00:00Z \
	commit "$CISO" "Approve CHG-004"
run_isms --today 2026-12-04 changes check "$base..HEAD"
expect_finding change-emergency-unapproved "$fix"
expect_out "on 2026-03-20, after the deadline 2026-03-06 (its approved_on 2026-03-01 is earlier than that commit)"

# 27. An approved normal change turned into an emergency one.
setup to-emergency
write_change CHG-001 approved policies/access.md ciso emergency
commit "$OPS" "Reclassify CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-frozen-edited HEAD
expect_out "edits the type (normal to emergency) of change 'CHG-001'"

# 28. `since` moved into the future, so nothing would be judged.
setup since-future
sed -i 's|^  trailer: ISMS-Change|  trailer: ISMS-Change\n  since: 2099-01-01|' isms.yaml
commit "$CISO" "Judge from 2099

ISMS-Change: CHG-001"
echo "Backup policy v2" >policies/backup.md
commit "$OPS" "Tidy up"
run_isms --today 2026-12-04 changes check
expect_stopped "change_control.since '2099-01-01' in isms.yaml is after today (2026-12-04), so no commit would be judged"

# 29. `since` set to a commit of an unrelated history.
setup since-unrelated
git checkout -q --orphan elsewhere
git rm -rqf .
echo "Unrelated" >other.md
commit "$OPS" "Start something else"
elsewhere=$(git rev-parse HEAD)
git checkout -q main
sed -i "s|^  trailer: ISMS-Change|  trailer: ISMS-Change\n  since: $elsewhere|" isms.yaml
commit "$CISO" "Judge from there

ISMS-Change: CHG-001"
run_isms changes check
expect_stopped "change_control.since '$elsewhere' in isms.yaml shares no history with HEAD"

# 30. An `uncontrolled` glob that exempts every path: the commit is judged
# by the policy before it, and isms check warns about the new policy.
setup exempt-all
sed -i 's|^  uncontrolled: .*|  uncontrolled: ["README.md", "**"]|' isms.yaml
commit "$OPS" "Exempt drafts

ISMS-Change: CHG-001"
run_isms changes check "$base..HEAD"
expect_finding change-out-of-scope HEAD
run_isms check --today 2026-12-04
expect_out "'uncontrolled' glob '**' matches every path;"
expect_out "[config-change-control-off]"

[ "$caught_count" -ge 15 ] || fail "only $caught_count attempts were caught"
echo "tamper: $caught_count attempts caught"

# Limits. An author can put the approver's name and address on a commit:
# without signatures, git cannot tell the two apart, so this passes.
setup spoofed
write_change CHG-002 proposed policies/backup.md
commit "$OPS" "Plan CHG-002"
write_change CHG-002 approved policies/backup.md ciso
commit "$CISO" "Approve CHG-002"
git log -1 --format=%GK HEAD | grep -q . && fail "the spoofed commit is signed"
run_isms changes check "$base..HEAD"
expect_status 0
exit 0
