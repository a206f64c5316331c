#include <stdlib.h>
#include <string.h>

#include "acceptance_report.h"
#include "xalloc.h"
#include "banned.h"

static int
compare_rows(const void *pa, const void *pb)
{
	const struct acceptance_row *a = pa, *b = pb;
	int sa = a->judgement.judged ? (int)a->judgement.status : -1;
	int sb = b->judgement.judged ? (int)b->judgement.status : -1;
	int c;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->record->id && b->record->id) {
		c = strcmp(a->record->id, b->record->id);
		if (c)
			return c;
	}
	return strcmp(a->record->path, b->record->path);
}

void
acceptance_report_build(struct acceptance_report *out,
    const struct isms *isms, int today)
{
	size_t n = 0;

	*out = (struct acceptance_report)ACCEPTANCE_REPORT_INIT;
	for (size_t i = 0; i < isms->record_count; i++)
		if (isms->records[i].risk &&
		    isms->records[i].risk->acceptance.present)
			n++;
	out->rows = xcalloc(n ? n : 1, sizeof(*out->rows));

	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];
		struct acceptance_row *row;

		if (!rec->risk || !rec->risk->acceptance.present)
			continue;
		row = &out->rows[out->count++];
		row->record = rec;
		row->judgement = (struct acceptance_judgement)
		    ACCEPTANCE_JUDGEMENT_INIT;
		acceptance_judge(&row->judgement, isms, rec, today);
		if (!row->judgement.judged) {
			out->unjudged++;
			continue;
		}
		row->level = row->judgement.level;
		row->level_differs = row->judgement.has_accepted_level &&
		    row->judgement.accepted_level != row->judgement.level;
		out->by_status[row->judgement.status]++;
	}

	if (out->count > 1)
		qsort(out->rows, out->count, sizeof(*out->rows), compare_rows);
}

void
acceptance_report_release(struct acceptance_report *report)
{
	for (size_t i = 0; i < report->count; i++)
		acceptance_judgement_release(&report->rows[i].judgement);
	free(report->rows);
	*report = (struct acceptance_report)ACCEPTANCE_REPORT_INIT;
}

void
acceptance_format_level(struct buf *out, const struct criteria *criteria,
    const struct acceptance_row *row)
{
	if (!row->judgement.judged)
		return;
	buf_puts(out, criteria->levels[row->level].name);
	if (row->level_differs)
		buf_printf(out, " (accepted at %s)",
		    criteria->levels[row->judgement.accepted_level].name);
}

void
acceptance_format_signers(struct buf *out, const struct config *config,
    const struct risk *risk)
{
	const struct ref_list *by = &risk->acceptance.by;

	for (size_t i = 0; i < by->count; i++) {
		const char *key = by->nodes[i]->value;
		const struct person *person = config_find_person(config, key);
		int owner = risk->owner && strcmp(key, risk->owner) == 0;
		size_t shown = 0;

		buf_printf(out, "%s%s", i ? "; " : "", key);
		if (!person) {
			buf_puts(out, " (unknown person)");
			continue;
		}
		if (owner)
			buf_printf(out, " (%s", ROLE_RISK_OWNER);
		shown = owner;
		for (size_t k = 0; k < person->role_count; k++)
			buf_printf(out, "%s%s", shown++ ? ", " : " (",
			    person->roles[k]);
		if (shown)
			buf_putc(out, ')');
	}
}
