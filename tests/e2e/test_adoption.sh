#!/usr/bin/env bash
# Adopting change control on a new ISMS, as README.md describes it: the
# set-up commit, a planned and approved adoption change, and the commit
# that sets `since` to the set-up. Afterwards only unplanned work is
# reported.
. "$(dirname "$0")/lib.sh"

CISO="Casey Ciso <ciso@example.com>"
CEO="Cam Ceo <ceo@example.com>"
OPS="Olu Ops <ops@example.com>"

new_repo adoption
run_isms init
expect_status 0
# The CEO approves changes too, so the CISO's change has another approver.
sed -i 's/    roles: \[top-management\]/    roles: [top-management, change-approver]/' isms.yaml
commit "$CISO" "Set up the ISMS"
setup=$(git rev-parse HEAD)

run_isms new change "Adopt change control"
expect_status 0
change=$(printf '%s\n' "$out" | tail -n 1)
sed -i 's/^scope: \[\]/scope: [isms.yaml]/' "$change"
sed -i 's/^# purpose: .*/purpose: Start judging every ISMS commit/; s/^# consequences: .*/consequences: Unplanned commits fail CI/' "$change"
sed -i 's/^# integrity: .*/integrity: Only since changes/; s/^# resources: .*/resources: One hour/; s/^# responsibilities: .*/responsibilities: The CISO edits, the CEO approves/' "$change"
commit "$CISO" "Plan the adoption of change control"

sed -i 's/^status: proposed/status: approved\napproved_by: ceo\napproved_on: 2026-12-04/' "$change"
commit "$CEO" "Approve CHG-001"

sed -i "s/^  # since: .*/  since: $setup/; s/^  #since: .*/  since: $setup/" isms.yaml
grep -q "^  since: $setup" isms.yaml || printf '  since: %s\n' "$setup" >>isms.yaml
commit "$CISO" "Judge every commit after the set-up

ISMS-Change: CHG-001"

run_isms check --today 2026-12-04
expect_status 0
run_isms changes check --today 2026-12-04
expect_status 0
expect_err "3 commits judged, 0 findings"

# From now on an unplanned edit is caught, and the set-up is not judged.
echo "# notes" >>README.md
run_isms new risk "Laptop theft" --owner ciso
expect_status 0
commit "$OPS" "Add a risk"
run_isms changes check --today 2026-12-04
expect_status 1
expect_out "[change-no-trailer]"
expect_no_out "$(git rev-parse --short=8 "$setup")"
