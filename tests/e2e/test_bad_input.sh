#!/usr/bin/env bash
# Hostile and malformed input: every case is reported with file, line and
# rule, and the tool exits 1 (findings) or 2 (cannot run), never crashes.
. "$(dirname "$0")/lib.sh"

new_repo bad
write_minimal_isms
mkdir -p risks
commit "Olu Ops <ops@example.com>" "Start the ISMS"

# Writes one risk file from printf-style text and checks the finding.
# usage: case_finding FILE TEXT EXPECTED...
case_finding() {
	local file=$1 text=$2
	shift 2
	printf -- "$text" >"risks/$file"
	run_isms check --today 2026-12-04
	expect_status 1
	for want in "$@"; do
		expect_out "$want"
	done
	rm -f "risks/$file"
}

case_finding RSK-001-alias.md '---\nid: RSK-001\ntitle: a\nowner: &x ops\nstatus: identified\n---\n' \
	"risks/RSK-001-alias.md:4:8: error:" "[yaml-alias]"
case_finding RSK-001-laughs.md '---\nid: RSK-001\ntitle: a\nowner: ops\nstatus: identified\nx: &a [1, 2]\ny: [*a, *a, *a]\n---\n' \
	"[yaml-alias]"
case_finding RSK-001-utf8.md '\xef\xbb\xbf---\r\nid: RSK-001\r\ntitle: b\xff\r\nowner: ops\r\nstatus: identified\r\n---\r\n' \
	"risks/RSK-001-utf8.md:3:9: error:" "[yaml-invalid-utf8]"
case_finding RSK-001-empty.md '' \
	"risks/RSK-001-empty.md:1:1: error:" "[record-no-frontmatter]"
case_finding RSK-001-dup.md '---\nid: RSK-001\ntitle: x\nowner: ops\nowner: cto\nstatus: identified\n---\n' \
	"risks/RSK-001-dup.md:5:1: error: duplicate key 'owner'" "[yaml-duplicate-key]"
case_finding RSK-001-unknown.md '---\nid: RSK-001\ntitle: x\nownr: ops\nstatus: identified\n---\n' \
	"risks/RSK-001-unknown.md:4:1: error:" "did you mean 'owner'" "[unknown-key]"
case_finding RSK-001-on.md '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: identified\non: true\n---\n' \
	"risks/RSK-001-on.md:6:1: error:" "[unknown-key]"
case_finding RSK-001-octal.md '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: assessed\ncia: [integrity]\ninherent: {likelihood: 0755, consequence: 1:20}\n---\n' \
	"risks/RSK-001-octal.md:7:24: error:" "octal" "base-60" "[yaml-ambiguous-scalar]" "[risk-rating]"
case_finding RSK-001-bool.md '---\nid: RSK-001\ntitle: no\nowner: ops\nstatus: identified\n---\n' \
	"risks/RSK-001-bool.md:3:8: error:" "[yaml-ambiguous-scalar]"
case_finding RSK-001-float.md '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: identified\nexisting_controls: [5.10]\n---\n' \
	"risks/RSK-001-float.md:6:21: error:" "5.1" "[yaml-ambiguous-scalar]"
case_finding RSK-001-syntax.md '---\nid: RSK-001\ntitle: [\n---\n' \
	"risks/RSK-001-syntax.md:" "[yaml-syntax]"
case_finding RSK-001-unclosed.md '---\nid: RSK-001\ntitle: x\n' \
	"risks/RSK-001-unclosed.md:1:1: error:" "[frontmatter-unclosed]"
case_finding RSK-001-type.md '---\nid: RSK-001\ntitle: x\nowner: [ops]\nstatus: identified\n---\n' \
	"risks/RSK-001-type.md:4:8: error:" "[wrong-type]"
case_finding RSK-001-status.md '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: open\n---\n' \
	"risks/RSK-001-status.md:5:9: error:" "[invalid-value]"

# Deep nesting and a large file are refused quickly with their own rules.
{ printf -- '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: identified\nnotes: '
  for _ in $(seq 1 5000); do printf '['; done
  printf '\n---\n'; } >risks/RSK-001-deep.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[yaml-too-deep]"
rm risks/RSK-001-deep.md

{ printf -- '---\nid: RSK-001\ntitle: x\nowner: ops\nstatus: identified\n---\n'
  head -c 2000000 /dev/zero | tr '\0' 'a'; } >risks/RSK-001-big.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-001-big.md: error:"
expect_out "[file-unreadable]"
rm risks/RSK-001-big.md

# A header without its opening '---' (as some compliance tools write it)
# is named with its line, in a document outside the record folders.
mkdir -p policies
printf 'name: Change Policy\nacronym: CP\n---\n\n# Purpose\n' >policies/change.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "policies/change.md:1:1: error:"
expect_out "'---'"
expect_out "[frontmatter-missing-open]"
rm policies/change.md

# isms.yaml that is not YAML, not a map, or empty.
cp isms.yaml "$scratch/isms.yaml.good"
printf 'isms: 1\npeople: [\n' >isms.yaml
run_isms check --today 2026-12-04
[ "$status" -ge 1 ] || fail "broken isms.yaml passed"
expect_out "isms.yaml:"
expect_out "[yaml-syntax]"
: >isms.yaml
run_isms check --today 2026-12-04
[ "$status" -ge 1 ] || fail "empty isms.yaml passed"
expect_out "isms.yaml"
cp "$scratch/isms.yaml.good" isms.yaml

# A broken repository: the index is garbage.
printf 'garbage' >.git/index
run_isms check --staged
expect_status 2
expect_err "index"
