#!/usr/bin/env bash
# isms matrix: the risk heat map of the inherent and current rating.
. "$(dirname "$0")/lib.sh"

new_repo matrix
write_minimal_isms
sed -i 's/^organisation: Test Ltd$/organisation: "Smith \& Sons <Test>"/' isms.yaml
mkdir -p risks
# RSK-001: treatment done, so the current rating is the residual one.
cat >risks/RSK-001-backups.md <<'MD'
---
id: RSK-001
title: Backups fail silently
owner: ops
status: treating
cia: [availability]
inherent: {likelihood: likely, consequence: major}
treatment:
  option: modify
  actions: [{id: A1, text: Alert on failed backups, owner: ops, due: 2027-01-31, status: done}]
residual: {likelihood: rare, consequence: major}
---
MD
# RSK-002: treatment still open, so the current rating is the inherent one.
cat >risks/RSK-002-laptops.md <<'MD'
---
id: RSK-002
title: Stolen laptops
owner: ops
status: treating
cia: [confidentiality]
inherent: {likelihood: likely, consequence: major}
treatment:
  option: modify
  actions: [{id: A1, text: Encrypt disks, owner: ops, due: 2027-01-31, status: planned}]
residual: {likelihood: unlikely, consequence: minor}
---
MD
cat >risks/RSK-003-old.md <<'MD'
---
id: RSK-003
title: Old tape backups
owner: ops
status: closed
cia: [availability]
inherent: {likelihood: likely, consequence: major}
treatment: {option: avoid}
---
MD
commit "Olu Ops <ops@example.com>" "Add risks"

# test_matrix_table: counts per cell for each grid, closed risk left out.
run_isms --today 2026-12-01 matrix
expect_status 0
inherent=$(printf '%s\n' "$out" | sed -n '/^Inherent rating/,/^Current rating/p')
current=$(printf '%s\n' "$out" | sed -n '/^Current rating/,$p')
printf '%s\n' "$inherent" | grep -Eq '^likely +medium: 0 +medium: 0 +high: 0 +high: 2 +critical: 0 *$' ||
	fail "inherent grid lacks 2 risks at likely x major"
printf '%s\n' "$current" | grep -Eq '^likely +medium: 0 +medium: 0 +high: 0 +high: 1 +critical: 0 *$' ||
	fail "current grid lacks 1 risk at likely x major"
printf '%s\n' "$current" | grep -Eq '^rare +low: 0 +low: 0 +low: 0 +medium: 1 +medium: 0 *$' ||
	fail "current grid lacks the residual rating of RSK-001"
printf '%s\n' "$out" | head -4 | grep -Eq '^likelihood \\ consequence +negligible +minor +moderate +major +severe *$' ||
	fail "columns are not the consequence scale, lowest first"
printf '%s\n' "$inherent" | grep -n '' | grep -q '^4:almost-certain' ||
	fail "the first row is not the highest likelihood"
expect_out "2 open risks rated, 0 without a usable inherent rating, 1 closed left out"
expect_out "isms $(sed -n 's/^VERSION *:\?= *//p' "$project/Makefile" | head -1)"

# test_matrix_json: the ids of each cell, the closed risk nowhere.
run_isms --today 2026-12-01 matrix --format json
expect_status 0
[ "$(printf '%s' "$out" | jq -r '.inherent[] | select(.likelihood == "likely" and .consequence == "major") | .ids | join(",")')" = "RSK-001,RSK-002" ] ||
	fail "json inherent cell lacks RSK-001 and RSK-002"
[ "$(printf '%s' "$out" | jq -r '.current[] | select(.likelihood == "rare" and .consequence == "major") | .ids | join(",")')" = "RSK-001" ] ||
	fail "json current cell lacks RSK-001"
[ "$(printf '%s' "$out" | jq -r '.likelihood[0] + " " + .consequence[0] + " " + (.closed | tostring)')" = "almost-certain negligible 1" ] ||
	fail "json scales or closed count are wrong"
[ "$(printf '%s' "$out" | jq -r '.stamp | type')" = "object" ] ||
	fail "json lacks the stamp"
expect_no_out "RSK-003"

# test_matrix_markdown: ids in the cells, the stamp in the heading block.
run_isms --today 2026-12-01 matrix --format markdown
expect_status 0
expect_out "# Risk heat map"
expect_out "## Inherent rating"
expect_out "high: 2 (RSK-001, RSK-002)"
expect_out "- As of: 2026-12-01"

# test_matrix_svg: well-formed, self-contained, escaped, with the stamp.
run_isms --today 2026-12-01 matrix --format=svg
expect_status 0
printf '%s\n' "$out" >"$scratch/matrix.svg"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$scratch/matrix.svg" || fail "svg is not well-formed XML"
else
	[ "$(grep -c '<svg ' "$scratch/matrix.svg")" = 1 ] &&
		[ "$(grep -c '</svg>' "$scratch/matrix.svg")" = 1 ] ||
		fail "svg is not one <svg> element"
fi
expect_out "Smith &amp; Sons &lt;Test&gt;"
expect_no_out "Smith & Sons"
expect_no_out "<script"
expect_no_out "href"
expect_out "<!-- source working tree"
expect_out ">Inherent rating</text>"
expect_out ">almost-certain</text>"
expect_out ">severe</text>"
[ "$(grep -c 'font-weight="bold">2</text>' "$scratch/matrix.svg")" = 1 ] ||
	fail "svg lacks the count 2 in one cell"

# test_matrix_rev: an older commit has no risk in the grid.
git rm -q risks/RSK-002-laptops.md
commit "Olu Ops <ops@example.com>" "Drop RSK-002"
run_isms --today 2026-12-01 matrix --rev HEAD~1 --format json
expect_status 0
[ "$(printf '%s' "$out" | jq -r '.rated')" = 2 ] || fail "--rev HEAD~1 does not see two risks"
run_isms --today 2026-12-01 matrix --format json
[ "$(printf '%s' "$out" | jq -r '.rated')" = 1 ] || fail "the working tree does not see one risk"

# test_matrix_formats: csv and unknown formats are rejected.
run_isms matrix --format csv
expect_status 2
expect_err "invalid format 'csv' for matrix"
run_isms matrix --format pdf
expect_status 2
expect_err "invalid format 'pdf' for matrix; use table, markdown, json or svg"
run_isms matrix --staged --rev HEAD
expect_status 2

echo "ok test_matrix"
