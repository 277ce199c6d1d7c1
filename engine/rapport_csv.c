/*
 * rapport_csv.c: contributions, votes, decisions and agreements as one CSV
 * table (RFC 4180: comma-separated, CRLF line ends, quoted where needed).
 *
 * One table rather than several files, so that `-o PAD` is one file and a
 * spreadsheet can filter on the first column, `soort`. Columns that do not
 * apply to a row stay empty.
 */
#include <stdlib.h>
#include <string.h>

#include "rapport_intern.h"

static const char *const columns[] = { "soort", "sprint", "werkvorm", "sessie", "stap", "id", "tekst", "wie",
                                       "groep", "omgevingen", "stemmen", "op", "bij", "uitkomst", "gremium",
                                       "deadline", "status", NULL };
enum { C_SOORT, C_SPRINT, C_WERKVORM, C_SESSIE, C_STAP, C_ID, C_TEKST, C_WIE, C_GROEP, C_OMGEVINGEN, C_STEMMEN,
       C_OP, C_BIJ, C_UITKOMST, C_GREMIUM, C_DEADLINE, C_STATUS, N_COLUMNS };

struct row {
    const char *text[N_COLUMNS];
    json_t *omgevingen;      /* joined with ';' */
    int sprint;
    int has_stemmen;
    double stemmen;
};

static void put_row(struct writer *w, const struct row *r)
{
    for (int c = 0; c < N_COLUMNS; c++) {
        if (c > 0)
            w_csv_sep(w);
        if (c == C_SPRINT && r->sprint > 0) {
            w_int(w, r->sprint);
        } else if (c == C_STEMMEN && r->has_stemmen) {
            w_num(w, r->stemmen, 2);
        } else if (c == C_OMGEVINGEN && json_array_size(r->omgevingen) > 0) {
            struct writer joined;
            json_t *o;
            size_t i;
            char *text;
            /* Join first (plain), then quote the whole field once. */
            writer_init(&joined, WRITER_PLAIN);
            json_array_foreach(r->omgevingen, i, o) {
                if (i)
                    w_lit(&joined, ";");
                w_text(&joined, json_string_value(o));
            }
            text = writer_take(&joined, NULL);
            w_csv_field(w, text);
            free(text);
        } else {
            w_csv_field(w, r->text[c]);
        }
    }
    w_csv_end(w);
}

static void session_rows(struct writer *w, int sprint, json_t *s)
{
    json_t *x;
    size_t i;

    json_array_foreach(rj_arr(s, "bijdragen"), i, x) {
        struct row r = { { "bijdrage", NULL, rj_str(s, "werkvorm"), rj_str(s, "label"), rj_str(x, "stap"),
                           rj_str(x, "id"), rj_str(x, "tekst"), rj_str(x, "wie"), rj_str(x, "groep"), NULL, NULL,
                           NULL, rj_str(x, "bij"), NULL, NULL, NULL, NULL }, rj_arr(x, "omgevingen"), sprint,
                         rj_has_num(x, "stemmen"), rj_num(x, "stemmen", 0) };
        put_row(w, &r);
    }
    json_array_foreach(rj_arr(s, "stemmen"), i, x) {
        struct row r = { { "stem", NULL, rj_str(s, "werkvorm"), rj_str(s, "label"), rj_str(x, "stap"), NULL, NULL,
                           rj_str(x, "wie"), rj_str(x, "groep"), NULL, NULL, rj_str(x, "op"), NULL, NULL, NULL,
                           NULL, NULL }, NULL, sprint, rj_has_num(x, "aantal"), rj_num(x, "aantal", 0) };
        put_row(w, &r);
    }
    json_array_foreach(rj_arr(s, "besluiten"), i, x) {
        struct row r = { { "besluit", NULL, rj_str(s, "werkvorm"), rj_str(s, "label"), rj_str(x, "stap"), NULL,
                           rj_str(x, "tekst"), rj_str(x, "wie"), rj_str(x, "groep"), NULL, NULL, NULL, NULL,
                           rj_str(x, "uitkomst"), NULL, NULL, NULL }, NULL, sprint, 0, 0 };
        put_row(w, &r);
    }
}

static void agreement_rows(struct writer *w, int sprint, json_t *list)
{
    json_t *a;
    size_t i;

    json_array_foreach(list, i, a) {
        struct row r = { { "afspraak", NULL, NULL, NULL, NULL, rj_str(a, "ref"), rj_str(a, "wat"),
                           rj_str(a, "wie_naam") ? rj_str(a, "wie_naam") : rj_str(a, "wie"), NULL, NULL, NULL, NULL,
                           rj_str(a, "interventie"), NULL,
                           rj_str(a, "gremium_naam") ? rj_str(a, "gremium_naam") : rj_str(a, "gremium"),
                           rj_str(a, "deadline"), rj_str(a, "status") ? rj_str(a, "status") : "open" },
                         NULL, sprint, 0, 0 };
        put_row(w, &r);
    }
}

char *rapport_csv(json_t *model)
{
    struct writer w;
    json_t *s, *x, *only = json_object_get(model, "sprint");
    size_t i, j;

    writer_init(&w, WRITER_CSV);
    for (int c = 0; columns[c] != NULL; c++) {
        if (c > 0)
            w_csv_sep(&w);
        w_csv_field(&w, columns[c]);
    }
    w_csv_end(&w);
    json_array_foreach(rj_arr(model, "sprints"), i, s) {
        int nr = (int)rj_num(s, "nr", 0);
        if (json_is_integer(only) && json_integer_value(only) != nr)
            continue;
        json_array_foreach(rj_arr(s, "werkvormen"), j, x)
            session_rows(&w, nr, x);
        agreement_rows(&w, nr, rj_arr(s, "afspraken"));
    }
    return writer_take(&w, NULL);
}
