#include "isms.h"
#include "objective.h"
#include "opportunity.h"
#include "planning.h"
#include "banned.h"

static void
report_no_source(const struct record *rec, const char *what,
    struct diag_list *diags)
{
	const struct ynode *at = ynode_get_key(rec->front, "sources");

	if (!at)
		at = ynode_get_key(rec->front, "id");
	if (!at)
		at = rec->front;
	diag_add(diags, DIAG_WARNING, rec->path, at->line, at->col,
	    "planning-no-source", "%s names no 'sources', but clause 6.1.1 "
	    "asks the organisation to start from its issues and "
	    "requirements; name them in 'sources'", what);
}

void
planning_check_sources(const struct isms *isms, const struct record *rec,
    struct diag_list *diags)
{
	if (rec->risk && rec->risk->scope == SCOPE_ISMS &&
	    !rec->risk->sources.count)
		report_no_source(rec, "risk to the ISMS", diags);

	if (!rec->opportunity)
		return;
	if (!rec->opportunity->sources.count)
		report_no_source(rec, "opportunity", diags);
	isms_check_refs(isms, rec, &rec->opportunity->sources, "sources",
	    (1u << KIND_ISSUE) | (1u << KIND_REQUIREMENT), diags);
}

void
planning_check_dates(const struct isms *isms, int today,
    struct diag_list *diags)
{
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		opportunity_check_dates(rec, today, diags);
		objective_check_dates(rec, today, diags);
	}
}
