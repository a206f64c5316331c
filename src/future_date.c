#include "date.h"
#include "future_date.h"
#include "banned.h"

int
future_date_check(struct diag_list *diags, const char *path,
    const struct ynode *node, const char *field, int date, int today)
{
	char date_text[11], today_text[11];

	if (date <= today)
		return 0;
	date_format(date, date_text);
	date_format(today, today_text);
	diag_add(diags, DIAG_ERROR, path, node ? node->line : 0,
	    node ? node->col : 0, "date-in-future", "%s is '%s', after today "
	    "('%s'); record the date it happened", field, date_text,
	    today_text);
	return 1;
}
