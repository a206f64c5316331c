#ifndef ISMS_EMBEDDED_H
#define ISMS_EMBEDDED_H

#include <stddef.h>

/*
 * Text compiled into the binary, so an installed isms needs no data files
 * for it. The Makefile generates the definitions with src/embed.sh from
 * hooks/ and docs/rules.md, which remain the files to edit.
 */

/* The git hook scripts hooks/pre-commit and hooks/commit-msg, verbatim. */
extern const char embedded_hook_pre_commit[];
extern const char embedded_hook_commit_msg[];

/* One rule id and the "triggered by" text of its row in docs/rules.md. */
struct rule_summary {
	const char *id;
	const char *summary;
};

/* Every row of docs/rules.md, in the order of that page. */
extern const struct rule_summary embedded_rules[];
extern const size_t embedded_rule_count;

#endif
