#ifndef ISMS_GLOB_H
#define ISMS_GLOB_H

#include <stddef.h>

#include "buf.h"

/*
 * Glob patterns for the paths of an ISMS (change_control.controlled and
 * .uncontrolled in isms.yaml, and the scope of a change record). Paths and
 * patterns are relative to the ISMS root and use '/'.
 *
 * A pattern is anchored at the ISMS root and matched one path segment at a
 * time, as git matches a pathspec with '/' in it:
 *   `*`     any run of characters other than '/', empty included
 *   `?`     one character other than '/'
 *   `[...]` one character from a class: `a-z` ranges, `!` or `^` first to
 *           negate, `]` first to mean itself, and the POSIX classes
 *           `[:alpha:]`, `[:digit:]`, `[:alnum:]`, `[:upper:]`, `[:lower:]`,
 *           `[:space:]`, `[:punct:]`, `[:xdigit:]`
 *   `**`    as a whole segment, any number of whole segments, zero
 *           included: the pattern `**` alone matches every path; with
 *           "policies" before it, every path under policies/; with "x.md"
 *           after it, x.md in every folder
 *   `\c`    the character c itself
 * A `**` that is not a whole segment acts as `*`. A leading "./" or "/" is
 * ignored, and a pattern that ends with '/' matches everything under that
 * folder. So `*.md` matches only Markdown files at the root.
 *
 * fnmatch(3) is not used because it has no `**`.
 */

/* Returns 1 when `path` matches `pattern`, else 0. */
int glob_match(const char *pattern, const char *path);

/*
 * Checks the syntax of `pattern`. The matchers read an unclosed `[` as a
 * literal character, a range such as `[z-a]` as matching nothing, and an
 * unknown class name such as `[:digits:]` as plain characters. A pattern
 * with any of them never matches what its writer meant. Returns 0 when
 * `pattern` has none of them. Otherwise returns -1, appends what is wrong
 * to `problem` and sets *column to the 1-based position, counted in
 * characters, of the `[` or of the range at fault.
 */
int glob_check(const char *pattern, struct buf *problem, size_t *column);

/* Returns 1 when `path` matches at least one of the `count` patterns. */
int glob_match_any(char *const *patterns, size_t count, const char *path);

/*
 * The same, with ASCII letters matched without regard to case, in the
 * path and in the pattern's literal characters and classes alike: the
 * pattern "risks/" matches `Risks/x.md`. Other letters (`Ä`, `ä`) must
 * match exactly.
 */
int glob_match_nocase(const char *pattern, const char *path);
int glob_match_any_nocase(char *const *patterns, size_t count,
    const char *path);

/*
 * Returns 1 when `text` has the form of a record id: an upper-case ASCII
 * prefix, a hyphen and one or more digits ("RSK-004").
 */
int glob_is_record_id(const char *text);

/*
 * Matches one entry of a change's scope against `path`. An entry with the
 * form of a record id matches that record's file wherever it lies, the
 * file being named `<ID>-<slug>.md` (or `<ID>.md`): `RSK-004` matches
 * risks/RSK-004-phishing.md. Any other entry is a glob as above.
 */
int glob_scope_match(const char *entry, const char *path);

#endif
