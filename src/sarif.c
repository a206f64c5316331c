#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "sarif.h"
#include "strvec.h"
#include "utf8.h"
#include "banned.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *
sarif_level(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

void
sarif_uri_encode(struct buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 0xf]);
		}
	}
}

/*
 * A JSON string of `s`. jansson rejects invalid UTF-8, which commit
 * messages and quoted file content may hold, so such bytes become U+FFFD.
 */
static json_t *
json_text(const char *s)
{
	struct buf text = BUF_INIT;
	json_t *string;

	utf8_sanitize(&text, s);
	string = json_stringn(text.ptr, text.len);
	buf_release(&text);
	return string;
}

/* The "triggered by" text of `rule` in docs/rules.md, or the id itself. */
static const char *
rule_summary(const char *rule)
{
	for (size_t i = 0; i < embedded_rule_count; i++)
		if (strcmp(embedded_rules[i].id, rule) == 0)
			return embedded_rules[i].summary;
	return rule;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Index of `rule` in the sorted, unique `rules`. */
static json_int_t
rule_index(const struct strvec *rules, const char *rule)
{
	char *const *found = bsearch(&rule, rules->items, rules->count,
	    sizeof(*rules->items), compare_strings);

	return found ? (json_int_t)(found - rules->items) : -1;
}

/* Sorts `rules` and drops repeats. */
static void
unique_rules(struct strvec *rules)
{
	size_t kept = 0;

	strvec_sort(rules);
	for (size_t i = 0; i < rules->count; i++) {
		if (kept && strcmp(rules->items[kept - 1], rules->items[i]) == 0) {
			free(rules->items[i]);
			continue;
		}
		rules->items[kept++] = rules->items[i];
	}
	rules->count = kept;
}

/* The sarifLog around one run of isms with `rules` and `results`. */
static json_t *
sarif_log(const struct strvec *rules, json_t *results)
{
	json_t *descriptors = json_array();

	for (size_t i = 0; i < rules->count; i++)
		json_array_append_new(descriptors, json_pack(
		    "{s:o, s:{s:o}}",
		    "id", json_text(rules->items[i]),
		    "shortDescription", "text",
		    json_text(rule_summary(rules->items[i]))));

	return json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:o}]}",
	    "$schema", SARIF_SCHEMA,
	    "version", "2.1.0",
	    "runs",
	    "tool", "driver",
	    "name", "isms",
	    "version", ISMS_VERSION,
	    "rules", descriptors,
	    "results", results);
}

/* A physicalLocation at `prefix` + `path`; line and col 0 leave them out. */
static json_t *
file_location(const char *prefix, const char *path, size_t line, size_t col)
{
	struct buf uri = BUF_INIT;
	json_t *physical;
	json_t *location;

	sarif_uri_encode(&uri, prefix);
	sarif_uri_encode(&uri, path);
	physical = json_pack("{s:{s:s}}", "artifactLocation", "uri", uri.ptr);
	if (line) {
		json_t *region = json_pack("{s:I}", "startLine",
		    (json_int_t)line);

		if (col)
			json_object_set_new(region, "startColumn",
			    json_integer((json_int_t)col));
		json_object_set_new(physical, "region", region);
	}
	location = json_pack("{s:o}", "physicalLocation", physical);
	buf_release(&uri);
	return location;
}

static json_t *
new_result(const struct strvec *rules, const char *rule,
    enum diag_severity severity, const char *text)
{
	return json_pack("{s:o, s:I, s:s, s:{s:o}}",
	    "ruleId", json_text(rule),
	    "ruleIndex", rule_index(rules, rule),
	    "level", sarif_level(severity),
	    "message", "text", json_text(text));
}

json_t *
sarif_from_diags(const struct diag_list *list, const char *prefix)
{
	struct strvec rules = STRVEC_INIT;
	json_t *results = json_array();
	json_t *log;

	for (size_t i = 0; i < list->count; i++)
		strvec_push(&rules, list->items[i].rule);
	unique_rules(&rules);

	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];
		json_t *result = new_result(&rules, d->rule, d->severity,
		    d->message);

		if (*d->path)
			json_object_set_new(result, "locations",
			    json_pack("[o]", file_location(prefix, d->path,
			    d->line, d->col)));
		json_array_append_new(results, result);
	}

	log = sarif_log(&rules, results);
	strvec_clear(&rules);
	return log;
}

json_t *
sarif_from_changes(const struct changes_result *result, const char *prefix)
{
	struct strvec rules = STRVEC_INIT;
	struct buf text = BUF_INIT;
	struct buf author = BUF_INIT;
	struct buf fingerprint = BUF_INIT;
	json_t *results = json_array();
	json_t *log;

	for (size_t i = 0; i < result->count; i++)
		strvec_push(&rules, result->findings[i].rule);
	unique_rules(&rules);

	for (size_t i = 0; i < result->count; i++) {
		const struct changes_finding *f = &result->findings[i];
		json_t *item, *properties;

		buf_reset(&text);
		buf_printf(&text, "%.8s \"%s\": %s\nfix: %s", f->commit,
		    f->subject, f->message, f->fix);
		item = new_result(&rules, f->rule, f->severity, text.ptr);

		if (f->path && *f->path)
			json_object_set_new(item, "locations",
			    json_pack("[o]", file_location(prefix, f->path,
			    0, 0)));

		buf_reset(&fingerprint);
		buf_printf(&fingerprint, "%s:%s:%s", f->commit,
		    f->path ? f->path : "", f->change ? f->change : "");
		json_object_set_new(item, "partialFingerprints",
		    json_pack("{s:o}", "ismsChangeFinding/v1",
		    json_text(fingerprint.ptr)));

		buf_reset(&author);
		buf_printf(&author, "%s <%s>", f->author_name,
		    f->author_email);
		properties = json_pack("{s:s, s:o, s:s, s:o, s:o}",
		    "commit", f->commit,
		    "author", json_text(author.ptr),
		    "date", f->date,
		    "subject", json_text(f->subject),
		    "fix", json_text(f->fix));
		if (f->change)
			json_object_set_new(properties, "change",
			    json_text(f->change));
		json_object_set_new(item, "properties", properties);

		json_array_append_new(results, item);
	}

	log = sarif_log(&rules, results);
	strvec_clear(&rules);
	buf_release(&text);
	buf_release(&author);
	buf_release(&fingerprint);
	return log;
}

int
sarif_print(FILE *out, const json_t *log)
{
	if (!log || json_dumpf(log, out, JSON_INDENT(2) |
	    JSON_PRESERVE_ORDER) < 0 || fputc('\n', out) == EOF)
		return error_set(ISMS_EFAIL, "cannot write SARIF output");
	return 0;
}
