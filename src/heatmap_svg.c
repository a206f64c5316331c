#include <stdio.h>

#include "heatmap_svg.h"
#include "banned.h"

/* Layout in SVG user units (pixels). */
#define MARGIN		20
#define CELL_WIDTH	120
#define CELL_HEIGHT	44
#define ROW_LABEL_WIDTH	150	/* likelihood names left of a grid */
#define AXIS_WIDTH	30	/* the rotated "likelihood" label */
#define HEADING_HEIGHT	40	/* the image heading */
#define GRID_TOP	70	/* grid title and consequence names */
#define GRID_GAP	30

/* Appends `s` with the five XML special characters escaped. */
static void
put_escaped(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&apos;");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

/*
 * Appends `s` as the text of an XML comment, which may not contain "--"
 * nor end in "-": each '-' that follows another gets a space before it.
 */
static void
put_comment_text(struct buf *out, const char *s)
{
	char previous = 0;

	for (; s && *s; s++) {
		if (*s == '-' && previous == '-')
			buf_putc(out, ' ');
		buf_putc(out, *s);
		previous = *s;
	}
	if (previous == '-')
		buf_putc(out, ' ');
}

void
heatmap_level_colour(struct buf *out, size_t level, size_t level_count)
{
	static const int stops[3][3] = {
		{ 26, 152, 80 },	/* green */
		{ 254, 224, 139 },	/* yellow */
		{ 215, 48, 39 },	/* red */
	};
	double t = level_count > 1 ? (double)level / (double)(level_count - 1)
	    : 0.0;
	int from = t < 0.5 ? 0 : 1;
	double f = t < 0.5 ? t * 2.0 : (t - 0.5) * 2.0;
	int rgb[3];

	for (int i = 0; i < 3; i++)
		rgb[i] = (int)(stops[from][i] +
		    (stops[from + 1][i] - stops[from][i]) * f + 0.5);
	buf_printf(out, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

static void
put_text(struct buf *out, int x, int y, const char *attributes,
    const char *text)
{
	buf_printf(out, "  <text x=\"%d\" y=\"%d\" %s>", x, y, attributes);
	put_escaped(out, text);
	buf_puts(out, "</text>\n");
}

static int
grid_height(const struct heatmap *map)
{
	return GRID_TOP + (int)map->rows * CELL_HEIGHT;
}

static void
put_cell(struct buf *out, const struct heatmap_cell *cell,
    const struct criteria *criteria, int x, int y)
{
	char count[32];
	struct buf label = BUF_INIT;

	buf_printf(out, "  <rect x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%d\" fill=\"", x, y, CELL_WIDTH, CELL_HEIGHT);
	heatmap_level_colour(out, cell->level, criteria->level_count);
	buf_puts(out, "\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n");

	buf_puts(&label, cell->level < criteria->level_count ?
	    criteria->levels[cell->level].name : "?");
	if (criteria->method != METHOD_MATRIX)
		buf_printf(&label, " (%ld)", cell->score);
	put_text(out, x + CELL_WIDTH / 2, y + 15,
	    "text-anchor=\"middle\" font-size=\"11\"", label.ptr);
	snprintf(count, sizeof(count), "%zu", cell->count);
	put_text(out, x + CELL_WIDTH / 2, y + 36,
	    "text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\"",
	    count);
	buf_release(&label);
}

static void
put_grid(struct buf *out, const struct heatmap *map,
    const struct heatmap_grid *grid, const struct criteria *criteria,
    const char *title, int top)
{
	int x0 = MARGIN + AXIS_WIDTH + ROW_LABEL_WIDTH;
	int y0 = top + GRID_TOP;
	int rows_height = (int)map->rows * CELL_HEIGHT;
	char transform[96];

	put_text(out, MARGIN, top + 16, "font-size=\"15\" font-weight=\"bold\"",
	    title);
	put_text(out, x0 + (int)map->columns * CELL_WIDTH / 2, top + 38,
	    "text-anchor=\"middle\" font-size=\"12\" font-style=\"italic\"",
	    "consequence");
	for (size_t c = 1; c <= map->columns; c++)
		put_text(out, x0 + (int)(c - 1) * CELL_WIDTH + CELL_WIDTH / 2,
		    y0 - 8, "text-anchor=\"middle\" font-size=\"12\"",
		    criteria->consequence.entries[c - 1].name);

	snprintf(transform, sizeof(transform), "text-anchor=\"middle\" "
	    "font-size=\"12\" font-style=\"italic\" "
	    "transform=\"rotate(-90 %d %d)\"", MARGIN + 12,
	    y0 + rows_height / 2);
	put_text(out, MARGIN + 12, y0 + rows_height / 2, transform,
	    "likelihood");

	for (size_t l = map->rows; l >= 1; l--) {
		int y = y0 + (int)(map->rows - l) * CELL_HEIGHT;

		put_text(out, x0 - 8, y + CELL_HEIGHT / 2 + 4,
		    "text-anchor=\"end\" font-size=\"12\"",
		    criteria->likelihood.entries[l - 1].name);
		for (size_t c = 1; c <= map->columns; c++)
			put_cell(out, heatmap_cell(map, grid, l, c), criteria,
			    x0 + (int)(c - 1) * CELL_WIDTH, y);
	}
}

void
heatmap_format_svg(struct buf *out, const struct heatmap *map,
    const struct criteria *criteria, const char *organisation,
    const char *stamp)
{
	int width = MARGIN * 2 + AXIS_WIDTH + ROW_LABEL_WIDTH +
	    (int)map->columns * CELL_WIDTH;
	int height = MARGIN * 2 + HEADING_HEIGHT + 2 * grid_height(map) +
	    GRID_GAP;
	int top = MARGIN + HEADING_HEIGHT;

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_puts(out, "<!-- ");
	put_comment_text(out, stamp);
	buf_puts(out, " -->\n");
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "version=\"1.1\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n",
	    width, height, width, height);
	buf_puts(out, "  <title>Risk heat map: ");
	put_escaped(out, organisation);
	buf_puts(out, "</title>\n");
	buf_printf(out, "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\"/>\n", width, height);
	buf_puts(out, "  <text x=\"20\" y=\"38\" font-size=\"18\" "
	    "font-weight=\"bold\">Risk heat map: ");
	put_escaped(out, organisation);
	buf_puts(out, "</text>\n");

	put_grid(out, map, &map->inherent, criteria, "Inherent rating", top);
	put_grid(out, map, &map->current, criteria,
	    "Current rating (residual once the treatment is done)",
	    top + grid_height(map) + GRID_GAP);
	buf_puts(out, "</svg>\n");
}
