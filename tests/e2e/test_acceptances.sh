#!/usr/bin/env bash
# isms acceptances: every risk acceptance with the roles it needs and has,
# its effective expiry and its status, in the four output formats.
. "$(dirname "$0")/lib.sh"

new_repo acceptances
write_minimal_isms
mkdir -p risks

# Writes risk $1 (slug $2) owned by ops at inherent rating $3 with the
# acceptance block on standard input.
accepted_risk() {
	{
		printf -- '---\nid: %s\ntitle: Risk %s\nowner: ops\nstatus: accepted\n' "$1" "$1"
		printf 'cia: [availability]\ninherent: %s\n' "$3"
		printf 'review: {last: 2026-11-01, next: 2027-02-01}\nacceptance:\n'
		cat
		printf -- '---\n'
	} >"risks/$1-$2.md"
}

accepted_risk RSK-001 valid '{likelihood: unlikely, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2026-06-01
  until: 2027-03-01
  rationale: Cheaper to recover than to prevent
  conditions: Reassess after an outage
  rating: {likelihood: unlikely, consequence: major}
YAML
commit "Olu Ops <ops@example.com>" "Accept a risk"

# test_acceptances_valid: a valid acceptance exits 0 and shows the roles.
run_isms acceptances --today 2026-12-04
expect_status 0
printf '%s\n' "$out" | grep -Eq '^RSK-001 +Risk RSK-001 +ops +unlikely x major +medium +risk-owner, risk-approver +ops \(risk-owner\); ciso \(risk-approver, change-approver\) +2026-06-01 +2027-03-01 +2027-03-01 +valid +Cheaper to recover than to prevent +Reassess after an outage$' ||
	fail "the valid acceptance row is wrong"
expect_out "1 acceptance: 1 valid"
expect_out "isms.yaml blob $(git hash-object isms.yaml)"

# The expiry without 'until' is acceptance_valid_for (12 months) after the date.
accepted_risk RSK-002 expired '{likelihood: unlikely, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2025-11-01
  rating: {likelihood: unlikely, consequence: major}
YAML
accepted_risk RSK-003 stale '{likelihood: unlikely, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2026-06-01
  rating: {likelihood: rare, consequence: major}
YAML
accepted_risk RSK-004 unauthorised '{likelihood: possible, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2026-10-01
  rating: {likelihood: possible, consequence: major}
YAML
accepted_risk RSK-005 never '{likelihood: likely, consequence: severe}' <<'YAML'
  by: [ops, cto]
  date: 2026-10-01
  rating: {likelihood: likely, consequence: severe}
YAML
commit "Olu Ops <ops@example.com>" "Accept more risks"

# test_acceptances_statuses: each status, problems first, and exit 1.
run_isms acceptances --today 2026-12-04
expect_status 1
order=$(printf '%s\n' "$out" | grep -Eo '^RSK-00[0-9]')
[ "$order" = "$(printf '%s\n' RSK-005 RSK-003 RSK-004 RSK-002 RSK-001)" ] ||
	fail "acceptances are not ordered by status: $order"
printf '%s\n' "$out" | grep -Eq '^RSK-002 .* 2025-11-01 +2026-11-01 +expired' ||
	fail "RSK-002 does not expire 12 months after its date"
printf '%s\n' "$out" | grep -Eq '^RSK-003 .* rare x major +medium .* stale' ||
	fail "RSK-003 is not stale"
printf '%s\n' "$out" | grep -Eq '^RSK-004 .* high +risk-owner, top-management +ops \(risk-owner\); ciso \(risk-approver, change-approver\) +top-management +2026-10-01 +2027-04-01 +under-authorised' ||
	fail "RSK-004 is not under-authorised for lack of top-management"
printf '%s\n' "$out" | grep -Eq '^RSK-005 .* critical +never .* never-acceptable' ||
	fail "RSK-005 is not never-acceptable"
expect_out "5 acceptances: 1 valid, 1 expired, 1 under-authorised, 1 stale, 1 never-acceptable"
expect_err "the records have"

# The statuses agree with isms check.
run_isms check --today 2026-12-04
expect_status 1
expect_out "[acceptance-expired]"
expect_out "[acceptance-stale]"
expect_out "[acceptance-unauthorised]"
expect_out "[acceptance-never]"

# test_acceptances_markdown: headed by organisation, scope and stamp.
run_isms acceptances --today 2026-12-04 --format markdown
expect_status 1
expect_out "# Risk acceptances"
expect_out "- Organisation: Test Ltd"
expect_out "- Scope: Everything"
expect_out "- isms.yaml blob: $(git hash-object isms.yaml)"
expect_out "- As of: 2026-12-04"
expect_out "| RSK-002 | Risk RSK-002 | ops | unlikely x major | medium | risk-owner, risk-approver | ops (risk-owner); ciso (risk-approver, change-approver) |  | 2025-11-01 |  | 2026-11-01 | expired |"

# test_acceptances_csv: the stamp in every row.
run_isms acceptances --today 2026-12-04 --format csv
expect_status 1
[ "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" = "risk,title,owner,accepted rating,level,required roles,signed by,missing roles,date,until,expires,status,rationale,conditions,stamp" ] ||
	fail "unexpected CSV header"
[ "$(printf '%s\n' "$out" | grep -c '"source working tree (HEAD ')" -eq 5 ] || fail "a CSV row lacks the stamp"

# test_acceptances_json: statuses and missing roles for machines.
run_isms acceptances --today 2026-12-04 --format json
expect_status 1
expect_out '"status": "under-authorised"'
if command -v python3 >/dev/null 2>&1; then
	printf '%s\n' "$out" | python3 -c '
import json, sys
d = {a["risk"]: a for a in json.load(sys.stdin)["acceptances"]}
assert d["RSK-004"]["missing_roles"] == ["top-management"], d["RSK-004"]
assert d["RSK-002"]["expires"] == "2026-11-01", d["RSK-002"]
assert d["RSK-002"]["until"] is None, d["RSK-002"]
assert d["RSK-001"]["status"] == "valid", d["RSK-001"]
assert d["RSK-001"]["signed_by"] == ["ops", "ciso"], d["RSK-001"]
' || fail "acceptances JSON is wrong"
fi

# test_acceptances_rev: an older commit had only the valid acceptance.
run_isms acceptances --today 2026-12-04 --rev HEAD~1
expect_status 0
expect_no_out "RSK-002"

# test_acceptances_level_and_dates: the level of the present rating with
# the accepted one beside it, and acceptances that cannot be in force yet.
accepted_risk RSK-006 lowered '{likelihood: possible, consequence: major}' <<'YAML'
  by: [ops, cto]
  date: 2026-10-01
  rating: {likelihood: rare, consequence: negligible}
YAML
accepted_risk RSK-007 ahead '{likelihood: unlikely, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2026-12-05
  rating: {likelihood: unlikely, consequence: major}
YAML
accepted_risk RSK-008 reversed '{likelihood: unlikely, consequence: major}' <<'YAML'
  by: [ops, ciso]
  date: 2026-06-01
  until: 2026-05-01
  rating: {likelihood: unlikely, consequence: major}
YAML
run_isms acceptances --today 2026-12-04
expect_status 1
printf '%s\n' "$out" | grep -Eq '^RSK-006 .* rare x negligible +high \(accepted at low\) +risk-owner, top-management .* stale' ||
	fail "RSK-006 does not show its present level beside the accepted one"
printf '%s\n' "$out" | grep -Eq '^RSK-007 .* future-dated' ||
	fail "RSK-007 is not future-dated"
printf '%s\n' "$out" | grep -Eq '^RSK-008 .* until-before-date' ||
	fail "RSK-008 is not until-before-date"
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-007-ahead.md:11:9: error: 'acceptance.date' is '2026-12-05', after today ('2026-12-04'); record the date it happened [date-in-future]"
expect_out "risks/RSK-008-reversed.md:12:10: error: acceptance until '2026-05-01' is before its date '2026-06-01'; correct one of the two dates [invalid-value]"
rm risks/RSK-006-lowered.md risks/RSK-007-ahead.md risks/RSK-008-reversed.md

# test_acceptances_none: a register without acceptances.
rm risks/*.md
run_isms acceptances --today 2026-12-04 --format markdown
expect_status 0
expect_out "No risk carries an acceptance."

run_isms acceptances --format xml
expect_status 2
expect_err "invalid format 'xml' for acceptances"
