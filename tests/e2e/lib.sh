# Helpers for the end-to-end tests; source it first.
#
#   new_repo            make a temporary git repository and cd into it
#   commit AUTHOR MSG   commit everything as AUTHOR ("Name <email>")
#   run_isms ARGS...    run the binary; sets $status, $out and $err
#   expect_status N     fail unless the last run exited N
#   expect_out TEXT     fail unless stdout contains TEXT (fixed string)
#   expect_err TEXT     the same for stderr
#   expect_no_out TEXT  fail if stdout contains TEXT
#   fail MESSAGE        stop the test with MESSAGE
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
: "${ISMS_BIN:?set ISMS_BIN to the isms binary under test}"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/isms-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export NO_COLOR=1

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	if [ -n "${out+x}" ]; then
		printf -- '--- stdout\n%s\n--- stderr\n%s\n' "$out" "$err" >&2
	fi
	exit 1
}

new_repo() {
	repo="$scratch/${1:-repo}"
	mkdir -p "$repo"
	cd "$repo" || fail "cannot enter $repo"
	git init -q -b main .
}

commit() {
	local author=$1 message=$2 name email
	name=${author% <*}
	email=${author#*<}
	email=${email%>}
	git add -A
	git -c user.name="$name" -c user.email="$email" \
		commit -q --allow-empty -m "$message"
}

run_isms() {
	local o e
	o=$(mktemp "$scratch/out.XXXXXX")
	e=$(mktemp "$scratch/err.XXXXXX")
	"$ISMS_BIN" "$@" >"$o" 2>"$e"
	status=$?
	out=$(cat "$o")
	err=$(cat "$e")
	rm -f "$o" "$e"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "expected exit status $1, got $status"
}

expect_out() {
	case "$out" in
	*"$1"*) ;;
	*) fail "stdout lacks '$1'" ;;
	esac
}

expect_err() {
	case "$err" in
	*"$1"*) ;;
	*) fail "stderr lacks '$1'" ;;
	esac
}

expect_no_out() {
	case "$out" in
	*"$1"*) fail "stdout has '$1'" ;;
	esac
}

# Writes a small valid ISMS into the current folder: criteria, people, an
# empty SoA is left out so control ids are not checked.
write_minimal_isms() {
	cat >isms.yaml <<'YAML'
isms: 1
organisation: Test Ltd
scope: Everything
people:
  ciso: {name: Casey Ciso, email: [ciso@example.com], roles: [risk-approver, change-approver]}
  cto: {name: Taylor Cto, email: [cto@example.com], roles: [top-management]}
  ops: {name: Olu Ops, email: [ops@example.com]}
risk_criteria:
  likelihood:
    - {name: rare}
    - {name: unlikely}
    - {name: possible}
    - {name: likely}
    - {name: almost-certain}
  consequence:
    scale:
      - {name: negligible}
      - {name: minor}
      - {name: moderate}
      - {name: major}
      - {name: severe}
  method: matrix
  matrix:
    - [low,    low,    low,    medium, medium]
    - [low,    low,    medium, medium, high]
    - [low,    medium, medium, high,   high]
    - [medium, medium, high,   high,   critical]
    - [medium, high,   high,   critical, critical]
  levels:
    - {name: low, accept: [risk-owner], review_every: 12 months}
    - {name: medium, accept: [risk-owner, risk-approver], review_every: 6 months, acceptance_valid_for: 12 months}
    - {name: high, accept: [risk-owner, top-management], review_every: 3 months, acceptance_valid_for: 6 months}
    - {name: critical, accept: never, review_every: 1 month}
  acceptance_threshold: low
change_control:
  controlled: ["**"]
  uncontrolled: ["README.md"]
  trailer: ISMS-Change
YAML
}
