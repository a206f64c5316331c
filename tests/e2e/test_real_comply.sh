#!/usr/bin/env bash
# Policy documents written by a compliance-as-code tool: YAML headers with
# no opening '---' line. Each must get an error naming line 1 and the fix;
# with the line added, they load as documents.
. "$(dirname "$0")/lib.sh"

real=${ISMS_REAL_INPUTS:-}
if [ -z "$real" ]; then
	echo "skip: ISMS_REAL_INPUTS is not set, so the real policy headers are not tested"
	exit 0
fi
set -- "$real"/comply/*.md
[ -f "$1" ] || fail "no policy documents in '$real/comply'"

new_repo comply
write_minimal_isms
mkdir -p policies
cp "$@" policies/

run_isms check --today 2026-12-04
expect_status 1
for doc in "$@"; do
	name=$(basename "$doc")
	expect_out "policies/$name:1:1: error:"
	printf '%s\n' "$out" | grep "^policies/$name:1:1: error:" |
		grep -q "add '---' as the first line" || fail "'$name' is not told the fix"
done
count=$(printf '%s\n' "$out" | grep -c '\[frontmatter-missing-open\]')
[ "$count" -eq "$#" ] || fail "expected $# missing-open errors, got $count"

for doc in policies/*.md; do
	{ echo '---'; cat "$doc"; } >"$doc.new" && mv "$doc.new" "$doc"
done
run_isms check --today 2026-12-04
expect_status 0
