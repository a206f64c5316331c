#!/usr/bin/env bash
# Replay how the example ISMS grew as a git history, then run isms on it.
#
# Usage: bash tests/demo.sh ISMS_BINARY
#
# The script builds a throwaway repository in which every change to the ISMS
# is proposed by its requester, approved by a different person who has the
# change-approver role, and carried out in commits that name the change in an
# ISMS-Change trailer. Exactly one commit breaks these rules: an engineer
# edits a risk record without naming a change. The final tree equals
# example-isms/, whose records have exactly one error on purpose: the
# acceptance of RSK-007 ended on 2026-11-30 and nobody renewed it. So
# `isms check` and `isms acceptances` must exit 1 and report that one
# acceptance, and `isms changes check` must exit 1 and report that one
# commit.
#
# Names, e-mail addresses and commit dates are fixed, so the commit ids are
# the same on every run.

set -euo pipefail
export LC_ALL=C

die() {
	printf 'demo: %s\n' "$*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: bash tests/demo.sh ISMS_BINARY"
isms=$1
command -v "$isms" >/dev/null || die "isms binary '$isms' not found or not executable (build it with make)"

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../example-isms" && pwd) ||
	die "example-isms/ not found next to tests/"
today=2026-12-04

# Keep the user's and the system's git configuration (hooks, signing,
# templates) out of the replay.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
# Date-dependent results follow this date even where no --today is passed.
SOURCE_DATE_EPOCH=$(date -u -d "$today" +%s)
export SOURCE_DATE_EPOCH

repo=$(mktemp -d "${TMPDIR:-/tmp}/isms-demo.XXXXXX")
# DEMO_KEEP=1 keeps the replayed repository for a look around afterwards.
if [ -z "${DEMO_KEEP:-}" ]; then
	trap 'rm -rf "$repo"' EXIT
fi

# People from example-isms/isms.yaml who author commits. Each commit uses the
# first e-mail address the person has there.
declare -A name email
name[ceo]="Helen Marsh";          email[ceo]=helen.marsh@northwindledger.example
name[cto]="Rafael Ortiz";         email[cto]=rafael.ortiz@northwindledger.example
name[finance-lead]="Martin Keane"; email[finance-lead]=martin.keane@northwindledger.example
name[ciso]="Priya Natarajan";     email[ciso]=priya.natarajan@northwindledger.example
name[ops-lead]="Tomasz Nowak";    email[ops-lead]=tomasz.nowak@northwindledger.example
name[sec-eng]="Lena Fischer";     email[sec-eng]=lena.fischer@northwindledger.example
name[sre-1]="Kofi Mensah";        email[sre-1]=kofi.mensah@northwindledger.example

for person in "${!email[@]}"; do
	grep -qF "${email[$person]}" "$src/isms.yaml" ||
		die "${email[$person]} ($person) is missing from example-isms/isms.yaml"
done

# --- Files --------------------------------------------------------------

# Print the path, relative to the ISMS root, of the record with id $1.
record_path() {
	local id=$1 folder matches
	case $id in
	RSK-*) folder=risks ;;
	OBJ-*) folder=objectives ;;
	OPP-*) folder=opportunities ;;
	CHG-*) folder=changes ;;
	*) folder=context ;;
	esac
	matches=("$src/$folder/$id"-*.md)
	[ ${#matches[@]} -eq 1 ] && [ -f "${matches[0]}" ] ||
		die "expected one file for $id in example-isms/$folder"
	printf '%s/%s\n' "$folder" "$(basename "${matches[0]}")"
}

# Copy files from example-isms/ unchanged (their final version).
put() {
	local path
	for path; do
		mkdir -p "$repo/$(dirname "$path")"
		cp "$src/$path" "$repo/$path"
	done
}

# Copy every Markdown file of folder $1 unchanged.
put_folder() {
	local path
	for path in "$src/$1"/*.md; do
		put "$1/$(basename "$path")"
	done
}

# Write path $1 from the output of the command that follows, which reads
# the final version on stdin.
put_filtered() {
	local path=$1
	shift
	mkdir -p "$repo/$(dirname "$path")"
	"$@" <"$src/$path" >"$repo/$path"
}

# Write change record $1 as it stood in state $2: proposed, approved,
# implemented or final. Earlier states drop the fields that later steps add.
# Purpose, scope and consequences are never touched, because they are frozen
# once a change is approved.
put_change() {
	local id=$1 state=$2 path
	path=$(record_path "$id")
	case $state in
	proposed)
		put_filtered "$path" sed -e 's/^status: .*/status: proposed/' \
			-e '/^approved_by:/d' -e '/^approved_on:/d' \
			-e '/^implemented_on:/d' -e '/^review:/,/^---$/{/^---$/!d}' ;;
	approved)
		put_filtered "$path" sed -e 's/^status: .*/status: approved/' \
			-e '/^implemented_on:/d' -e '/^review:/,/^---$/{/^---$/!d}' ;;
	implemented)
		put_filtered "$path" sed -e 's/^status: .*/status: implemented/' \
			-e '/^review:/,/^---$/{/^---$/!d}' ;;
	final)
		put "$path" ;;
	*)
		die "unknown change state '$state'" ;;
	esac
}

# Risk records as written in the initial assessment of February 2026: first
# review cycle, and no links to objectives, which did not exist yet.
initial_risk() {
	sed -e 's/^review: .*/review: {last: 2026-02-16, next: 2026-05-16}/' \
		-e '/^objectives:/d'
}

# The legacy SFTP risk before its emergency closure: still in treatment,
# with its actions planned and no evidence yet.
initial_sftp_risk() {
	initial_risk |
		sed -e 's/^status: closed$/status: treating/' \
			-e 's/^      status: done$/      status: planned/' |
		awk '/^      evidence:/ { skip = /: >-$/; next }
		     skip && /^        / { next }
		     { skip = 0; print }'
}

# The same risk right after the emergency change, before the Q4 review.
closed_sftp_risk() {
	sed 's/^review: .*/review: {last: 2026-06-09, next: 2026-09-09}/'
}

# The ransomware risk before the unplanned edit added a last paragraph to
# its notes: drop that paragraph and the blank line before it.
ransomware_risk_before_edit() {
	sed '/^The EDR agent coverage report/,$d' | sed '$d'
}

initial_ransomware_risk() {
	ransomware_risk_before_edit | initial_risk
}

# Objectives as first approved on 2026-03-04: only measurements taken by
# then, and the restore objective still active.
initial_objective() {
	sed 's/^status: achieved$/status: active/' |
		awk -v cutoff=2026-03-04 '
			in_list && /^  - \{date: / {
				date = $0
				sub(/.*date: /, "", date)
				if (substr(date, 1, 10) <= cutoff)
					kept_lines = kept_lines $0 "\n"
				next
			}
			in_list {
				printf "%s", (kept_lines == "" ? "measurements: []\n" : "measurements:\n" kept_lines)
				in_list = 0
			}
			/^measurements:$/ { in_list = 1; kept_lines = ""; next }
			{ print }'
}

# The access control policy before the Q4 review required security keys.
initial_access_policy() {
	sed -e 's/^approved_on: .*/approved_on: 2025-12-12/' \
		-e '/^- Staff authenticate through single sign-on/c\
- Staff authenticate through single sign-on with multi-factor authentication.' \
		-e '/^  is allowed only until a person/d'
}

# The Statement of Applicability before the cross-region backups existed.
initial_soa() {
	sed '/^  - id: "8.14"$/,/^    status:/s/status: implemented/status: planned/'
}

# --- Commits ------------------------------------------------------------

# commit PERSON DATE SUBJECT [CHANGE-ID...]
# Commit everything in the work tree as PERSON (a key of people) at DATE. Each CHANGE-ID
# becomes an ISMS-Change trailer in the last paragraph of the message.
commit() {
	local person=$1 date=$2 subject=$3 id trailers=""
	shift 3
	local message=(-m "$subject")
	for id; do
		trailers+="ISMS-Change: $id"$'\n'
	done
	[ -z "$trailers" ] || message+=(-m "${trailers%$'\n'}")

	git -C "$repo" add -A
	git -C "$repo" diff --cached --quiet &&
		die "nothing to commit for '$subject'"
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
		git -C "$repo" -c user.name="${name[$person]}" -c user.email="${email[$person]}" \
		commit -q "${message[@]}"
}

git init -q -b main "$repo"

# Set up before change control starts (since: 2026-01-01), so not judged.
put isms.yaml README.md policies/information-security-policy.md \
	policies/risk-management-procedure.md policies/change-management-procedure.md
put_filtered policies/access-control-policy.md initial_access_policy
put_filtered controls/soa.yaml initial_soa
commit ciso 2025-12-15T16:00:00+00:00 "Set up the ISMS: criteria, SoA and policies"

# CHG-001 and CHG-002: context and the initial risk assessment.
put_change CHG-001 proposed
put_change CHG-002 proposed
commit ciso 2026-01-12T09:30:00+00:00 "Propose context records and the initial risk assessment"

put_change CHG-001 approved
put_change CHG-002 approved
commit cto 2026-01-14T11:00:00+00:00 "Approve CHG-001 and CHG-002"

put_folder context
commit ciso 2026-01-20T15:10:00+00:00 "Record issues and interested-party requirements" CHG-001

# Risks that later changes edit start from their February version. The
# others are already final.
late_risks=(RSK-001 RSK-002 RSK-003 RSK-004 RSK-005 RSK-006 RSK-007 RSK-008 RSK-009
	RSK-011 RSK-012 RSK-013 RSK-014 RSK-015 RSK-016 RSK-017 RSK-018
	RSK-019 RSK-022)
for id in "${late_risks[@]}"; do
	put_filtered "$(record_path "$id")" initial_risk
done
put_filtered "$(record_path RSK-010)" initial_ransomware_risk
put "$(record_path RSK-020)"
put_filtered "$(record_path RSK-021)" initial_sftp_risk
commit sec-eng 2026-02-16T17:45:00+00:00 "Add the initial risk register" CHG-002

put_change CHG-001 implemented
put_change CHG-002 implemented
put_change CHG-003 proposed
commit ciso 2026-02-23T10:00:00+00:00 "Close CHG-001 and CHG-002; propose 2026 objectives"

put_change CHG-003 approved
commit ceo 2026-02-25T14:20:00+00:00 "Approve CHG-003"

for path in "$src"/objectives/*.md; do
	put_filtered "objectives/$(basename "$path")" initial_objective
done
commit ciso 2026-03-04T12:00:00+00:00 "Set information security objectives for 2026 and 2027" CHG-003

put_change CHG-003 implemented
put_change CHG-001 final
put_change CHG-002 final
commit ciso 2026-03-06T09:15:00+00:00 "Record CHG-003 as implemented and review CHG-001 and CHG-002"

# CHG-004: emergency change, carried out before its approval.
put_change CHG-004 proposed
commit sre-1 2026-06-09T08:40:00+00:00 "Propose emergency shutdown of the legacy SFTP import"

put_filtered "$(record_path RSK-021)" closed_sftp_risk
commit sre-1 2026-06-09T09:20:00+00:00 "Close the legacy SFTP risk after shutting the server down" CHG-004

put_change CHG-004 approved
commit ciso 2026-06-11T08:30:00+00:00 "Approve emergency change CHG-004"

put_change CHG-004 final
commit ciso 2026-06-16T16:00:00+00:00 "Record CHG-004 as implemented and reviewed"

# CHG-005: encrypted database cluster and cross-region backups.
put_change CHG-005 proposed
commit ops-lead 2026-09-07T10:30:00+00:00 "Propose encrypted database cluster with cross-region backups"

put_change CHG-005 approved
commit ciso 2026-09-09T13:00:00+00:00 "Approve CHG-005"

put "$(record_path RSK-005)" "$(record_path RSK-006)" controls/soa.yaml
commit sre-1 2026-10-06T18:05:00+00:00 "Reassess database risks after the migration" CHG-005

# CHG-006: Q4 review of risks and objectives.
put_change CHG-005 implemented
put_change CHG-006 proposed
commit ciso 2026-10-12T09:00:00+00:00 "Record CHG-005 as implemented; propose the Q4 2026 review"

put_change CHG-006 approved
commit cto 2026-10-14T15:30:00+00:00 "Approve CHG-006"

for id in RSK-001 RSK-002 RSK-003 RSK-004 RSK-007 RSK-008 RSK-009 RSK-011 RSK-012 \
	RSK-013 RSK-014 RSK-015 RSK-016 RSK-017 RSK-018 RSK-019 RSK-021 RSK-022 \
	RSK-023 RSK-024 RSK-025 RSK-026; do
	put "$(record_path "$id")"
done
put_filtered "$(record_path RSK-010)" ransomware_risk_before_edit
put_folder objectives
put_folder opportunities
put policies/access-control-policy.md
commit ciso 2026-11-20T17:30:00+00:00 "Record the Q4 2026 risk and objectives review" CHG-006

# CHG-007: approved, not yet carried out.
put_change CHG-007 proposed
commit finance-lead 2026-11-24T11:00:00+00:00 "Propose a supplier security assessment procedure"

put_change CHG-007 approved
put_change CHG-006 implemented
put_change CHG-005 final
commit ciso 2026-11-26T10:45:00+00:00 "Approve CHG-007; record CHG-006 as implemented and review CHG-005"

# The one unplanned commit: an edit of a risk record that names no change.
put "$(record_path RSK-010)"
commit sre-1 2026-11-27T16:50:00+00:00 "Note where the EDR coverage report lives"
unplanned=$(git -C "$repo" rev-parse HEAD)

# CHG-008: proposed only.
put_change CHG-008 final
commit cto 2026-12-01T09:00:00+00:00 "Propose extending the ISMS scope to the mobile app"

if ! diff -r -x .git "$src" "$repo" >&2; then
	die "the replayed tree differs from example-isms/"
fi
printf 'Replayed %s commits into %s%s\n' "$(git -C "$repo" rev-list --count HEAD)" "$repo" \
	"$([ -n "${DEMO_KEEP:-}" ] && echo ' (kept)' || echo ' (removed on exit; set DEMO_KEEP=1 to keep it)')"

# --- Checks -------------------------------------------------------------

failed=0

# The one error the records keep on purpose.
expired_acceptance="risks/RSK-007-cloud-region-outage.md:.*acceptance expired on '2026-11-30'.*\\[acceptance-expired\\]"

printf '\n==> isms check --today %s\n' "$today"
set +e
output=$("$isms" -C "$repo" check --today "$today")
status=$?
set -e
printf '%s\n' "$output"
errors=$(grep -c ': error: ' <<<"$output" || true)
if [ "$status" -eq 1 ] && [ "$errors" -eq 1 ] && grep -q "$expired_acceptance" <<<"$output"; then
	printf 'demo: isms check found the intended finding: the acceptance of RSK-007 expired on 2026-11-30\n'
else
	printf 'demo: FAILED: expected exit status 1 and one error, the expired acceptance of RSK-007; got status %s and %s errors\n' \
		"$status" "$errors"
	failed=1
fi

# Reports print in full and exit 1 when the records have errors, as here.
printf '\n==> isms register --today %s\n' "$today"
set +e
"$isms" -C "$repo" register --today "$today"
status=$?
set -e
if [ "$status" -gt 1 ]; then
	printf 'demo: FAILED: isms register did not run\n'
	failed=1
fi

printf '\n==> isms acceptances --today %s\n' "$today"
set +e
output=$("$isms" -C "$repo" acceptances --today "$today")
status=$?
set -e
printf '%s\n' "$output"
if [ "$status" -eq 1 ] && grep -Eq '^RSK-007 .* expired ' <<<"$output" &&
	[ "$(grep -Ec ' (expired|stale|under-authorised|never-acceptable|incomplete) ' <<<"$output")" -eq 1 ]; then
	printf 'demo: isms acceptances shows the one acceptance that is no longer valid: RSK-007\n'
else
	printf 'demo: FAILED: expected exit status 1 and RSK-007 as the only acceptance not valid, got status %s\n' "$status"
	failed=1
fi

printf '\n==> isms plan --today %s\n' "$today"
set +e
output=$("$isms" -C "$repo" plan --today "$today")
status=$?
set -e
printf '%s\n' "$output"
if [ "$status" -le 1 ] && grep -Eq '^ops-lead +2026-11-30 +RSK-010 .* overdue' <<<"$output"; then
	printf 'demo: isms plan flags the overdue action A2 of RSK-010\n'
else
	printf 'demo: FAILED: expected the plan to flag action A2 of RSK-010 as overdue, got status %s\n' "$status"
	failed=1
fi

printf '\n==> isms objectives --today %s\n' "$today"
set +e
output=$("$isms" -C "$repo" objectives --today "$today")
status=$?
set -e
printf '%s\n' "$output"
if [ "$status" -le 1 ] && grep -Eq '^OBJ-003 .* achieved +2026-10-31 ' <<<"$output" &&
	grep -Eq '^OBJ-004 .* overdue +2026-11-30 ' <<<"$output" &&
	grep -Eq '^OBJ-005 .* at-risk +2027-06-30 ' <<<"$output"; then
	printf 'demo: isms objectives shows OBJ-003 achieved, OBJ-004 overdue and OBJ-005 at risk\n'
else
	printf 'demo: FAILED: expected OBJ-003 achieved, OBJ-004 overdue and OBJ-005 at risk, got status %s\n' "$status"
	failed=1
fi

printf '\n==> isms changes check\n'
set +e
output=$("$isms" -C "$repo" changes check 2>&1)
status=$?
set -e
printf '%s\n' "$output"
if [ "$status" -eq 1 ] && grep -q "${unplanned:0:7}" <<<"$output"; then
	printf 'demo: caught the unplanned commit %s (%s)\n' "${unplanned:0:12}" \
		"$(git -C "$repo" log -1 --format=%s "$unplanned")"
else
	printf 'demo: FAILED: expected exit status 1 and a finding for unplanned commit %s, got status %s\n' \
		"${unplanned:0:12}" "$status"
	failed=1
fi

exit "$failed"
