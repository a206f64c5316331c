#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "error.h"
#include "banned.h"

#define SECONDS_PER_DAY 86400

/* The largest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z. */
#define MAX_EPOCH_SECONDS 253402300799LL

#define MAX_DURATION_COUNT 1200

static int
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap_year(year))
		return 29;
	return days[month - 1];
}

/*
 * The conversions below count in eras of 400 years (146097 days), after
 * which the Gregorian calendar repeats, with March as the first month so
 * that the leap day falls at the end of a year.
 */
int
date_from_ymd(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int year_of_era = y - era * 400;
	int month_from_march = month > 2 ? month - 3 : month + 9;
	int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
	int day_of_era = year_of_era * 365 + year_of_era / 4 -
	    year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - 719468;
}

void
date_to_ymd(int days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int day_of_era = z - era * 146097;
	int year_of_era = (day_of_era - day_of_era / 1460 +
	    day_of_era / 36524 - day_of_era / 146096) / 365;
	int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
	    year_of_era / 100);
	int month_from_march = (5 * day_of_year + 2) / 153;
	int m = month_from_march < 10 ? month_from_march + 3 :
	    month_from_march - 9;

	*day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
	*month = m;
	*year = year_of_era + era * 400 + (m <= 2);
}

static int
parse_digits(const char *text, size_t count)
{
	int value = 0;

	for (size_t i = 0; i < count; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		value = value * 10 + (text[i] - '0');
	}
	return value;
}

int
date_parse(const char *text, int *days_out)
{
	int year, month, day;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return -1;

	year = parse_digits(text, 4);
	month = parse_digits(text + 5, 2);
	day = parse_digits(text + 8, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1)
		return -1;
	if (day > days_in_month(year, month))
		return -1;

	*days_out = date_from_ymd(year, month, day);
	return 0;
}

void
date_format(int days, char out[11])
{
	int year, month, day;

	date_to_ymd(days, &year, &month, &day);

	/* Keeps the output at 10 bytes for dates outside years 0 to 9999. */
	if (year < 0)
		year = 0;
	if (year > 9999)
		year = 9999;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u,
	    (unsigned)month % 100u, (unsigned)day % 100u);
}

struct unit_name {
	const char *singular;
	const char *plural;
	enum duration_unit unit;
};

static const struct unit_name unit_names[] = {
	{ "day", "days", DURATION_DAYS },
	{ "week", "weeks", DURATION_WEEKS },
	{ "month", "months", DURATION_MONTHS },
	{ "year", "years", DURATION_YEARS },
};

int
duration_parse(const char *text, struct duration *out)
{
	const char *p = text;
	long count = 0;
	size_t digits = 0;

	while (*p >= '0' && *p <= '9') {
		count = count * 10 + (*p - '0');
		if (count > MAX_DURATION_COUNT)
			return -1;
		digits++;
		p++;
	}
	if (!digits || (*p != ' ' && *p != '\t'))
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;

	for (size_t i = 0; i < sizeof(unit_names) / sizeof(*unit_names); i++) {
		if (strcmp(p, unit_names[i].singular) == 0 ||
		    strcmp(p, unit_names[i].plural) == 0) {
			out->count = count;
			out->unit = unit_names[i].unit;
			return 0;
		}
	}
	return -1;
}

static int
add_months(int days, long months)
{
	int year, month, day;
	long index;
	int last;

	date_to_ymd(days, &year, &month, &day);

	index = (long)year * 12 + (month - 1) + months;
	year = (int)(index >= 0 ? index / 12 : (index - 11) / 12);
	month = (int)(index - (long)year * 12) + 1;

	last = days_in_month(year, month);
	if (day > last)
		day = last;
	return date_from_ymd(year, month, day);
}

int
date_add(int days, const struct duration *d)
{
	switch (d->unit) {
	case DURATION_DAYS:
		return days + (int)d->count;
	case DURATION_WEEKS:
		return days + 7 * (int)d->count;
	case DURATION_MONTHS:
		return add_months(days, d->count);
	case DURATION_YEARS:
		return add_months(days, 12 * d->count);
	}
	return days;
}

/*
 * Reads SOURCE_DATE_EPOCH, a decimal count of seconds since
 * 1970-01-01T00:00:00Z as the reproducible-builds convention defines it.
 * Returns 1 when it is set, 0 when it is unset or empty, or a negative
 * error code.
 */
static int
read_source_date_epoch(int *days_out)
{
	const char *value = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long seconds;

	if (!value || !*value)
		return 0;

	errno = 0;
	seconds = strtoll(value, &end, 10);
	if (*value < '0' || *value > '9' || errno || *end ||
	    seconds > MAX_EPOCH_SECONDS)
		return error_set(ISMS_EFAIL,
		    "invalid SOURCE_DATE_EPOCH '%s'; use a whole number of "
		    "seconds since 1970-01-01", value);

	*days_out = (int)(seconds / SECONDS_PER_DAY);
	return 1;
}

int
date_today(const char *arg, int *days_out)
{
	time_t now;
	int ret;

	if (arg) {
		if (date_parse(arg, days_out) < 0)
			return error_set(ISMS_EUSAGE,
			    "invalid date '%s' for --today; use YYYY-MM-DD",
			    arg);
		return 0;
	}

	ret = read_source_date_epoch(days_out);
	if (ret)
		return ret < 0 ? ret : 0;

	now = time(NULL);
	if (now == (time_t)-1)
		return error_set(ISMS_EFAIL, "cannot read the system clock");
	*days_out = (int)(now / SECONDS_PER_DAY);
	return 0;
}
