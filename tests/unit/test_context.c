#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "context.h"
#include "diag.h"
#include "isms.h"
#include "soa.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Unit tests of issue (clause 4.1) and requirement (clause 4.2) records:
 * their fields and types, and the controls a requirement names.
 */

struct parsed {
	struct diag_list diags;
	struct ynode *front;
	struct context_record context;
	int rc;
};

static void
release_parsed(struct parsed *p)
{
	diag_list_release(&p->diags);
	context_release(&p->context);
	ynode_free(p->front);
	p->front = NULL;
}

static void
parse_context(struct parsed *p, enum record_kind kind, const char *yaml)
{
	struct schema_ctx ctx = { "context/X-001-x.md", &p->diags, NULL };

	release_parsed(p);
	assert_int_equal(yaml_doc_parse(&p->front, yaml, strlen(yaml),
	    ctx.path, 1, &p->diags), 0);
	p->rc = context_parse(&p->context, kind, p->front, &ctx);
}

static const char *
message_of(const struct diag_list *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (strcmp(diags->items[i].rule, rule) == 0)
			return diags->items[i].message;
	fail_msg("no '%s' finding", rule);
	return NULL;
}

static void
test_context_parse_issue_fields(void **state)
{
	struct parsed p = { DIAG_LIST_INIT, NULL, { 0 }, 0 };

	(void)state;
	parse_context(&p, KIND_ISSUE, "id: ISS-001\ntitle: Remote work\n"
	    "kind: external\nsource: Context workshop\n"
	    "description: Most staff work from home\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.context.kind, KIND_ISSUE);
	assert_int_equal(p.context.issue_type, ISSUE_EXTERNAL);
	assert_string_equal(issue_type_name(p.context.issue_type), "external");
	assert_string_equal(p.context.source, "Context workshop");
	assert_string_equal(p.context.description, "Most staff work from home");

	parse_context(&p, KIND_ISSUE, "id: ISS-001\ntitle: T\nkind: issue\n");
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.context.issue_type, ISSUE_TYPE_NONE);

	/* Everything but id and title is optional. */
	parse_context(&p, KIND_ISSUE, "id: ISS-001\ntitle: T\n");
	assert_int_equal(p.diags.count, 0);
	release_parsed(&p);
}

static void
test_context_parse_issue_bad_values(void **state)
{
	struct parsed p = { DIAG_LIST_INIT, NULL, { 0 }, 0 };

	(void)state;
	parse_context(&p, KIND_ISSUE, "id: ISS-001\ntitle: T\n"
	    "kind: internl\nparty: Board\n");
	assert_int_equal(diag_count_rule(&p.diags, "invalid-value"), 1);
	assert_string_equal(message_of(&p.diags, "invalid-value"),
	    "'kind' must be one of internal, external, issue; got 'internl' "
	    "(did you mean 'internal'?)");
	assert_int_equal(diag_count_rule(&p.diags, "unknown-key"), 1);

	parse_context(&p, KIND_ISSUE, "id: ISS-001\ntitle: T\n"
	    "description: [a, b]\n");
	assert_int_equal(diag_count_rule(&p.diags, "wrong-type"), 1);
	release_parsed(&p);
}

static void
test_context_parse_requirement_fields(void **state)
{
	struct parsed p = { DIAG_LIST_INIT, NULL, { 0 }, 0 };

	(void)state;
	parse_context(&p, KIND_REQUIREMENT, "id: REQ-001\ntitle: T\n"
	    "kind: requirement\nparty: Enterprise customers\n"
	    "description: ISO certificate\ncontrols: [\"5.1\", \"8.13\"]\n");
	assert_int_equal(p.diags.count, 0);
	assert_string_equal(p.context.party, "Enterprise customers");
	assert_int_equal(p.context.controls.count, 2);
	assert_string_equal(p.context.controls.nodes[1]->value, "8.13");

	parse_context(&p, KIND_REQUIREMENT, "id: REQ-001\ntitle: T\n");
	assert_int_equal(p.diags.count, 0);

	parse_context(&p, KIND_REQUIREMENT, "id: REQ-001\ntitle: T\n"
	    "kind: external\nsource: x\nparty: [a, b]\n");
	assert_int_equal(diag_count_rule(&p.diags, "wrong-type"), 1);
	assert_int_equal(diag_count_rule(&p.diags, "invalid-value"), 1);
	assert_string_equal(message_of(&p.diags, "invalid-value"),
	    "'kind' must be one of requirement; got 'external'");
	assert_int_equal(diag_count_rule(&p.diags, "unknown-key"), 1);
	assert_string_equal(message_of(&p.diags, "unknown-key"),
	    "unknown key 'source' in requirement");
	release_parsed(&p);
}

static void
test_context_parse_not_a_map(void **state)
{
	struct parsed p = { DIAG_LIST_INIT, NULL, { 0 }, 0 };

	(void)state;
	parse_context(&p, KIND_ISSUE, "- a\n- b\n");
	assert_int_equal(p.rc, -1);
	assert_int_equal(diag_count_rule(&p.diags, "wrong-type"), 1);
	release_parsed(&p);
}

static const char soa_text[] =
	"controls:\n"
	"  - {id: \"5.1\", title: Policies, applicable: true, "
	"status: implemented, justification: Required}\n"
	"  - {id: \"8.13\", title: Backup, applicable: true, "
	"status: implemented, justification: Ransomware}\n";

static void
test_context_check_requirement_controls(void **state)
{
	static const char requirement[] = "id: REQ-001\ntitle: T\n"
	    "party: P\ncontrols: [\"5.1\", \"8.31\", \"9.99\"]\n";
	struct isms isms = ISMS_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct record *rec;

	(void)state;
	assert_int_equal(soa_parse(&isms.soa, soa_text, strlen(soa_text),
	    &diags), 0);
	isms.soa.present = 1;
	diag_list_release(&diags);

	isms.records = xcalloc(1, sizeof(*isms.records));
	isms.record_count = 1;
	rec = &isms.records[0];
	rec->kind = KIND_REQUIREMENT;
	rec->path = xstrdup("context/REQ-001-x.md");
	assert_int_equal(yaml_doc_parse(&rec->front, requirement,
	    strlen(requirement), rec->path, 1, &diags), 0);
	rec->context = xcalloc(1, sizeof(*rec->context));
	assert_int_equal(context_parse(rec->context, KIND_REQUIREMENT,
	    rec->front, &(struct schema_ctx){ rec->path, &diags, NULL }), 0);
	assert_int_equal(diags.count, 0);

	context_check(&isms, rec, &diags);
	assert_int_equal(diag_count_rule(&diags, "ref-unknown-control"), 2);
	assert_string_equal(diags.items[0].message, "control '8.31' is not in "
	    "the Statement of Applicability (controls/soa.yaml); did you mean "
	    "'8.13'?");
	assert_int_equal(diags.items[0].line, 5);
	assert_string_equal(diags.items[1].message, "control '9.99' is not in "
	    "the Statement of Applicability (controls/soa.yaml); add it there "
	    "or correct the id");

	/* Without a SoA there is nothing to check against. */
	diag_list_release(&diags);
	isms.soa.present = 0;
	context_check(&isms, rec, &diags);
	assert_int_equal(diags.count, 0);

	isms_release(&isms);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_parse_issue_fields),
		cmocka_unit_test(test_context_parse_issue_bad_values),
		cmocka_unit_test(test_context_parse_requirement_fields),
		cmocka_unit_test(test_context_parse_not_a_map),
		cmocka_unit_test(test_context_check_requirement_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
