#!/usr/bin/env bash
# isms import csv: RFC 4180 quoting, a BOM, CRLF and ';', unmapped columns
# kept in the body, ids continuing after the ISMS's own, no overwrite.
. "$(dirname "$0")/lib.sh"

new_repo import
write_minimal_isms
mkdir -p risks
cat >risks/RSK-004-existing.md <<'MD'
---
id: RSK-004
title: Existing risk
owner: ops
status: identified
cia: [availability]
---
MD

printf '\xef\xbb\xbfRef;Risk;Who;L;C;Level;Notes\r\n' >sheet.csv
printf 'A-1;"Backups; untested";ops;4;4;High;"said ""maybe""\r\nsecond line"\r\n' >>sheet.csv
printf 'A-2;Laptop theft;cto;2;3;Low;\r\n' >>sheet.csv
cat >map.yaml <<'YAML'
columns:
  title: Risk
  owner: Who
  inherent.likelihood: L
  inherent.consequence: C
  inherent.level: Level
defaults:
  status: assessed
  cia: confidentiality
labels:
  inherent.level: {High: high, Low: low}
YAML

run_isms import csv sheet.csv --map map.yaml
expect_status 0
expect_out "risks/RSK-005-backups-untested.md"
expect_out "risks/RSK-006-laptop-theft.md"
grep -q '^title: "\?Backups; untested"\?$' risks/RSK-005-backups-untested.md ||
	fail "quoted title with ';' was not kept"
grep -q 'Ref' risks/RSK-005-backups-untested.md || fail "unmapped column 'Ref' was dropped"
grep -q 'maybe' risks/RSK-005-backups-untested.md || fail "unmapped column 'Notes' was dropped"

# The imported records pass check, except the level the sheet got wrong:
# unlikely x moderate is 'medium' in the matrix, not 'low'.
run_isms check --today 2026-12-04
expect_status 1
expect_out "risks/RSK-006-laptop-theft.md"
expect_out "[risk-level-mismatch]"
expect_no_out "RSK-005-backups-untested.md:"

# Importing again into the same folder refuses to overwrite, writes
# nothing, and names --force.
run_isms import csv sheet.csv --map map.yaml --output "$scratch/out"
expect_status 0
expect_out "/out/RSK-007-backups-untested.md"
rm "$scratch/out/RSK-008-laptop-theft.md"
cp "$scratch/out/RSK-007-backups-untested.md" "$scratch/before"
echo "local edit" >>"$scratch/out/RSK-007-backups-untested.md"
cp "$scratch/out/RSK-007-backups-untested.md" "$scratch/before"
run_isms import csv sheet.csv --map map.yaml --output "$scratch/out"
expect_status 2
expect_err "already exists"
expect_err "--force"
[ ! -e "$scratch/out/RSK-008-laptop-theft.md" ] || fail "a refused import wrote a file"
cmp -s "$scratch/out/RSK-007-backups-untested.md" "$scratch/before" ||
	fail "a refused import changed a file"
run_isms import csv sheet.csv --map map.yaml --output "$scratch/out" --force
expect_status 0
grep -q "local edit" "$scratch/out/RSK-007-backups-untested.md" &&
	fail "--force did not replace the file"

# --force replaces files only: a folder in the way stops the import
# before anything is written.
rm -rf "$scratch/out"
run_isms import csv sheet.csv --map map.yaml --output "$scratch/out"
expect_status 0
rm "$scratch/out/RSK-007-backups-untested.md" "$scratch/out/RSK-008-laptop-theft.md"
mkdir "$scratch/out/RSK-008-laptop-theft.md"
run_isms import csv sheet.csv --map map.yaml --output "$scratch/out" --force
expect_status 2
expect_err "is not a regular file"
[ ! -e "$scratch/out/RSK-007-backups-untested.md" ] || fail "a refused import wrote a file"

# A ragged row and an unterminated quote are named by line.
printf 'title,owner\nok,ops\nbad\n' >ragged.csv
run_isms import csv ragged.csv --output "$scratch/out"
expect_status 2
expect_err "ragged.csv:3"
printf 'title,owner\n"open,ops\n' >quote.csv
run_isms import csv quote.csv --output "$scratch/out"
expect_status 2
expect_err "quote.csv:2"

# Rows imported before are recognised by their sheet id (external_id).
printf 'id,title,owner\nR-1,Server room flood,ops\n' >ids.csv
run_isms import csv ids.csv
expect_status 0
expect_out "risks/RSK-007-server-room-flood.md"
grep -q '^external_id: R-1$' risks/RSK-007-server-room-flood.md || fail "sheet id not kept as external_id"
run_isms import csv ids.csv --force
expect_status 2
expect_err "row 'R-1' was imported before as 'risks/RSK-007-server-room-flood.md'"
[ "$(ls risks | wc -l)" -eq 4 ] || fail "a refused re-import wrote a file"

run_isms import csv missing.csv
expect_status 2
expect_err "missing.csv"
