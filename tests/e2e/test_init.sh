#!/usr/bin/env bash
# isms init: a new ISMS, in an empty folder outside git or in a subfolder
# of a repository, passes isms check at once. Existing files are kept
# without --force, and ISMS_TEMPLATES replaces templates.
. "$(dirname "$0")/lib.sh"

# test_init_empty_folder_outside_git
mkdir -p "$scratch/plain"
cd "$scratch/plain" || fail "cannot enter $scratch/plain"
run_isms init
expect_status 0
expect_out "isms.yaml"
expect_out "controls/soa.yaml"
expect_out "README.md"
expect_out "risks/.gitkeep"
expect_out "context/.gitkeep"
expect_err "not in a git work tree; run 'git init'"
for folder in risks opportunities objectives changes context; do
	[ -f "$folder/.gitkeep" ] || fail "init did not create $folder/"
done
[ "$(grep -c '^  - id: "' controls/soa.yaml)" -eq 93 ] ||
	fail "the Statement of Applicability does not list 93 controls"
grep -q '{{' isms.yaml controls/soa.yaml README.md &&
	fail "init left a placeholder unfilled"
grep -q '^  # since:' isms.yaml || fail "init set change_control.since"

run_isms check
expect_status 0
expect_err "0 errors, 0 warnings"

run_isms --today 2026-03-02 new risk "Laptop theft" --owner ceo
expect_status 0
[ "$out" = "risks/RSK-001-laptop-theft.md" ] || fail "unexpected path '$out'"
grep -q '^owner: ceo$' risks/RSK-001-laptop-theft.md || fail "owner not set"
grep -q '^- 2026-03-02: identified by ceo\.$' risks/RSK-001-laptop-theft.md ||
	fail "the date of --today is not in the new risk"
run_isms check
expect_status 0
expect_err "0 errors, 0 warnings"

# test_init_twice_changes_nothing
run_isms init
expect_status 0
[ -z "$out" ] || fail "a second init wrote files: $out"
expect_err "nothing changed"

# test_init_refuses_to_overwrite
echo "# edited" >>isms.yaml
cp isms.yaml "$scratch/edited"
rm README.md
run_isms init
expect_status 2
expect_err "'isms.yaml' already exists (use --force to overwrite it)"
cmp -s isms.yaml "$scratch/edited" || fail "a refused init changed isms.yaml"
[ ! -e README.md ] || fail "a refused init wrote README.md"
run_isms init --force
expect_status 0
expect_out "isms.yaml"
expect_out "README.md"
expect_no_out "soa.yaml"
grep -q '# edited' isms.yaml && fail "--force did not replace isms.yaml"
[ -f risks/RSK-001-laptop-theft.md ] || fail "--force removed a record"

# test_init_subfolder_of_repository
new_repo monorepo
mkdir -p src
echo 'int main(void) { return 0; }' >src/main.c
commit "Dev <dev@example.com>" "Add code"
run_isms init compliance/isms
expect_status 0
expect_out "compliance/isms/isms.yaml"
expect_out "compliance/isms/controls/soa.yaml"
case "$err" in
*"git init"*) fail "init inside a repository asked for git init" ;;
esac
commit "Dev <dev@example.com>" "Set up the ISMS"
git ls-files | grep -q '^compliance/isms/risks/.gitkeep$' ||
	fail "git does not track the empty record folders"
run_isms -C compliance/isms check
expect_status 0
run_isms -C compliance/isms check --staged
expect_status 0

# test_init_inside_another_isms
run_isms init compliance/isms/nested
expect_status 0
expect_err "is inside the ISMS at"

# test_init_templates_from_folder
mkdir -p "$scratch/templates"
sed 's/^organisation: .*/organisation: Custom Ltd/' \
	"$project/templates/isms.yaml" >"$scratch/templates/isms.yaml"
mkdir -p "$scratch/custom"
cd "$scratch/custom" || fail "cannot enter $scratch/custom"
ISMS_TEMPLATES="$scratch/templates" run_isms init
expect_status 0
grep -q '^organisation: Custom Ltd$' isms.yaml ||
	fail "init ignored the isms.yaml of ISMS_TEMPLATES"
cmp -s controls/soa.yaml "$project/templates/controls/soa.yaml" ||
	fail "a template missing from ISMS_TEMPLATES did not fall back"
printf 'version: {{VERSION}}\n' >"$scratch/templates/README.md"
mkdir -p "$scratch/custom2"
ISMS_TEMPLATES="$scratch/templates" run_isms init "$scratch/custom2"
expect_status 2
expect_err "template 'README.md' line 1: unknown placeholder '{{VERSION}}'"
[ ! -e "$scratch/custom2/isms.yaml" ] || fail "a failed init wrote files"
ISMS_TEMPLATES="$scratch/none" run_isms init "$scratch/custom2"
expect_status 2
expect_err "cannot read template folder"

# test_init_usage
run_isms init --help
expect_status 0
expect_out "usage: isms init"
run_isms init one two
expect_status 2
expect_err "unexpected argument 'two'"
run_isms init --bogus
expect_status 2
expect_err "invalid option '--bogus'"
: >"$scratch/a-file"
run_isms init "$scratch/a-file"
expect_status 2
expect_err "is not a folder"
