#ifndef ISMS_DATE_H
#define ISMS_DATE_H

#include <stddef.h>

/*
 * Calendar dates as days since 1970-01-01 (proleptic Gregorian), and
 * durations such as "12 months" or "90 days". Integers only, so results do
 * not depend on the time zone or the C library.
 */

/* Parses exactly YYYY-MM-DD with a real day of the month. 0 or -1. */
int date_parse(const char *text, int *days_out);

/* Writes YYYY-MM-DD and a NUL into out, which holds at least 11 bytes. */
void date_format(int days, char out[11]);

void date_to_ymd(int days, int *year, int *month, int *day);
int date_from_ymd(int year, int month, int day);

enum duration_unit { DURATION_DAYS, DURATION_WEEKS, DURATION_MONTHS,
	DURATION_YEARS };

struct duration {
	long count;
	enum duration_unit unit;
};

/*
 * Parses "<n> day(s)|week(s)|month(s)|year(s)" with n from 0 to 1200.
 * Returns 0 or -1.
 */
int duration_parse(const char *text, struct duration *out);

/*
 * Adds a duration to a date. Months and years move the calendar month and
 * clamp the day to the month's length (2026-01-31 + 1 month = 2026-02-28),
 * as people read "one month later".
 */
int date_add(int days, const struct duration *d);

/*
 * Today for every date-dependent result: `arg` (--today) when given, else
 * SOURCE_DATE_EPOCH, else the system clock (UTC). Returns 0, or a negative
 * error code after error_set() when either is malformed.
 */
int date_today(const char *arg, int *days_out);

#endif
