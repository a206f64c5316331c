#!/usr/bin/env bash
# Output for CI: isms check and isms changes check with --format github
# (GitHub Actions workflow commands) and --format sarif (SARIF 2.1.0), for
# an ISMS in a subfolder, whose paths must come out relative to the top of
# the repository.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1796428800	# 2026-12-04
export GIT_AUTHOR_DATE=2026-12-01T12:00:00Z GIT_COMMITTER_DATE=2026-12-01T12:00:00Z

# Checks that stdout is JSON, where python3 can tell.
expect_json() {
	if command -v python3 >/dev/null 2>&1; then
		printf '%s\n' "$out" | python3 -m json.tool >/dev/null ||
			fail "stdout is not valid JSON"
	fi
}

new_repo formats
mkdir -p app compliance
echo "code" >app/main.c
cd compliance || fail "cannot enter compliance"
write_minimal_isms
mkdir -p risks policies
cat >risks/RSK-001-laptop-theft.md <<'MD'
---
id: RSK-001
title: Laptop theft exposes customer data
owner: ops
status: assessed
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
review: {last: 2026-10-01, next: 2027-01-01}
---
MD
echo "Access policy v1" >policies/access.md
commit "Olu Ops <ops@example.com>" "Start the ISMS"
cd "$repo" || fail "cannot enter $repo"

# test_check_format_github_clean: no findings, no commands.
run_isms -C compliance check --format github
expect_status 0
[ -z "$out" ] || fail "github format printed something for a clean ISMS"

# test_check_format_sarif_clean: a log with no results.
run_isms -C compliance check --format sarif
expect_status 0
expect_json
expect_out '"version": "2.1.0"'
expect_out '"results": []'

# A record with an odd name and two errors, and a warning.
odd='compliance/risks/RSK-002-gäste "wlan", it'\''s.md'
sed -e 's/^id: RSK-001/id: RSK-002/' -e 's/^owner: ops$/owner: nobody\nbogus: 1/' \
	compliance/risks/RSK-001-laptop-theft.md >"$odd"

# test_check_format_github: one command per finding, paths from the top,
# ',' and ':' escaped in properties.
cat >"$scratch/expected" <<'EOF'
::error file=compliance/risks/RSK-002-gäste "wlan"%2C it's.md,line=4,col=8,title=ref-unknown-person::risk owner 'nobody' is not in 'people' of isms.yaml; add them there or name someone who is
::error file=compliance/risks/RSK-002-gäste "wlan"%2C it's.md,line=5,col=1,title=unknown-key::unknown key 'bogus' in risk
EOF
run_isms -C compliance check --format github
expect_status 1
diff -u "$scratch/expected" <(printf '%s\n' "$out") ||
	fail "github output differs from the expected commands"
[ -z "$err" ] || fail "github format wrote to stderr: $err"

# The same from inside the ISMS: paths stay relative to the top.
(cd compliance/risks && run_isms check --format github &&
	diff -u "$scratch/expected" <(printf '%s\n' "$out")) ||
	fail "github paths depend on the current directory"

# test_check_format_sarif: rules, results and percent-encoded locations.
run_isms -C compliance check --format sarif
expect_status 1
expect_json
expect_out '"$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"'
expect_out '"name": "isms"'
expect_out '"id": "ref-unknown-person"'
expect_out '"text": "an owner, approver or signer that is not a key of people"'
expect_out '"ruleId": "unknown-key"'
expect_out '"level": "error"'
expect_out '"uri": "compliance/risks/RSK-002-g%C3%A4ste%20%22wlan%22%2C%20it%27s.md"'
expect_out '"startLine": 5'
expect_out '"startColumn": 1'
if command -v python3 >/dev/null 2>&1; then
	printf '%s\n' "$out" | python3 -c '
import json, sys
log = json.load(sys.stdin)
run = log["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert rules == sorted(set(rules)), rules
for result in run["results"]:
    assert rules[result["ruleIndex"]] == result["ruleId"], result
    assert result["message"]["text"], result
' || fail "the SARIF rules and results do not match"
fi

# test_check_format_invalid: the list of formats in the message.
run_isms check --format xml
expect_status 2
expect_err "invalid format 'xml' for check; use text, json, github or sarif"

rm "$odd"

# Change control: an unplanned edit, then a commit naming an unknown change.
echo "Access policy v2" >compliance/policies/access.md
commit "Jane Doe <jane@example.com>" "Edit access policy"
unplanned=$(git rev-parse HEAD)
echo "Access policy v3" >compliance/policies/access.md
commit "Olu Ops <ops@example.com>" "Edit again

ISMS-Change: CHG-007"
unknown=$(git rev-parse HEAD)

# test_changes_format_github: file= where the finding has a path.
run_isms -C compliance changes check "$unplanned~1..HEAD" --format github
expect_status 1
cat >"$scratch/expected" <<EOF
::error file=compliance/policies/access.md,title=change-no-trailer::${unplanned:0:8} "Edit access policy": commit touches controlled path 'policies/access.md' but names no change in an 'ISMS-Change:' trailer%0Afix: plan the change in a change record under changes/, have it approved, then end the commit message with an 'ISMS-Change: CHG-NNN' trailer
::error title=change-not-approved::${unknown:0:8} "Edit again": commit names change 'CHG-007', which did not exist in the parent commit%0Afix: have CHG-007 approved (status 'approved', approved_by, approved_on) in a commit before the one that implements it
EOF
diff -u "$scratch/expected" <(printf '%s\n' "$out") ||
	fail "changes github output differs from the expected commands"

# test_changes_format_sarif: commit ids in properties and fingerprints.
run_isms -C compliance changes check "$unplanned~1..HEAD" --format sarif
expect_status 1
expect_json
expect_out '"ruleId": "change-no-trailer"'
expect_out '"uri": "compliance/policies/access.md"'
expect_out "\"commit\": \"$unplanned\""
expect_out "\"ismsChangeFinding/v1\": \"$unplanned:policies/access.md:\""
expect_out "\"ismsChangeFinding/v1\": \"$unknown::CHG-007\""
expect_out '"change": "CHG-007"'
expect_out '"author": "Jane Doe <jane@example.com>"'

run_isms changes check --format xml
expect_status 2
expect_err "use text, json, github or sarif"

# test_changes_format_shallow_clone: CI with a shallow checkout gets exit
# status 2, a hint, and no output a tool could mistake for a clean result.
git clone -q --depth 1 "file://$repo" "$scratch/shallow"
cd "$scratch/shallow/compliance" || fail "cannot enter the shallow clone"
run_isms changes check --format sarif
expect_status 2
[ -z "$out" ] || fail "a shallow clone printed SARIF"
expect_err "shallow clone"
expect_err "fetch-depth: 0"

exit 0
