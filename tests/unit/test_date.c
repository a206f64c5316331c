#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "date.h"
#include "error.h"
#include "banned.h"

/* Days since 1970-01-01 of a date written YYYY-MM-DD, asserting it parses. */
static int
days_of(const char *text)
{
	int days = 0;

	assert_int_equal(date_parse(text, &days), 0);
	return days;
}

static void
assert_date(int days, const char *expected)
{
	char text[11];

	date_format(days, text);
	assert_string_equal(text, expected);
}

static void
test_date_parse_known_days(void **state)
{
	static const struct {
		const char *text;
		int days;
	} cases[] = {
		{ "1970-01-01", 0 },
		{ "1970-01-02", 1 },
		{ "1969-12-31", -1 },
		{ "2000-01-01", 10957 },
		{ "2000-02-29", 11016 },
		{ "2026-01-01", 20454 },
		{ "2100-01-01", 47482 },
		{ "2100-12-31", 47846 },
		{ "1900-01-01", -25567 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_int_equal(days_of(cases[i].text), cases[i].days);
}

static void
test_date_parse_rejects_malformed(void **state)
{
	static const char *const bad[] = {
		"", "2026", "2026-1-01", "26-01-01", "2026/01/01",
		"2026-01-01x", " 2026-01-01", "2026-01-01 ", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31",
		"2026-02-29", "2026-02-30", "2026-0a-01", "+026-01-01",
		"2026-01-1\n",
	};
	int days = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(date_parse(bad[i], &days), -1);
		assert_int_equal(days, 12345);
	}
}

static void
test_date_parse_leap_years(void **state)
{
	int days;

	(void)state;
	assert_int_equal(date_parse("2024-02-29", &days), 0);
	assert_int_equal(date_parse("2000-02-29", &days), 0);
	assert_int_equal(date_parse("1600-02-29", &days), 0);
	assert_int_equal(date_parse("1900-02-29", &days), -1);
	assert_int_equal(date_parse("2100-02-29", &days), -1);
	assert_int_equal(date_parse("2023-02-29", &days), -1);
}

static void
test_date_format_round_trips_every_day(void **state)
{
	int start = days_of("1899-12-01");
	int end = days_of("2200-01-31");
	int previous_year = 1899, previous_month = 11, previous_day = 30;

	(void)state;
	for (int days = start; days <= end; days++) {
		char text[11];
		int year, month, day, parsed;

		date_format(days, text);
		assert_int_equal(date_parse(text, &parsed), 0);
		assert_int_equal(parsed, days);

		/* Each day follows the previous one in the calendar. */
		date_to_ymd(days, &year, &month, &day);
		if (day == 1) {
			assert_int_equal(month, previous_month % 12 + 1);
			assert_int_equal(year,
			    previous_year + (previous_month == 12));
			assert_in_range(previous_day, 28, 31);
		} else {
			assert_int_equal(day, previous_day + 1);
		}
		assert_int_equal(date_from_ymd(year, month, day), days);
		previous_year = year;
		previous_month = month;
		previous_day = day;
	}
}

static void
test_date_format_epoch(void **state)
{
	(void)state;
	assert_date(0, "1970-01-01");
	assert_date(-1, "1969-12-31");
	assert_date(47846, "2100-12-31");
}

static void
test_date_to_ymd_splits_fields(void **state)
{
	int year, month, day;

	(void)state;
	date_to_ymd(days_of("2024-02-29"), &year, &month, &day);
	assert_int_equal(year, 2024);
	assert_int_equal(month, 2);
	assert_int_equal(day, 29);
}

static void
test_duration_parse_valid(void **state)
{
	static const struct {
		const char *text;
		long count;
		enum duration_unit unit;
	} cases[] = {
		{ "0 days", 0, DURATION_DAYS },
		{ "1 day", 1, DURATION_DAYS },
		{ "90 days", 90, DURATION_DAYS },
		{ "2 weeks", 2, DURATION_WEEKS },
		{ "1 week", 1, DURATION_WEEKS },
		{ "12 months", 12, DURATION_MONTHS },
		{ "1 month", 1, DURATION_MONTHS },
		{ "3 years", 3, DURATION_YEARS },
		{ "1200 days", 1200, DURATION_DAYS },
		{ "6  months", 6, DURATION_MONTHS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct duration d = { -1, DURATION_YEARS };

		assert_int_equal(duration_parse(cases[i].text, &d), 0);
		assert_int_equal(d.count, cases[i].count);
		assert_int_equal(d.unit, cases[i].unit);
	}
}

static void
test_duration_parse_rejects_malformed(void **state)
{
	static const char *const bad[] = {
		"", "12", "months", "-1 day", "+1 day", "1201 days",
		"99999999999999999999 days", "1 fortnight", "1.5 months",
		"12months", "12 months ago", " 12 months", "12 Months",
	};
	struct duration d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(duration_parse(bad[i], &d), -1);
}

static void
test_date_add_days_and_weeks(void **state)
{
	struct duration days90 = { 90, DURATION_DAYS };
	struct duration weeks2 = { 2, DURATION_WEEKS };

	(void)state;
	assert_date(date_add(days_of("2026-01-01"), &days90), "2026-04-01");
	assert_date(date_add(days_of("2024-12-25"), &weeks2), "2025-01-08");
}

static void
test_date_add_months_clamps_month_end(void **state)
{
	static const struct {
		const char *start;
		long count;
		enum duration_unit unit;
		const char *expected;
	} cases[] = {
		{ "2026-01-31", 1, DURATION_MONTHS, "2026-02-28" },
		{ "2024-01-31", 1, DURATION_MONTHS, "2024-02-29" },
		{ "2026-03-31", 1, DURATION_MONTHS, "2026-04-30" },
		{ "2026-08-31", 6, DURATION_MONTHS, "2027-02-28" },
		{ "2026-12-15", 1, DURATION_MONTHS, "2027-01-15" },
		{ "2026-05-20", 0, DURATION_MONTHS, "2026-05-20" },
		{ "2026-01-31", 12, DURATION_MONTHS, "2027-01-31" },
		{ "2024-02-29", 1, DURATION_YEARS, "2025-02-28" },
		{ "2024-02-29", 4, DURATION_YEARS, "2028-02-29" },
		{ "2096-02-29", 4, DURATION_YEARS, "2100-02-28" },
		{ "1969-12-31", 1, DURATION_MONTHS, "1970-01-31" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct duration d = { cases[i].count, cases[i].unit };

		assert_date(date_add(days_of(cases[i].start), &d),
		    cases[i].expected);
	}
}

static int
clear_environment(void **state)
{
	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	error_clear();
	return 0;
}

static void
test_date_today_uses_argument(void **state)
{
	int days = 0;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	assert_int_equal(date_today("2026-03-04", &days), 0);
	assert_int_equal(days, days_of("2026-03-04"));
}

static void
test_date_today_rejects_malformed_argument(void **state)
{
	int days = 7;

	(void)state;
	assert_int_equal(date_today("2026-13-01", &days), ISMS_EUSAGE);
	assert_string_equal(error_message(),
	    "invalid date '2026-13-01' for --today; use YYYY-MM-DD");
	assert_int_equal(days, 7);

	assert_int_equal(date_today("", &days), ISMS_EUSAGE);
	assert_string_equal(error_message(),
	    "invalid date '' for --today; use YYYY-MM-DD");
}

static void
test_date_today_uses_source_date_epoch(void **state)
{
	static const struct {
		const char *seconds;
		const char *date;
	} cases[] = {
		{ "0", "1970-01-01" },
		{ "86399", "1970-01-01" },
		{ "86400", "1970-01-02" },
		{ "1767225599", "2025-12-31" },
		{ "1767225600", "2026-01-01" },
		{ "4102444800", "2100-01-01" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int days = -1;

		setenv("SOURCE_DATE_EPOCH", cases[i].seconds, 1);
		assert_int_equal(date_today(NULL, &days), 0);
		assert_date(days, cases[i].date);
	}
}

static void
test_date_today_rejects_malformed_source_date_epoch(void **state)
{
	static const char *const bad[] = {
		"abc", "-5", "+5", "12x", " 12", "1e9", "1.5",
		"99999999999999999999", "253402300800",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char expected[160];
		int days = 7;

		setenv("SOURCE_DATE_EPOCH", bad[i], 1);
		assert_int_equal(date_today(NULL, &days), ISMS_EFAIL);
		snprintf(expected, sizeof(expected), "invalid "
		    "SOURCE_DATE_EPOCH '%s'; use a whole number of seconds "
		    "since 1970-01-01", bad[i]);
		assert_string_equal(error_message(), expected);
		assert_int_equal(days, 7);
	}
}

static void
test_date_today_uses_clock_without_overrides(void **state)
{
	int before, after, days = -1;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "", 1);
	before = (int)(time(NULL) / 86400);
	assert_int_equal(date_today(NULL, &days), 0);
	after = (int)(time(NULL) / 86400);
	assert_true(days >= before);
	assert_true(days <= after);

	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(date_today(NULL, &days), 0);
	assert_true(days >= before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_known_days),
		cmocka_unit_test(test_date_parse_rejects_malformed),
		cmocka_unit_test(test_date_parse_leap_years),
		cmocka_unit_test(test_date_format_round_trips_every_day),
		cmocka_unit_test(test_date_format_epoch),
		cmocka_unit_test(test_date_to_ymd_splits_fields),
		cmocka_unit_test(test_duration_parse_valid),
		cmocka_unit_test(test_duration_parse_rejects_malformed),
		cmocka_unit_test(test_date_add_days_and_weeks),
		cmocka_unit_test(test_date_add_months_clamps_month_end),
		cmocka_unit_test_setup_teardown(test_date_today_uses_argument,
		    clear_environment, clear_environment),
		cmocka_unit_test_setup_teardown(
		    test_date_today_rejects_malformed_argument,
		    clear_environment, clear_environment),
		cmocka_unit_test_setup_teardown(
		    test_date_today_uses_source_date_epoch,
		    clear_environment, clear_environment),
		cmocka_unit_test_setup_teardown(
		    test_date_today_rejects_malformed_source_date_epoch,
		    clear_environment, clear_environment),
		cmocka_unit_test_setup_teardown(
		    test_date_today_uses_clock_without_overrides,
		    clear_environment, clear_environment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
