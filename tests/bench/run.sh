#!/usr/bin/env bash
# Benchmarks: each measurement is a ratio against a floor measured in the
# same run on the same machine, so the figures compare across machines.
#
#   check:   isms check on a generated ISMS of many risks, against reading
#            the same files with cat
#   history: isms changes check over a generated history, and over the
#            real history in $ISMS_REAL_INPUTS when set, against
#            git log --name-status over the same range
#
# Each figure is the best of several runs, in milliseconds.
set -eu
isms=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${BENCH_RUNS:-5}
risks=${BENCH_RISKS:-2000}
commits=${BENCH_COMMITS:-300}
work=$(mktemp -d "${TMPDIR:-/tmp}/isms-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# Prints the best wall time of $runs runs of the command, in milliseconds.
best_ms() {
	local best= start end ms
	for _ in $(seq 1 "$runs"); do
		start=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		end=$(date +%s%N)
		ms=$(( (end - start) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then
			best=$ms
		fi
	done
	echo "${best:-0}"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.1f", a / b }'
}

report() {
	printf '%-44s %6s ms   floor %-28s %6s ms   ratio %s\n' \
		"$1" "$2" "$3" "$4" "$(ratio "$2" "$4")"
}

# A generated ISMS: criteria from the bench's own isms.yaml and $risks
# risks with ratings, treatments and reviews.
mkdir -p "$work/isms/risks"
cd "$work/isms"
git init -q -b main .
cat >isms.yaml <<'YAML'
isms: 1
organisation: Bench Ltd
people:
  owner: {name: Owner, email: [owner@example.com], roles: [risk-approver, change-approver, top-management]}
  dev: {name: Dev, email: [dev@example.com]}
risk_criteria:
  likelihood: [rare, unlikely, possible, likely, almost-certain]
  consequence: [negligible, minor, moderate, major, severe]
  matrix:
    - [low, low, low, medium, medium]
    - [low, low, medium, medium, high]
    - [low, medium, medium, high, high]
    - [medium, medium, high, high, critical]
    - [medium, high, high, critical, critical]
  levels:
    - {name: low, accept: [risk-owner], review_every: 12 months}
    - {name: medium, accept: [risk-owner, risk-approver], review_every: 6 months}
    - {name: high, accept: [risk-owner, top-management], review_every: 3 months}
    - {name: critical, accept: never, review_every: 1 month}
  acceptance_threshold: low
change_control:
  controlled: ["**"]
YAML
for i in $(seq 1 "$risks"); do
	id=$(printf 'RSK-%05d' "$i")
	cat >"risks/$id-generated-risk.md" <<MD
---
id: $id
title: Generated risk $i
owner: owner
status: treating
cia: [confidentiality, availability]
inherent: {likelihood: $(( i % 5 + 1 )), consequence: $(( i / 5 % 5 + 1 ))}
treatment:
  option: modify
  actions: [{id: A1, text: Do the work, owner: dev, due: 2027-0$(( i % 9 + 1 ))-15, status: planned}]
review: {last: 2026-11-01, next: 2027-01-15}
---
## Scenario
Generated for the benchmark.
MD
done
git add -A && git -c user.name=Owner -c user.email=owner@example.com commit -q -m "Generate the ISMS"

t_check=$(best_ms "$isms" check --today 2026-12-04)
t_cat=$(best_ms sh -c 'cat isms.yaml risks/*.md')
report "isms check, $risks risks" "$t_check" "cat of the same files" "$t_cat"
t_register=$(best_ms "$isms" register --today 2026-12-04 --format json)
report "isms register --format json, $risks risks" "$t_register" "cat of the same files" "$t_cat"

# A generated history: each commit edits one risk, as an unplanned edit.
for i in $(seq 1 "$commits"); do
	n=$(( i % risks + 1 ))
	f=$(printf 'risks/RSK-%05d-generated-risk.md' "$n")
	echo "Edit $i." >>"$f"
	git add "$f"
	git -c user.name=Dev -c user.email=dev@example.com commit -q -m "Edit risk $n"
done
first=$(git rev-list --max-parents=0 HEAD)
t_changes=$(best_ms "$isms" changes check "$first..HEAD")
t_log=$(best_ms git log --name-status "$first..HEAD")
report "isms changes check, $commits commits" "$t_changes" "git log --name-status" "$t_log"

# The real history, when it is available.
bundle=${ISMS_REAL_INPUTS:-}/hack23/isms-history.bundle
if [ -n "${ISMS_REAL_INPUTS:-}" ] && [ -f "$bundle" ]; then
	git clone -q "$bundle" "$work/real"
	cd "$work/real"
	first=$(git rev-list --max-parents=0 HEAD | tail -n 1)
	cp "$work/isms/isms.yaml" isms.yaml
	printf '  since: %s\n' "$first" >>isms.yaml
	total=$(git rev-list --count HEAD)
	t_changes=$(best_ms "$isms" changes check)
	t_log=$(best_ms git log --name-status "$first^!" "$first..HEAD")
	report "isms changes check, real history ($total commits)" "$t_changes" "git log --name-status" "$t_log"
else
	echo "skip: ISMS_REAL_INPUTS is not set, so the real history is not timed"
fi
