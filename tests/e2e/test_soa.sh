#!/usr/bin/env bash
# controls/soa.yaml: the full Annex A catalogue, justified exclusions,
# consistent status, and risk treatments that name applicable controls.
. "$(dirname "$0")/lib.sh"

new_repo soa
write_minimal_isms
mkdir -p controls risks

# Writes the 93 Annex A controls, all applicable and implemented.
write_soa() {
	{
		echo "controls:"
		for theme in 5:37 6:8 7:14 8:34; do
			for n in $(seq 1 "${theme#*:}"); do
				printf '  - {id: "%s.%s", title: Control %s.%s, applicable: true, status: implemented, justification: Needed}\n' \
					"${theme%:*}" "$n" "${theme%:*}" "$n"
			done
		done
	} >controls/soa.yaml
}

write_soa
cat >risks/RSK-001-backups.md <<'MD'
---
id: RSK-001
title: Backups fail silently
owner: ops
status: treating
cia: [availability]
inherent: {likelihood: possible, consequence: major}
existing_controls: ["8.13"]
treatment:
  option: modify
  controls: ["8.16"]
  actions: [{id: A1, text: Alert on failed backups, owner: ops, due: 2027-01-31, status: planned}]
residual: {likelihood: unlikely, consequence: major}
review: {last: 2026-11-01, next: 2027-02-01}
---
MD
commit "Olu Ops <ops@example.com>" "Add SoA and a risk"

run_isms check --today 2026-12-04
expect_status 0
expect_no_out "[soa-"

# A missing control, listed twice, excluded without a reason.
sed -i '/id: "5.23"/d' controls/soa.yaml
printf '  - {id: "8.1", title: Again, applicable: true, status: planned}\n' >>controls/soa.yaml
sed -i 's/{id: "7.6", title: Control 7.6, applicable: true, status: implemented, justification: Needed}/{id: "7.6", title: Control 7.6, applicable: false, status: not-applicable}/' controls/soa.yaml
sed -i 's/{id: "7.7", title: Control 7.7, applicable: true, status: implemented,/{id: "7.7", title: Control 7.7, applicable: false, status: implemented,/' controls/soa.yaml
run_isms check --today 2026-12-04
expect_status 1
expect_out "Annex A control '5.23' is missing"
expect_out "[soa-missing-control]"
expect_out "control '8.1' is listed twice"
expect_out "[soa-duplicate-control]"
expect_out "control '7.6' is excluded without a justification"
expect_out "[soa-exclusion-unjustified]"
expect_out "control '7.7' is not applicable but has status 'implemented'"
expect_out "[soa-status]"

# A treatment that names an excluded or unknown control.
write_soa
sed -i 's/{id: "8.16", title: Control 8.16, applicable: true, status: implemented,/{id: "8.16", title: Control 8.16, applicable: false, status: not-applicable,/' controls/soa.yaml
sed -i 's/existing_controls: \["8.13"\]/existing_controls: ["8.99"]/' risks/RSK-001-backups.md
run_isms check --today 2026-12-04
expect_status 1
expect_out "[soa-control-not-applicable]"
expect_out "risks/RSK-001-backups.md:8:21: error:"
expect_out "[ref-unknown-control]"
