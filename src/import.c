#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "csv.h"
#include "date.h"
#include "diag.h"
#include "error.h"
#include "import.h"
#include "strvec.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

/* The conversion from a cell to a frontmatter value. */
enum field_type {
	FIELD_TEXT,
	FIELD_RATING,		/* a scale position or entry name */
	FIELD_INTEGER,
	FIELD_DATE,		/* YYYY-MM-DD */
	FIELD_MONEY,		/* "€50K" becomes 50000 */
	FIELD_NUMBER,		/* a decimal number such as 0.3 */
	FIELD_CURRENCY,		/* an ISO 4217 code or a currency sign */
	FIELD_LIST,		/* split on ',' and ';' */
	FIELD_CIA_FLAG,		/* a non-empty cell lists the property */
};

/*
 * A field the map may fill. The table below is in output order. A name
 * ending in ".*" stands for a family of fields, one per consequence
 * dimension.
 */
struct field_spec {
	const char *name;
	enum field_type type;
};

static const struct field_spec field_specs[] = {
	{ "id", FIELD_TEXT },
	{ "title", FIELD_TEXT },
	{ "owner", FIELD_TEXT },
	{ "status", FIELD_TEXT },
	{ "scope", FIELD_TEXT },
	{ "cia", FIELD_LIST },
	{ "cia.confidentiality", FIELD_CIA_FLAG },
	{ "cia.integrity", FIELD_CIA_FLAG },
	{ "cia.availability", FIELD_CIA_FLAG },
	{ "assets", FIELD_LIST },
	{ "threat", FIELD_TEXT },
	{ "vulnerability", FIELD_TEXT },
	{ "sources", FIELD_LIST },
	{ "inherent.likelihood", FIELD_RATING },
	{ "inherent.consequence", FIELD_RATING },
	{ "inherent.consequences.*", FIELD_RATING },
	{ "inherent.score", FIELD_INTEGER },
	{ "inherent.level", FIELD_TEXT },
	{ "existing_controls", FIELD_LIST },
	{ "treatment.option", FIELD_TEXT },
	{ "residual.likelihood", FIELD_RATING },
	{ "residual.consequence", FIELD_RATING },
	{ "residual.consequences.*", FIELD_RATING },
	{ "residual.score", FIELD_INTEGER },
	{ "residual.level", FIELD_TEXT },
	{ "review.last", FIELD_DATE },
	{ "review.next", FIELD_DATE },
	{ "loss.per_year", FIELD_NUMBER },
	{ "loss.single", FIELD_MONEY },
	{ "loss.low", FIELD_MONEY },
	{ "loss.high", FIELD_MONEY },
	{ "loss.currency", FIELD_CURRENCY },
	{ "objectives", FIELD_LIST },
};

#define FIELD_SPEC_COUNT (sizeof(field_specs) / sizeof(field_specs[0]))

static const char *const cia_properties[] = {
	"confidentiality", "integrity", "availability",
};

/* ASCII-only helpers, so results do not depend on the locale. */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static char
to_lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static int
equal_ignoring_case(const char *a, const char *b)
{
	while (*a && *b && to_lower(*a) == to_lower(*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

/* A copy of the `len` bytes at `s` without leading and trailing space. */
static char *
trimmed_copy(const char *s, size_t len)
{
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_digit(*s))
			return 0;
	return 1;
}

/* A consequence dimension name: a lower-case letter, then [a-z0-9_-]. */
static int
valid_dimension(const char *s)
{
	if (!is_lower(*s))
		return 0;
	for (; *s; s++)
		if (!is_lower(*s) && !is_digit(*s) && *s != '_' && *s != '-')
			return 0;
	return 1;
}

static const struct field_spec *
find_field_spec(const char *name)
{
	for (size_t i = 0; i < FIELD_SPEC_COUNT; i++) {
		const char *spec = field_specs[i].name;
		size_t len = strlen(spec);

		if (len > 2 && strcmp(spec + len - 2, ".*") == 0) {
			if (strncmp(name, spec, len - 1) == 0 &&
			    valid_dimension(name + len - 1))
				return &field_specs[i];
		} else if (strcmp(name, spec) == 0) {
			return &field_specs[i];
		}
	}
	return NULL;
}

static int
is_family(const struct field_spec *spec)
{
	size_t len = strlen(spec->name);

	return len > 2 && strcmp(spec->name + len - 2, ".*") == 0;
}

/* The length of the group part of "group.key", or 0 without a dot. */
static size_t
group_length(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot ? (size_t)(dot - name) : 0;
}

/* Number conversions */

/*
 * Writes the decimal number with integer digits `whole`, fraction digits
 * `frac` and the point moved `shift` places right, without leading or
 * trailing zeros ("1.60" shifted 3 gives "1600"). Returns -1 for more
 * than 30 significant digits, which no loss needs.
 */
static int
write_decimal(struct buf *out, const char *whole, size_t whole_len,
    const char *frac, size_t frac_len, size_t shift)
{
	struct buf digits = BUF_INIT;
	size_t point;
	size_t first;
	size_t end;
	int err = 0;

	buf_add(&digits, whole, whole_len);
	buf_add(&digits, frac, frac_len);
	point = whole_len + shift;
	while (digits.len < point)
		buf_putc(&digits, '0');

	first = 0;
	while (first + 1 < point && digits.ptr[first] == '0')
		first++;
	end = digits.len;
	while (end > point && digits.ptr[end - 1] == '0')
		end--;
	if (end - first > 30) {
		err = -1;
		goto done;
	}
	if (point == 0)
		buf_putc(out, '0');
	buf_add(out, digits.ptr + first, point - first);
	if (end > point) {
		buf_putc(out, '.');
		buf_add(out, digits.ptr + point, end - point);
	}

done:
	buf_release(&digits);
	return err;
}

/*
 * Reads an unsigned decimal "123", "1,234,567" (groups of three) or
 * "12.5" at *s and writes it normalised, moved `shift` places. Advances
 * *s past it. Returns -1 when there is no number at *s.
 */
static int
read_decimal(const char **s, size_t shift, struct buf *out)
{
	struct buf whole = BUF_INIT;
	const char *p = *s;
	const char *frac = NULL;
	size_t frac_len = 0;
	size_t group = 0;
	int grouped = 0;
	int err = 0;

	while (is_digit(*p) || (*p == ',' && is_digit(p[1]))) {
		if (*p == ',') {
			if ((grouped && group != 3) || (!grouped && group > 3))
				break;
			grouped = 1;
			group = 0;
		} else {
			buf_putc(&whole, *p);
			group++;
		}
		p++;
	}
	if (grouped && group != 3) {
		err = -1;
		goto done;
	}
	if (*p == '.' && is_digit(p[1])) {
		frac = ++p;
		while (is_digit(*p))
			p++;
		frac_len = (size_t)(p - frac);
	}
	if (!whole.len && !frac_len) {
		err = -1;
		goto done;
	}
	err = write_decimal(out, whole.ptr, whole.len, frac, frac_len, shift);
	*s = p;

done:
	buf_release(&whole);
	return err;
}

static const char *
skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/*
 * Reads a currency at *s: a sign (€ $ £) or three upper-case letters.
 * Sets *code to the ISO 4217 code, advances *s and returns 1, or returns 0
 * when there is none.
 */
static int
read_currency(const char **s, char code[4])
{
	static const struct {
		const char *sign;
		const char *code;
	} signs[] = {
		{ "\xe2\x82\xac", "EUR" },
		{ "$", "USD" },
		{ "\xc2\xa3", "GBP" },
	};
	const char *p = *s;

	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
		size_t n = strlen(signs[i].sign);

		if (strncmp(p, signs[i].sign, n) == 0) {
			memcpy(code, signs[i].code, 4);
			*s = p + n;
			return 1;
		}
	}
	if (is_upper(p[0]) && is_upper(p[1]) && is_upper(p[2]) &&
	    !is_upper(p[3]) && !is_lower(p[3])) {
		memcpy(code, p, 3);
		code[3] = '\0';
		*s = p + 3;
		return 1;
	}
	return 0;
}

/*
 * Converts an amount such as "€50K", "EUR 1.6k", "2,500 $" or "3M" to a
 * plain number. The suffixes k, M and bn multiply by a thousand, a
 * million and a billion. *code gets the currency named, or "".
 */
static int
convert_money(const char *text, struct buf *out, char code[4])
{
	const char *p = skip_spaces(text);
	const char *number;
	const char *number_end;
	size_t shift = 0;
	int have_prefix;

	code[0] = '\0';
	have_prefix = read_currency(&p, code);
	p = skip_spaces(p);
	number = p;
	while (is_digit(*p) || *p == ',' || *p == '.')
		p++;
	number_end = p;
	p = skip_spaces(p);
	if (*p == 'k' || *p == 'K') {
		shift = 3;
		p++;
	} else if (strncmp(p, "bn", 2) == 0) {
		shift = 9;
		p += 2;
	} else if (*p == 'M' || *p == 'm') {
		shift = 6;
		p++;
	}
	p = skip_spaces(p);
	if (!have_prefix && read_currency(&p, code))
		p = skip_spaces(p);
	if (*p)
		return -1;
	if (read_decimal(&number, shift, out) < 0 || number != number_end)
		return -1;
	return 0;
}

static int
convert_number(const char *text, struct buf *out)
{
	const char *p = text;

	if (read_decimal(&p, 0, out) < 0 || *p)
		return -1;
	return 0;
}

static int
convert_currency(const char *text, struct buf *out)
{
	const char *p = text;
	char code[4];

	if (!read_currency(&p, code) || *p)
		return -1;
	buf_puts(out, code);
	return 0;
}

/* Field values */

struct field_value {
	int present;
	int plain;		/* a number or date: emit without quotes */
	char *text;
	struct strvec items;	/* FIELD_LIST */
	char currency[4];	/* FIELD_MONEY: the currency the cell named */
};

static void
field_value_clear(struct field_value *value)
{
	free(value->text);
	strvec_clear(&value->items);
	memset(value, 0, sizeof(*value));
}

static void
split_list(struct strvec *out, const char *text,
    const struct import_target *target);

static const char *
apply_labels(const struct import_target *target, const char *value)
{
	for (size_t i = 0; i < target->label_count; i++)
		if (strcmp(target->labels[i].from, value) == 0)
			return target->labels[i].to;
	for (size_t i = 0; i < target->label_count; i++)
		if (equal_ignoring_case(target->labels[i].from, value))
			return target->labels[i].to;
	return value;
}

/*
 * Converts `text` (labels already applied) for `target` into *value.
 * Returns -1 when the text does not have the field's type.
 */
static int
convert_value(struct field_value *value, const struct import_target *target,
    const char *text)
{
	struct buf out = BUF_INIT;
	int days;
	int err = 0;

	switch (target->spec->type) {
	case FIELD_TEXT:
	case FIELD_CIA_FLAG:
		buf_puts(&out, text);
		break;
	case FIELD_RATING:
		/* "04" is position 4, and any other text names a scale entry. */
		if (all_digits(text)) {
			err = convert_number(text, &out);
			value->plain = 1;
		} else {
			buf_puts(&out, text);
		}
		break;
	case FIELD_INTEGER:
		if (!all_digits(text)) {
			err = -1;
			break;
		}
		err = convert_number(text, &out);
		value->plain = 1;
		break;
	case FIELD_DATE:
		if (date_parse(text, &days) < 0) {
			err = -1;
			break;
		}
		buf_puts(&out, text);
		value->plain = 1;
		break;
	case FIELD_MONEY:
		err = convert_money(text, &out, value->currency);
		value->plain = 1;
		break;
	case FIELD_NUMBER:
		err = convert_number(text, &out);
		value->plain = 1;
		break;
	case FIELD_CURRENCY:
		err = convert_currency(text, &out);
		break;
	case FIELD_LIST:
		split_list(&value->items, text, target);
		break;
	}

	if (err < 0) {
		value->plain = 0;
		buf_release(&out);
		return -1;
	}
	value->text = buf_detach(&out, NULL);
	value->present = target->spec->type == FIELD_LIST ?
	    value->items.count > 0 : value->text[0] != '\0';
	return 0;
}

/* Splits on ',' and ';', trims, drops empty items and applies labels. */
static void
split_list(struct strvec *out, const char *text,
    const struct import_target *target)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, ",;");
		char *item = trimmed_copy(p, n);
		const char *label = apply_labels(target, item);

		if (*label)
			strvec_push(out, label);
		free(item);
		p += n;
		if (*p)
			p++;
	}
}

static const char *
type_description(enum field_type type)
{
	switch (type) {
	case FIELD_INTEGER:
		return "an integer";
	case FIELD_DATE:
		return "a date (YYYY-MM-DD)";
	case FIELD_MONEY:
		return "an amount of money";
	case FIELD_NUMBER:
		return "a number";
	case FIELD_CURRENCY:
		return "a currency code";
	default:
		return "a value";
	}
}

/* Map parsing */

static int
map_error(const char *path, const struct ynode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
map_error(const char *path, const struct ynode *node, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;
	int err;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	err = error_set(ISMS_EFAIL, "%s:%zu: %s", path, node->line,
	    message.ptr);
	buf_release(&message);
	return err;
}

static int
expect_type(const char *path, const struct ynode *node, enum ynode_type type,
    const char *what)
{
	if (node->type == type)
		return 0;
	return map_error(path, node, "'%s' must be %s, not %s", what,
	    ynode_type_name(type), ynode_type_name(node->type));
}

static int
check_keys(const char *path, const struct ynode *map,
    const char *const *allowed, const char *what)
{
	for (size_t i = 0; i < map->count; i++) {
		const char *key = map->keys[i]->value;
		size_t k;

		for (k = 0; allowed[k]; k++)
			if (strcmp(key, allowed[k]) == 0)
				break;
		if (!allowed[k])
			return map_error(path, map->keys[i],
			    "unknown key '%s' in %s", key, what);
	}
	return 0;
}

/* The target for `field`, added on first use. */
static struct import_target *
map_target(struct import_map *map, const char *field)
{
	size_t alloc = map->target_count;
	struct import_target *target;

	for (size_t i = 0; i < map->target_count; i++)
		if (strcmp(map->targets[i].field, field) == 0)
			return &map->targets[i];
	xgrow(&map->targets, &alloc, map->target_count + 1,
	    sizeof(*map->targets));
	target = &map->targets[map->target_count++];
	memset(target, 0, sizeof(*target));
	target->field = xstrdup(field);
	target->spec = find_field_spec(field);
	return target;
}

/* Looks up the field named by `key`, a key of `what`. */
static int
map_field(struct import_target **out, struct import_map *map,
    const struct ynode *key, const char *what)
{
	if (!find_field_spec(key->value))
		return map_error(map->path, key,
		    "unknown field '%s' in '%s' (docs/import.md lists the fields)",
		    key->value, what);
	*out = map_target(map, key->value);
	return 0;
}

static int
parse_columns(struct import_map *map, const struct ynode *node)
{
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "columns");
	if (err < 0)
		return err;
	for (size_t i = 0; i < node->count; i++) {
		const struct ynode *value = node->items[i];
		struct import_target *target = NULL;

		err = map_field(&target, map, node->keys[i], "columns");
		if (err < 0)
			return err;
		err = expect_type(map->path, value, YNODE_SCALAR,
		    node->keys[i]->value);
		if (err < 0)
			return err;
		if (!value->value[0])
			return map_error(map->path, value,
			    "empty column name for '%s'", target->field);
		target->column = xstrdup(value->value);
		target->column_line = value->line;
	}
	return 0;
}

static int
parse_defaults(struct import_map *map, const struct ynode *node)
{
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "defaults");
	if (err < 0)
		return err;
	for (size_t i = 0; i < node->count; i++) {
		const struct ynode *key = node->keys[i];
		const struct ynode *value = node->items[i];
		struct field_value check = { 0 };
		struct import_target *target = NULL;

		err = map_field(&target, map, key, "defaults");
		if (err < 0)
			return err;
		if (strcmp(key->value, "id") == 0 ||
		    strcmp(key->value, "title") == 0)
			return map_error(map->path, key,
			    "'%s' cannot have a default: each row needs its own",
			    key->value);
		err = expect_type(map->path, value, YNODE_SCALAR, key->value);
		if (err < 0)
			return err;
		target->fallback = xstrdup(value->value);
		err = convert_value(&check, target, value->value);
		field_value_clear(&check);
		if (err < 0)
			return map_error(map->path, value,
			    "default '%s' for '%s' is not %s", value->value,
			    key->value,
			    type_description(target->spec->type));
	}
	return 0;
}

/*
 * `scales` states the top of the scale the sheet itself claims for a
 * rating column (a register that writes impact as "n/5" claims 5), so a
 * value above it is reported as the sheet contradicting itself.
 */
static int
parse_scales(struct import_map *map, const struct ynode *node)
{
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "scales");
	if (err < 0)
		return err;
	for (size_t i = 0; i < node->count; i++) {
		const struct ynode *key = node->keys[i];
		const struct ynode *value = node->items[i];
		struct import_target *target = NULL;
		char *end = NULL;
		long top;

		if (strcmp(key->value, "inherent.likelihood") != 0 &&
		    strcmp(key->value, "inherent.consequence") != 0)
			return map_error(map->path, key,
			    "'scales' takes only inherent.likelihood and "
			    "inherent.consequence, not '%s'", key->value);
		err = map_field(&target, map, key, "scales");
		if (err < 0)
			return err;
		err = expect_type(map->path, value, YNODE_SCALAR, key->value);
		if (err < 0)
			return err;
		top = strtol(value->value, &end, 10);
		if (!value->value[0] || *end || top < 1 || top > 1000)
			return map_error(map->path, value,
			    "scale of '%s' must be a whole number from 1 to "
			    "1000, not '%s'", key->value, value->value);
		target->sheet_scale = top;
	}
	return 0;
}

static int
parse_labels(struct import_map *map, const struct ynode *node)
{
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "labels");
	if (err < 0)
		return err;
	for (size_t i = 0; i < node->count; i++) {
		const struct ynode *table = node->items[i];
		struct import_target *target = NULL;

		err = map_field(&target, map, node->keys[i], "labels");
		if (err < 0)
			return err;
		err = expect_type(map->path, table, YNODE_MAP,
		    node->keys[i]->value);
		if (err < 0)
			return err;
		target->labels = xcalloc(table->count, sizeof(*target->labels));
		for (size_t k = 0; k < table->count; k++) {
			err = expect_type(map->path, table->items[k],
			    YNODE_SCALAR, table->keys[k]->value);
			if (err < 0)
				return err;
			target->labels[k].from = xstrdup(table->keys[k]->value);
			target->labels[k].to = xstrdup(table->items[k]->value);
			target->label_count++;
		}
	}
	return 0;
}

static int
parse_section(struct import_map *map, const struct ynode *node)
{
	static const char *const keys[] = { "heading", "column", "split",
		NULL };
	const struct ynode *heading, *column, *split;
	struct import_section *section;
	size_t alloc = map->section_count;
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "sections item");
	if (err < 0)
		return err;
	err = check_keys(map->path, node, keys, "a section");
	if (err < 0)
		return err;
	heading = ynode_get(node, "heading");
	column = ynode_get(node, "column");
	split = ynode_get(node, "split");
	if (!heading || !column)
		return map_error(map->path, node,
		    "a section needs a 'heading' and a 'column'");
	if (heading->type != YNODE_SCALAR || !heading->value[0] ||
	    strchr(heading->value, '\n'))
		return map_error(map->path, heading,
		    "a section heading must be one line of text");
	err = expect_type(map->path, column, YNODE_SCALAR, "column");
	if (err < 0)
		return err;
	if (split && (split->type != YNODE_SCALAR || !split->value[0]))
		return map_error(map->path, split,
		    "'split' must be a non-empty string");

	xgrow(&map->sections, &alloc, map->section_count + 1,
	    sizeof(*map->sections));
	section = &map->sections[map->section_count++];
	section->heading = xstrdup(heading->value);
	section->column = xstrdup(column->value);
	section->line = column->line;
	section->split = split ? xstrdup(split->value) : NULL;
	return 0;
}

static int
parse_long_value(const char *path, const struct ynode *node,
    const char *what, long min, long max, long *out)
{
	char *end;
	long n;

	if (node->type != YNODE_SCALAR || !all_digits(node->value))
		return map_error(path, node,
		    "'%s' must be an integer from %ld to %ld", what, min, max);
	n = strtol(node->value, &end, 10);
	if (*end || n < min || n > max)
		return map_error(path, node,
		    "'%s' must be an integer from %ld to %ld", what, min, max);
	*out = n;
	return 0;
}

static int
parse_id_options(struct import_map *map, const struct ynode *node)
{
	static const char *const keys[] = { "renumber", "prefix", "digits",
		"start", NULL };
	const struct ynode *value;
	long digits;
	int err;

	err = expect_type(map->path, node, YNODE_MAP, "id");
	if (err < 0)
		return err;
	err = check_keys(map->path, node, keys, "'id'");
	if (err < 0)
		return err;

	value = ynode_get(node, "renumber");
	if (value) {
		if (value->type == YNODE_SCALAR &&
		    strcmp(value->value, "auto") == 0)
			map->renumber = IMPORT_RENUMBER_AUTO;
		else if (value->type == YNODE_SCALAR &&
		    strcmp(value->value, "always") == 0)
			map->renumber = IMPORT_RENUMBER_ALWAYS;
		else if (value->type == YNODE_SCALAR &&
		    strcmp(value->value, "never") == 0)
			map->renumber = IMPORT_RENUMBER_NEVER;
		else
			return map_error(map->path, value,
			    "'renumber' must be auto, always or never");
	}

	value = ynode_get(node, "prefix");
	if (value) {
		int ok = value->type == YNODE_SCALAR && value->value[0];

		for (const char *p = value->value; ok && *p; p++)
			ok = is_upper(*p);
		if (!ok)
			return map_error(map->path, value,
			    "'prefix' must be upper-case letters, such as RSK");
		free(map->prefix);
		map->prefix = xstrdup(value->value);
	}

	value = ynode_get(node, "digits");
	if (value) {
		err = parse_long_value(map->path, value, "digits", 1, 9,
		    &digits);
		if (err < 0)
			return err;
		map->digits = (int)digits;
	}

	value = ynode_get(node, "start");
	if (value) {
		err = parse_long_value(map->path, value, "start", 0,
		    999999999, &map->start);
		if (err < 0)
			return err;
	}
	return 0;
}

/* Turns the first error diagnostic of the YAML reader into error_set(). */
static int
yaml_diag_error(const struct diag_list *diags, const char *path)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].severity == DIAG_ERROR)
			return error_set(ISMS_EFAIL, "%s:%zu: %s", path,
			    diags->items[i].line, diags->items[i].message);
	return error_set(ISMS_EFAIL, "%s: invalid YAML", path);
}

int
import_map_parse(struct import_map *out, const char *text, size_t len,
    const char *path)
{
	static const char *const keys[] = { "columns", "defaults", "labels",
		"scales", "sections", "id", NULL };
	struct diag_list diags = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	const struct ynode *node;
	int err;

	out->path = xstrdup(path);
	out->prefix = xstrdup("RSK");
	if (yaml_doc_parse(&root, text, len, path, 0, &diags) < 0) {
		err = yaml_diag_error(&diags, path);
		goto done;
	}
	err = expect_type(path, root, YNODE_MAP, "the map file");
	if (err < 0)
		goto done;
	err = check_keys(path, root, keys, "the map file");
	if (err < 0)
		goto done;

	node = ynode_get(root, "columns");
	if (!node) {
		err = error_set(ISMS_EFAIL,
		    "%s: no 'columns' section: the map must name at least the title column",
		    path);
		goto done;
	}
	err = parse_columns(out, node);
	if (err < 0)
		goto done;

	node = ynode_get(root, "defaults");
	if (node) {
		err = parse_defaults(out, node);
		if (err < 0)
			goto done;
	}

	node = ynode_get(root, "labels");
	if (node) {
		err = parse_labels(out, node);
		if (err < 0)
			goto done;
	}

	node = ynode_get(root, "scales");
	if (node) {
		err = parse_scales(out, node);
		if (err < 0)
			goto done;
	}

	node = ynode_get(root, "sections");
	if (node) {
		err = expect_type(path, node, YNODE_SEQ, "sections");
		if (err < 0)
			goto done;
		for (size_t i = 0; i < node->count; i++) {
			err = parse_section(out, node->items[i]);
			if (err < 0)
				goto done;
		}
	}

	node = ynode_get(root, "id");
	if (node) {
		err = parse_id_options(out, node);
		if (err < 0)
			goto done;
	}

	for (size_t i = 0; i < out->target_count; i++) {
		const struct import_target *target = &out->targets[i];

		if (!target->column && !target->fallback) {
			err = error_set(ISMS_EFAIL,
			    "%s: 'labels' has an entry for '%s', which has no column and no default",
			    path, target->field);
			goto done;
		}
	}
	node = ynode_get(ynode_get(root, "columns"), "title");
	if (!node) {
		err = error_set(ISMS_EFAIL,
		    "%s: 'columns' has no entry for 'title'", path);
		goto done;
	}

done:
	ynode_free(root);
	diag_list_release(&diags);
	return err;
}

int
import_map_from_header(struct import_map *out, const struct csv_table *table,
    const char *path)
{
	const struct csv_row *header = &table->header;
	int have_title = 0;

	out->path = xstrdup(path);
	out->prefix = xstrdup("RSK");
	for (size_t i = 0; i < header->count; i++) {
		const char *name = header->fields[i].value;
		struct import_target *target = NULL;

		if (!find_field_spec(name) || csv_column(table, name) != i)
			continue;
		target = map_target(out, name);
		target->column = xstrdup(name);
		target->column_line = header->line;
		if (strcmp(name, "title") == 0)
			have_title = 1;
	}
	if (!have_title)
		return error_set(ISMS_EFAIL,
		    "%s:%zu: no 'title' column in the header (name the columns with --map)",
		    path, header->line);
	return 0;
}

void
import_map_release(struct import_map *map)
{
	for (size_t i = 0; i < map->target_count; i++) {
		struct import_target *target = &map->targets[i];

		free(target->field);
		free(target->column);
		free(target->fallback);
		for (size_t k = 0; k < target->label_count; k++) {
			free(target->labels[k].from);
			free(target->labels[k].to);
		}
		free(target->labels);
	}
	free(map->targets);
	for (size_t i = 0; i < map->section_count; i++) {
		free(map->sections[i].heading);
		free(map->sections[i].column);
		free(map->sections[i].split);
	}
	free(map->sections);
	free(map->path);
	free(map->prefix);
	memset(map, 0, sizeof(*map));
}

/* YAML output */

/*
 * Whether a YAML 1.1 or 1.2 reader would read the plain scalar `s` as
 * something other than a string. Such scalars are the empty one (null), a
 * boolean or null word, a merge or value key, and numbers, dates and
 * times, which all start with a digit, a sign or a dot and contain no
 * space. That last test also catches strings such as "4-hour", and
 * quoting those costs nothing.
 */
static int
plain_changes_type(const char *s)
{
	static const char *const words[] = { "y", "n", "yes", "no", "true",
		"false", "on", "off", "null", "~", NULL };

	if (!*s)
		return 1;
	for (size_t i = 0; words[i]; i++)
		if (equal_ignoring_case(s, words[i]))
			return 1;
	if (strcmp(s, "=") == 0 || strncmp(s, "<<", 2) == 0)
		return 1;
	if (is_digit(s[0]) || s[0] == '+' || s[0] == '-' || s[0] == '.')
		return !strpbrk(s, " \t");
	return 0;
}

/* A libyaml emitter writing into a buffer. `ok` drops to 0 on failure. */
struct yaml_out {
	yaml_emitter_t emitter;
	int ok;
};

static int
write_to_buf(void *data, unsigned char *buffer, size_t size)
{
	buf_add(data, buffer, size);
	return 1;
}

static void
emit(struct yaml_out *y, yaml_event_t *event, int initialized)
{
	if (!initialized) {
		y->ok = 0;
		return;
	}
	if (!y->ok) {
		yaml_event_delete(event);
		return;
	}
	if (!yaml_emitter_emit(&y->emitter, event))
		y->ok = 0;
}

/* Emits a string, or a number or date when `plain` is set. */
static void
emit_scalar(struct yaml_out *y, const char *text, int plain)
{
	yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
	yaml_event_t event;
	int initialized;

	if (!plain) {
		if (strchr(text, '\n'))
			style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		else if (plain_changes_type(text))
			style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	}
	initialized = yaml_scalar_event_initialize(&event, NULL, NULL,
	    (yaml_char_t *)text, (int)strlen(text), 1, 1, style);
	emit(y, &event, initialized);
}

static void
emit_mapping_start(struct yaml_out *y)
{
	yaml_event_t event;
	int initialized;

	initialized = yaml_mapping_start_event_initialize(&event, NULL, NULL,
	    1, YAML_BLOCK_MAPPING_STYLE);
	emit(y, &event, initialized);
}

static void
emit_mapping_end(struct yaml_out *y)
{
	yaml_event_t event;

	emit(y, &event, yaml_mapping_end_event_initialize(&event));
}

static void
emit_list(struct yaml_out *y, const struct strvec *items)
{
	yaml_event_t event;
	int initialized;

	initialized = yaml_sequence_start_event_initialize(&event, NULL, NULL,
	    1, YAML_FLOW_SEQUENCE_STYLE);
	emit(y, &event, initialized);
	for (size_t i = 0; i < items->count; i++)
		emit_scalar(y, items->items[i], 0);
	emit(y, &event, yaml_sequence_end_event_initialize(&event));
}

/* Import state */

/* One import: the map, the sheet, and the column of each mapped field. */
struct import_state {
	const struct import_map *map;
	const struct csv_table *table;
	const char *csv_path;
	size_t *target_columns;		/* by target, or CSV_NO_COLUMN */
	size_t *section_columns;	/* per section */
	unsigned char *section_column;	/* per column: in a section */
	size_t id_target;		/* target index, or SIZE_MAX */
	size_t title_target;
	char **ids;			/* per row; NULL for skipped rows */
	char **external_ids;		/* per row: a sheet id not kept */
};

/* The converted values of one row, ready to render. */
struct row_state {
	const struct csv_row *row;
	struct field_value *values;	/* per target */
	unsigned char *in_frontmatter;	/* per column */
	unsigned char *unreadable;	/* per column: conversion failed */
	int loss_unreadable;
	char currency[4];		/* the loss currency to write, or "" */
};

static int
is_loss_field(const struct import_target *target)
{
	return strncmp(target->field, "loss.", 5) == 0;
}

/* Finds column `name`, reporting it missing or present twice. */
static int
find_column(size_t *out, const struct import_state *st, const char *name,
    size_t map_line)
{
	const struct csv_row *header = &st->table->header;
	size_t found = CSV_NO_COLUMN;

	for (size_t i = 0; i < header->count; i++) {
		if (strcmp(header->fields[i].value, name) != 0)
			continue;
		if (found != CSV_NO_COLUMN)
			return error_set(ISMS_EFAIL,
			    "%s:%zu: column '%s' appears twice in the header, so the map cannot tell which one to use",
			    st->csv_path, header->line, name);
		found = i;
	}
	if (found == CSV_NO_COLUMN)
		return error_set(ISMS_EFAIL,
		    "%s:%zu: column '%s' is not in the header of '%s'",
		    st->map->path, map_line, name, st->csv_path);
	*out = found;
	return 0;
}

static int
resolve_columns(struct import_state *st)
{
	const struct import_map *map = st->map;
	int err;

	st->target_columns = xcalloc(map->target_count,
	    sizeof(*st->target_columns));
	st->section_columns = xcalloc(map->section_count,
	    sizeof(*st->section_columns));
	st->section_column = xcalloc(st->table->header.count, 1);
	st->id_target = SIZE_MAX;
	st->title_target = SIZE_MAX;

	for (size_t i = 0; i < map->target_count; i++) {
		const struct import_target *target = &map->targets[i];

		st->target_columns[i] = CSV_NO_COLUMN;
		if (strcmp(target->field, "id") == 0)
			st->id_target = i;
		if (strcmp(target->field, "title") == 0)
			st->title_target = i;
		if (!target->column)
			continue;
		err = find_column(&st->target_columns[i], st, target->column,
		    target->column_line);
		if (err < 0)
			return err;
	}
	for (size_t i = 0; i < map->section_count; i++) {
		err = find_column(&st->section_columns[i], st,
		    map->sections[i].column, map->sections[i].line);
		if (err < 0)
			return err;
		st->section_column[st->section_columns[i]] = 1;
	}
	if (st->title_target == SIZE_MAX)
		return error_set(ISMS_EFAIL, "%s: 'columns' has no entry for 'title'",
		    map->path);
	return 0;
}

static int
row_is_empty(const struct csv_row *row)
{
	for (size_t i = 0; i < row->count; i++) {
		const char *p = row->fields[i].value;

		while (is_space(*p))
			p++;
		if (*p)
			return 0;
	}
	return 1;
}

/* The sheet's id of `row`, trimmed, or "" without an id column. */
static char *
sheet_id(const struct import_state *st, const struct csv_row *row)
{
	size_t col;

	if (st->id_target == SIZE_MAX)
		return xstrdup("");
	col = st->target_columns[st->id_target];
	return trimmed_copy(row->fields[col].value, row->fields[col].len);
}

/* The number of `id` when it has the form PREFIX-digits, else -1. */
static long
id_number(const char *id, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *digits = id + n + 1;

	if (strncmp(id, prefix, n) != 0 || id[n] != '-' || !all_digits(digits))
		return -1;
	if (strlen(digits) > 9)
		return -1;
	return strtol(digits, NULL, 10);
}

struct kept_number {
	long number;
	size_t row;
};

static int
compare_kept(const void *a, const void *b)
{
	const struct kept_number *x = a, *y = b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int
number_is_kept(const struct kept_number *kept, size_t count,
    long number)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kept[mid].number == number)
			return 1;
		if (kept[mid].number < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Gives every row its id: the sheet's id where `renumber` allows and it
 * has the form PREFIX-digits, else the next number from `start` that no
 * kept id uses. Rows whose sheet id is not kept get it as external id.
 */
static int
assign_ids(struct import_state *st, const unsigned char *skip)
{
	const struct import_map *map = st->map;
	const struct csv_table *table = st->table;
	struct kept_number *kept = xcalloc(table->count, sizeof(*kept));
	size_t kept_count = 0;
	long next = map->start;
	int err = 0;

	st->ids = xcalloc(table->count, sizeof(*st->ids));
	st->external_ids = xcalloc(table->count, sizeof(*st->external_ids));

	for (size_t r = 0; r < table->count; r++) {
		char *original;
		long number;

		if (skip[r])
			continue;
		original = sheet_id(st, &table->rows[r]);
		number = id_number(original, map->prefix);
		if (map->renumber == IMPORT_RENUMBER_NEVER && number < 0) {
			err = error_set(ISMS_EFAIL,
			    "%s:%zu: id '%s' does not have the form %s-<digits> (set 'renumber: auto' in the map to number such rows)",
			    st->csv_path, table->rows[r].line, original,
			    map->prefix);
			free(original);
			goto done;
		}
		if (map->renumber != IMPORT_RENUMBER_ALWAYS && number >= 0) {
			st->ids[r] = original;
			kept[kept_count].number = number;
			kept[kept_count].row = r;
			kept_count++;
		} else if (*original) {
			st->external_ids[r] = original;
		} else {
			free(original);
		}
	}

	qsort(kept, kept_count, sizeof(*kept), compare_kept);
	for (size_t i = 1; i < kept_count; i++) {
		if (kept[i].number != kept[i - 1].number)
			continue;
		err = error_set(ISMS_EFAIL,
		    "%s:%zu: id '%s' has the same number as '%s' on line %zu",
		    st->csv_path, table->rows[kept[i].row].line,
		    st->ids[kept[i].row], st->ids[kept[i - 1].row],
		    table->rows[kept[i - 1].row].line);
		goto done;
	}

	for (size_t r = 0; r < table->count; r++) {
		struct buf id = BUF_INIT;

		if (skip[r] || st->ids[r])
			continue;
		while (number_is_kept(kept, kept_count, next))
			next++;
		buf_printf(&id, "%s-%0*ld", map->prefix, map->digits, next);
		next++;
		st->ids[r] = buf_detach(&id, NULL);
	}

done:
	free(kept);
	return err;
}

static void
read_target(const struct import_state *st, struct row_state *rs,
    struct diag_list *notes, size_t t)
{
	const struct import_target *target = &st->map->targets[t];
	struct field_value *value = &rs->values[t];
	size_t col = st->target_columns[t];
	const struct csv_field *cell = NULL;
	char *raw = NULL;
	const char *text = NULL;

	if (col != CSV_NO_COLUMN) {
		cell = &rs->row->fields[col];
		raw = trimmed_copy(cell->value, cell->len);
		text = raw;
		/* List items get their labels one by one in split_list(). */
		if (raw[0] && target->spec->type != FIELD_LIST)
			text = apply_labels(target, raw);
	}
	if (!text || !*text) {
		cell = NULL;
		text = target->fallback;
	}
	if (!text || !*text)
		goto done;

	if (convert_value(value, target, text) < 0) {
		/* Defaults were checked when the map was read. */
		if (!cell)
			goto done;
		rs->unreadable[col] = 1;
		if (is_loss_field(target))
			rs->loss_unreadable = 1;
		diag_add(notes, DIAG_WARNING, st->csv_path, cell->line, 0,
		    "import-unreadable-value",
		    "cannot read '%s' in column '%s' as %s for '%s', so %sthe value stays in the body",
		    text, target->column, type_description(target->spec->type),
		    target->field,
		    is_loss_field(target) ? "'loss' is left out and " : "");
		goto done;
	}
	if (cell && target->spec->type != FIELD_CIA_FLAG)
		rs->in_frontmatter[col] = 1;
	if (cell && target->sheet_scale &&
	    strtol(text, NULL, 10) > target->sheet_scale)
		diag_add(notes, DIAG_WARNING, st->csv_path, cell->line, 0,
		    "import-outside-sheet-scale",
		    "'%s' in column '%s' is above the sheet's own 1 to %ld "
		    "scale for '%s'; the value is kept, and the criteria in "
		    "isms.yaml decide what it means", text, target->column,
		    target->sheet_scale, target->field);

done:
	free(raw);
}

static const struct field_value *
loss_value(const struct import_state *st, const struct row_state *rs,
    const char *field)
{
	for (size_t i = 0; i < st->map->target_count; i++)
		if (strcmp(st->map->targets[i].field, field) == 0)
			return rs->values[i].present ? &rs->values[i] : NULL;
	return NULL;
}

/* Removes every loss value from the row, so the body keeps the cells. */
static void
drop_loss(const struct import_state *st, struct row_state *rs)
{
	for (size_t i = 0; i < st->map->target_count; i++) {
		size_t col = st->target_columns[i];

		if (!is_loss_field(&st->map->targets[i]))
			continue;
		field_value_clear(&rs->values[i]);
		if (col != CSV_NO_COLUMN)
			rs->in_frontmatter[col] = 0;
	}
	rs->currency[0] = '\0';
}

/*
 * Keeps `loss` only when it is complete: a rate per year with a single
 * loss or a low-high range, and one currency among the amounts and the
 * currency field.
 */
static void
check_loss(const struct import_state *st, struct row_state *rs,
    struct diag_list *notes)
{
	static const char *const amounts[] = { "loss.single", "loss.low",
		"loss.high" };
	const struct field_value *per_year, *single, *low, *high, *currency;
	const char *missing = NULL;

	per_year = loss_value(st, rs, "loss.per_year");
	single = loss_value(st, rs, "loss.single");
	low = loss_value(st, rs, "loss.low");
	high = loss_value(st, rs, "loss.high");
	currency = loss_value(st, rs, "loss.currency");

	if (rs->loss_unreadable) {
		drop_loss(st, rs);
		return;
	}
	if (!per_year && !single && !low && !high) {
		drop_loss(st, rs);
		return;
	}
	if (!per_year)
		missing = "loss.per_year";
	else if (!single && !low && !high)
		missing = "loss.single";
	else if (!single && (!low || !high))
		missing = low ? "loss.high" : "loss.low";
	if (missing) {
		diag_add(notes, DIAG_WARNING, st->csv_path, rs->row->line, 0,
		    "import-incomplete-loss",
		    "no value for '%s', so 'loss' is left out and the row's loss values stay in the body",
		    missing);
		drop_loss(st, rs);
		return;
	}

	if (currency)
		memcpy(rs->currency, currency->text, 4);
	for (size_t i = 0; i < 3; i++) {
		const struct field_value *amount;

		amount = loss_value(st, rs, amounts[i]);

		if (!amount || !amount->currency[0])
			continue;
		if (!rs->currency[0]) {
			memcpy(rs->currency, amount->currency, 4);
			continue;
		}
		if (strcmp(rs->currency, amount->currency) != 0) {
			diag_add(notes, DIAG_WARNING, st->csv_path,
			    rs->row->line, 0, "import-incomplete-loss",
			    "the loss values name two currencies, %s and %s, so 'loss' is left out and the row's loss values stay in the body",
			    rs->currency, amount->currency);
			drop_loss(st, rs);
			return;
		}
	}
}

/* The target index for the field named `name`, or SIZE_MAX. */
static size_t
target_index(const struct import_map *map, const char *name)
{
	for (size_t i = 0; i < map->target_count; i++)
		if (strcmp(map->targets[i].field, name) == 0)
			return i;
	return SIZE_MAX;
}

static void
emit_cia(struct yaml_out *y, const struct import_state *st,
    const struct row_state *rs)
{
	struct strvec items = STRVEC_INIT;
	size_t t = target_index(st->map, "cia");
	char name[32];

	if (t != SIZE_MAX && rs->values[t].present)
		for (size_t i = 0; i < rs->values[t].items.count; i++)
			strvec_push(&items, rs->values[t].items.items[i]);
	for (size_t i = 0; i < 3; i++) {
		size_t flag;

		snprintf(name, sizeof(name), "cia.%s", cia_properties[i]);
		flag = target_index(st->map, name);
		if (flag == SIZE_MAX || !rs->values[flag].present)
			continue;
		if (strvec_find(&items, cia_properties[i]) < 0)
			strvec_push(&items, cia_properties[i]);
	}
	if (items.count) {
		emit_scalar(y, "cia", 0);
		emit_list(y, &items);
	}
	strvec_clear(&items);
}

static void
emit_value(struct yaml_out *y, const struct field_value *value)
{
	if (value->items.count)
		emit_list(y, &value->items);
	else
		emit_scalar(y, value->text, value->plain);
}

/* Whether any target in group `group` (of length `len`) has a value. */
static int
group_present(const struct import_state *st, const struct row_state *rs,
    const char *group, size_t len)
{
	if (len == 4 && strncmp(group, "loss", 4) == 0 && rs->currency[0])
		return 1;
	for (size_t i = 0; i < st->map->target_count; i++) {
		const char *field = st->map->targets[i].field;

		if (rs->values[i].present && strncmp(field, group, len) == 0 &&
		    field[len] == '.')
			return 1;
	}
	return 0;
}

/* Emits the ratings whose field starts with `prefix`, per dimension. */
static void
emit_family(struct yaml_out *y, const struct import_state *st,
    const struct row_state *rs, const char *prefix)
{
	size_t n = strlen(prefix);
	int open = 0;

	for (size_t i = 0; i < st->map->target_count; i++) {
		const char *field = st->map->targets[i].field;

		if (!rs->values[i].present || strncmp(field, prefix, n) != 0)
			continue;
		if (!open) {
			emit_scalar(y, "consequences", 0);
			emit_mapping_start(y);
			open = 1;
		}
		emit_scalar(y, field + n, 0);
		emit_value(y, &rs->values[i]);
	}
	if (open)
		emit_mapping_end(y);
}

/* Emits every field after id and title, in the order of field_specs. */
static void
emit_fields(struct yaml_out *y, const struct import_state *st,
    const struct row_state *rs)
{
	const char *open_group = NULL;
	size_t open_len = 0;

	for (size_t s = 0; s < FIELD_SPEC_COUNT; s++) {
		const struct field_spec *spec = &field_specs[s];
		size_t len = group_length(spec->name);
		size_t t;

		if (spec->type == FIELD_CIA_FLAG ||
		    strcmp(spec->name, "id") == 0 ||
		    strcmp(spec->name, "title") == 0)
			continue;
		if (open_group && (len != open_len ||
		    strncmp(spec->name, open_group, len) != 0)) {
			emit_mapping_end(y);
			open_group = NULL;
		}
		if (len && !open_group) {
			char *group;

			if (!group_present(st, rs, spec->name, len))
				continue;
			group = xstrndup(spec->name, len);
			emit_scalar(y, group, 0);
			free(group);
			open_group = spec->name;
			open_len = len;
			emit_mapping_start(y);
		}

		if (strcmp(spec->name, "cia") == 0) {
			emit_cia(y, st, rs);
			continue;
		}
		if (is_family(spec)) {
			char *prefix = xstrndup(spec->name,
			    strlen(spec->name) - 1);

			emit_family(y, st, rs, prefix);
			free(prefix);
			continue;
		}
		if (strcmp(spec->name, "loss.currency") == 0) {
			if (rs->currency[0]) {
				emit_scalar(y, "currency", 0);
				emit_scalar(y, rs->currency, 0);
			}
			continue;
		}
		t = target_index(st->map, spec->name);
		if (t == SIZE_MAX || !rs->values[t].present)
			continue;
		emit_scalar(y, spec->name + (len ? len + 1 : 0), 0);
		emit_value(y, &rs->values[t]);
	}
	if (open_group)
		emit_mapping_end(y);
}

static int
render_frontmatter(struct buf *out, const struct import_state *st,
    const struct row_state *rs, size_t r)
{
	struct buf yaml = BUF_INIT;
	struct yaml_out y;
	yaml_event_t event;
	size_t title = st->title_target;
	int err = 0;

	memset(&y, 0, sizeof(y));
	if (!yaml_emitter_initialize(&y.emitter)) {
		err = error_set(ISMS_EFAIL, "could not set up the YAML emitter");
		goto done;
	}
	y.ok = 1;
	yaml_emitter_set_output(&y.emitter, write_to_buf, &yaml);
	yaml_emitter_set_unicode(&y.emitter, 1);
	yaml_emitter_set_width(&y.emitter, -1);
	yaml_emitter_set_indent(&y.emitter, 2);

	emit(&y, &event, yaml_stream_start_event_initialize(&event,
	    YAML_UTF8_ENCODING));
	emit(&y, &event, yaml_document_start_event_initialize(&event, NULL,
	    NULL, NULL, 1));
	emit_mapping_start(&y);
	emit_scalar(&y, "id", 0);
	emit_scalar(&y, st->ids[r], 0);
	emit_scalar(&y, "title", 0);
	emit_scalar(&y, rs->values[title].text, 0);
	if (st->external_ids[r]) {
		emit_scalar(&y, "external_id", 0);
		emit_scalar(&y, st->external_ids[r], 0);
	}
	emit_fields(&y, st, rs);
	emit_mapping_end(&y);
	emit(&y, &event, yaml_document_end_event_initialize(&event, 1));
	emit(&y, &event, yaml_stream_end_event_initialize(&event));

	if (!y.ok) {
		err = error_set(ISMS_EFAIL,
		    "%s:%zu: could not write the frontmatter: %s",
		    st->csv_path, rs->row->line,
		    y.emitter.problem ? y.emitter.problem : "out of memory");
		goto done;
	}

	/* A document end marker is not part of frontmatter. */
	if (yaml.len >= 4 && strcmp(yaml.ptr + yaml.len - 4, "...\n") == 0)
		buf_truncate(&yaml, yaml.len - 4);
	buf_puts(out, "---\n");
	buf_add(out, yaml.ptr, yaml.len);
	buf_puts(out, "---\n");

done:
	yaml_emitter_delete(&y.emitter);
	buf_release(&yaml);
	return err;
}

/* Markdown body */

/*
 * Finds where a backslash keeps the line `s` (leading spaces removed) from
 * starting a Markdown block that the sheet's text did not mean: a
 * heading, quote, list item, thematic break, setext underline, code fence
 * or HTML block. Returns the offset of the character to escape, or -1.
 */
static long
markdown_escape_offset(const char *s, size_t len)
{
	size_t n = 0;

	if (!len)
		return -1;
	switch (s[0]) {
	case '#':
		while (n < len && s[n] == '#')
			n++;
		return n <= 6 && (n == len || s[n] == ' ' || s[n] == '\t') ?
		    0 : -1;
	case '>':
	case '<':
		return 0;
	case '-':
	case '+':
	case '*':
	case '_':
	case '=':
		if (len == 1 || s[1] == ' ' || s[1] == '\t')
			return s[0] == '_' ? -1 : 0;
		/* A line of only this character and spaces is a break. */
		for (n = 0; n < len; n++)
			if (s[n] != s[0] && s[n] != ' ' && s[n] != '\t')
				return -1;
		return 0;
	case '`':
	case '~':
		return len >= 3 && s[1] == s[0] && s[2] == s[0] ? 0 : -1;
	default:
		break;
	}
	while (n < len && n < 9 && is_digit(s[n]))
		n++;
	if (n && n < len && (s[n] == '.' || s[n] == ')') &&
	    (n + 1 == len || s[n + 1] == ' ' || s[n + 1] == '\t'))
		return (long)n;
	return -1;
}

/* Writes one line of sheet text, escaped so it stays plain text. */
static void
write_markdown_line(struct buf *out, const char *line, size_t len)
{
	size_t indent = 0;
	long at;

	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	while (indent < 3 && indent < len && line[indent] == ' ')
		indent++;
	at = markdown_escape_offset(line + indent, len - indent);
	if (at < 0) {
		buf_add(out, line, len);
		return;
	}
	buf_add(out, line, indent + (size_t)at);
	buf_putc(out, '\\');
	buf_add(out, line + indent + (size_t)at, len - indent - (size_t)at);
}

/*
 * Writes `text` line by line: the first line after `first`, the others
 * after `rest`, blank lines as they are.
 */
static void
write_markdown_text(struct buf *out, const char *text, size_t len,
    const char *first, const char *rest)
{
	const char *end = text + len;
	const char *p = text;
	int first_line = 1;

	for (;;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		size_t before = out->len;

		buf_puts(out, first_line ? first : rest);
		write_markdown_line(out, p, n);
		if (!first_line && out->len == before + strlen(rest))
			buf_truncate(out, before);
		buf_putc(out, '\n');
		first_line = 0;
		if (!eol)
			break;
		p = eol + 1;
	}
}

static void
write_section(struct buf *out, const struct import_section *section,
    const struct csv_field *cell)
{
	char *text = trimmed_copy(cell->value, cell->len);
	const char *p = text;
	size_t split_len;

	if (!*text)
		goto done;
	if (out->len)
		buf_putc(out, '\n');
	buf_printf(out, "## %s\n\n", section->heading);
	if (!section->split) {
		write_markdown_text(out, text, strlen(text), "", "");
		goto done;
	}

	split_len = strlen(section->split);
	while (*p) {
		const char *next = strstr(p, section->split);
		size_t n = next ? (size_t)(next - p) : strlen(p);
		char *item = trimmed_copy(p, n);

		if (*item)
			write_markdown_text(out, item, strlen(item), "- ",
			    "  ");
		free(item);
		p += n;
		if (next)
			p += split_len;
	}

done:
	free(text);
}

static void
render_body(struct buf *out, const struct import_state *st,
    const struct row_state *rs)
{
	const struct csv_row *header = &st->table->header;
	struct buf item = BUF_INIT;
	int listed = 0;

	for (size_t i = 0; i < st->map->section_count; i++)
		write_section(out, &st->map->sections[i],
		    &rs->row->fields[st->section_columns[i]]);

	for (size_t c = 0; c < header->count; c++) {
		char *value;

		if (st->section_column[c] ||
		    (rs->in_frontmatter[c] && !rs->unreadable[c]))
			continue;
		value = trimmed_copy(rs->row->fields[c].value,
		    rs->row->fields[c].len);
		if (*value) {
			if (!listed) {
				if (out->len)
					buf_putc(out, '\n');
				buf_puts(out, "## Imported columns\n\n");
				listed = 1;
			}
			buf_reset(&item);
			if (header->fields[c].len)
				buf_printf(&item, "%s: %s",
				    header->fields[c].value, value);
			else
				buf_printf(&item, "column %zu: %s", c + 1,
				    value);
			write_markdown_text(out, item.ptr, item.len, "- ",
			    "  ");
		}
		free(value);
	}
	buf_release(&item);
}

void
import_slug(struct buf *out, const char *title)
{
	struct buf slug = BUF_INIT;
	int gap = 0;

	for (const char *p = title; *p; p++) {
		if (!is_lower(*p) && !is_upper(*p) && !is_digit(*p)) {
			gap = 1;
			continue;
		}
		if (gap && slug.len)
			buf_putc(&slug, '-');
		gap = 0;
		buf_putc(&slug, to_lower(*p));
		if (slug.len > IMPORT_SLUG_MAX)
			break;
	}
	if (slug.len > IMPORT_SLUG_MAX) {
		size_t cut = IMPORT_SLUG_MAX;

		while (cut > 0 && slug.ptr[cut] != '-')
			cut--;
		buf_truncate(&slug, cut ? cut : IMPORT_SLUG_MAX);
	}
	buf_puts(out, slug.len ? slug.ptr : "risk");
	buf_release(&slug);
}

static void
row_state_release(struct row_state *rs, size_t target_count)
{
	for (size_t i = 0; i < target_count; i++)
		field_value_clear(&rs->values[i]);
	free(rs->values);
	free(rs->in_frontmatter);
	free(rs->unreadable);
}

static int
import_row(struct import_result *out, const struct import_state *st,
    size_t r)
{
	const struct import_map *map = st->map;
	struct row_state rs;
	struct buf text = BUF_INIT;
	struct buf body = BUF_INIT;
	struct buf name = BUF_INIT;
	struct import_file *file;
	size_t columns = st->table->header.count;
	int err = 0;

	memset(&rs, 0, sizeof(rs));
	rs.row = &st->table->rows[r];
	rs.values = xcalloc(map->target_count, sizeof(*rs.values));
	rs.in_frontmatter = xcalloc(columns, 1);
	rs.unreadable = xcalloc(columns, 1);

	for (size_t t = 0; t < map->target_count; t++)
		if (t != st->id_target)
			read_target(st, &rs, &out->notes, t);
	if (!rs.values[st->title_target].present) {
		err = error_set(ISMS_EFAIL, "%s:%zu: empty title in column '%s'",
		    st->csv_path, rs.row->line,
		    map->targets[st->title_target].column);
		goto done;
	}
	check_loss(st, &rs, &out->notes);

	/* The sheet's id is the record's id or its external_id. */
	if (st->id_target != SIZE_MAX)
		rs.in_frontmatter[st->target_columns[st->id_target]] = 1;

	err = render_frontmatter(&text, st, &rs, r);
	if (err < 0)
		goto done;
	render_body(&body, st, &rs);
	if (body.len) {
		buf_putc(&text, '\n');
		buf_add(&text, body.ptr, body.len);
	}
	buf_printf(&name, "%s-", st->ids[r]);
	import_slug(&name, rs.values[st->title_target].text);
	buf_puts(&name, ".md");

	xgrow(&out->files, &out->alloc, out->count + 1, sizeof(*out->files));
	file = &out->files[out->count++];
	file->id = xstrdup(st->ids[r]);
	file->external_id = st->external_ids[r] ?
	    xstrdup(st->external_ids[r]) : NULL;
	file->name = buf_detach(&name, NULL);
	file->text = buf_detach(&text, &file->len);
	file->line = rs.row->line;

done:
	row_state_release(&rs, map->target_count);
	buf_release(&text);
	buf_release(&body);
	buf_release(&name);
	return err;
}

static void
import_state_release(struct import_state *st)
{
	for (size_t r = 0; st->ids && r < st->table->count; r++) {
		free(st->ids[r]);
		free(st->external_ids[r]);
	}
	free(st->ids);
	free(st->external_ids);
	free(st->target_columns);
	free(st->section_columns);
	free(st->section_column);
}

int
import_rows(struct import_result *out, const struct import_map *map,
    const struct csv_table *table, const char *csv_path)
{
	struct import_state st;
	unsigned char *skip = NULL;
	int err;

	memset(&st, 0, sizeof(st));
	st.map = map;
	st.table = table;
	st.csv_path = csv_path;
	err = resolve_columns(&st);
	if (err < 0)
		goto done;

	skip = xcalloc(table->count, 1);
	for (size_t r = 0; r < table->count; r++)
		skip[r] = (unsigned char)row_is_empty(&table->rows[r]);
	err = assign_ids(&st, skip);
	if (err < 0)
		goto done;

	for (size_t r = 0; r < table->count; r++) {
		if (skip[r])
			continue;
		err = import_row(out, &st, r);
		if (err < 0)
			goto done;
	}

done:
	free(skip);
	import_state_release(&st);
	return err;
}

void
import_result_release(struct import_result *result)
{
	for (size_t i = 0; i < result->count; i++) {
		free(result->files[i].id);
		free(result->files[i].external_id);
		free(result->files[i].name);
		free(result->files[i].text);
	}
	free(result->files);
	result->files = NULL;
	result->count = 0;
	result->alloc = 0;
	diag_list_release(&result->notes);
}
