#ifndef ISMS_MSG_H
#define ISMS_MSG_H

#include <stdio.h>

#include "diag.h"

/*
 * Everything the tool says to a person, as opposed to its results: error,
 * warning and hint lines on stderr with the "isms: " prefix, and
 * diagnostics in the GNU `file:line:col: severity: message [rule]` form.
 * The verbosity from -q is checked here and nowhere else.
 */

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

void msg_set_verbosity(int verbosity);

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether output to `stream` should be coloured under `mode`. */
int msg_use_color(FILE *stream, enum color_mode mode);

/*
 * Prints every diagnostic of `list` to `out`, one per line, with `prefix`
 * (the ISMS root relative to the current directory, "" or ending in '/')
 * before each path. Notes are dropped under -q.
 */
void diag_print_text(FILE *out, const struct diag_list *list,
    const char *prefix, int color);

/*
 * Prints the list as one JSON document: an object with "diagnostics" (each
 * with path, line, column, severity, rule, message) and counts.
 */
int diag_print_json(FILE *out, const struct diag_list *list,
    const char *prefix);

#endif
