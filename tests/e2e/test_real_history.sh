#!/usr/bin/env bash
# isms changes check on a real ISMS history: the public Hack23 ISMS
# repository, 260 commits with 2 merges and no change-control trailers.
# With everything but README.md and .github/ controlled, every commit after
# the first that touches another path must be reported as unplanned. The
# expected commits are computed with git log, not written down here.
. "$(dirname "$0")/lib.sh"

if [ -z "${ISMS_REAL_INPUTS:-}" ]; then
	echo "skip: ISMS_REAL_INPUTS is not set"
	exit 0
fi
bundle=$ISMS_REAL_INPUTS/hack23/isms-history.bundle
[ -f "$bundle" ] || fail "no history bundle at '$bundle'"

repo=$scratch/hack23
git clone -q "$bundle" "$repo" || fail "cannot clone '$bundle'"
cd "$repo" || fail "cannot enter $repo"
first=$(git rev-list --max-parents=0 HEAD)
[ "$(printf '%s\n' "$first" | wc -l)" -eq 1 ] || fail "expected one root commit"

# The policy lives in the working tree only: the history predates it, so
# every commit is judged by it.
cat >isms.yaml <<YAML
isms: 1
organisation: Hack23 AB
scope: Public ISMS documents
people:
  person1: {name: Person 1, email: [person1@example.org], roles: [change-approver]}
risk_criteria:
  likelihood: [{name: low}, {name: high}]
  consequence:
    scale: [{name: minor}, {name: major}]
  method: matrix
  matrix:
    - [low, medium]
    - [medium, high]
  levels:
    - {name: low, accept: [risk-owner], review_every: 12 months}
    - {name: medium, accept: [risk-owner], review_every: 6 months}
    - {name: high, accept: [risk-owner], review_every: 3 months}
  acceptance_threshold: low
change_control:
  controlled: ["**"]
  uncontrolled: ["README.md", ".github/**"]
  since: $first
YAML

# Expected: commits after the first whose own changes (for a merge, the
# paths that differ from every parent, as git log -c lists them) include a
# path other than README.md and .github/. --no-renames lists both names of
# a rename.
git log -c --no-renames --name-only --format='C %H' "$first..HEAD" |
	awk '/^C /{ id = $2; next }
	     NF && $0 != "README.md" && $0 !~ /^\.github\// { print substr(id, 1, 8) }' |
	sort -u >"$scratch/expected"
judged=$(git rev-list --count "$first..HEAD")
[ -s "$scratch/expected" ] || fail "git log found no commits to expect"

start=$(date +%s%N)
run_isms changes check
end=$(date +%s%N)
isms_ms=$(( (end - start) / 1000000 ))
expect_status 1
expect_err "$judged commits judged, $(wc -l <"$scratch/expected") findings"

printf '%s\n' "$out" | grep -E '^[0-9a-f]{8} ' | cut -c1-8 | sort -u >"$scratch/actual"
if ! diff -u "$scratch/expected" "$scratch/actual"; then
	fail "reported commits differ from the commits git log lists"
fi
rules=$(printf '%s\n' "$out" | grep -E '^[0-9a-f]{8} ' |
	grep -cv '\[change-no-trailer\]$' || true)
[ "$rules" -eq 0 ] || fail "$rules findings have a rule other than change-no-trailer"

# The same through JSON, which carries full commit ids.
run_isms changes check --format json
expect_status 1
expect_out "\"commits_judged\": $judged"

# For scale: the same range walked by git itself.
start=$(date +%s%N)
git log --name-status "$first..HEAD" >/dev/null
end=$(date +%s%N)
git_ms=$(( (end - start) / 1000000 ))
echo "timing: isms changes check ${isms_ms} ms, git log --name-status ${git_ms} ms ($judged commits)"

# A guard against pathological slowness only; machines differ too much
# for a tight bound.
[ "$isms_ms" -lt 10000 ] || fail "isms changes check took ${isms_ms} ms"
exit 0
