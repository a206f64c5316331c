#!/usr/bin/env bash
# isms soa: the Statement of Applicability with the risks and requirements
# behind each control, and the warning for an applicable control with
# nothing behind it.
. "$(dirname "$0")/lib.sh"

new_repo soa_report
write_minimal_isms
mkdir -p controls risks context

# Writes the 93 Annex A controls, all applicable and implemented.
write_soa() {
	{
		echo "controls:"
		for theme in 5:37 6:8 7:14 8:34; do
			for n in $(seq 1 "${theme#*:}"); do
				printf '  - {id: "%s.%s", title: Control %s.%s, applicable: true, status: implemented, justification: Needed}\n' \
					"${theme%:*}" "$n" "${theme%:*}" "$n"
			done
		done
	} >controls/soa.yaml
}

write_soa
sed -i 's/{id: "7.4", title: Control 7.4, applicable: true, status: implemented,/{id: "7.4", title: Control 7.4, applicable: false, status: not-applicable,/' controls/soa.yaml
cat >risks/RSK-001-backups.md <<'MD'
---
id: RSK-001
title: Backups fail silently
owner: ops
status: treating
cia: [availability]
inherent: {likelihood: possible, consequence: major}
existing_controls: ["8.13"]
treatment:
  option: modify
  controls: ["8.13", "8.16"]
  actions: [{id: A1, text: Alert on failed backups, owner: ops, due: 2027-01-31, status: planned}]
residual: {likelihood: unlikely, consequence: major}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
cat >risks/RSK-002-old.md <<'MD'
---
id: RSK-002
title: Old tape backups
owner: ops
status: closed
cia: [availability]
inherent: {likelihood: possible, consequence: major}
existing_controls: ["8.13", "5.30"]
treatment: {option: avoid}
---
MD
cat >context/REQ-001-contracts.md <<'MD'
---
id: REQ-001
title: Customer contracts
party: Customers
controls: ["8.13", "5.24"]
---
MD
commit "Olu Ops <ops@example.com>" "Add SoA, risks and a requirement"

# test_soa_table: each control with the records that name it.
run_isms soa
expect_status 0
printf '%s\n' "$out" | grep -Eq '^8\.13 +Control 8\.13 +yes +implemented +Needed +RSK-001 +REQ-001 *$' ||
	fail "8.13 does not list RSK-001 once and REQ-001"
printf '%s\n' "$out" | grep -Eq '^8\.16 +Control 8\.16 +yes +implemented +Needed +RSK-001 *$' ||
	fail "8.16 does not list RSK-001"
printf '%s\n' "$out" | grep -Eq '^5\.24 +Control 5\.24 +yes +implemented +Needed +REQ-001 *$' ||
	fail "5.24 does not list REQ-001"
printf '%s\n' "$out" | grep -Eq '^5\.30 +Control 5\.30 +yes +implemented +Needed *$' ||
	fail "5.30 lists the closed risk"
printf '%s\n' "$out" | grep -Eq '^7\.4 +Control 7\.4 +no +not-applicable +Needed *$' ||
	fail "7.4 is not excluded"
expect_out "93 controls: 92 applicable (92 implemented, 0 planned), 1 excluded; 0 applicable without a risk, requirement or justification"

# test_soa_control_unused: an applicable control with nothing behind it.
run_isms check --today 2026-12-04
expect_status 0
expect_no_out "[soa-control-unused]"
sed -i 's/{id: "5.3", title: Control 5.3, applicable: true, status: implemented, justification: Needed}/{id: "5.3", title: Control 5.3, applicable: true, status: implemented}/' controls/soa.yaml
sed -i 's/{id: "5.24", title: Control 5.24, applicable: true, status: implemented, justification: Needed}/{id: "5.24", title: Control 5.24, applicable: true, status: planned}/' controls/soa.yaml
sed -i 's/{id: "8.16", title: Control 8.16, applicable: true, status: implemented, justification: Needed}/{id: "8.16", title: Control 8.16, applicable: true, status: planned}/' controls/soa.yaml
run_isms check --today 2026-12-04
expect_status 0
expect_out "controls/soa.yaml:4:5: warning: control '5.3' is applicable, but no risk or requirement names it and it has no justification; name it where it is needed, justify it, or exclude it [soa-control-unused]"
[ "$(printf '%s\n' "$out" | grep -c 'soa-control-unused')" -eq 1 ] ||
	fail "a control named by a risk or a requirement is reported unused"
run_isms check --today 2026-12-04 --strict
expect_status 1
run_isms soa
printf '%s\n' "$out" | grep -Eq '^5\.3 +Control 5\.3 +yes +implemented +unused$' ||
	fail "5.3 is not flagged unused in the report"
expect_out "93 controls: 92 applicable (90 implemented, 2 planned), 1 excluded; 1 applicable without a risk, requirement or justification"

# test_soa_markdown: headed by organisation, scope and stamp.
run_isms soa --format markdown
expect_status 0
expect_out "# Statement of Applicability"
expect_out "- Organisation: Test Ltd"
expect_out "- isms.yaml blob: $(git hash-object isms.yaml)"
expect_out "| 8.13 | Control 8.13 | yes | implemented | Needed | RSK-001 | REQ-001 |  |"

# test_soa_csv_json: every control, with the stamp, and the links as lists.
run_isms soa --format csv
expect_status 0
[ "$(printf '%s\n' "$out" | grep -c '"source working tree (HEAD ')" -eq 93 ] || fail "a CSV row lacks the stamp"
run_isms soa --format json
expect_status 0
if command -v python3 >/dev/null 2>&1; then
	printf '%s\n' "$out" | python3 -c '
import json, sys
d = {c["id"]: c for c in json.load(sys.stdin)["controls"]}
assert d["8.13"]["risks"] == ["RSK-001"], d["8.13"]
assert d["8.13"]["requirements"] == ["REQ-001"], d["8.13"]
assert d["5.3"]["unused"] is True, d["5.3"]
assert d["5.1"]["unused"] is False, d["5.1"]
assert d["7.4"]["applicable"] is False, d["7.4"]
' || fail "soa JSON is wrong"
fi

# test_soa_missing: no Statement of Applicability to report.
rm controls/soa.yaml
run_isms soa
expect_status 2
expect_err "no Statement of Applicability in working tree"
run_isms soa --rev HEAD
expect_status 0
