#!/usr/bin/env bash
# isms documents: the register of documented information with the last
# commit that changed each document, found in real history, and the
# review dates that isms check warns about.
. "$(dirname "$0")/lib.sh"

# commit_at DATE AUTHOR MESSAGE: commit everything with a fixed date.
commit_at() {
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 commit "$2" "$3"
}

new_repo documents
mkdir -p compliance/policies app
cd compliance || fail "cannot enter compliance"
write_minimal_isms
cat >policies/security.md <<'MD'
---
id: POL-001
title: Information security policy
kind: policy
owner: ciso
approved_by: cto
approved_on: 2025-11-01
review_every: 12 months
---
# Information security policy
MD
cat >policies/access.md <<'MD'
---
id: POL-002
title: Access control policy
owner: ciso
approved_by: cto
approved_on: 2026-01-02
review_every: 12 months
---
# Access control policy
MD
cat >policies/backup.md <<'MD'
---
id: PRC-001
title: Backup procedure
kind: procedure
owner: ops
---
# Backup procedure
MD
printf '# About this ISMS\n' >README.md
printf 'int main(void) { return 0; }\n' >../app/main.c
commit_at 2026-01-05T10:00:00+00:00 "Alice Adams <alice@example.com>" "Set up the ISMS"
first=$(git rev-parse HEAD)

sed -i 's/^approved_on: 2026-01-02$/approved_on: 2026-06-01/' policies/access.md
commit_at 2026-03-10T23:30:00-05:00 "Bob Brown <bob@example.com>" "Approve the access control policy again"
second=$(git rev-parse HEAD)

printf 'int main(void) { return 1; }\n' >../app/main.c
commit_at 2026-04-01T09:00:00+00:00 "Carol Clark <carol@example.com>" "Change the app"

printf '# About this ISMS\n\nSee policies/.\n' >README.md
commit_at 2026-05-01T08:00:00+02:00 "Dan Dunn <dan@example.com>" "Point to the policies"
fourth=$(git rev-parse HEAD)

# test_documents_last_commit: one walk finds each document's last commit,
# dated in the author's time zone; commits outside the ISMS do not count.
run_isms documents --today 2026-12-04
expect_status 0
printf '%s\n' "$out" | grep -Eq "^POL-001 +Information security policy +policy +policies/security.md +ciso +cto +2025-11-01 +12 months +2026-11-01 +${first:0:12} +2026-01-05 +Alice Adams <alice@example.com> +review overdue$" ||
	fail "POL-001's row is wrong"
printf '%s\n' "$out" | grep -Eq "^POL-002 +Access control policy +document +policies/access.md +ciso +cto +2026-06-01 +12 months +2027-06-01 +${second:0:12} +2026-03-10 +Bob Brown <bob@example.com> *$" ||
	fail "POL-002's row is wrong"
printf '%s\n' "$out" | grep -Eq "^PRC-001 +Backup procedure +procedure +policies/backup.md +ops +${first:0:12} +2026-01-05 +Alice Adams <alice@example.com> +not approved$" ||
	fail "PRC-001 is not flagged as not approved"
printf '%s\n' "$out" | grep -Eq "^ +README.md +${fourth:0:12} +2026-05-01 +Dan Dunn <dan@example.com> *$" ||
	fail "README.md's last commit is wrong"
expect_out "4 documents, 3 with document keys: 1 review overdue, 1 not approved, 0 with uncommitted changes"
expect_out "isms.yaml blob $(git hash-object isms.yaml)"

# test_documents_review_overdue: isms check warns, and --strict fails.
run_isms check --today 2026-12-04
expect_status 0
expect_out "policies/security.md:7:14: warning: review was due on '2026-11-01', 12 months after the approval on '2025-11-01'; review the document and record the new approval in 'approved_on' [document-review-overdue]"
[ "$(printf '%s\n' "$out" | grep -c 'document-review-overdue')" -eq 1 ] ||
	fail "a document within its review period is reported"
run_isms check --today 2026-11-01
expect_no_out "[document-review-overdue]"
run_isms check --today 2026-12-04 --strict
expect_status 1

# test_documents_uncommitted: the working tree and the index differ from HEAD.
printf '\nA new paragraph.\n' >>policies/access.md
run_isms documents --today 2026-12-04
printf '%s\n' "$out" | grep -Eq "^POL-002 .* ${second:0:12} .* uncommitted changes$" ||
	fail "an edited document is not flagged"
git add policies/access.md
run_isms documents --today 2026-12-04 --staged
printf '%s\n' "$out" | grep -Eq "^POL-002 .* uncommitted changes$" ||
	fail "a staged document is not flagged"
run_isms documents --today 2026-12-04 --rev HEAD~2
expect_status 0
expect_out "0 with uncommitted changes"
printf '%s\n' "$out" | grep -Eq "^ +README.md +${first:0:12} +2026-01-05 " ||
	fail "--rev does not walk the history from that revision"
git checkout -q HEAD -- policies/access.md
git reset -q

# test_documents_formats: Markdown with the stamp, CSV and JSON.
run_isms documents --today 2026-12-04 --format markdown
expect_status 0
expect_out "# Documented information"
expect_out "- Organisation: Test Ltd"
expect_out "- isms.yaml blob: $(git hash-object isms.yaml)"
expect_out "| POL-001 | Information security policy | policy | policies/security.md | ciso | cto | 2025-11-01 | 12 months | 2026-11-01 | ${first:0:12} | 2026-01-05 | Alice Adams <alice@example.com> | review overdue |"
run_isms documents --today 2026-12-04 --format csv
expect_status 0
[ "$(printf '%s\n' "$out" | grep -c '"source working tree (HEAD ')" -eq 4 ] || fail "a CSV row lacks the stamp"
run_isms documents --today 2026-12-04 --format json
expect_status 0
if command -v python3 >/dev/null 2>&1; then
	printf '%s\n' "$out" | python3 -c '
import json, sys
d = {x["path"]: x for x in json.load(sys.stdin)["documents"]}
c = d["policies/access.md"]["last_commit"]
assert c["id"] == sys.argv[1], c
assert c["date"] == "2026-03-10", c
assert c["author"] == "Bob Brown", c
assert d["policies/security.md"]["review_overdue"] is True, d
assert d["README.md"]["id"] is None, d
' "$second" || fail "documents JSON is wrong"
fi

# test_documents_invalid: the document keys are checked like a record's.
cat >policies/bad.md <<'MD'
---
owner: cisoo
aproved_by: cto
kind: manual
review_every: every year
---
MD
run_isms check --today 2026-12-04
expect_status 1
expect_out "policies/bad.md:2:8: error: document owner 'cisoo' is not in 'people' of isms.yaml; did you mean 'ciso'? [ref-unknown-person]"
expect_out "policies/bad.md:3:1: error:"
expect_out "[unknown-key]"
expect_out "policies/bad.md:4:7: error:"
expect_out "policies/bad.md:5:15: error:"
run_isms documents --today 2026-12-04
expect_status 1
expect_err "the records have 4 errors"
rm policies/bad.md

# Frontmatter of other tools is left alone.
printf -- '---\ntitle: Team page\nlayout: page\n---\n' >team.md
run_isms check --today 2026-12-04
expect_status 0

# test_documents_outside_git: no history, so the commit columns are empty.
cp -r . "$scratch/plain"
rm -rf "$scratch/plain/.git"
cd "$scratch/plain" || fail "cannot enter $scratch/plain"
run_isms documents --today 2026-12-04
expect_status 0
printf '%s\n' "$out" | grep -Eq '^POL-002 .* 2027-06-01 *$' ||
	fail "outside git the last commit columns are not empty"
expect_out "; no git history, so no last commit"

# A shallow clone cannot show last commits: exit 2 with the fetch hint.
shallow="$scratch/shallow"
git clone -q --depth 1 "file://$repo" "$shallow"
run_isms -C "$shallow/compliance" documents
expect_status 2
expect_err "shallow clone"
expect_err "git fetch --unshallow"
