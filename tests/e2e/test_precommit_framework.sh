#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml run by the real pre-commit framework,
# offline: the hook repository is a local git repository that holds this
# project's .pre-commit-hooks.yaml, and PRE_COMMIT_HOME is a temporary
# folder. The ISMS sits in a subfolder, so the hooks get `-C compliance`.
. "$(dirname "$0")/lib.sh"

if ! command -v pre-commit >/dev/null 2>&1; then
	echo "skip: pre-commit is not installed (Debian package pre-commit)"
	exit 0
fi

export SOURCE_DATE_EPOCH=1796428800	# 2026-12-04
export PRE_COMMIT_HOME="$scratch/pre-commit-home"
export PRE_COMMIT_COLOR=never

mkdir -p "$scratch/bin"
ln -s "$ISMS_BIN" "$scratch/bin/isms"
export PATH="$scratch/bin:$PATH"

# Runs git commit as Olu Ops; sets $status and $out (with what hooks print).
try_commit() {
	git -c user.name="Olu Ops" -c user.email=ops@example.com \
		commit -q "$@" >"$scratch/commit.out" 2>&1
	status=$?
	out=$(cat "$scratch/commit.out")
	err=$out
}

# The hook repository: this project's manifest, committed.
new_repo hook-source
cp "$project/.pre-commit-hooks.yaml" .
cp -r "$project/hooks" .
commit "Olu Ops <ops@example.com>" "Hooks"
hook_repo=$repo
hook_rev=$(git rev-parse HEAD)

new_repo isms
git config user.name "Olu Ops"
git config user.email ops@example.com
mkdir -p compliance/risks compliance/policies compliance/changes
cd compliance || fail "cannot enter compliance"
write_minimal_isms
echo "Access policy v1" >policies/access.md
cat >changes/CHG-001-policies.md <<'MD'
---
id: CHG-001
title: Keep the access policy current
status: approved
type: normal
requested_by: ops
purpose: Keep the policy current
consequences: None
integrity: Reviewed
resources: Ops
responsibilities: ops edits, ciso approves
scope: ["policies/**", "risks/**"]
approved_by: ciso
approved_on: 2026-12-01
---
MD
cd "$repo" || fail "cannot enter $repo"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: isms-check
        args: [-C, compliance]
      - id: isms-commit-msg
        args: [-C, compliance]
EOF
commit "Casey Ciso <ciso@example.com>" "Start the ISMS with CHG-001 approved"

pre-commit install --hook-type pre-commit --hook-type commit-msg \
	>"$scratch/install.out" 2>&1 ||
	fail "pre-commit install failed: $(cat "$scratch/install.out")"

# isms hooks install leaves the framework's hooks alone.
run_isms -C compliance hooks install
expect_status 2
expect_err "exists and was not written by isms"
grep -q "pre-commit" .git/hooks/pre-commit || fail "the framework's hook was changed"

# test_precommit_invalid_record_blocked.
head=$(git rev-parse HEAD)
cat >compliance/risks/RSK-001-laptop-theft.md <<'MD'
---
id: RSK-001
title: Laptop theft exposes customer data
owner: nobody
status: assessed
cia: [confidentiality]
inherent: {likelihood: possible, consequence: major}
review: {last: 2026-10-01, next: 2027-01-01}
---
MD
git add compliance/risks
try_commit -m "Add laptop risk

ISMS-Change: CHG-001"
[ "$status" -ne 0 ] || fail "pre-commit let an invalid record through"
expect_out "isms check (staged ISMS records)"
expect_out "Failed"
expect_out "risks/RSK-001-laptop-theft.md:4:8: error: risk owner 'nobody' is not in 'people' of isms.yaml"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "the invalid record was committed"

# test_precommit_valid_record_passes.
sed -i 's/^owner: nobody$/owner: ops/' compliance/risks/RSK-001-laptop-theft.md
git add compliance/risks
try_commit -m "Add laptop risk

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "pre-commit blocked a valid, planned record"
expect_out "isms commit message (planned change trailer)"
expect_out "Passed"
[ "$(git rev-parse HEAD)" != "$head" ] || fail "no commit was made"
head=$(git rev-parse HEAD)

# test_precommit_commit_msg_without_trailer_blocked.
echo "Access policy v2" >compliance/policies/access.md
git add compliance/policies
try_commit -m "Edit access policy"
[ "$status" -ne 0 ] || fail "pre-commit let an unplanned commit through"
expect_out "isms commit message (planned change trailer)"
expect_out "[change-no-trailer]"
[ "$(git rev-parse HEAD)" = "$head" ] || fail "the unplanned commit was made"

try_commit -m "Edit access policy

ISMS-Change: CHG-001"
[ "$status" -eq 0 ] || fail "pre-commit blocked a planned commit"
[ "$(git rev-parse HEAD)" != "$head" ] || fail "no commit was made"

exit 0
