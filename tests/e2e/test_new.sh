#!/usr/bin/env bash
# isms new: the next free id across the working tree, the index and every
# branch, file names from titles, owners and --edit. Two clones can still
# pick the same id, and isms check reports both files after the merge.
. "$(dirname "$0")/lib.sh"

write_risk() {
	cat >"risks/$1-$2.md" <<MD
---
id: $1
title: Risk $1
owner: ops
status: identified
cia: [availability]
---
MD
}

new_repo new
write_minimal_isms
mkdir -p risks
write_risk RSK-001 first
write_risk RSK-002 second
commit "Olu Ops <ops@example.com>" "Add two risks"

# test_new_skips_ids_on_other_branches
git checkout -q -b other
write_risk RSK-003 on-other-branch
commit "Olu Ops <ops@example.com>" "Add a risk on a branch"
git checkout -q main
run_isms new risk "Laptop theft" --owner ops
expect_status 0
[ "$out" = "risks/RSK-004-laptop-theft.md" ] || fail "unexpected path '$out'"
grep -q '^id: RSK-004$' risks/RSK-004-laptop-theft.md || fail "id not set"
grep -q '^title: Laptop theft$' risks/RSK-004-laptop-theft.md ||
	fail "title not set"
grep -q '^# Laptop theft$' risks/RSK-004-laptop-theft.md ||
	fail "title not in the body"
run_isms check
expect_status 0

# test_new_counts_the_index
printf -- '---\nid: RSK-010\n---\n' >risks/RSK-010-staged.md
git add risks/RSK-010-staged.md
rm risks/RSK-010-staged.md
run_isms new risk "After the staged one" --owner ops
expect_status 0
[ "$out" = "risks/RSK-011-after-the-staged-one.md" ] ||
	fail "the id in the index was reused: '$out'"
git rm -q --cached risks/RSK-010-staged.md

# test_new_from_a_subfolder_prints_a_relative_path
cd risks || fail "cannot enter risks"
run_isms new risk Words of the title --owner ops
expect_status 0
[ "$out" = "../risks/RSK-012-words-of-the-title.md" ] ||
	fail "unexpected path '$out'"
cd .. || fail "cannot leave risks"

# test_new_title_with_quotes_unicode_and_slashes
run_isms new risk 'Café "Zürich" backups / restore: don'\''t #1' --owner ops
expect_status 0
file=risks/RSK-013-cafe-zurich-backups-restore-dont-1.md
[ "$out" = "$file" ] || fail "unexpected path '$out'"
grep -qF 'title: "Café \"Zürich\" backups / restore: don'\''t #1"' "$file" ||
	fail "the title was not quoted for YAML"
grep -qF '# Café "Zürich" backups / restore: don'\''t #1' "$file" ||
	fail "the title in the body was changed"
run_isms register --format json
expect_status 0
expect_out 'Café \"Zürich\" backups / restore: don'\''t #1'
run_isms new risk '日本語' --owner ops
expect_status 0
[ "$out" = "risks/RSK-014.md" ] || fail "unexpected path '$out'"
run_isms check
expect_status 0

# test_new_every_kind
run_isms new opportunity "Shared SOC" --owner ciso
expect_out "opportunities/OPP-001-shared-soc.md"
run_isms new objective "Patch in time" --owner ciso
expect_out "objectives/OBJ-001-patch-in-time.md"
run_isms new change "Hardware keys" --owner ciso
expect_out "changes/CHG-001-hardware-keys.md"
grep -q '^requested_by: ciso$' changes/CHG-001-hardware-keys.md ||
	fail "the change names no requester"
run_isms new issue "Small team" --owner ciso
expect_out "context/ISS-001-small-team.md"
run_isms new requirement "Customer terms" --owner ciso
expect_out "context/REQ-001-customer-terms.md"
run_isms new issue "Remote work" --owner ciso
expect_out "context/ISS-002-remote-work.md"
# An opportunity without sources may get a warning, but no record has an
# error before it is filled in.
run_isms check
expect_status 0
expect_err "isms: 0 errors"

# test_new_owner_from_git_email
git config user.email CTO@Example.com
run_isms new risk "Owner from email"
expect_status 0
grep -q '^owner: cto$' "$out" || fail "the owner is not the git user"
[ -z "$err" ] || fail "unexpected message: $err"
git config user.email nobody@example.com
run_isms new risk "Owner by default"
expect_status 0
grep -q '^owner: ciso$' "$out" || fail "the owner is not the first person"
expect_err "owner is 'ciso', the first person in isms.yaml"

# test_new_edit_runs_the_editor
cat >"$scratch/editor.sh" <<'SH'
#!/bin/sh
# Appends a line naming its arguments to the last one, the file.
for last; do :; done
printf 'edited with %s\n' "$*" >>"$last"
SH
chmod +x "$scratch/editor.sh"
EDITOR="$scratch/editor.sh --wait" VISUAL= run_isms new risk "Edited" --edit \
	--owner ops
expect_status 0
grep -q "^edited with --wait $out\$" "$out" || fail "the editor did not run"
VISUAL="$scratch/editor.sh" EDITOR=false run_isms new risk "Visual" -e \
	--owner ops
expect_status 0
grep -q "^edited with $out\$" "$out" || fail "VISUAL did not win over EDITOR"
EDITOR=false VISUAL= run_isms new risk "Editor fails" --edit --owner ops
expect_status 0
[ -f "$out" ] || fail "the record was not kept after the editor failed"
expect_err "editor 'false' exited with status 1"
EDITOR=/nonexistent/editor VISUAL= run_isms new risk "No editor" --edit \
	--owner ops
expect_status 0
expect_err "cannot start editor '/nonexistent/editor'"

# test_new_prefix_from_isms_yaml
printf 'prefixes: {risk: R}\n' >>isms.yaml
run_isms new risk "Own prefix" --owner ops
expect_status 0
[ "$out" = "risks/R-001-own-prefix.md" ] || fail "unexpected path '$out'"
run_isms check
expect_status 1
expect_no_out "R-001-own-prefix.md"
git checkout -q isms.yaml
rm risks/R-001-own-prefix.md

# test_new_usage_errors
run_isms new widget "Thing"
expect_status 2
expect_err "unknown record kind 'widget'"
run_isms new risk
expect_status 2
expect_err "missing title for the new risk"
run_isms new risk "   "
expect_status 2
expect_err "the title is empty"
run_isms new risk "$(printf 'two\nlines')"
expect_status 2
expect_err "control character U+000A"
run_isms new risk "Nobody's" --owner nobody
expect_status 2
expect_err "unknown person 'nobody' for --owner"
run_isms new --help
expect_status 0
expect_out "usage: isms new"
mkdir -p "$scratch/nowhere"
run_isms -C "$scratch/nowhere" new risk "Lost"
expect_status 2

# test_new_template_from_folder
mkdir -p "$scratch/templates"
cat >"$scratch/templates/risk.md" <<'MD'
---
id: {{ID}}
title: "{{TITLE}}"
owner: {{OWNER}}
status: identified
cia: [availability]
---
Custom template, {{DATE}}.
MD
ISMS_TEMPLATES="$scratch/templates" run_isms --today 2026-05-06 new risk \
	'Quoted "title"' --owner ops
expect_status 0
grep -qF 'title: "Quoted \"title\""' "$out" ||
	fail "a quoted placeholder was not escaped"
grep -q '^Custom template, 2026-05-06\.$' "$out" ||
	fail "the template of ISMS_TEMPLATES was not used"

# test_new_duplicate_id_after_merge
# Two clones each add a risk before seeing the other's, so both take
# RSK-003; after the merge, isms check names both files.
new_repo base
write_minimal_isms
mkdir -p risks
write_risk RSK-001 first
write_risk RSK-002 second
commit "Olu Ops <ops@example.com>" "Add two risks"
git clone -q "$scratch/base" "$scratch/alice"
git clone -q "$scratch/base" "$scratch/bob"
cd "$scratch/alice" || fail "cannot enter alice"
run_isms new risk "Alice risk" --owner ops
expect_out "risks/RSK-003-alice-risk.md"
commit "Olu Ops <ops@example.com>" "Add Alice's risk"
cd "$scratch/bob" || fail "cannot enter bob"
run_isms new risk "Bob risk" --owner ops
expect_out "risks/RSK-003-bob-risk.md"
commit "Olu Ops <ops@example.com>" "Add Bob's risk"
git fetch -q "$scratch/alice" main:refs/remotes/alice/main
# Once fetched, the other clone's branch counts as well.
run_isms new risk "After the fetch" --owner ops
expect_out "risks/RSK-004-after-the-fetch.md"
rm "$out"
git -c user.name=Bob -c user.email=bob@example.com merge -q --no-edit \
	alice/main || fail "the merge failed"
run_isms check
expect_status 1
expect_out "risks/RSK-003-bob-risk.md"
expect_out "'risks/RSK-003-alice-risk.md'"
expect_out "[record-duplicate-id]"
