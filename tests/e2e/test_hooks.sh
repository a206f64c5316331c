#!/usr/bin/env bash
# isms hooks: installing the pre-commit and commit-msg hooks, and real git
# commits through them: blocked and allowed, partly staged files, commit -a
# and commit PATH, odd file names, an ISMS in a subfolder, core.hooksPath
# and hooks that isms did not write.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1796428800	# 2026-12-04

# The hooks find isms on PATH.
mkdir -p "$scratch/bin"
ln -s "$ISMS_BIN" "$scratch/bin/isms"
export PATH="$scratch/bin:$PATH"
unset ISMS ISMS_DIR

# Runs git commit with the given arguments as Olu Ops; sets $status, and
# $out and $err both to everything it printed, because git sends what
# hooks print to standard error.
try_commit() {
	git -c user.name="Olu Ops" -c user.email=ops@example.com \
		commit -q "$@" >"$scratch/commit.out" 2>&1
	status=$?
	out=$(cat "$scratch/commit.out")
	err=$out
}

# Fails unless HEAD is still the commit $1.
expect_head() {
	[ "$(git rev-parse HEAD)" = "$1" ] || fail "HEAD moved: the commit was made"
}

expect_new_head() {
	[ "$(git rev-parse HEAD)" != "$1" ] || fail "HEAD did not move: no commit was made"
}

write_risk() {
	cat >"$1" <<MD
---
id: $2
title: Laptop theft exposes customer data
owner: ops
status: assessed
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
review: {last: 2026-10-01, next: 2027-01-01}
---
MD
}

# Plans CHG-001 (by ops) and approves it (by the ciso, as rule 5 wants),
# scope $1, before any hook is installed.
plan_change() {
	mkdir -p changes
	cat >changes/CHG-001-records.md <<MD
---
id: CHG-001
title: Maintain the risk records and policies
status: proposed
type: normal
requested_by: ops
purpose: Keep the records current
consequences: None beyond the records
integrity: Reviewed in pull requests
resources: The ops team
responsibilities: ops edits, ciso approves
scope: $1
---
MD
	commit "Olu Ops <ops@example.com>" "Plan CHG-001"
	sed -i 's/^status: proposed/status: approved\napproved_by: ciso\napproved_on: 2026-12-01/' \
		changes/CHG-001-records.md
	commit "Casey Ciso <ciso@example.com>" "Approve CHG-001"
}

new_repo hooks
git config user.name "Olu Ops"
git config user.email ops@example.com
write_minimal_isms
mkdir -p risks policies
echo "Access policy v1" >policies/access.md
write_risk risks/RSK-001-laptop-theft.md RSK-001
commit "Olu Ops <ops@example.com>" "Start the ISMS"
plan_change '[risks/**, "policies/**"]'

# test_hooks_install_fresh: both hooks, executable, with the ISMS folder.
run_isms hooks install
expect_status 0
expect_out "installed pre-commit hook '.git/hooks/pre-commit'"
expect_out "installed commit-msg hook '.git/hooks/commit-msg'"
[ -x .git/hooks/pre-commit ] || fail "pre-commit hook is not executable"
[ -x .git/hooks/commit-msg ] || fail "commit-msg hook is not executable"
grep -qx "ISMS_DIR=\${ISMS_DIR:-'.'}" .git/hooks/pre-commit ||
	fail "pre-commit hook does not name the ISMS folder"
cmp -s <(grep -v '^ISMS_DIR=' .git/hooks/pre-commit) \
	<(grep -v '^ISMS_DIR=' "$project/hooks/pre-commit") ||
	fail "installed pre-commit hook differs from hooks/pre-commit"
cmp -s <(grep -v '^ISMS_DIR=' .git/hooks/commit-msg) \
	<(grep -v '^ISMS_DIR=' "$project/hooks/commit-msg") ||
	fail "installed commit-msg hook differs from hooks/commit-msg"

# test_hooks_install_again: nothing to do.
run_isms hooks install
expect_status 0
expect_out "pre-commit hook '.git/hooks/pre-commit' is up to date"
expect_out "commit-msg hook '.git/hooks/commit-msg' is up to date"

# test_hooks_commit_without_trailer_blocked: commit-msg rejects it.
head=$(git rev-parse HEAD)
echo "Access policy v2" >policies/access.md
git add policies/access.md
try_commit -m "Edit access policy"
[ "$status" -ne 0 ] || fail "a commit without trailer was not blocked"
expect_out "error: commit touches controlled path 'policies/access.md' but names no change in an 'ISMS-Change:' trailer [change-no-trailer]"
expect_out "fix: plan the change"
expect_err "commit rejected: 1 error"
expect_head "$head"

# test_hooks_commit_with_trailer_allowed.
try_commit -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "a planned commit was blocked"
expect_new_head "$head"

# test_hooks_commit_unknown_change_blocked.
head=$(git rev-parse HEAD)
echo "Access policy v3" >policies/access.md
git add policies/access.md
try_commit -m "Edit access policy

ISMS-Change: CHG-404"
[ "$status" -ne 0 ] || fail "a commit naming an unknown change was not blocked"
expect_out "[change-not-approved]"
expect_head "$head"
git reset -q --hard

# test_hooks_commit_out_of_scope_blocked.
mkdir -p procedures
echo "Backups" >procedures/backup.md
git add procedures/backup.md
try_commit -m "Add backup procedure

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "a commit outside the change's scope was not blocked"
expect_out "'procedures/backup.md' is outside the scope of CHG-001"
expect_out "[change-out-of-scope]"
expect_head "$head"
git rm -q --cached procedures/backup.md
rm -r procedures

# test_hooks_invalid_record_blocked: the pre-commit hook rejects it.
write_risk risks/RSK-002-phishing.md RSK-002
sed -i 's/^owner: ops$/owner: ops\nbogus: 1/' risks/RSK-002-phishing.md
git add risks/RSK-002-phishing.md
try_commit -m "Add phishing risk

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "an invalid record was not blocked"
expect_out "risks/RSK-002-phishing.md:5:1: error: unknown key 'bogus' in risk"
expect_out "[unknown-key]"
expect_head "$head"

# test_hooks_partly_staged_judged_by_index: a valid staged version and a
# broken working copy commit; the reverse is blocked.
write_risk risks/RSK-002-phishing.md RSK-002
git add risks/RSK-002-phishing.md
echo "bogus: 1" >risks/RSK-002-phishing.md
try_commit -m "Add phishing risk

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "a valid staged record was blocked by its working copy"
expect_new_head "$head"
head=$(git rev-parse HEAD)
git show HEAD:risks/RSK-002-phishing.md | grep -q '^id: RSK-002$' ||
	fail "the commit did not record the staged version"

sed -i 's/^owner: ops$/owner: nobody/' risks/RSK-001-laptop-theft.md
git add risks/RSK-001-laptop-theft.md
sed -i 's/^owner: nobody$/owner: ops/' risks/RSK-001-laptop-theft.md
try_commit -m "Change owner

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "an invalid staged record was let through by its working copy"
expect_out "[ref-unknown-person]"
expect_head "$head"
git reset -q --hard

# test_hooks_commit_all_uses_git_index_file: git commit -a stages into a
# temporary index that only GIT_INDEX_FILE names.
sed -i 's/^owner: ops$/owner: nobody/' risks/RSK-001-laptop-theft.md
try_commit -a -m "Change owner

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "git commit -a let an invalid record through"
expect_out "[ref-unknown-person]"
expect_head "$head"
git reset -q --hard

echo "Access policy v4" >policies/access.md
try_commit -a -m "Edit access policy without a trailer"
[ "$status" -ne 0 ] || fail "git commit -a let an unplanned commit through"
expect_out "[change-no-trailer]"
expect_head "$head"

try_commit -a -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "git commit -a blocked a planned commit"
expect_new_head "$head"
head=$(git rev-parse HEAD)

# test_hooks_commit_only_path: git commit PATH commits that path alone,
# through yet another temporary index.
echo "Access policy v5" >policies/access.md
echo "# Readme" >README.md
git add README.md
try_commit -m "Edit access policy only" -- policies/access.md
[ "$status" -ne 0 ] || fail "git commit PATH let an unplanned commit through"
expect_out "[change-no-trailer]"
expect_head "$head"
try_commit -m "Readme only" -- README.md
[ "$status" -eq 0 ] || fail "git commit PATH blocked a commit of an uncontrolled path"
expect_new_head "$head"
head=$(git rev-parse HEAD)
git checkout -q -- policies/access.md

# test_hooks_verbose_message_scissors: with commit -v the diff below the
# scissors line is not part of the message, even when it contains a
# trailer.
cat >"$scratch/editor" <<'SH'
#!/bin/sh
{ printf 'Edit access policy\n'; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
SH
chmod +x "$scratch/editor"
printf 'Access policy v6\n\nISMS-Change: CHG-001\n' >policies/access.md
git add policies/access.md
GIT_EDITOR="$scratch/editor" try_commit -v
[ "$status" -ne 0 ] || fail "a trailer in the diff of commit -v was taken for the message's"
expect_out "[change-no-trailer]"
expect_head "$head"
git reset -q --hard

# test_hooks_odd_file_names: spaces, quotes and non-ASCII in paths.
name='risks/RSK-003-gäste "wlan" it'\''s.md'
write_risk "$name" RSK-003
sed -i 's/^owner: ops$/owner: ops\nbogus: 1/' "$name"
git add "$name"
try_commit -m "Add guest wifi risk

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "an invalid record with an odd name was not blocked"
expect_out "$name:5:1: error: unknown key 'bogus' in risk [unknown-key]"
expect_head "$head"
write_risk "$name" RSK-003
git add "$name"
try_commit -m "Add guest wifi risk

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "a valid record with an odd name was blocked"
expect_new_head "$head"
head=$(git rev-parse HEAD)

odd='docs/Zugriff für Gäste "neu", v1.md'
mkdir -p docs
echo "Guest access" >"$odd"
git add "$odd"
try_commit -m "Add guest access document

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "an odd path outside the scope was not blocked"
expect_out "'$odd' is outside the scope of CHG-001"
expect_head "$head"
git rm -q --cached "$odd"
rm -r docs

# test_hooks_isms_env_and_missing_binary.
echo "Access policy v7" >policies/access.md
git add policies/access.md
PATH=/usr/bin:/bin ISMS="$ISMS_BIN" try_commit -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "the hooks did not find isms through ISMS"
expect_new_head "$head"
head=$(git rev-parse HEAD)
echo "Access policy v8" >policies/access.md
git add policies/access.md
PATH=/usr/bin:/bin try_commit -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "a commit went through without isms"
expect_err "pre-commit: isms not found as 'isms'; install it or set ISMS to its path"
expect_head "$head"
git reset -q --hard

# test_hooks_install_foreign_hook_kept: a hook isms did not write stays,
# and nothing is written, unless --force.
printf '#!/bin/sh\necho "team hook"\n' >.git/hooks/pre-commit
rm .git/hooks/commit-msg
run_isms hooks install
expect_status 2
expect_err "error: '$repo/.git/hooks/pre-commit' exists and was not written by isms; it was left unchanged"
expect_err "hint: keep it and call isms from it, or replace it with 'isms hooks install --force'"
grep -q "team hook" .git/hooks/pre-commit || fail "the foreign hook was changed"
[ ! -e .git/hooks/commit-msg ] || fail "a hook was written although one was in the way"

run_isms hooks install --force
expect_status 0
expect_out "replaced pre-commit hook '.git/hooks/pre-commit', which isms had not written"
expect_out "installed commit-msg hook '.git/hooks/commit-msg'"
grep -q "^# isms-hook: pre-commit$" .git/hooks/pre-commit || fail "--force did not replace the hook"

run_isms hooks install --bogus
expect_status 2
expect_err "invalid option '--bogus' for hooks install"
run_isms hooks frobnicate
expect_status 2
expect_err "'frobnicate' is not a hooks subcommand"

# test_hooks_core_hooks_path: the hooks go where git looks for them.
git config core.hooksPath .githooks
run_isms hooks install
expect_status 0
expect_out "installed pre-commit hook '.githooks/pre-commit'"
expect_out "installed commit-msg hook '.githooks/commit-msg'"
rm .git/hooks/pre-commit .git/hooks/commit-msg
echo "Access policy v9" >policies/access.md
git add policies/access.md
try_commit -m "Edit access policy"
[ "$status" -ne 0 ] || fail "the hooks in core.hooksPath did not run"
expect_out "[change-no-trailer]"
expect_head "$head"
git reset -q --hard
(cd risks && run_isms hooks install && expect_status 0 &&
	expect_out "pre-commit hook '$repo/.githooks/pre-commit' is up to date") || exit 1
git config --unset core.hooksPath

# test_hooks_isms_in_subfolder: an ISMS in "my isms" inside a larger
# repository; git runs the hooks from the top, and from a subfolder.
new_repo mono
git config user.name "Olu Ops"
git config user.email ops@example.com
mkdir -p app "my isms/policies" "my isms/risks"
echo "code" >app/main.c
(cd "my isms" && write_minimal_isms)
echo "Access policy v1" >"my isms/policies/access.md"
commit "Olu Ops <ops@example.com>" "Start"
(cd "my isms" && plan_change '["policies/**"]') || exit 1
(cd "my isms/policies" && run_isms hooks install && expect_status 0) || exit 1
grep -qx "ISMS_DIR=\${ISMS_DIR:-'my isms'}" .git/hooks/commit-msg ||
	fail "commit-msg hook does not name the ISMS folder"
head=$(git rev-parse HEAD)

echo "more code" >>app/main.c
try_commit -a -m "Change the app"
[ "$status" -eq 0 ] || fail "a commit outside the ISMS was blocked"
expect_new_head "$head"
head=$(git rev-parse HEAD)

# A finding in the ISMS does not block a commit that stages nothing in it.
printf -- '---\nid: RSK-001\n---\n' >"my isms/risks/RSK-001-broken.md"
git add "my isms/risks"
git commit -q --no-verify -m "Add a broken risk"
head=$(git rev-parse HEAD)
echo "even more code" >>app/main.c
try_commit -a -m "Change the app again"
[ "$status" -eq 0 ] || fail "a finding in the ISMS blocked a commit outside it"
expect_new_head "$head"
git rm -q "my isms/risks/RSK-001-broken.md"
git commit -q --no-verify -m "Remove the broken risk"
head=$(git rev-parse HEAD)

echo "Access policy v2" >"my isms/policies/access.md"
cd app || fail "cannot enter app"
try_commit -a -m "Edit access policy"
[ "$status" -ne 0 ] || fail "an unplanned commit in the ISMS folder was let through"
expect_out "[change-no-trailer]"
expect_head "$head"
try_commit -a -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "a planned commit in the ISMS folder was blocked"
expect_new_head "$head"
cd "$repo" || fail "cannot enter $repo"
head=$(git rev-parse HEAD)

# A plain commit: git names the index as ".git/index", relative to the
# top, and the hooks change to the ISMS folder before isms reads it.
echo "Access policy v3" >"my isms/policies/access.md"
git add -A
try_commit -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "a planned plain commit in the ISMS folder was blocked"
expect_new_head "$head"

# test_hooks_commit_msg_direct: the check the hook runs, by hand, with a
# message file relative to the folder isms started in.
echo "Access policy v4" >"my isms/policies/access.md"
git add -A
printf 'Edit access policy\n\n# a comment\nISMS-Change: CHG-001\n' >msg.txt
run_isms -C "my isms" hooks commit-msg msg.txt
expect_status 0
printf 'Edit access policy\n# ISMS-Change: CHG-001\n' >msg.txt
run_isms -C "my isms" hooks commit-msg msg.txt
expect_status 1
expect_out "[change-no-trailer]"
run_isms -C "my isms" hooks commit-msg missing.txt
expect_status 2
expect_err "missing.txt"
run_isms hooks commit-msg
expect_status 2
expect_err "hooks commit-msg takes the file that holds the commit message"

exit 0
