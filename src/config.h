#ifndef ISMS_CONFIG_H
#define ISMS_CONFIG_H

#include <stddef.h>

#include "criteria.h"
#include "date.h"
#include "diag.h"
#include "yaml_doc.h"

/*
 * isms.yaml: the organisation, its people and roles, its risk criteria, its
 * record id prefixes and its change-control policy.
 */

struct person {
	char *key;		/* the map key other records use */
	char *name;
	char **emails;		/* lower-cased */
	size_t email_count;
	char **roles;
	size_t role_count;
	size_t line;
};

/* The role an approver of a change must hold under segregation of duties. */
#define ROLE_CHANGE_APPROVER "change-approver"

/* The version of the isms.yaml format that this tool reads (key `isms`). */
#define CONFIG_VERSION 1

struct change_control {
	char **controlled;	/* globs relative to the ISMS root */
	size_t controlled_count;
	char **uncontrolled;
	size_t uncontrolled_count;
	char *trailer;		/* default "ISMS-Change" */
	char *since;		/* a date YYYY-MM-DD or a commit id; may be NULL */
	int segregation_of_duties;
	struct duration emergency_approval_within;
	int has_emergency_approval_within;
};

/* Indexes of the prefixes array. */
enum record_kind {
	KIND_RISK,
	KIND_OPPORTUNITY,
	KIND_OBJECTIVE,
	KIND_CHANGE,
	KIND_ISSUE,
	KIND_REQUIREMENT,
	KIND_COUNT,
	KIND_DOCUMENT = KIND_COUNT,	/* any other Markdown file */
};

struct config {
	long version;
	char *organisation;
	char *scope;
	struct person *people;
	size_t people_count;
	struct criteria criteria;
	int criteria_ok;		/* criteria parsed without errors */
	char *prefixes[KIND_COUNT];	/* RSK, OPP, OBJ, CHG, ISS, REQ */
	struct change_control change_control;
	struct ynode *doc;		/* the parsed file, owned */
};

/*
 * Parses isms.yaml. Adds a diagnostic for every problem and returns 0 when
 * the file could be read as a whole (even with findings), -1 when it is
 * unusable (not YAML, not a map, or a format version other than
 * CONFIG_VERSION). *out is overwritten and always contains the default
 * prefixes and change-control policy. Release *out in both cases.
 *
 * Keys: isms, organisation, scope, people, risk_criteria, prefixes (a map
 * from kind name to prefix), change_control. The keys, their defaults and
 * the rule ids (config-*) are listed in docs/criteria.md.
 */
int config_parse(struct config *out, const char *text, size_t len,
    const char *path, struct diag_list *diags);

void config_release(struct config *config);

/* The person with map key `key`, or NULL. Borrowed. */
const struct person *config_find_person(const struct config *config,
    const char *key);

/* The person one of whose addresses equals `email` ignoring case. */
const struct person *config_find_person_by_email(const struct config *config,
    const char *email);

int person_has_role(const struct person *person, const char *role);

/* "risk", "opportunity", ... */
const char *record_kind_name(enum record_kind kind);

#endif
