#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "assess.h"
#include "buf.h"
#include "criteria.h"
#include "heatmap.h"
#include "heatmap_svg.h"
#include "isms.h"
#include "risk.h"
#include "banned.h"

/*
 * Unit tests of heatmap_build() and heatmap_format_svg(). The criteria,
 * records and assessment are built by hand: 6 likelihood entries by 5
 * consequence entries with method product, so the grid is not square.
 */

static struct scale_entry likelihood_entries[] = {
	{ "l1", NULL, 1 }, { "l2", NULL, 2 }, { "l3", NULL, 3 },
	{ "l4", NULL, 4 }, { "l5", NULL, 5 }, { "l6", NULL, 6 },
};
static struct scale_entry consequence_entries[] = {
	{ "c1", NULL, 1 }, { "c2", NULL, 2 }, { "c3", NULL, 3 },
	{ "c4", NULL, 4 }, { "c5", NULL, 5 },
};

static struct level levels[] = {
	{ .name = "low", .from = 1, .has_from = 1 },
	{ .name = "medium", .from = 6, .has_from = 1 },
	{ .name = "high", .from = 15, .has_from = 1 },
};

static struct criteria
make_criteria(void)
{
	struct criteria criteria = CRITERIA_INIT;

	criteria.likelihood.entries = likelihood_entries;
	criteria.likelihood.count = 6;
	criteria.consequence.entries = consequence_entries;
	criteria.consequence.count = 5;
	criteria.method = METHOD_PRODUCT;
	criteria.levels = levels;
	criteria.level_count = 3;
	return criteria;
}

/*
 * RSK-001 and RSK-002 are rated 6×5 and now 2×5, RSK-003 1×1, RSK-004 is
 * closed and RSK-005 has no usable inherent rating.
 */
struct fixture {
	struct risk risks[5];
	struct record records[5];
	struct risk_result results[5];
	struct assessment assessment;
};

static void
add_risk(struct fixture *f, size_t i, const char *id,
    enum risk_status status, int l, int c, int current_l, int current_c)
{
	f->risks[i].status = status;
	f->risks[i].inherent.present = 1;
	f->risks[i].inherent.likelihood = l;
	f->risks[i].inherent.consequence = c;
	f->records[i].kind = KIND_RISK;
	f->records[i].id = id;
	f->records[i].path = (char *)id;
	f->records[i].risk = &f->risks[i];
	f->results[i].record = &f->records[i];
	f->results[i].assessed = l > 0;
	f->results[i].current_likelihood = current_l;
	f->results[i].current_consequence = current_c;
}

static void
make_fixture(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	/* Out of id order, so the build must sort the cell. */
	add_risk(f, 0, "RSK-002", RISK_TREATING, 6, 5, 2, 5);
	add_risk(f, 1, "RSK-001", RISK_ACCEPTED, 6, 5, 2, 5);
	add_risk(f, 2, "RSK-003", RISK_IDENTIFIED, 1, 1, 1, 1);
	add_risk(f, 3, "RSK-004", RISK_CLOSED, 6, 5, 6, 5);
	add_risk(f, 4, "RSK-005", RISK_IDENTIFIED, 0, 0, 0, 0);
	f->assessment.results = f->results;
	f->assessment.count = 5;
}

static void
test_heatmap_shape_and_levels(void **state)
{
	struct criteria criteria = make_criteria();
	struct fixture f;
	struct heatmap map = HEATMAP_INIT;
	const struct heatmap_cell *cell;

	(void)state;
	make_fixture(&f);
	heatmap_build(&map, &criteria, &f.assessment);
	assert_int_equal(map.rows, 6);
	assert_int_equal(map.columns, 5);

	cell = heatmap_cell(&map, &map.inherent, 6, 5);
	assert_int_equal(cell->score, 30);
	assert_int_equal(cell->level, 2);
	cell = heatmap_cell(&map, &map.inherent, 6, 1);
	assert_int_equal(cell->score, 6);
	assert_int_equal(cell->level, 1);
	cell = heatmap_cell(&map, &map.inherent, 1, 5);
	assert_int_equal(cell->score, 5);
	assert_int_equal(cell->level, 0);
	heatmap_release(&map);
}

static void
test_heatmap_counts(void **state)
{
	struct criteria criteria = make_criteria();
	struct fixture f;
	struct heatmap map = HEATMAP_INIT;
	const struct heatmap_cell *cell;
	size_t total = 0;

	(void)state;
	make_fixture(&f);
	heatmap_build(&map, &criteria, &f.assessment);

	cell = heatmap_cell(&map, &map.inherent, 6, 5);
	assert_int_equal(cell->count, 2);
	assert_string_equal(cell->records[0]->id, "RSK-001");
	assert_string_equal(cell->records[1]->id, "RSK-002");
	assert_int_equal(heatmap_cell(&map, &map.inherent, 1, 1)->count, 1);

	assert_int_equal(heatmap_cell(&map, &map.current, 6, 5)->count, 0);
	cell = heatmap_cell(&map, &map.current, 2, 5);
	assert_int_equal(cell->count, 2);
	assert_int_equal(cell->score, 10);
	assert_int_equal(cell->level, 1);
	assert_int_equal(heatmap_cell(&map, &map.current, 1, 1)->count, 1);

	for (size_t l = 1; l <= map.rows; l++)
		for (size_t c = 1; c <= map.columns; c++)
			total += heatmap_cell(&map, &map.current, l, c)->count;
	assert_int_equal(total, 3);
	assert_int_equal(map.rated, 3);
	heatmap_release(&map);
}

static void
test_heatmap_closed_and_unrated(void **state)
{
	struct criteria criteria = make_criteria();
	struct fixture f;
	struct heatmap map = HEATMAP_INIT;

	(void)state;
	make_fixture(&f);
	heatmap_build(&map, &criteria, &f.assessment);
	assert_int_equal(map.closed, 1);
	assert_int_equal(map.unrated, 1);
	for (size_t i = 0; i < heatmap_cell(&map, &map.inherent, 6, 5)->count;
	    i++)
		assert_string_not_equal(heatmap_cell(&map, &map.inherent, 6,
		    5)->records[i]->id, "RSK-004");
	heatmap_release(&map);
}

static void
test_heatmap_empty_assessment(void **state)
{
	struct criteria criteria = make_criteria();
	struct assessment assessment = { NULL, 0, 0 };
	struct heatmap map = HEATMAP_INIT;

	(void)state;
	heatmap_build(&map, &criteria, &assessment);
	assert_int_equal(map.rated, 0);
	assert_int_equal(heatmap_cell(&map, &map.current, 6, 5)->count, 0);
	heatmap_release(&map);
}

static void
test_heatmap_level_colour_ends(void **state)
{
	struct buf colour = BUF_INIT;

	(void)state;
	heatmap_level_colour(&colour, 0, 3);
	assert_string_equal(colour.ptr, "#1a9850");
	buf_reset(&colour);
	heatmap_level_colour(&colour, 1, 3);
	assert_string_equal(colour.ptr, "#fee08b");
	buf_reset(&colour);
	heatmap_level_colour(&colour, 2, 3);
	assert_string_equal(colour.ptr, "#d73027");
	buf_reset(&colour);
	heatmap_level_colour(&colour, 0, 1);
	assert_string_equal(colour.ptr, "#1a9850");
	buf_release(&colour);
}

static void
test_heatmap_svg_escapes(void **state)
{
	struct criteria criteria = make_criteria();
	struct fixture f;
	struct heatmap map = HEATMAP_INIT;
	struct buf svg = BUF_INIT;

	(void)state;
	make_fixture(&f);
	heatmap_build(&map, &criteria, &f.assessment);
	heatmap_format_svg(&svg, &map, &criteria, "A & B <\"x\">",
	    "stamp -- with dashes-");
	assert_non_null(strstr(svg.ptr, "A &amp; B &lt;&quot;x&quot;&gt;"));
	assert_null(strstr(svg.ptr, "A & B"));
	assert_non_null(strstr(svg.ptr, "<!-- stamp - - with dashes-  -->"));
	assert_non_null(strstr(svg.ptr, ">high (30)</text>"));
	assert_non_null(strstr(svg.ptr, "</svg>\n"));
	assert_null(strstr(svg.ptr, "<script"));
	buf_release(&svg);
	heatmap_release(&map);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heatmap_shape_and_levels),
		cmocka_unit_test(test_heatmap_counts),
		cmocka_unit_test(test_heatmap_closed_and_unrated),
		cmocka_unit_test(test_heatmap_empty_assessment),
		cmocka_unit_test(test_heatmap_level_colour_ends),
		cmocka_unit_test(test_heatmap_svg_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
