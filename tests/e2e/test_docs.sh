#!/usr/bin/env bash
# The documentation keeps up with the code: every rule id the source can
# report is in docs/rules.md and has a test, every documented rule still
# exists, and every command answers --help outside any repository and is
# in the man page.
. "$(dirname "$0")/lib.sh"

prefixes='acceptance|change|config|criteria|date|document|file|frontmatter|import|invalid|missing|objective|opportunity|planning|record|ref|risk|soa|unknown|wrong|yaml'
not_rules='^(risk-owner|change-approver|risk-approver|in-progress|not-applicable|information-security|first-parent)$'

grep -ho "\"\\($(echo "$prefixes" | sed 's/|/\\|/g')\\)-[a-z0-9-]*\"" "$project"/src/*.c |
	tr -d '"' | grep -Ev "$not_rules" | sort -u >"$scratch/code"
grep -o '^| `[a-z0-9-]*`' "$project/docs/rules.md" | tr -d '|` ' | sort -u >"$scratch/docs"

[ -s "$scratch/code" ] || fail "found no rule ids in the source"
diff -u "$scratch/code" "$scratch/docs" || fail "rule ids in src/ and docs/rules.md differ"

while read -r rule; do
	grep -rqF -- "$rule" "$project/tests/unit" "$project/tests/e2e"/test_*.sh ||
		fail "rule '$rule' has no test"
done <"$scratch/docs"

mkdir -p "$scratch/nowhere"
cd "$scratch/nowhere" || fail "cannot enter $scratch/nowhere"
for command in check register changes import objectives init new hooks \
	plan acceptances soa documents matrix; do
	run_isms "$command" --help
	expect_status 0
	expect_out "usage: isms $command"
	grep -q "^\.B isms $command" "$project/docs/isms.1" ||
		fail "command '$command' is missing from the man page synopsis"
	grep -q "^## isms $command" "$project/docs/commands.md" ||
		fail "command '$command' is missing from docs/commands.md"
done
# Subcommands with their own usage, synopsis line and section.
for command in "changes check" "changes log"; do
	read -r -a words <<<"$command"
	run_isms "${words[@]}" --help
	expect_status 0
	expect_out "usage: isms $command"
	grep -q "^\.B isms $command" "$project/docs/isms.1" ||
		fail "command '$command' is missing from the man page synopsis"
	grep -q "^## isms $command" "$project/docs/commands.md" ||
		fail "command '$command' is missing from docs/commands.md"
done
run_isms --version
expect_status 0
expect_out "isms "
