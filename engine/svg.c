/*
 * svg.c: the report pictures (see svg.h).
 *
 * Sizes are in SVG user units on a 1000-wide canvas; the HTML scales the
 * picture to the page. SVG has no text wrapping, so long texts are wrapped
 * here by counting characters (DejaVu Sans averages about 0.55 em) and cut
 * with "…" when they would not fit.
 */
#include "werkplaats/svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rapport_intern.h"

#define FONT "DejaVu Sans, Verdana, Arial, sans-serif"

/* --- drawing helpers ------------------------------------------------------- */

static void open_svg(struct writer *w, double width, double height, const char *title)
{
    w_lit(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figuur\" role=\"img\" viewBox=\"0 0 ");
    w_coord(w, width);
    w_lit(w, " ");
    w_coord(w, height);
    w_lit(w, "\" width=\"");
    w_coord(w, width);
    w_lit(w, "\" height=\"");
    w_coord(w, height);
    w_lit(w, "\" font-family=\"" FONT "\"><title>");
    w_text(w, title);
    w_lit(w, "</title>");
}

static void close_svg(struct writer *w)
{
    w_lit(w, "</svg>\n");
}

/* An attribute whose value comes from the code (colours); escaped all the same. */
#define ATTR(w, name, value)                  \
    do {                                      \
        w_lit((w), " " name "=\"");           \
        w_text((w), (value));                 \
        w_lit((w), "\"");                     \
    } while (0)

static void rect(struct writer *w, double x, double y, double wd, double h, double r, const char *fill,
                 const char *stroke)
{
    w_lit(w, "<rect x=\"");
    w_coord(w, x);
    w_lit(w, "\" y=\"");
    w_coord(w, y);
    w_lit(w, "\" width=\"");
    w_coord(w, wd > 0 ? wd : 0);
    w_lit(w, "\" height=\"");
    w_coord(w, h > 0 ? h : 0);
    w_lit(w, "\" rx=\"");
    w_coord(w, r);
    w_lit(w, "\"");
    ATTR(w, "fill", fill);
    if (stroke != NULL)
        ATTR(w, "stroke", stroke);
    w_lit(w, "/>");
}

static void line(struct writer *w, double x1, double y1, double x2, double y2, const char *stroke, double width,
                 int dashed)
{
    w_lit(w, "<line x1=\"");
    w_coord(w, x1);
    w_lit(w, "\" y1=\"");
    w_coord(w, y1);
    w_lit(w, "\" x2=\"");
    w_coord(w, x2);
    w_lit(w, "\" y2=\"");
    w_coord(w, y2);
    w_lit(w, "\" stroke-width=\"");
    w_coord(w, width);
    w_lit(w, "\"");
    ATTR(w, "stroke", stroke);
    if (dashed)
        w_lit(w, " stroke-dasharray=\"8 6\"");
    w_lit(w, "/>");
}

static void circle(struct writer *w, double cx, double cy, double r, const char *fill, const char *stroke)
{
    w_lit(w, "<circle cx=\"");
    w_coord(w, cx);
    w_lit(w, "\" cy=\"");
    w_coord(w, cy);
    w_lit(w, "\" r=\"");
    w_coord(w, r);
    w_lit(w, "\"");
    ATTR(w, "fill", fill);
    if (stroke != NULL) {
        ATTR(w, "stroke", stroke);
        w_lit(w, " stroke-width=\"3\"");
    }
    w_lit(w, "/>");
}

enum anchor { START, MIDDLE, END };

/* Opens a <text> element; close with w_lit(w, "</text>"). */
static void text_open(struct writer *w, double x, double y, double size, enum anchor a, int bold, const char *fill)
{
    w_lit(w, "<text x=\"");
    w_coord(w, x);
    w_lit(w, "\" y=\"");
    w_coord(w, y);
    w_lit(w, "\" font-size=\"");
    w_coord(w, size);
    w_lit(w, "\"");
    if (a == MIDDLE)
        w_lit(w, " text-anchor=\"middle\"");
    else if (a == END)
        w_lit(w, " text-anchor=\"end\"");
    if (bold)
        w_lit(w, " font-weight=\"bold\"");
    ATTR(w, "fill", fill ? fill : "#111111");
    w_lit(w, ">");
}

static void label(struct writer *w, double x, double y, double size, enum anchor a, int bold, const char *fill,
                  const char *s)
{
    text_open(w, x, y, size, a, bold, fill);
    w_text(w, s);
    w_lit(w, "</text>");
}

/* Breaks s into at most max_lines lines of at most width characters; the last
 * line ends in "…" when text was left over. Returns a JSON array of strings. */
static json_t *wrap(const char *s, size_t width, size_t max_lines)
{
    json_t *lines = json_array();
    char *copy = strdup(s ? s : ""), *word, *save = NULL;
    char buf[1024] = "";
    size_t used = 0;
    int truncated = 0;

    if (copy == NULL)
        return lines;
    for (word = strtok_r(copy, " \n\t", &save); word != NULL; word = strtok_r(NULL, " \n\t", &save)) {
        size_t wl = writer_utf8_len(word);
        if (used > 0 && used + 1 + wl > width) {
            if (json_array_size(lines) + 1 >= max_lines) {
                truncated = 1;
                break;
            }
            json_array_append_new(lines, json_string(buf));
            buf[0] = '\0';
            used = 0;
        }
        if (strlen(buf) + strlen(word) + 2 >= sizeof buf)
            break;
        if (used > 0)
            strcat(buf, " ");
        strcat(buf, word);
        used += (used > 0 ? 1 : 0) + wl;
    }
    if (buf[0] != '\0') {
        if (truncated && strlen(buf) + 4 < sizeof buf)
            strcat(buf, " …");
        json_array_append_new(lines, json_string(buf));
    }
    free(copy);
    return lines;
}

/* Writes wrapped text as <tspan> lines; a single word longer than width is cut. */
static double text_block(struct writer *w, double x, double y, double size, enum anchor a, const char *fill,
                         const char *s, size_t width, size_t max_lines)
{
    json_t *lines = wrap(s, width, max_lines), *l;
    size_t i;

    text_open(w, x, y, size, a, 0, fill);
    json_array_foreach(lines, i, l) {
        w_lit(w, "<tspan x=\"");
        w_coord(w, x);
        w_lit(w, "\" dy=\"");
        w_coord(w, i == 0 ? 0 : size * 1.25);
        w_lit(w, "\">");
        w_text_cut(w, json_string_value(l), width + 2);
        w_lit(w, "</tspan>");
    }
    w_lit(w, "</text>");
    i = json_array_size(lines);
    json_decref(lines);
    return (double)(i ? i : 1) * size * 1.25;
}

/* A list in a field may hold strings or items; both have a text. */
static const char *item_text(json_t *v)
{
    const char *t = rj_tekst(v);

    return t ? t : "";
}

/* --- the empathiekaart ------------------------------------------------------------ */

/* One box of the map: a heading and up to max items, then "en nog N". */
static void map_box(struct writer *w, double x, double y, double wd, double h, const char *kop, const char *fill,
                    json_t *items, int votes)
{
    size_t n = json_array_size(items), i, width = (size_t)(wd / 10.5);
    double cy = y + 62, size = 17;
    json_t *it;

    rect(w, x, y, wd, h, 10, fill, "#444444");
    label(w, x + 16, y + 32, 22, START, 1, "#111111", kop);
    json_array_foreach(items, i, it) {
        json_t *lines = wrap(item_text(it), width - (votes ? 6 : 3), 3);
        /* What this item needs, plus a line for "en nog N" unless it is the last. */
        double need = size * 1.25 * (double)json_array_size(lines) - size * 0.25 + (i + 1 < n ? 26 : 4);
        char more[64];
        json_decref(lines);
        if (cy + need > y + h) {
            snprintf(more, sizeof more, "en nog %zu", n - i);
            label(w, x + 16, y + h - 12, 15, START, 0, "#333333", more);
            break;
        }
        circle(w, x + 22, cy - 6, 4, "#333333", NULL);
        if (votes && rj_num(it, "stemmen", 0) > 0) {
            char tag[32];
            snprintf(tag, sizeof tag, "%lld", (long long)rj_num(it, "stemmen", 0));
            label(w, x + wd - 14, cy, 15, END, 1, "#7a1f1f", tag);
        }
        cy += text_block(w, x + 34, cy, size, START, "#111111", item_text(it), width - (votes ? 6 : 3), 3) + 8;
    }
    if (n == 0)
        label(w, x + 16, y + 62, 16, START, 0, "#555555", "(niets ingevuld)");
}

int svg_empathiekaart(struct writer *w, json_t *kaart)
{
    static const char *const kop[] = { "Denkt", "Hoort", "Ziet", "Zegt", "Doet" };
    static const char *const veld[] = { "denkt", "hoort", "ziet", "zegt", "doet" };
    static const double pos[][2] = { { 0, 0 }, { 337, 0 }, { 674, 0 }, { 0, 280 }, { 674, 280 } };
    const char *persona = rj_str(kaart, "persona");
    char title[512];
    int any = 0;

    if (!json_is_object(kaart))
        return 0;
    for (int i = 0; i < 5; i++)
        any = any || json_array_size(rj_arr(kaart, veld[i])) > 0;
    any = any || json_array_size(rj_arr(kaart, "pijnen")) > 0 || json_array_size(rj_arr(kaart, "winsten")) > 0;
    if (!any)
        return 0;
    snprintf(title, sizeof title, "Empathiekaart%s%s: wat denkt, hoort, ziet, zegt en doet deze persoon, met pijnen "
             "en winsten", persona ? " van " : "", persona ? persona : "");
    open_svg(w, 1000, 810, title);
    rect(w, 0, 0, 1000, 810, 0, "#ffffff", NULL);
    for (int i = 0; i < 5; i++)
        map_box(w, pos[i][0], pos[i][1], 326, 270, kop[i], "#f4f4f4", rj_arr(kaart, veld[i]), 0);
    /* The persona in the middle. */
    rect(w, 337, 280, 326, 270, 10, "#fff8e1", "#444444");
    circle(w, 500, 350, 42, "#e0c070", "#444444");
    circle(w, 500, 338, 14, "#fff8e1", NULL);
    rect(w, 478, 358, 44, 20, 10, "#fff8e1", NULL);
    text_block(w, 500, 426, 18, MIDDLE, "#111111", persona ? persona : "persona", 28, 5);
    map_box(w, 0, 560, 495, 250, "Pijnen", "#fde2e1", rj_arr(kaart, "pijnen"), 1);
    map_box(w, 505, 560, 495, 250, "Winsten", "#e2f3e4", rj_arr(kaart, "winsten"), 1);
    close_svg(w);
    return 1;
}

/* --- the klantreis ---------------------------------------------------------------- */

static int is_low_point(json_t *dieptepunten, const char *id)
{
    json_t *d;
    size_t i;

    json_array_foreach(dieptepunten, i, d)
        if (id && rj_str(d, "id") && strcmp(rj_str(d, "id"), id) == 0)
            return 1;
    return 0;
}

/* Emotion -3..+3 to a y between top and bottom. */
static double emotion_y(double e, double top, double bottom)
{
    if (e > 3)
        e = 3;
    if (e < -3)
        e = -3;
    return top + (3 - e) / 6 * (bottom - top);
}

static void journey_axes(struct writer *w, double left, double right, double top, double bottom)
{
    rect(w, left, top, right - left, (bottom - top) / 2, 0, "#e8f5e9", NULL);
    rect(w, left, (top + bottom) / 2, right - left, (bottom - top) / 2, 0, "#fdecea", NULL);
    line(w, left, (top + bottom) / 2, right, (top + bottom) / 2, "#666666", 2, 1);
    label(w, left - 10, top + 16, 16, END, 0, "#1b5e20", "+3 fijn");
    label(w, left - 10, (top + bottom) / 2 + 6, 16, END, 0, "#333333", "0");
    label(w, left - 10, bottom - 4, 16, END, 0, "#8b1a1a", "-3 naar");
}

/* Below the axis: the moments' names under their ticks when there are few;
 * with many, a number under each tick and the names in a numbered legend,
 * since a name squeezed into a narrow column cannot be read. */
static double journey_labels(struct writer *w, json_t *momenten, json_t *dieptepunten, double left, double step,
                             double axis)
{
    size_t n = json_array_size(momenten), i, width = (size_t)fmax(10, fmin(26, step / 9.5));
    json_t *m;

    json_array_foreach(momenten, i, m) {
        double x = left + 20 + step * (double)i;
        int low = is_low_point(dieptepunten, rj_str(m, "id"));
        char num[32];
        line(w, x, axis, x, axis + 12, "#666666", 2, 0);
        if (n <= 6) {
            text_block(w, x, axis + 34, 15, MIDDLE, low ? "#8b1a1a" : "#111111", item_text(m), width, 4);
            continue;
        }
        snprintf(num, sizeof num, "%zu", i + 1);
        label(w, x, axis + 32, 16, MIDDLE, 1, low ? "#8b1a1a" : "#111111", num);
    }
    if (n <= 6)
        return axis + 40 + 4 * 19;
    /* Two columns, numbered, the low points in red. */
    json_array_foreach(momenten, i, m) {
        size_t rows = (n + 1) / 2;
        double x = i < rows ? 0 : 500, y = axis + 70 + 44 * (double)(i < rows ? i : i - rows);
        int low = is_low_point(dieptepunten, rj_str(m, "id"));
        char num[32];
        snprintf(num, sizeof num, "%zu", i + 1);
        label(w, x + 24, y, 15, END, 1, low ? "#8b1a1a" : "#111111", num);
        text_block(w, x + 32, y, 15, START, low ? "#8b1a1a" : "#111111", item_text(m), 52, 2);
    }
    return axis + 70 + 44 * (double)((n + 1) / 2);
}

int svg_klantreis(struct writer *w, json_t *klantreis)
{
    json_t *momenten = rj_arr(klantreis, "momenten"), *dieptepunten = rj_arr(klantreis, "dieptepunten"), *m;
    size_t n = json_array_size(momenten), i;
    const double left = 110, right = 930, top = 70, bottom = 330;
    double step = n > 1 ? (right - left - 40) / (double)(n - 1) : 0, px = 0, py = 0, height;
    const char *persona = rj_str(klantreis, "persona");
    char title[512];
    int have_prev = 0;
    struct writer labels;

    if (n == 0)
        return 0;
    /* The labels decide the height, so they are drawn first, into their own writer. */
    writer_init(&labels, WRITER_HTML);
    height = journey_labels(&labels, momenten, dieptepunten, left, step, bottom) + 10;
    snprintf(title, sizeof title, "Klantreis%s%s: %zu momenten met het gevoel per moment; rood zijn de dieptepunten",
             persona ? " van " : "", persona ? persona : "", n);
    open_svg(w, 1000, height, title);
    rect(w, 0, 0, 1000, height, 0, "#ffffff", NULL);
    text_block(w, 0, 22, 17, START, "#111111", persona ? persona : "Klantreis", 66, 2);
    circle(w, 700, 50, 9, "#c62828", "#ffffff");
    label(w, 716, 56, 15, START, 0, "#111111", "dieptepunt");
    circle(w, 830, 50, 7, "#1565c0", "#ffffff");
    label(w, 846, 56, 15, START, 0, "#111111", "moment");
    journey_axes(w, left, right, top, bottom);
    w_append(w, &labels);
    writer_free(&labels);
    /* The curve first, so the points lie on top of it. */
    json_array_foreach(momenten, i, m) {
        double x = left + 20 + step * (double)i, y;
        if (!rj_has_num(m, "emotie")) {
            have_prev = 0;
            continue;
        }
        y = emotion_y(rj_num(m, "emotie", 0), top, bottom);
        if (have_prev)
            line(w, px, py, x, y, "#333333", 4, 0);
        px = x, py = y, have_prev = 1;
    }
    json_array_foreach(momenten, i, m) {
        double x = left + 20 + step * (double)i, y;
        int low = is_low_point(dieptepunten, rj_str(m, "id"));
        if (!rj_has_num(m, "emotie"))
            continue;
        y = emotion_y(rj_num(m, "emotie", 0), top, bottom);
        circle(w, x, y, low ? 13 : 9, low ? "#c62828" : "#1565c0", "#ffffff");
        /* The value above the point, or below it when the point is at the top. */
        text_open(w, x, y < top + 30 ? y + 34 : y - 20, 16, MIDDLE, 1, low ? "#8b1a1a" : "#0d3c78");
        w_num(w, rj_num(m, "emotie", 0), 1);
        w_lit(w, "</text>");
    }
    close_svg(w);
    return 1;
}

/* --- the glijbaan ----------------------------------------------------------------- */

static const char *const zone_uitleg[] = { "ziet het probleem niet, voelt geen pijn",
                                           "voelt de pijn, mist middelen", "voelt de pijn, klaar om te handelen" };

/* The column (0, 1, 2) of a placement: its positie, or its waarde 1..3. */
static int zone_of(json_t *p, json_t *glijbaan)
{
    const char *pos = rj_str(p, "positie");
    json_t *v;
    size_t i;

    json_array_foreach(glijbaan, i, v)
        if (pos && strcmp(json_string_value(v), pos) == 0)
            return i < 3 ? (int)i : 2;
    if (pos && strcmp(pos, "boven") == 0)
        return 0;
    if (pos && strcmp(pos, "onder") == 0)
        return 2;
    if (rj_has_num(p, "waarde")) {
        double x = rj_num(p, "waarde", 2);
        return x < 1.5 ? 0 : x < 2.5 ? 1 : 2;
    }
    return 1;
}

/* The groups among the placements, in the methode's order, as a legend. */
static void group_legend(struct writer *w, json_t *posities, json_t *groepen, double y)
{
    json_t *g, *p;
    size_t i, j;
    double x = 0;

    json_array_foreach(groepen, i, g) {
        int present = 0;
        json_array_foreach(posities, j, p)
            present = present || (rj_str(p, "groep") && strcmp(rj_str(p, "groep"), json_string_value(g)) == 0);
        if (!present)
            continue;
        rect(w, x, y - 14, 18, 18, 3, rapport_kleur_groep(groepen, json_string_value(g)), NULL);
        label(w, x + 24, y, 15, START, 0, "#111111", json_string_value(g));
        x += 40 + 9.0 * (double)writer_utf8_len(json_string_value(g));
    }
}

int svg_glijbaan(struct writer *w, const char *fase, json_t *posities, json_t *glijbaan, json_t *groepen)
{
    size_t count[3] = { 0, 0, 0 }, i, most = 0;
    double height, chip = 34, y[3] = { 250, 250, 250 };
    json_t *p;
    char title[512];

    if (json_array_size(posities) == 0)
        return 0;
    json_array_foreach(posities, i, p)
        count[zone_of(p, glijbaan)]++;
    for (int z = 0; z < 3; z++)
        most = count[z] > most ? count[z] : most;
    height = 260 + (double)most * chip;
    snprintf(title, sizeof title, "Glijbaan (%s): %zu betrokkenen boven, %zu in het midden, %zu onder", fase,
             count[0], count[1], count[2]);
    open_svg(w, 1000, height, title);
    rect(w, 0, 0, 1000, height, 0, "#ffffff", NULL);
    label(w, 0, 26, 20, START, 1, "#111111", fase);
    group_legend(w, posities, groepen, 56);
    /* The zones: name and meaning above, the slide running down through them. */
    for (int z = 0; z < 3; z++) {
        double x = 80 + z * 300;
        const char *naam = json_string_value(json_array_get(glijbaan, (size_t)z));
        label(w, x + 140, 100, 20, MIDDLE, 1, "#111111", naam ? naam : z == 0 ? "boven" : z == 1 ? "midden" : "onder");
        label(w, x + 140, 122, 14, MIDDLE, 0, "#333333", zone_uitleg[z]);
    }
    w_lit(w, "<path d=\"M 20 140 L 70 140 L 960 214 L 960 228 L 20 154 Z\" fill=\"#f5b041\" stroke=\"#7e5109\" "
             "stroke-width=\"2\"/>");
    line(w, 20, 140, 20, 236, "#7e5109", 4, 0);
    line(w, 50, 142, 50, 236, "#7e5109", 4, 0);
    for (int r = 0; r < 4; r++)
        line(w, 20, 162 + r * 20, 50, 162 + r * 20, "#7e5109", 3, 0);
    json_array_foreach(posities, i, p) {
        int z = zone_of(p, glijbaan);
        const char *naam = rj_str(p, "wie") ? rj_str(p, "wie") : rj_str(p, "naam") ? rj_str(p, "naam")
                           : rj_str(p, "betrokkene");
        double x = 80 + z * 300;
        rect(w, x, y[z], 280, chip - 6, 14, rapport_kleur_groep(groepen, rj_str(p, "groep")), NULL);
        text_open(w, x + 14, y[z] + 19, 15, START, 0, "#ffffff");
        w_text_cut(w, naam ? naam : "?", 32);
        w_lit(w, "</text>");
        y[z] += chip;
    }
    close_svg(w);
    return 1;
}

/* --- the koppelvlakken matrix -------------------------------------------------------- */

/* Whether intervention iv belongs in cell (a, b): it touches both, or a
 * alone when a == b. */
static int in_cell(json_t *iv, const char *a, const char *b)
{
    json_t *omg = rj_arr(iv, "omgevingen");

    return strcmp(a, b) == 0 ? json_array_size(omg) == 1 && rj_array_has(omg, a)
                             : rj_array_has(omg, a) && rj_array_has(omg, b);
}

/* A numbered disc: the interventions are numbered and named in the legend,
 * so every cell stays readable however long the names are. */
static void disc(struct writer *w, double cx, double cy, size_t nr)
{
    char num[32];

    circle(w, cx, cy, 14, "#0b3a6e", NULL);
    snprintf(num, sizeof num, "%zu", nr);
    label(w, cx, cy + 5, 14, MIDDLE, 1, "#ffffff", num);
}

static void matrix_cell(struct writer *w, double x, double y, double wd, double h, json_t *interventies,
                        const char *a, const char *b)
{
    size_t n = 0, i, per_row = (size_t)fmax(1, (wd - 20) / 34);
    json_t *iv;
    char num[32];

    json_array_foreach(interventies, i, iv)
        n += in_cell(iv, a, b);
    rect(w, x, y, wd - 6, h - 6, 8, n == 0 ? "#f7f7f7" : strcmp(a, b) == 0 ? "#eef3fb" : "#e6f4ea", "#999999");
    snprintf(num, sizeof num, "%zu", n);
    label(w, x + 12, y + 34, 28, START, 1, n ? "#111111" : "#888888", num);
    label(w, x + 46, y + 32, 14, START, 0, "#333333", strcmp(a, b) == 0 ? "alleen deze" : "raakt beide");
    n = 0;
    json_array_foreach(interventies, i, iv) {
        double cx, cy;
        if (!in_cell(iv, a, b))
            continue;
        cx = x + 26 + 34 * (double)(n % per_row);
        cy = y + 64 + 34 * (double)(n / per_row);
        if (cy + 14 < y + h - 6)
            disc(w, cx, cy, i + 1);
        n++;
    }
}

int svg_koppelvlakken(struct writer *w, json_t *interventies, json_t *omgevingen)
{
    size_t n = json_array_size(omgevingen), count = json_array_size(interventies), i;
    double head = 170, wd = n ? (1000 - head) / (double)n : 0, h = 130, top = 50, legend, height;
    json_t *iv;
    char title[256];

    if (n == 0 || n > 8 || count == 0)
        return 0;
    legend = top + 70 + h * (double)n + 20;
    height = legend + 36 * (double)count + 10;
    snprintf(title, sizeof title, "Koppelvlakken: %zu interventies in de %zu omgevingen en waar ze elkaar raken",
             count, n);
    open_svg(w, 1000, height, title);
    rect(w, 0, 0, 1000, height, 0, "#ffffff", NULL);
    label(w, 0, 30, 22, START, 1, "#111111", "Koppelvlakken van de omgevingen");
    for (size_t c = 0; c < n; c++) {
        const char *o = json_string_value(json_array_get(omgevingen, c));
        rect(w, head + wd * (double)c, top, wd - 6, 60, 8, rapport_kleur_omgeving(omgevingen, o), NULL);
        label(w, head + wd * (double)c + (wd - 6) / 2, top + 37, 18, MIDDLE, 1, "#ffffff", o);
    }
    for (size_t r = 0; r < n; r++) {
        const char *a = json_string_value(json_array_get(omgevingen, r));
        double y = top + 70 + h * (double)r;
        rect(w, 0, y, head - 10, h - 6, 8, rapport_kleur_omgeving(omgevingen, a), NULL);
        label(w, (head - 10) / 2, y + h / 2, 17, MIDDLE, 1, "#ffffff", a);
        for (size_t c = r; c < n; c++)
            matrix_cell(w, head + wd * (double)c, y, wd, h, interventies, a,
                        json_string_value(json_array_get(omgevingen, c)));
    }
    json_array_foreach(interventies, i, iv) {
        double y = legend + 36 * (double)i;
        disc(w, 16, y + 10, i + 1);
        text_open(w, 42, y + 16, 16, START, 0, "#111111");
        w_text_cut(w, item_text(iv), 100);
        w_lit(w, "</text>");
    }
    close_svg(w);
    return 1;
}

/* --- votes ---------------------------------------------------------------------- */

/* The items with votes, most first (stable), at most max. */
static json_t *ranked(json_t *items, size_t max)
{
    json_t *out = json_array(), *it;
    size_t i;

    json_array_foreach(items, i, it)
        if (rj_num(it, "stemmen", 0) > 0)
            json_array_append(out, it);
    for (i = 1; i < json_array_size(out); i++)
        for (size_t j = i; j > 0 && rj_num(json_array_get(out, j - 1), "stemmen", 0) <
                                        rj_num(json_array_get(out, j), "stemmen", 0); j--) {
            json_t *a = json_incref(json_array_get(out, j - 1));
            json_array_set(out, j - 1, json_array_get(out, j));
            json_array_set_new(out, j, a);
        }
    while (json_array_size(out) > max)
        json_array_remove(out, json_array_size(out) - 1);
    return out;
}

/* The groups that voted on any of the items, in the methode's order. */
static json_t *voting_groups(json_t *items, json_t *groepen)
{
    json_t *out = json_array(), *g, *it;
    size_t i, j;

    json_array_foreach(groepen, i, g)
        json_array_foreach(items, j, it)
            if (rj_num(rj_obj(it, "stemmen_per_groep"), json_string_value(g), 0) > 0) {
                json_array_append(out, g);
                break;
            }
    return out;
}

static void vote_legend(struct writer *w, json_t *groups, json_t *groepen)
{
    json_t *g;
    size_t i;
    double x = 430;

    json_array_foreach(groups, i, g) {
        rect(w, x, 46, 18, 18, 3, rapport_kleur_groep(groepen, json_string_value(g)), NULL);
        label(w, x + 24, 61, 15, START, 0, "#111111", json_string_value(g));
        x += 34 + 9.0 * (double)writer_utf8_len(json_string_value(g));
    }
}

static void vote_bar(struct writer *w, json_t *it, json_t *groups, json_t *groepen, double y, double scale)
{
    double x = 430, total = rj_num(it, "stemmen", 0), split = 0;
    json_t *g, *per = rj_obj(it, "stemmen_per_groep");
    size_t i;

    json_array_foreach(groups, i, g) {
        double v = rj_num(per, json_string_value(g), 0);
        if (v <= 0)
            continue;
        rect(w, x, y, v * scale, 30, 0, rapport_kleur_groep(groepen, json_string_value(g)), NULL);
        x += v * scale;
        split += v;
    }
    if (total > split)   /* votes of people without a known group */
        rect(w, x, y, (total - split) * scale, 30, 0, "#9e9e9e", NULL);
    text_open(w, 430 + total * scale + 10, y + 22, 18, START, 1, "#111111");
    w_num(w, total, 1);
    w_lit(w, "</text>");
}

int svg_stemmen(struct writer *w, const char *titel, json_t *items, json_t *groepen)
{
    json_t *top = ranked(items, 12), *groups, *it;
    double most = 0, row = 52, height, scale;
    size_t i, n = json_array_size(top);
    char title[512];

    if (n == 0) {
        json_decref(top);
        return 0;
    }
    groups = voting_groups(top, groepen);
    json_array_foreach(top, i, it)
        most = fmax(most, rj_num(it, "stemmen", 0));
    scale = 480 / most;
    height = 90 + row * (double)n;
    snprintf(title, sizeof title, "%s: stemmen per item%s", titel,
             json_array_size(groups) ? ", verdeeld over de groepen" : "");
    open_svg(w, 1000, height, title);
    rect(w, 0, 0, 1000, height, 0, "#ffffff", NULL);
    label(w, 0, 30, 22, START, 1, "#111111", titel);
    vote_legend(w, groups, groepen);
    json_array_foreach(top, i, it) {
        double y = 84 + row * (double)i;
        text_block(w, 0, y + 12, 15, START, "#111111", item_text(it), 50, 2);
        vote_bar(w, it, groups, groepen, y, scale);
    }
    close_svg(w);
    json_decref(groups);
    json_decref(top);
    return 1;
}

/* --- the timeline ---------------------------------------------------------------- */

static void sprint_box(struct writer *w, json_t *s, double x, double wd)
{
    const char *status = rj_str(s, "status") ? rj_str(s, "status") : "gepland";
    int closed = strcmp(status, "gesloten") == 0, running = strcmp(status, "lopend") == 0;
    const char *fill = closed ? "#1b7837" : running ? "#f0a500" : "#e3e3e3";
    const char *ink = closed ? "#ffffff" : "#111111";
    char nr[16];

    w_lit(w, "<path d=\"M ");
    w_coord(w, x);
    w_lit(w, " 50 L ");
    w_coord(w, x + wd - 18);
    w_lit(w, " 50 L ");
    w_coord(w, x + wd);
    w_lit(w, " 105 L ");
    w_coord(w, x + wd - 18);
    w_lit(w, " 160 L ");
    w_coord(w, x);
    w_lit(w, " 160 L ");
    w_coord(w, x + 18);
    w_lit(w, " 105 Z\"");
    ATTR(w, "fill", fill);
    w_lit(w, " stroke=\"#ffffff\" stroke-width=\"3\"/>");
    snprintf(nr, sizeof nr, "%d", (int)rj_num(s, "nr", 0));
    label(w, x + 30, 84, 26, START, 1, ink, nr);
    text_block(w, x + 30, 110, 15, START, ink, rj_str(s, "naam") ? rj_str(s, "naam") : "", 13, 2);
    label(w, x + wd / 2, 188, 15, MIDDLE, 1, "#111111", status);
    /* The day of its last workshop says more than when the sprint was closed. */
    json_t *datums = rj_arr(s, "datums");
    const char *when = json_array_size(datums) ? json_string_value(json_array_get(datums, json_array_size(datums) - 1))
                                               : rj_str(s, closed ? "gesloten" : "gestart");
    if (when != NULL) {
        text_open(w, x + wd / 2, 210, 14, MIDDLE, 0, "#333333");
        w_textn(w, when, 10);
        w_lit(w, "</text>");
    }
}

int svg_tijdlijn(struct writer *w, json_t *sprints)
{
    size_t n = json_array_size(sprints), i, closed = 0;
    double wd;
    json_t *s;
    char title[256];

    if (n == 0)
        return 0;
    json_array_foreach(sprints, i, s)
        closed += rj_str(s, "status") && strcmp(rj_str(s, "status"), "gesloten") == 0;
    snprintf(title, sizeof title, "Tijdlijn van het traject: %zu van de %zu sprints gesloten", closed, n);
    wd = 1000.0 / (double)n;
    open_svg(w, 1000, 225, title);
    rect(w, 0, 0, 1000, 225, 0, "#ffffff", NULL);
    label(w, 0, 30, 22, START, 1, "#111111", "Tijdlijn");
    json_array_foreach(sprints, i, s)
        sprint_box(w, s, wd * (double)i, wd);
    close_svg(w);
    return 1;
}
