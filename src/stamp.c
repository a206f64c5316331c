#include <string.h>

#include "date.h"
#include "stamp.h"
#include "banned.h"

/* The HEAD commit matters only when the records are read around it. */
static const char *
head_for(const struct workspace *ws)
{
	if (source_kind(ws->source) == SOURCE_COMMIT)
		return NULL;
	return ws->head_id;
}

void
stamp_format_source(struct buf *out, const struct isms *isms,
    const struct workspace *ws)
{
	const char *head = head_for(ws);

	buf_puts(out, isms->source_label);
	if (head)
		buf_printf(out, " (HEAD %.12s%s)", head,
		    ws->dirty ? ", with uncommitted changes" : "");
}

void
stamp_format(struct buf *out, const struct isms *isms,
    const struct workspace *ws, int today)
{
	char date[11];

	date_format(today, date);
	buf_puts(out, "source ");
	stamp_format_source(out, isms, ws);
	buf_printf(out, ", isms.yaml blob %s, isms %s, as of %s",
	    isms->config_blob_id, ISMS_VERSION, date);
}

json_t *
stamp_json(const struct isms *isms, const struct workspace *ws, int today)
{
	const char *head = head_for(ws);
	char date[11];
	json_t *stamp;

	date_format(today, date);
	stamp = json_pack("{s:s, s:s, s:s, s:s}",
	    "source", isms->source_label,
	    "isms_yaml_blob", isms->config_blob_id,
	    "tool_version", ISMS_VERSION,
	    "today", date);
	if (head) {
		json_object_set_new(stamp, "head", json_string(head));
		json_object_set_new(stamp, "uncommitted_changes",
		    json_boolean(ws->dirty));
	}
	return stamp;
}
