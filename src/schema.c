#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "schema.h"
#include "yaml_doc.h"
#include "banned.h"

/* Maximum length of a word that schema_did_you_mean() compares. */
#define SUGGEST_MAX 64

/*
 * The YAML 1.1 boolean spellings, as ruamel.yaml's YAML 1.1 resolver
 * lists them. PyYAML's resolver (lib/yaml/resolver.py) leaves out y and n.
 */
static const char *const yaml11_booleans[] = {
	"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"true", "True", "TRUE", "false", "False", "FALSE",
	"on", "On", "ON", "off", "Off", "OFF", NULL
};

static const char *const yaml_nulls[] = { "~", "null", "Null", "NULL", NULL };

static int
text_equals(const char *text, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(text, word, len) == 0;
}

static int
text_in(const char *text, size_t len, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (text_equals(text, len, words[i]))
			return 1;
	return 0;
}

static int
is_yaml11_boolean(const struct ynode *node)
{
	return node->type == YNODE_SCALAR && node->plain &&
	    text_in(node->value, node->value_len, yaml11_booleans);
}

static int
is_null(const struct ynode *node)
{
	return node->type == YNODE_SCALAR && node->plain &&
	    (!node->value_len ||
	    text_in(node->value, node->value_len, yaml_nulls));
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Appends `text` without underscores and without a leading '+'. */
static void
put_without_underscores(struct buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '_' || (i == 0 && text[i] == '+'))
			continue;
		buf_putc(out, text[i]);
	}
}

/*
 * Reads digits in `base` (underscores skipped) into *value. Returns 0, or
 * -1 when a character is not such a digit. *overflow is set when the
 * value does not fit.
 */
static int
read_digits(const char *p, const char *end, unsigned base,
    unsigned long long *value, int *overflow)
{
	*value = 0;
	for (; p < end; p++) {
		unsigned digit;

		if (*p == '_')
			continue;
		if (is_digit(*p))
			digit = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			digit = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			digit = (unsigned)(*p - 'A' + 10);
		else
			return -1;
		if (digit >= base)
			return -1;
		if (*value > (ULLONG_MAX - digit) / base)
			*overflow = 1;
		*value = *value * base + digit;
	}
	return 0;
}

/*
 * Matches the sexagesimal tail `(:[0-5]?[0-9])+` that starts at p and
 * ends at `end`, adding each part to *value in base 60.
 */
static int
read_sexagesimal_tail(const char *p, const char *end, double *value)
{
	if (p >= end || *p != ':')
		return -1;
	while (p < end) {
		int part;

		if (*p != ':')
			return -1;
		p++;
		if (p < end && p + 1 < end && is_digit(p[1]) &&
		    *p >= '0' && *p <= '5') {
			part = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		} else if (p < end && is_digit(*p)) {
			part = *p - '0';
			p++;
		} else {
			return -1;
		}
		*value = *value * 60 + part;
	}
	return 0;
}

/* Returns the first ':' in [p, end), or `end` when there is none. */
static const char *
find_colon(const char *p, const char *end)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));

	return colon ? colon : end;
}

/*
 * Describes how PyYAML's YAML 1.1 integer resolver reads the text, when it
 * reads it as an integer whose text differs from `text`: appends "the
 * octal number 0755 (493)" or similar to `out` and returns 1; returns 0
 * otherwise.
 */
static int
describe_yaml11_int(const char *text, size_t len, struct buf *out)
{
	const char *p = text, *end = text + len;
	unsigned long long value;
	int overflow = 0;
	double sexagesimal;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	if (p >= end)
		return 0;

	if (*p == '0' && end - p > 2 && (p[1] == 'b' || p[1] == 'x')) {
		if (read_digits(p + 2, end, p[1] == 'b' ? 2 : 16, &value,
		    &overflow) < 0)
			return 0;
		if (overflow)
			buf_puts(out, "a number");
		else
			buf_printf(out, "the number %s%llu",
			    text[0] == '-' ? "-" : "", value);
		return 1;
	}

	if (*p == '0' && end - p > 1) {
		if (read_digits(p + 1, end, 8, &value, &overflow) < 0)
			return 0;
		buf_puts(out, "the octal number ");
		buf_add(out, text, len);
		if (!overflow)
			buf_printf(out, " (%s%llu)", text[0] == '-' ? "-" : "",
			    value);
		return 1;
	}

	if (*p == '0') {
		if (text[0] != '-')
			return 0;
		buf_puts(out, "the number 0");
		return 1;
	}

	if (!is_digit(*p))
		return 0;

	if (find_colon(p, end) < end) {
		const char *colon = find_colon(p, end);

		if (read_digits(p, colon, 10, &value, &overflow) < 0)
			return 0;
		sexagesimal = (double)value;
		if (read_sexagesimal_tail(colon, end, &sexagesimal) < 0)
			return 0;
		buf_puts(out, "the base-60 number ");
		buf_add(out, text, len);
		buf_printf(out, " (%s%.15g)", text[0] == '-' ? "-" : "",
		    sexagesimal);
		return 1;
	}

	if (read_digits(p, end, 10, &value, &overflow) < 0)
		return 0;
	if (text[0] != '+' && !memchr(text, '_', len))
		return 0;
	buf_puts(out, "the number ");
	put_without_underscores(out, text, len);
	return 1;
}

/*
 * Tells whether Python's repr() of the float gives back `text`, for text
 * that matches [-]?[0-9]+\.[0-9]* without underscores or exponent. That
 * holds with no needless zeros, at most 15 significant digits, and a size
 * that repr() writes without an exponent (from 1e-4 up to 1e16).
 */
static int
float_text_survives(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	const char *dot, *digit;
	size_t int_digits, frac_digits, significant = 0;

	if (*p == '-')
		p++;
	dot = memchr(p, '.', (size_t)(end - p));
	if (!dot)
		return 0;
	int_digits = (size_t)(dot - p);
	frac_digits = (size_t)(end - dot - 1);

	if (!int_digits || !frac_digits || int_digits > 16)
		return 0;
	if (int_digits > 1 && *p == '0')
		return 0;
	if (frac_digits > 1 && end[-1] == '0')
		return 0;
	if (int_digits == 1 && *p == '0' && frac_digits >= 4 &&
	    memcmp(dot + 1, "0000", 4) == 0)
		return 0;

	for (digit = p; digit < end; digit++) {
		if (*digit == '.' || (!significant && *digit == '0'))
			continue;
		significant++;
	}
	return significant <= 15;
}

/*
 * Matches [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* where `digits` is the
 * first digit and `colon` the first ':', and describes the number.
 */
static int
describe_sexagesimal_float(const char *text, size_t len, const char *digits,
    const char *colon, struct buf *out)
{
	const char *end = text + len;
	const char *dot = memchr(colon, '.', (size_t)(end - colon));
	struct buf fraction = BUF_INIT;
	unsigned long long whole;
	int overflow = 0;
	double value;

	if (!dot || read_digits(digits, colon, 10, &whole, &overflow) < 0)
		return 0;
	value = (double)whole;
	if (read_sexagesimal_tail(colon, dot, &value) < 0)
		return 0;
	for (const char *q = dot + 1; q < end; q++)
		if (!is_digit(*q) && *q != '_')
			return 0;

	buf_putc(&fraction, '0');
	put_without_underscores(&fraction, dot, (size_t)(end - dot));
	value += strtod(fraction.ptr, NULL);
	buf_release(&fraction);

	buf_puts(out, "the base-60 number ");
	buf_add(out, text, len);
	buf_printf(out, " (%s%.15g)", text[0] == '-' ? "-" : "", value);
	return 1;
}

/*
 * Describes how PyYAML's YAML 1.1 float resolver reads the text, when the
 * number it gives would not print as `text`. Appends the description to
 * `out` and returns 1, or returns 0.
 */
static int
describe_yaml11_float(const char *text, size_t len, struct buf *out)
{
	static const char *const infinities[] = {
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL
	};
	static const char *const negative_infinities[] = {
		"-.inf", "-.Inf", "-.INF", NULL
	};
	static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };
	struct buf plain = BUF_INIT;
	const char *p = text, *end = text + len;
	const char *colon;
	int ret = 0;
	double value;

	if (text_in(text, len, infinities)) {
		buf_puts(out, "infinity");
		return 1;
	}
	if (text_in(text, len, negative_infinities)) {
		buf_puts(out, "minus infinity");
		return 1;
	}
	if (text_in(text, len, nans)) {
		buf_puts(out, "not-a-number (NaN)");
		return 1;
	}

	if (p < end && (*p == '+' || *p == '-'))
		p++;

	/* The form .5, which PyYAML accepts only without a sign. */
	if (p < end && *p == '.' && p == text) {
		if (p + 1 >= end || !is_digit(p[1]))
			return 0;
		p++;
	} else {
		if (p >= end || !is_digit(*p))
			return 0;
		colon = find_colon(p, end);
		if (colon < end)
			return describe_sexagesimal_float(text, len, p, colon,
			    out);
		while (p < end && (is_digit(*p) || *p == '_'))
			p++;
		if (p >= end || *p != '.')
			return 0;
		p++;
	}

	/* The fraction, then an optional exponent [eE][-+][0-9]+. */
	while (p < end && (is_digit(*p) || *p == '_'))
		p++;
	if (p < end) {
		if (*p != 'e' && *p != 'E')
			return 0;
		p++;
		if (p >= end || (*p != '+' && *p != '-'))
			return 0;
		p++;
		if (p >= end)
			return 0;
		while (p < end && is_digit(*p))
			p++;
		if (p < end)
			return 0;
	}

	put_without_underscores(&plain, text, len);
	if (plain.len == len && text[0] != '+' && text[0] != '.' &&
	    !memchr(text, 'e', len) && !memchr(text, 'E', len) &&
	    float_text_survives(text, len))
		goto done;

	errno = 0;
	value = strtod(plain.ptr, NULL);
	if (errno || !isfinite(value))
		buf_puts(out, "a number");
	else
		buf_printf(out, "the number %.15g", value);
	ret = 1;

done:
	buf_release(&plain);
	return ret;
}

/*
 * Appends how YAML 1.1 tools read a plain scalar, when that differs from
 * its text, and returns 1; returns 0 when they read the same string.
 */
static int
describe_yaml11_reading(const struct ynode *node, struct buf *out)
{
	if (node->type != YNODE_SCALAR || !node->plain)
		return 0;
	if (is_yaml11_boolean(node)) {
		buf_puts(out, "a boolean");
		return 1;
	}
	if (describe_yaml11_int(node->value, node->value_len, out))
		return 1;
	return describe_yaml11_float(node->value, node->value_len, out);
}

/*
 * An error, not a warning: the same file would mean something else to
 * another tool in the pipeline, and quoting the value costs nothing.
 */
static void
report_if_ambiguous(const struct schema_ctx *ctx, const struct ynode *node)
{
	struct buf reading = BUF_INIT;
	struct buf text = BUF_INIT;

	if (describe_yaml11_reading(node, &reading)) {
		yaml_excerpt(&text, node->value, node->value_len);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "yaml-ambiguous-scalar",
		    "'%s' is read as the string \"%s\" here, but YAML 1.1 "
		    "tools read it as %s; quote it", text.ptr, text.ptr,
		    reading.ptr);
	}
	buf_release(&reading);
	buf_release(&text);
}

static void
report(const struct schema_ctx *ctx, const struct ynode *node,
    enum diag_severity severity, const char *rule, const char *message)
{
	diag_add(ctx->diags, severity, ctx->path, node->line, node->col, rule,
	    "%s", message);
}

/*
 * Finds the value of `key`. Returns 1 with *out set, or 0 when the key is
 * absent or null, after a missing-field error when it is required.
 */
static int
lookup(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, const struct ynode **out)
{
	const char *what = ctx->what ? ctx->what : "mapping";
	const struct ynode *value = ynode_get(map, key);
	const struct ynode *key_node;

	*out = NULL;
	if (value && !is_null(value)) {
		*out = value;
		return 1;
	}
	if (req != SCHEMA_REQUIRED || !map || map->type != YNODE_MAP)
		return 0;

	if (!value) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, map->line,
		    map->col, "missing-field", "%s has no '%s'; add '%s: "
		    "<value>'", what, key, key);
		return 0;
	}
	key_node = ynode_get_key(map, key);
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, key_node->line,
	    key_node->col, "missing-field", "'%s' in %s has no value; "
	    "write one after '%s:'", key, what, key);
	return 0;
}

/* Reports a value that is not a scalar. Returns 0 or -1. */
static int
expect_scalar(const struct schema_ctx *ctx, const struct ynode *value,
    const char *key)
{
	if (value->type == YNODE_SCALAR)
		return 0;
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line, value->col,
	    "wrong-type", "'%s' must be a scalar, not %s", key,
	    ynode_type_name(value->type));
	return -1;
}

/* Copies the scalar's text into `out` for a message. */
static void
put_value(struct buf *out, const struct ynode *value)
{
	yaml_excerpt(out, value->value, value->value_len);
}

void
schema_check_keys(const struct schema_ctx *ctx, const struct ynode *map,
    const char *const *allowed, const char *what)
{
	struct buf message = BUF_INIT;

	if (!map || map->type != YNODE_MAP)
		return;

	for (size_t i = 0; i < map->count; i++) {
		const struct ynode *key = map->keys[i];
		const char *suggestion;

		if (key->type != YNODE_SCALAR ||
		    text_in(key->value, key->value_len, allowed))
			continue;

		buf_reset(&message);
		buf_puts(&message, "unknown key '");
		put_value(&message, key);
		buf_printf(&message, "' in %s", what);
		if (is_yaml11_boolean(key))
			buf_puts(&message, "; YAML 1.1 tools read this key as "
			    "a boolean");
		suggestion = strlen(key->value) == key->value_len ?
		    schema_did_you_mean(key->value, allowed) : NULL;
		if (suggestion)
			buf_printf(&message, "; did you mean '%s'?",
			    suggestion);
		report(ctx, key, DIAG_ERROR, "unknown-key", message.ptr);
	}
	buf_release(&message);
}

int
schema_expect_map(const struct schema_ctx *ctx, const struct ynode *node,
    const char *what)
{
	if (!node)
		return 0;
	if (node->type == YNODE_MAP)
		return 1;
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line, node->col,
	    "wrong-type", "%s must be a mapping, not %s", what,
	    ynode_type_name(node->type));
	return 0;
}

int
schema_get_string(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, const char **out)
{
	const struct ynode *value;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	report_if_ambiguous(ctx, value);
	*out = value->value;
	return 1;
}

int
schema_get_enum(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, const char *const *values,
    int *out)
{
	struct buf message = BUF_INIT;
	const struct ynode *value;
	const char *suggestion;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	for (int i = 0; values[i]; i++) {
		if (text_equals(value->value, value->value_len, values[i])) {
			report_if_ambiguous(ctx, value);
			*out = i;
			return 1;
		}
	}

	buf_printf(&message, "'%s' must be one of ", key);
	for (size_t i = 0; values[i]; i++)
		buf_printf(&message, "%s%s", i ? ", " : "", values[i]);
	buf_puts(&message, "; got '");
	put_value(&message, value);
	buf_putc(&message, '\'');
	suggestion = schema_did_you_mean(value->value, values);
	if (suggestion)
		buf_printf(&message, " (did you mean '%s'?)", suggestion);
	report(ctx, value, DIAG_ERROR, "invalid-value", message.ptr);
	buf_release(&message);
	return -1;
}

int
schema_get_date(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, int *out)
{
	struct buf text = BUF_INIT;
	const struct ynode *value;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	if (strlen(value->value) == value->value_len &&
	    date_parse(value->value, out) == 0)
		return 1;

	put_value(&text, value);
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line, value->col,
	    "invalid-date", "invalid date '%s' for '%s'; use YYYY-MM-DD",
	    text.ptr, key);
	buf_release(&text);
	return -1;
}

int
schema_get_bool(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, int *out)
{
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = {
		"false", "False", "FALSE", NULL
	};
	static const char *const yaml11_trues[] = {
		"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", NULL
	};
	struct buf text = BUF_INIT;
	const struct ynode *value;
	int ret = lookup(ctx, map, key, req, &value);
	int is_true, is_false;

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	is_true = text_in(value->value, value->value_len, trues);
	is_false = text_in(value->value, value->value_len, falses);
	if (value->plain && (is_true || is_false)) {
		*out = is_true;
		return 1;
	}

	put_value(&text, value);
	if (is_yaml11_boolean(value))
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "yaml-ambiguous-scalar",
		    "'%s' for '%s' is a boolean only for YAML 1.1 tools; "
		    "write %s", text.ptr, key,
		    text_in(value->value, value->value_len, yaml11_trues) ?
		    "true" : "false");
	else if (is_true || is_false)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value",
		    "'%s' must be true or false without quotes; remove the "
		    "quotes around '%s'", key, text.ptr);
	else
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value",
		    "'%s' must be true or false; got '%s'", key, text.ptr);
	buf_release(&text);
	return -1;
}

/*
 * Checks the text of a number against [-+]?[0-9]+ and, when `decimal`,
 * an optional fraction (.5, 5., 2.25). Returns 1 when it matches, and
 * sets *leading_zero for a whole part of two or more digits that starts
 * with 0, which YAML 1.1 reads as octal.
 */
static int
match_number(const char *text, size_t len, int decimal, int *leading_zero)
{
	const char *p = text, *end = text + len;
	const char *whole;
	size_t whole_digits, fraction_digits = 0;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	whole = p;
	while (p < end && is_digit(*p))
		p++;
	whole_digits = (size_t)(p - whole);

	if (decimal && p < end && *p == '.') {
		p++;
		while (p < end && is_digit(*p)) {
			p++;
			fraction_digits++;
		}
	}
	if (p != end || (!whole_digits && !fraction_digits))
		return 0;

	*leading_zero = whole_digits > 1 && *whole == '0';
	return 1;
}

/*
 * Reports a number that is quoted, malformed or octal-looking. `range`
 * describes the accepted values ("a whole number from 1 to 5"). Returns
 * 0 when the text is a number to convert, or -1 after reporting.
 */
static int
check_number_text(const struct schema_ctx *ctx, const struct ynode *value,
    const char *key, int decimal, const char *range)
{
	struct buf text = BUF_INIT;
	int leading_zero = 0;
	int matches = match_number(value->value, value->value_len, decimal,
	    &leading_zero);
	int ret = -1;

	put_value(&text, value);
	if (matches && !value->plain)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value",
		    "'%s' must be %s, not a quoted string; remove the quotes "
		    "around '%s'", key, range, text.ptr);
	else if (!matches)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value", "'%s' must be %s; got '%s'",
		    key, range, text.ptr);
	else if (leading_zero)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "yaml-ambiguous-scalar",
		    "'%s' for '%s' is an octal number for YAML 1.1 tools; "
		    "remove the leading zeros", text.ptr, key);
	else
		ret = 0;
	buf_release(&text);
	return ret;
}

int
schema_get_long(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, long min, long max, long *out)
{
	struct buf range = BUF_INIT;
	struct buf text = BUF_INIT;
	const struct ynode *value;
	long number;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	buf_printf(&range, "a whole number from %ld to %ld", min, max);
	ret = check_number_text(ctx, value, key, 0, range.ptr);
	if (ret < 0)
		goto done;

	errno = 0;
	number = strtol(value->value, NULL, 10);
	if (errno || number < min || number > max) {
		put_value(&text, value);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value", "'%s' must be %s; got '%s'",
		    key, range.ptr, text.ptr);
		ret = -1;
		goto done;
	}
	*out = number;
	ret = 1;

done:
	buf_release(&range);
	buf_release(&text);
	return ret;
}

int
schema_get_double(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, double min, double max,
    double *out)
{
	struct buf range = BUF_INIT;
	struct buf text = BUF_INIT;
	const struct ynode *value;
	double number;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;
	if (expect_scalar(ctx, value, key) < 0)
		return -1;

	buf_printf(&range, "a number from %g to %g", min, max);
	ret = check_number_text(ctx, value, key, 1, range.ptr);
	if (ret < 0)
		goto done;

	errno = 0;
	number = strtod(value->value, NULL);
	if (errno || !isfinite(number) || number < min || number > max) {
		put_value(&text, value);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "invalid-value", "'%s' must be %s; got '%s'",
		    key, range.ptr, text.ptr);
		ret = -1;
		goto done;
	}
	*out = number;
	ret = 1;

done:
	buf_release(&range);
	buf_release(&text);
	return ret;
}

int
schema_get_string_list(const struct schema_ctx *ctx,
    const struct ynode *map, const char *key, enum schema_req req,
    int allow_scalar, const struct ynode **out)
{
	const struct ynode *value;
	int ret = lookup(ctx, map, key, req, &value);

	if (ret <= 0)
		return ret;

	if (value->type == YNODE_SCALAR && allow_scalar) {
		report_if_ambiguous(ctx, value);
		*out = value;
		return 1;
	}
	if (value->type != YNODE_SEQ) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, value->line,
		    value->col, "wrong-type", "'%s' must be a sequence, not %s",
		    key, ynode_type_name(value->type));
		return -1;
	}

	for (size_t i = 0; i < value->count; i++) {
		const struct ynode *item = value->items[i];

		if (item->type != YNODE_SCALAR) {
			diag_add(ctx->diags, DIAG_ERROR, ctx->path, item->line,
			    item->col, "wrong-type", "item %zu of '%s' must be "
			    "a scalar, not %s", i + 1, key,
			    ynode_type_name(item->type));
			ret = -1;
		} else if (is_null(item)) {
			diag_add(ctx->diags, DIAG_ERROR, ctx->path, item->line,
			    item->col, "invalid-value", "item %zu of '%s' is "
			    "empty; write a value or remove the item", i + 1,
			    key);
			ret = -1;
		} else {
			report_if_ambiguous(ctx, item);
		}
	}
	if (ret > 0)
		*out = value;
	return ret;
}

size_t
schema_list_count(const struct ynode *list)
{
	if (!list)
		return 0;
	if (list->type == YNODE_SCALAR)
		return 1;
	return list->type == YNODE_SEQ ? list->count : 0;
}

const struct ynode *
schema_list_item(const struct ynode *list, size_t i)
{
	if (!list || i >= schema_list_count(list))
		return NULL;
	return list->type == YNODE_SCALAR ? list : list->items[i];
}

static int
fold_case(int c)
{
	return tolower((unsigned char)c);
}

/*
 * Optimal string alignment distance: the Levenshtein distance with a swap
 * of two neighbouring characters counted as one edit.
 */
static size_t
edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t rows[3][SUGGEST_MAX + 1];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];

	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;

	for (size_t i = 1; i <= alen; i++) {
		size_t *spare;

		cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold_case(a[i - 1]) !=
			    fold_case(b[j - 1]);
			size_t best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    fold_case(a[i - 1]) == fold_case(b[j - 2]) &&
			    fold_case(a[i - 2]) == fold_case(b[j - 1]) &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			cur[j] = best;
		}
		spare = before;
		before = prev;
		prev = cur;
		cur = spare;
	}
	return prev[blen];
}

const char *
schema_did_you_mean(const char *word, const char *const *candidates)
{
	size_t len = strlen(word);
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	const char *best = NULL;
	size_t best_distance = limit + 1;

	if (len > SUGGEST_MAX)
		return NULL;

	for (size_t i = 0; candidates[i]; i++) {
		size_t clen = strlen(candidates[i]);
		size_t d;

		if (clen > SUGGEST_MAX)
			continue;
		d = edit_distance(word, len, candidates[i], clen);
		if (d < best_distance && d < clen) {
			best = candidates[i];
			best_distance = d;
		}
	}
	return best;
}
