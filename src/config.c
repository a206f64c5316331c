#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "config.h"
#include "criteria.h"
#include "date.h"
#include "diag.h"
#include "glob.h"
#include "schema.h"
#include "strvec.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

static const char *const config_keys[] = { "isms", "organisation", "scope",
	"people", "risk_criteria", "prefixes", "change_control", NULL };
static const char *const person_keys[] = { "name", "email", "roles", NULL };
static const char *const change_control_keys[] = { "controlled",
	"uncontrolled", "trailer", "since", "segregation_of_duties",
	"emergency_approval_within", NULL };

/* Indexed by enum record_kind; also the keys of `prefixes`. */
static const char *const kind_names[] = { "risk", "opportunity",
	"objective", "change", "issue", "requirement", NULL };
static const char *const default_prefixes[KIND_COUNT] = { "RSK", "OPP",
	"OBJ", "CHG", "ISS", "REQ" };

#define DEFAULT_TRAILER "ISMS-Change"

static void report(const struct schema_ctx *ctx, const struct ynode *node,
    enum diag_severity severity, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a diagnostic at `node`, or about the whole file when it is NULL. */
static void
report(const struct schema_ctx *ctx, const struct ynode *node,
    enum diag_severity severity, const char *rule, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);

	diag_add(ctx->diags, severity, ctx->path, node ? node->line : 0,
	    node ? node->col : 0, rule, "%s", message.ptr);
	buf_release(&message);
}

/* A context that names the map being read in missing-field messages. */
static struct schema_ctx
ctx_for(const struct schema_ctx *ctx, const char *what)
{
	struct schema_ctx sub = *ctx;

	sub.what = what;
	return sub;
}

/*
 * The value of `key`, or NULL when it is absent or a YAML null (nothing,
 * `~` or `null`, unquoted), which schema.h also reads as absent.
 */
static const struct ynode *
get_value(const struct ynode *map, const char *key)
{
	const struct ynode *node = ynode_get(map, key);

	if (!node || node->type != YNODE_SCALAR || !node->plain)
		return node;
	if (!*node->value || strcmp(node->value, "~") == 0 ||
	    strcmp(node->value, "null") == 0 ||
	    strcmp(node->value, "Null") == 0 ||
	    strcmp(node->value, "NULL") == 0)
		return NULL;
	return node;
}

/*
 * An address as written for a person, kept until every person is read so
 * that duplicates across people are found by sorting.
 */
struct email_ref {
	char *email;		/* lower-cased, owned */
	size_t person;		/* index in config->people */
	size_t order;		/* position in the file */
	const struct ynode *node;
	int keep;		/* first use of the address */
};

struct email_refs {
	struct email_ref *items;
	size_t count;
	size_t alloc;
};

static void
push_string(char ***items, size_t *count, const char *s)
{
	*items = xrealloc(*items, (*count + 1) * sizeof(**items));
	(*items)[(*count)++] = xstrdup(s);
}

static void
free_strings(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
set_defaults(struct config *out)
{
	for (int k = 0; k < KIND_COUNT; k++)
		out->prefixes[k] = xstrdup(default_prefixes[k]);

	push_string(&out->change_control.controlled,
	    &out->change_control.controlled_count, "**");
	out->change_control.trailer = xstrdup(DEFAULT_TRAILER);
	out->change_control.segregation_of_duties = 1;
}

/*
 * Whether `email` looks like an address a commit could carry: one `@`
 * with text on both sides, and no spaces or angle brackets (which would
 * mean a whole "Name <address>" was written).
 */
static int
valid_email(const char *email)
{
	const char *at = strchr(email, '@');

	if (!at || at == email || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const char *p = email; *p; p++)
		if (isspace((unsigned char)*p) || *p == '<' || *p == '>')
			return 0;
	return 1;
}

static char *
lower_case(const char *s)
{
	char *copy = xstrdup(s);

	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return copy;
}

/*
 * Collects the valid addresses of person `index` into `refs`, lower-cased.
 * Returns the number of addresses written, valid or not.
 */
static size_t
parse_emails(struct email_refs *refs, size_t index,
    const struct person *person, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	const struct ynode *list = NULL;
	size_t n;

	if (schema_get_string_list(ctx, map, "email", SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return 0;

	n = schema_list_count(list);
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);
		struct email_ref *ref;

		if (item->type != YNODE_SCALAR)
			continue;
		if (!valid_email(item->value)) {
			report(ctx, item, DIAG_ERROR, "config-email",
			    "invalid email address '%s' for person '%s'; "
			    "write the address alone, for example "
			    "'name@example.com'", item->value, person->key);
			continue;
		}

		xgrow(&refs->items, &refs->alloc, refs->count + 1,
		    sizeof(*refs->items));
		ref = &refs->items[refs->count];
		ref->email = lower_case(item->value);
		ref->person = index;
		ref->order = refs->count;
		ref->node = item;
		ref->keep = 0;
		refs->count++;
	}
	return n;
}

static int
compare_refs_by_email(const void *a, const void *b)
{
	const struct email_ref *x = a, *y = b;
	int c = strcmp(x->email, y->email);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
compare_refs_by_order(const void *a, const void *b)
{
	const struct email_ref *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * Gives each person the addresses first written for them, in file order.
 * An address repeated for the same person is dropped silently; one that
 * an earlier person already has is an error.
 */
static void
assign_emails(struct config *out, struct email_refs *refs,
    const struct schema_ctx *ctx)
{
	size_t first = 0;

	if (refs->count > 1)
		qsort(refs->items, refs->count, sizeof(*refs->items),
		    compare_refs_by_email);

	for (size_t i = 0; i < refs->count; i++) {
		struct email_ref *ref = &refs->items[i];
		const struct person *owner, *person;

		if (i == 0 || strcmp(ref->email, refs->items[first].email)) {
			first = i;
			ref->keep = 1;
			continue;
		}
		if (ref->person == refs->items[i - 1].person)
			continue;
		owner = &out->people[refs->items[first].person];
		person = &out->people[ref->person];
		if (owner == person)
			continue;
		report(ctx, ref->node, DIAG_ERROR, "config-duplicate-email",
		    "email address '%s' of person '%s' also belongs to "
		    "person '%s' (line %zu); commits from that address could "
		    "not be matched to one person", ref->email, person->key,
		    owner->key, owner->line);
	}

	if (refs->count > 1)
		qsort(refs->items, refs->count, sizeof(*refs->items),
		    compare_refs_by_order);

	for (size_t i = 0; i < refs->count; i++)
		if (refs->items[i].keep)
			out->people[refs->items[i].person].email_count++;
	for (size_t i = 0; i < out->people_count; i++) {
		struct person *person = &out->people[i];

		person->emails = xcalloc(person->email_count,
		    sizeof(*person->emails));
		person->email_count = 0;
	}

	for (size_t i = 0; i < refs->count; i++) {
		struct email_ref *ref = &refs->items[i];
		struct person *person = &out->people[ref->person];

		if (ref->keep)
			person->emails[person->email_count++] = ref->email;
		else
			free(ref->email);
	}
	free(refs->items);
}

/* Reads `roles`. A role listed twice is kept twice, which does no harm. */
static void
parse_roles(struct person *person, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	const struct ynode *list = NULL;
	size_t n;

	if (schema_get_string_list(ctx, map, "roles", SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return;

	n = schema_list_count(list);
	person->roles = xcalloc(n, sizeof(*person->roles));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);

		if (item->type != YNODE_SCALAR)
			continue;
		if (strcmp(item->value, ROLE_RISK_OWNER) == 0) {
			report(ctx, item, DIAG_WARNING, "config-role-reserved",
			    "role '%s' of person '%s' has no effect; it "
			    "always means the owner of the risk at hand, so "
			    "remove it from 'roles'", ROLE_RISK_OWNER,
			    person->key);
			continue;
		}
		person->roles[person->role_count++] = xstrdup(item->value);
	}
}

static void
parse_person(struct person *person, size_t index, struct email_refs *refs,
    const struct ynode *key, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	struct schema_ctx sub = ctx_for(ctx, "person");
	const char *name = NULL;
	size_t written;

	person->key = xstrdup(key->value);
	person->line = key->line;

	if (!schema_expect_map(ctx, map, "person"))
		return;
	schema_check_keys(ctx, map, person_keys, "person");

	if (schema_get_string(&sub, map, "name", SCHEMA_OPTIONAL, &name) == 1)
		person->name = xstrdup(name);
	written = parse_emails(refs, index, person, map, &sub);
	parse_roles(person, map, &sub);

	if (!written)
		report(ctx, key, DIAG_WARNING, "config-no-email",
		    "person '%s' has no email; commits cannot be matched to "
		    "them, so change control cannot recognise them as an "
		    "author or approver", person->key);
}

static void
parse_people(struct config *out, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	struct email_refs refs = { NULL, 0, 0 };

	if (!schema_expect_map(ctx, map, "people"))
		return;

	out->people = xcalloc(map->count, sizeof(*out->people));
	for (size_t i = 0; i < map->count; i++) {
		struct person *person = &out->people[out->people_count++];

		parse_person(person, i, &refs, map->keys[i], map->items[i],
		    ctx);
	}
	assign_emails(out, &refs, ctx);
}

/* Upper-case ASCII letters only, at least one. */
static int
valid_prefix(const char *prefix)
{
	if (!*prefix)
		return 0;
	for (const char *p = prefix; *p; p++)
		if (*p < 'A' || *p > 'Z')
			return 0;
	return 1;
}

static void
parse_prefixes(struct config *out, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	if (!schema_expect_map(ctx, map, "prefixes"))
		return;
	schema_check_keys(ctx, map, kind_names, "prefixes");

	for (int k = 0; k < KIND_COUNT; k++) {
		const char *prefix = NULL;

		if (schema_get_string(ctx, map, kind_names[k],
		    SCHEMA_OPTIONAL, &prefix) != 1)
			continue;
		if (!valid_prefix(prefix)) {
			report(ctx, ynode_get(map, kind_names[k]), DIAG_ERROR,
			    "config-prefix",
			    "invalid prefix '%s' for kind '%s'; use "
			    "upper-case letters A to Z only, for example '%s'",
			    prefix, kind_names[k], default_prefixes[k]);
			continue;
		}
		free(out->prefixes[k]);
		out->prefixes[k] = xstrdup(prefix);
	}

	for (int k = 1; k < KIND_COUNT; k++) {
		for (int j = 0; j < k; j++) {
			const struct ynode *node;

			if (strcmp(out->prefixes[j], out->prefixes[k]) != 0)
				continue;
			node = ynode_get(map, kind_names[k]);
			report(ctx, node ? node : ynode_get(map, kind_names[j]),
			    DIAG_ERROR, "config-prefix",
			    "prefix '%s' is used by both kind '%s' and kind "
			    "'%s'; give each kind its own prefix",
			    out->prefixes[k], kind_names[j], kind_names[k]);
			break;
		}
	}
}

/*
 * Whether `glob` is a pattern relative to the ISMS root: not empty, not
 * absolute, and without a `..` segment that would leave the root.
 */
static int
valid_glob(const char *glob)
{
	const char *p = glob;

	if (!*glob || *glob == '/')
		return 0;
	while (*p) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p += len;
		if (*p == '/')
			p++;
	}
	return 1;
}

/*
 * Replaces *items with the globs under `key`, when the key is present.
 * An invalid glob is reported and left out, except in `controlled`, where
 * it counts as "**": a typo must never loosen change control.
 */
static void
parse_globs(char ***items, size_t *count, const struct ynode *map,
    const char *key, const struct schema_ctx *ctx)
{
	const struct ynode *list = NULL;
	struct buf problem = BUF_INIT;
	size_t n, column;

	if (schema_get_string_list(ctx, map, key, SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return;

	free_strings(*items, *count);
	n = schema_list_count(list);
	*items = xcalloc(n, sizeof(**items));
	*count = 0;

	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);
		int valid = 1;

		if (item->type != YNODE_SCALAR)
			continue;
		buf_reset(&problem);
		if (!valid_glob(item->value)) {
			report(ctx, item, DIAG_ERROR, "config-glob",
			    "invalid glob '%s' in '%s'; write a pattern "
			    "relative to the ISMS root without '..', for "
			    "example 'policies/**'", item->value, key);
			valid = 0;
		} else if (glob_check(item->value, &problem, &column) < 0) {
			report(ctx, item, DIAG_ERROR, "config-glob",
			    "invalid glob '%s' in '%s': %s at position %zu",
			    item->value, key, problem.ptr, column);
			valid = 0;
		}
		if (valid)
			(*items)[(*count)++] = xstrdup(item->value);
		else if (strcmp(key, "controlled") == 0)
			(*items)[(*count)++] = xstrdup("**");
	}
	buf_release(&problem);
}

/*
 * Whether `token` is a valid git trailer token: letters, digits and
 * hyphens, as git interpret-trailers accepts before the `:` separator,
 * starting with a letter or digit.
 */
static int
valid_trailer(const char *token)
{
	if (!isalnum((unsigned char)*token))
		return 0;
	for (const char *p = token; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return 0;
	return 1;
}

/* A date YYYY-MM-DD, or an abbreviated or full commit id. */
static int
valid_since(const char *text)
{
	size_t len = strlen(text);
	int days;

	if (date_parse(text, &days) == 0)
		return 1;
	if (len < 4 || len > 40)
		return 0;
	for (const char *p = text; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return 0;
	return 1;
}

/*
 * Paths that stand for an ISMS: its configuration, records at the root of
 * their folders and a document deeper down. `uncontrolled` globs that
 * exempt all of them exempt everything that matters.
 */
static const char *const sample_paths[] = {
	"isms.yaml", "risks/RSK-001-example.md", "changes/CHG-001-example.md",
	"controls/soa.yaml", "policies/it/access-control.md",
};

/* Whether the globs in `globs` together match every sample path. */
static int
exempts_every_sample(char *const *globs, size_t count)
{
	size_t n = sizeof(sample_paths) / sizeof(sample_paths[0]);

	if (!count)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!glob_match_any(globs, count, sample_paths[i]))
			return 0;
	return 1;
}

/*
 * Warns when the policy leaves change control nothing to judge: an empty
 * `controlled` list, or `uncontrolled` globs that match every path. Each
 * switches the checks of clause 6.3 off without saying so.
 */
static void
check_change_control_on(const struct change_control *cc,
    const struct ynode *map, const struct schema_ctx *ctx)
{
	const struct ynode *node;

	if (!cc->controlled_count) {
		report(ctx, ynode_get(map, "controlled"), DIAG_WARNING,
		    "config-change-control-off", "change control judges no "
		    "path: 'controlled' lists no glob; list the paths whose "
		    "changes must be planned, for example '**'");
		return;
	}
	if (!exempts_every_sample(cc->uncontrolled, cc->uncontrolled_count))
		return;

	node = ynode_get(map, "uncontrolled");
	for (size_t i = 0; i < cc->uncontrolled_count; i++) {
		if (exempts_every_sample(&cc->uncontrolled[i], 1)) {
			const struct ynode *item = NULL;

			for (size_t j = 0; node && node->type == YNODE_SEQ &&
			    j < node->count && !item; j++)
				if (node->items[j]->type == YNODE_SCALAR &&
				    strcmp(node->items[j]->value,
				    cc->uncontrolled[i]) == 0)
					item = node->items[j];
			report(ctx, item ? item : node, DIAG_WARNING,
			    "config-change-control-off", "change control "
			    "judges no path: 'uncontrolled' glob '%s' matches "
			    "every path; exempt only paths that need no "
			    "planned change, for example 'README.md'",
			    cc->uncontrolled[i]);
			return;
		}
	}
	report(ctx, node, DIAG_WARNING, "config-change-control-off",
	    "change control judges no path: the 'uncontrolled' globs "
	    "together match every path; exempt only paths that need no "
	    "planned change, for example 'README.md'");
}

static void
parse_change_control(struct change_control *cc, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	const char *trailer = NULL;
	const char *since = NULL;

	if (!schema_expect_map(ctx, map, "change_control"))
		return;
	schema_check_keys(ctx, map, change_control_keys, "change_control");

	parse_globs(&cc->controlled, &cc->controlled_count, map, "controlled",
	    ctx);
	parse_globs(&cc->uncontrolled, &cc->uncontrolled_count, map,
	    "uncontrolled", ctx);
	check_change_control_on(cc, map, ctx);

	if (schema_get_string(ctx, map, "trailer", SCHEMA_OPTIONAL,
	    &trailer) == 1) {
		if (valid_trailer(trailer)) {
			free(cc->trailer);
			cc->trailer = xstrdup(trailer);
		} else {
			report(ctx, ynode_get(map, "trailer"), DIAG_ERROR,
			    "config-trailer",
			    "invalid trailer '%s'; a git trailer token has "
			    "only letters, digits and '-', for example '%s'",
			    trailer, DEFAULT_TRAILER);
		}
	}

	if (schema_get_string(ctx, map, "since", SCHEMA_OPTIONAL,
	    &since) == 1) {
		if (valid_since(since))
			cc->since = xstrdup(since);
		else
			report(ctx, ynode_get(map, "since"), DIAG_ERROR,
			    "config-since",
			    "invalid 'since' value '%s'; write a date "
			    "YYYY-MM-DD or a commit id of 4 to 40 hex digits",
			    since);
	}

	schema_get_bool(ctx, map, "segregation_of_duties", SCHEMA_OPTIONAL,
	    &cc->segregation_of_duties);

	if (criteria_get_duration(ctx, map, "emergency_approval_within",
	    "config-duration", &cc->emergency_approval_within) == 1)
		cc->has_emergency_approval_within = 1;
}

/* Whether some person holds `role`. `held` lists every role, sorted. */
static int
role_is_held(const struct strvec *held, const char *role)
{
	if (!held->count)
		return 0;
	return bsearch(&role, held->items, held->count, sizeof(*held->items),
	    compare_strings) != NULL;
}

/*
 * The node where `role` is written in the `accept` of level `index`, for
 * the location of a diagnostic. The criteria keep no nodes, so this walks
 * the document again.
 */
static const struct ynode *
accept_role_node(const struct config *config, size_t index,
    const char *role)
{
	const struct ynode *criteria = ynode_get(config->doc, "risk_criteria");
	const struct ynode *levels = ynode_get(criteria, "levels");
	const struct ynode *accept;

	if (!levels || levels->type != YNODE_SEQ || index >= levels->count)
		return NULL;
	accept = ynode_get(levels->items[index], "accept");
	if (accept && accept->type == YNODE_SEQ)
		for (size_t i = 0; i < accept->count; i++)
			if (accept->items[i]->type == YNODE_SCALAR &&
			    strcmp(accept->items[i]->value, role) == 0)
				return accept->items[i];
	return accept;
}

/*
 * Warns about roles that the criteria and the change-control policy
 * require but that no person holds: nobody could sign for them.
 */
static void
check_unheld_roles(const struct config *config,
    const struct schema_ctx *ctx)
{
	const struct criteria *criteria = &config->criteria;
	struct strvec held = STRVEC_INIT;
	const struct ynode *cc;

	for (size_t i = 0; i < config->people_count; i++)
		for (size_t j = 0; j < config->people[i].role_count; j++)
			strvec_push(&held, config->people[i].roles[j]);
	strvec_sort(&held);

	for (size_t i = 0; i < criteria->level_count; i++) {
		const struct level *level = &criteria->levels[i];

		for (size_t j = 0; j < level->accept_count; j++) {
			const char *role = level->accept[j];

			if (strcmp(role, ROLE_RISK_OWNER) == 0 ||
			    role_is_held(&held, role))
				continue;
			report(ctx, accept_role_node(config, i, role),
			    DIAG_WARNING, "config-role-unheld",
			    "no person holds role '%s', which must sign the "
			    "acceptance of a '%s' risk; give the role to "
			    "someone under 'people'", role, level->name);
		}
	}

	if (!config->change_control.segregation_of_duties ||
	    role_is_held(&held, ROLE_CHANGE_APPROVER))
		goto done;
	cc = ynode_get(config->doc, "change_control");
	if (cc && cc->type == YNODE_MAP &&
	    ynode_get_key(cc, "segregation_of_duties"))
		cc = ynode_get_key(cc, "segregation_of_duties");
	else
		cc = ynode_get_key(config->doc, "change_control");
	report(ctx, cc, DIAG_WARNING, "config-role-unheld",
	    "no person holds role '%s', which segregation of duties requires "
	    "of whoever approves a change; give the role to someone under "
	    "'people'", ROLE_CHANGE_APPROVER);

done:
	strvec_clear(&held);
}

/*
 * Reads `isms`, the format version. Returns -1 for a version this tool
 * does not read, because the other keys may then mean something else.
 */
static int
parse_version(struct config *out, const struct schema_ctx *ctx)
{
	if (schema_get_long(ctx, out->doc, "isms", SCHEMA_REQUIRED, 1, 1000,
	    &out->version) != 1)
		return 0;
	if (out->version == CONFIG_VERSION)
		return 0;

	report(ctx, ynode_get(out->doc, "isms"), DIAG_ERROR, "config-version",
	    "unsupported format version %ld in 'isms'; this version of isms "
	    "reads format version %d only, so upgrade isms or write "
	    "'isms: %d'", out->version, CONFIG_VERSION, CONFIG_VERSION);
	return -1;
}

int
config_parse(struct config *out, const char *text, size_t len,
    const char *path, struct diag_list *diags)
{
	struct schema_ctx ctx = { path, diags, "isms.yaml" };
	const struct ynode *node;
	const char *value = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	set_defaults(out);

	rc = yaml_doc_parse(&out->doc, text, len, path, 0, diags);
	if (rc < 0)
		goto done;
	if (!schema_expect_map(&ctx, out->doc, "isms.yaml")) {
		rc = -1;
		goto done;
	}

	rc = parse_version(out, &ctx);
	if (rc < 0)
		goto done;
	schema_check_keys(&ctx, out->doc, config_keys, "isms.yaml");

	if (schema_get_string(&ctx, out->doc, "organisation", SCHEMA_OPTIONAL,
	    &value) == 1)
		out->organisation = xstrdup(value);
	if (schema_get_string(&ctx, out->doc, "scope", SCHEMA_OPTIONAL,
	    &value) == 1)
		out->scope = xstrdup(value);

	node = get_value(out->doc, "people");
	if (node)
		parse_people(out, node, &ctx);

	node = get_value(out->doc, "risk_criteria");
	if (node)
		out->criteria_ok = criteria_parse(&out->criteria, node,
		    &ctx) == 0;
	else
		report(&ctx, NULL, DIAG_ERROR, "config-no-criteria",
		    "missing 'risk_criteria'; risks cannot be assessed "
		    "without likelihood and consequence scales, levels and "
		    "a matrix or score bands");

	node = get_value(out->doc, "prefixes");
	if (node)
		parse_prefixes(out, node, &ctx);

	node = get_value(out->doc, "change_control");
	if (node)
		parse_change_control(&out->change_control, node, &ctx);

	check_unheld_roles(out, &ctx);

done:
	return rc < 0 ? -1 : 0;
}

void
config_release(struct config *config)
{
	struct change_control *cc = &config->change_control;

	free(config->organisation);
	free(config->scope);
	for (size_t i = 0; i < config->people_count; i++) {
		struct person *person = &config->people[i];

		free(person->key);
		free(person->name);
		free_strings(person->emails, person->email_count);
		free_strings(person->roles, person->role_count);
	}
	free(config->people);
	criteria_release(&config->criteria);
	for (int k = 0; k < KIND_COUNT; k++)
		free(config->prefixes[k]);
	free_strings(cc->controlled, cc->controlled_count);
	free_strings(cc->uncontrolled, cc->uncontrolled_count);
	free(cc->trailer);
	free(cc->since);
	ynode_free(config->doc);
	memset(config, 0, sizeof(*config));
}

const struct person *
config_find_person(const struct config *config, const char *key)
{
	for (size_t i = 0; i < config->people_count; i++)
		if (strcmp(config->people[i].key, key) == 0)
			return &config->people[i];
	return NULL;
}

const struct person *
config_find_person_by_email(const struct config *config, const char *email)
{
	for (size_t i = 0; i < config->people_count; i++) {
		const struct person *person = &config->people[i];

		for (size_t j = 0; j < person->email_count; j++)
			if (strcasecmp(person->emails[j], email) == 0)
				return person;
	}
	return NULL;
}

int
person_has_role(const struct person *person, const char *role)
{
	for (size_t i = 0; i < person->role_count; i++)
		if (strcmp(person->roles[i], role) == 0)
			return 1;
	return 0;
}

const char *
record_kind_name(enum record_kind kind)
{
	if (kind >= KIND_COUNT)
		return "document";
	return kind_names[kind];
}
