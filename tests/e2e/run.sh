#!/usr/bin/env bash
# Runs every end-to-end test script against the built binary in $ISMS_BIN.
# Each tests/e2e/test_*.sh is a bash script that exits 0 when it passes;
# lib.sh gives them temporary repositories and assertions.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ISMS_BIN:?set ISMS_BIN to the isms binary under test}"
export ISMS_BIN

failed=0
passed=0
for t in "$here"/test_*.sh; do
	name=$(basename "$t" .sh)
	if out=$(bash "$t" 2>&1); then
		passed=$((passed + 1))
		printf '== e2e %s: ok\n' "$name"
		printf '%s\n' "$out" | grep '^skip:' || true
	else
		failed=$((failed + 1))
		printf '== e2e %s: FAILED\n%s\n' "$name" "$out"
	fi
done
printf '== e2e: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
