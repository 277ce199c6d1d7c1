/*
 * rapport_render.c: the report as HTML and as Markdown, from the model.
 *
 * The structure is written once against the building blocks of
 * rapport_doc.c; the pictures (svg.c) only go into HTML, where Markdown
 * gets the same information as text. Results are rendered by what they
 * hold rather than by a fixed schema: a werkvorm may add fields, and those
 * show up as labelled lines, while the known shapes get their pictures.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport_doc.h"
#include "rapport_intern.h"
#include "werkplaats/svg.h"

#define MAX_DEPTH 4

struct render {
    struct doc d;
    json_t *model;
    json_t *omgevingen, *groepen;
};

/* --- lookups -------------------------------------------------------------------- */

static const char *betrokkene_wie(struct render *r, const char *id)
{
    json_t *b;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(r->model, "casus"), "betrokkenen"), i, b)
        if (id && rj_str(b, "id") && strcmp(rj_str(b, "id"), id) == 0)
            return rj_str(b, "wie") ? rj_str(b, "wie") : id;
    return id;
}

static const char *gremium_naam(struct render *r, const char *id)
{
    json_t *g;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(r->model, "casus"), "gremia"), i, g)
        if (id && rj_str(g, "id") && strcmp(rj_str(g, "id"), id) == 0)
            return rj_str(g, "naam") ? rj_str(g, "naam") : id;
    return id;
}

static const char *omgeving_class(struct render *r, const char *o)
{
    static const char *const cls[] = { "omg-0", "omg-1", "omg-2", "omg-3" };
    json_t *v;
    size_t i;

    json_array_foreach(r->omgevingen, i, v)
        if (o && i < 4 && strcmp(json_string_value(v), o) == 0)
            return cls[i];
    return "omg-x";
}

/* The name of werkvorm id as its card calls it, within sprint s. */
static const char *werkvorm_naam(json_t *s, const char *id)
{
    json_t *w;
    size_t i;

    json_array_foreach(rj_arr(s, "werkvormen"), i, w)
        if (id && rj_str(w, "werkvorm") && strcmp(rj_str(w, "werkvorm"), id) == 0)
            return rj_str(rj_obj(w, "kaart"), "naam") ? rj_str(rj_obj(w, "kaart"), "naam") : id;
    return id;
}

/* --- generic rendering of results ------------------------------------------------- */

static void render_value(struct render *r, json_t *v, int depth);

/* Fields an item shows in its meta line or not at all. */
static int shown_elsewhere(const char *key)
{
    static const char *const keys[] = { "id", "tekst", "naam", "stemmen", "stemmen_per_groep", "omgevingen", "groep",
                                        "wie", "deelnemer", "gekozen", "reden", "emotie", "volgorde", "plaatsingen",
                                        "bron", "bij", "eigenaar", "gremium", "wanneer", "deadline", "status",
                                        "uitkomst", "veld", "stap", "volgnr", "oordelen", "wie_naam", "gremium_naam",
                                        "vraag", "wat", "prototype", "idee", "interventie", "voorstel", "open_bezwaren", "lijkt_op",
                                        "_sprint", NULL };

    if (key[0] == '_')
        return 1;
    for (int i = 0; keys[i] != NULL; i++)
        if (strcmp(keys[i], key) == 0)
            return 1;
    return 0;
}

static int empty(json_t *v)
{
    return v == NULL || json_is_null(v) || (json_is_array(v) && json_array_size(v) == 0) ||
           (json_is_object(v) && json_object_size(v) == 0) || (json_is_string(v) && json_string_length(v) == 0);
}

static void votes_meta(struct render *r, struct writer *m, json_t *item, int *sep)
{
    json_t *per = rj_obj(item, "stemmen_per_groep"), *g;
    size_t i;
    int first = 1;

    if (rj_num(item, "stemmen", 0) <= 0)
        return;
    w_num(m, rj_num(item, "stemmen", 0), 1);
    w_lit(m, " ");
    w_text(m, rj_num(item, "stemmen", 0) == 1 ? "stem" : "stemmen");
    json_array_foreach(r->groepen, i, g) {
        double n = rj_num(per, json_string_value(g), 0);
        if (n <= 0)
            continue;
        w_lit(m, ", ");
        if (first)
            w_text(m, "waarvan ");
        w_text(m, json_string_value(g));
        w_lit(m, " ");
        w_num(m, n, 1);
        first = 0;
    }
    *sep = 1;
}

static void meta_part(struct writer *m, int *sep, const char *prefix, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    if (*sep)
        w_lit(m, "; ");
    w_text(m, prefix);
    w_text(m, text);
    *sep = 1;
}

/* The secondary facts of an item on one line (nothing when it has none). */
static void item_meta(struct render *r, json_t *item)
{
    int sep = 0;
    json_t *g = json_object_get(item, "gekozen"), *lijkt = rj_obj(item, "lijkt_op");
    struct writer m;

    writer_init(&m, r->d.w.format);
    votes_meta(r, &m, item, &sep);
    if (json_is_boolean(g))
        meta_part(&m, &sep, "", json_is_true(g) ? "gekozen" : "niet gekozen");
    meta_part(&m, &sep, "reden: ", rj_str(item, "reden"));
    if (rj_has_num(item, "emotie")) {
        if (sep)
            w_lit(&m, "; ");
        w_text(&m, "gevoel ");
        w_num(&m, rj_num(item, "emotie", 0), 1);
        sep = 1;
    }
    meta_part(&m, &sep, "uitkomst: ", rj_str(item, "uitkomst"));
    meta_part(&m, &sep, "", rj_str(item, "status"));
    meta_part(&m, &sep, "eigenaar: ", betrokkene_wie(r, rj_str(item, "eigenaar")));
    meta_part(&m, &sep, "gremium: ", gremium_naam(r, rj_str(item, "gremium")));
    meta_part(&m, &sep, "wanneer: ", rj_str(item, "wanneer"));
    meta_part(&m, &sep, "ingebracht door: ", rj_str(item, "wie"));
    if (rj_str(item, "wie") == NULL)
        meta_part(&m, &sep, "groep: ", rj_str(item, "groep"));
    if (lijkt != NULL)
        meta_part(&m, &sep, "lijkt op eerdere interventie: ", rj_str(lijkt, "naam"));
    if (m.len > 0) {
        doc_meta_open(&r->d);
        w_append(&r->d.w, &m);
        doc_meta_close(&r->d);
    }
    writer_free(&m);
}

/* "Label:" in bold, for a key of the model. */
static void strong_label(struct render *r, const char *key, const char *after)
{
    if (r->d.html)
        w_lit(&r->d.w, "<strong>");
    else
        w_lit(&r->d.w, "**");
    rapport_label(&r->d.w, key);
    w_text(&r->d.w, after);
    if (r->d.html)
        w_lit(&r->d.w, "</strong> ");
    else
        w_lit(&r->d.w, "** ");
}

static void omgeving_tags(struct render *r, json_t *item)
{
    json_t *o;
    size_t i;

    json_array_foreach(rj_arr(item, "omgevingen"), i, o)
        if (json_is_string(o))
            doc_tag(&r->d, omgeving_class(r, json_string_value(o)), json_string_value(o));
}

static void render_fields(struct render *r, json_t *o, int depth, int skip_known);

static void render_item(struct render *r, json_t *item, int depth)
{
    const char *text = rj_tekst(item);

    doc_item_open(&r->d);
    if (!json_is_object(item)) {
        render_value(r, item, depth);
        doc_item_close(&r->d);
        return;
    }
    omgeving_tags(r, item);
    if (text != NULL)
        doc_text(&r->d, text);
    item_meta(r, item);
    if (depth < MAX_DEPTH)
        render_fields(r, item, depth + 1, 1);
    doc_item_close(&r->d);
}

static void render_list(struct render *r, json_t *a, int depth)
{
    json_t *v;
    size_t i;

    doc_list_open(&r->d, 0, "items");
    json_array_foreach(a, i, v)
        render_item(r, v, depth);
    doc_list_close(&r->d, 0);
}

/* An object's fields as a list of "Label: value" lines. */
static void render_fields(struct render *r, json_t *o, int depth, int skip_known)
{
    const char *key;
    json_t *v;
    int open = 0;

    json_object_foreach(o, key, v) {
        if (empty(v) || (skip_known && shown_elsewhere(key)) || key[0] == '_')
            continue;
        if (!open) {
            doc_list_open(&r->d, 0, "velden");
            open = 1;
        }
        doc_item_open(&r->d);
        strong_label(r, key, ":");
        render_value(r, v, depth);
        doc_item_close(&r->d);
    }
    if (open)
        doc_list_close(&r->d, 0);
}

static void render_value(struct render *r, json_t *v, int depth)
{
    if (json_is_string(v))
        doc_text(&r->d, json_string_value(v));
    else if (json_is_integer(v))
        doc_int(&r->d, (long long)json_integer_value(v));
    else if (json_is_real(v))
        w_num(&r->d.w, json_real_value(v), 2);
    else if (json_is_boolean(v))
        doc_text(&r->d, json_is_true(v) ? "ja" : "nee");
    else if (depth >= MAX_DEPTH)
        doc_text(&r->d, "…");
    else if (json_is_array(v))
        render_list(r, v, depth + 1);
    else if (json_is_object(v))
        render_fields(r, v, depth + 1, 0);
}

/* --- pictures of known result keys ------------------------------------------------ */

static int has_votes(json_t *list)
{
    json_t *v;
    size_t i;

    json_array_foreach(list, i, v)
        if (rj_num(v, "stemmen", 0) > 0)
            return 1;
    return 0;
}

static void figure_votes(struct render *r, const char *key, json_t *list)
{
    struct writer svg, label;
    char *title;

    if (!r->d.html || !has_votes(list))
        return;
    writer_init(&label, WRITER_PLAIN);
    w_text(&label, "Stemmen: ");
    rapport_label(&label, key);
    title = writer_take(&label, NULL);
    writer_init(&svg, WRITER_HTML);
    if (svg_stemmen(&svg, title ? title : "Stemmen", list, r->groepen)) {
        doc_figure_open(&r->d);
        w_append(&r->d.w, &svg);
        doc_figure_close(&r->d, NULL);
    }
    writer_free(&svg);
    free(title);
}

/* Glijbaan positions by position name, for Markdown. */
static void glijbaan_text(struct render *r, json_t *posities)
{
    json_t *pos, *p;
    size_t i, j;

    doc_list_open(&r->d, 0, NULL);
    json_array_foreach(rj_arr(rj_obj(r->model, "methode"), "glijbaan"), i, pos) {
        int first = 1;
        doc_item_open(&r->d);
        doc_strong(&r->d, json_string_value(pos));
        w_lit(&r->d.w, ": ");
        json_array_foreach(posities, j, p) {
            const char *naam = rj_str(p, "wie") ? rj_str(p, "wie") : rj_str(p, "naam");
            if (!rj_str(p, "positie") || strcmp(rj_str(p, "positie"), json_string_value(pos)) != 0)
                continue;
            if (!first)
                w_lit(&r->d.w, ", ");
            doc_text(&r->d, naam ? naam : rj_str(p, "betrokkene"));
            first = 0;
        }
        if (first)
            doc_text(&r->d, "niemand");
        doc_item_close(&r->d);
    }
    doc_list_close(&r->d, 0);
}

static void figure_glijbaan(struct render *r, const char *fase, json_t *posities)
{
    struct writer svg;

    if (!r->d.html) {
        doc_p(&r->d, NULL, fase);
        glijbaan_text(r, posities);
        return;
    }
    writer_init(&svg, WRITER_HTML);
    if (svg_glijbaan(&svg, fase, posities, rj_arr(rj_obj(r->model, "methode"), "glijbaan"), r->groepen)) {
        doc_figure_open(&r->d);
        w_append(&r->d.w, &svg);
        doc_figure_close(&r->d, NULL);
    }
    writer_free(&svg);
}

typedef int (*picture_fn)(struct writer *w, json_t *v);

static int picture(struct render *r, picture_fn fn, json_t *v)
{
    struct writer svg;
    int drawn;

    if (!r->d.html)
        return 0;
    writer_init(&svg, WRITER_HTML);
    drawn = fn(&svg, v);
    if (drawn) {
        doc_figure_open(&r->d);
        w_append(&r->d.w, &svg);
        doc_figure_close(&r->d, NULL);
    }
    writer_free(&svg);
    return drawn;
}

/* The koppelvlakken in words: every pair of omgevingen with the interventions in it. */
static void koppelvlakken_text(struct render *r, json_t *list)
{
    json_t *a, *b, *iv;
    size_t i, j, k;

    doc_list_open(&r->d, 0, NULL);
    json_array_foreach(r->omgevingen, i, a)
        json_array_foreach(r->omgevingen, j, b) {
            int first = 1;
            if (j < i)
                continue;
            json_array_foreach(list, k, iv) {
                json_t *omg = rj_arr(iv, "omgevingen");
                int in = i == j ? json_array_size(omg) == 1 && rj_array_has(omg, json_string_value(a))
                                : rj_array_has(omg, json_string_value(a)) && rj_array_has(omg, json_string_value(b));
                if (!in)
                    continue;
                if (first) {
                    doc_item_open(&r->d);
                    doc_strong(&r->d, json_string_value(a));
                    if (i != j) {
                        w_lit(&r->d.w, " + ");
                        doc_strong(&r->d, json_string_value(b));
                    } else {
                        doc_text(&r->d, " alleen");
                    }
                    w_lit(&r->d.w, ": ");
                } else {
                    w_lit(&r->d.w, ", ");
                }
                doc_text(&r->d, rj_tekst(iv) ? rj_tekst(iv) : "?");
                first = 0;
            }
            if (!first)
                doc_item_close(&r->d);
        }
    doc_list_close(&r->d, 0);
}

static void figure_koppelvlakken(struct render *r, json_t *list)
{
    struct writer svg;

    if (!r->d.html) {
        koppelvlakken_text(r, list);
        return;
    }
    writer_init(&svg, WRITER_HTML);
    if (svg_koppelvlakken(&svg, list, r->omgevingen)) {
        doc_figure_open(&r->d);
        w_append(&r->d.w, &svg);
        doc_figure_close(&r->d, "Elke cel toont de interventies die beide omgevingen raken; op de diagonaal "
                                "staan de interventies die één omgeving raken.");
    }
    writer_free(&svg);
}

/* One key of a sprint result: its picture when it has one, then its content. */
static void render_result_key(struct render *r, json_t *s, const char *key, json_t *v)
{
    const char *door = rj_str(rj_obj(s, "geleverd_door"), key);
    char fase[64];

    doc_h_open(&r->d, 4);
    rapport_label(&r->d.w, key);
    doc_h_close(&r->d, 4);
    if (door != NULL) {
        doc_p_open(&r->d, "bron");
        doc_text(&r->d, "Opgeleverd door de werkvorm ");
        doc_text(&r->d, werkvorm_naam(s, door));
        doc_p_close(&r->d);
    }
    /* Reserved keys the engine reads into its registers: shown in their own tables. */
    if (strcmp(key, "afspraken") == 0) {
        doc_p(&r->d, NULL, "Zie de afspraken hieronder.");
        return;
    }
    if (strcmp(key, "houdingen") == 0) {
        doc_p(&r->d, NULL, "Zie de glijbaan per fase bij het traject.");
        return;
    }
    if (strcmp(key, "empathiekaart") == 0 && picture(r, svg_empathiekaart, v)) {
        doc_field(&r->d, "Persona:", rj_str(v, "persona"));
        return;
    }
    if (strcmp(key, "klantreis") == 0 && picture(r, svg_klantreis, v)) {
        doc_field(&r->d, "Persona:", rj_str(v, "persona"));
        if (rj_arr(v, "dieptepunten") != NULL) {
            doc_p(&r->d, "veld", "Dieptepunten:");
            render_list(r, rj_arr(v, "dieptepunten"), 1);
        }
        return;
    }
    if (strcmp(key, "glijbaan") == 0 && rj_arr(v, "posities") != NULL) {
        snprintf(fase, sizeof fase, "De glijbaan na sprint %d", (int)rj_num(s, "nr", 0));
        figure_glijbaan(r, fase, rj_arr(v, "posities"));
        return;
    }
    if (json_is_array(v))
        figure_votes(r, key, v);
    if (strcmp(key, "situatie") == 0)
        figure_votes(r, "situatie", rj_arr(v, "punten"));
    if (strcmp(key, "interventies") == 0 || strcmp(key, "definitieve_interventies") == 0)
        figure_koppelvlakken(r, v);
    render_value(r, v, 0);
}

/* --- the parts of a sprint ------------------------------------------------------ */

static void card_fields(struct render *r, json_t *kaart)
{
    json_t *groep = rj_obj(kaart, "groep"), *d;
    char buf[128];
    size_t i;

    doc_field(&r->d, "Toelichting:", rj_str(kaart, "toelichting"));
    doc_field(&r->d, "Opbrengst:", rj_str(kaart, "opbrengst"));
    if (json_array_size(rj_arr(kaart, "deelnemers")) > 0) {
        doc_p_open(&r->d, "veld");
        doc_strong(&r->d, "Voor:");
        json_array_foreach(rj_arr(kaart, "deelnemers"), i, d) {
            if (i)
                w_lit(&r->d.w, ", ");
            else
                w_lit(&r->d.w, " ");
            doc_text(&r->d, json_string_value(d));
        }
        doc_p_close(&r->d);
    }
    if (groep != NULL && rj_has_num(groep, "min")) {
        snprintf(buf, sizeof buf, "%lld tot %lld personen", (long long)rj_num(groep, "min", 0),
                 (long long)rj_num(groep, "max", 0));
        doc_field(&r->d, "Groepsgrootte:", buf);
    }
    if (rj_has_num(kaart, "duur")) {
        snprintf(buf, sizeof buf, "%lld minuten", (long long)rj_num(kaart, "duur", 0));
        doc_field(&r->d, "Duur:", buf);
    }
    doc_field(&r->d, "Let op:", rj_str(kaart, "schatting"));
}

static void people_line(struct render *r, json_t *per_groep)
{
    const char *groep;
    json_t *names, *n;
    size_t i;
    int first = 1;

    if (json_object_size(per_groep) == 0)
        return;
    doc_p_open(&r->d, "veld");
    doc_strong(&r->d, "Wie deden mee:");
    json_object_foreach(per_groep, groep, names) {
        if (first)
            w_lit(&r->d.w, " ");
        else
            w_lit(&r->d.w, "; ");
        first = 0;
        doc_text(&r->d, groep);
        w_lit(&r->d.w, " (");
        w_int(&r->d.w, (long long)json_array_size(names));
        w_lit(&r->d.w, "): ");
        json_array_foreach(names, i, n) {
            if (i)
                w_lit(&r->d.w, ", ");
            doc_text(&r->d, json_string_value(n));
        }
    }
    doc_p_close(&r->d);
}

static void keys_line(struct render *r, const char *label, json_t *keys)
{
    json_t *k;
    size_t i;

    if (json_array_size(keys) == 0)
        return;
    doc_p_open(&r->d, "veld");
    doc_strong(&r->d, label);
    json_array_foreach(keys, i, k) {
        if (i)
            w_lit(&r->d.w, ", ");
        else
            w_lit(&r->d.w, " ");
        rapport_label(&r->d.w, json_string_value(k));
    }
    doc_p_close(&r->d);
}

/* Everything that was said in a werkvorm, for the report of one sprint
 * (the one facilitators send round after a workshop). */
static void render_contributions(struct render *r, json_t *w)
{
    json_t *b;
    size_t i;

    if (json_array_size(rj_arr(w, "bijdragen")) == 0)
        return;
    doc_h(&r->d, 4, rj_str(rj_obj(w, "kaart"), "naam") ? rj_str(rj_obj(w, "kaart"), "naam") : rj_str(w, "werkvorm"));
    doc_table_open(&r->d, "bijdragen", "Stap|Bijdrage|Wie|Stemmen");
    json_array_foreach(rj_arr(w, "bijdragen"), i, b) {
        doc_row_open(&r->d);
        doc_cell(&r->d, rj_str(b, "veld") ? rj_str(b, "veld") : rj_str(b, "stap"));
        doc_cell_open(&r->d);
        omgeving_tags(r, b);
        doc_text(&r->d, rj_str(b, "tekst"));
        doc_cell_close(&r->d);
        doc_cell_open(&r->d);
        doc_text(&r->d, rj_str(b, "wie"));
        if (rj_str(b, "groep") && rj_str(b, "wie") && !strstr(rj_str(b, "wie"), rj_str(b, "groep"))) {
            doc_text(&r->d, " (");
            doc_text(&r->d, rj_str(b, "groep"));
            doc_text(&r->d, ")");
        }
        doc_cell_close(&r->d);
        doc_cell_open(&r->d);
        if (rj_num(b, "stemmen", 0) > 0)
            w_num(&r->d.w, rj_num(b, "stemmen", 0), 1);
        doc_cell_close(&r->d);
        doc_row_close(&r->d);
    }
    doc_table_close(&r->d);
}

/* "1 bijdrage", "3 bijdragen". */
static void count(struct render *r, size_t n, const char *one, const char *more)
{
    w_int(&r->d.w, (long long)n);
    w_lit(&r->d.w, " ");
    w_text(&r->d.w, n == 1 ? one : more);
}

static void render_werkvorm(struct render *r, json_t *w)
{
    json_t *kaart = rj_obj(w, "kaart");
    const char *naam = rj_str(kaart, "naam") ? rj_str(kaart, "naam") : rj_str(w, "werkvorm");

    if (r->d.html)
        w_lit(&r->d.w, "<article class=\"werkvorm\">\n");
    doc_h(&r->d, 4, naam);
    doc_p_open(&r->d, "status");
    doc_tag(&r->d, strcmp(rj_str(w, "status"), "gesloten") == 0 ? "st-gesloten" : "st-lopend",
            strcmp(rj_str(w, "status"), "gesloten") == 0 ? "afgerond" : "nog open");
    if (rj_str(w, "datum") != NULL) {
        doc_text(&r->d, "gehouden op ");
        doc_text(&r->d, rj_str(w, "datum"));
        w_lit(&r->d.w, "; ");
    }
    count(r, json_array_size(rj_arr(w, "bijdragen")), "bijdrage", "bijdragen");
    w_lit(&r->d.w, ", ");
    count(r, json_array_size(rj_arr(w, "stemmen")), "stem", "stemmen");
    w_lit(&r->d.w, ", ");
    count(r, json_array_size(rj_arr(w, "besluiten")), "besluit", "besluiten");
    doc_p_close(&r->d);
    if (kaart != NULL)
        card_fields(r, kaart);
    else
        doc_p(&r->d, "let-op", "De kaart van deze werkvorm is niet beschikbaar (het bestand is niet gevonden).");
    people_line(r, rj_obj(w, "per_groep"));
    keys_line(r, "Gebruikte:", rj_arr(w, "nodig"));
    keys_line(r, "Leverde:", rj_arr(w, "levert"));
    if (r->d.html)
        w_lit(&r->d.w, "</article>\n");
}

static void render_people(struct render *r, json_t *groups)
{
    json_t *g, *n;
    size_t i, j;

    if (json_array_size(groups) == 0) {
        doc_p(&r->d, NULL, "Nog niemand deed mee.");
        return;
    }
    doc_table_open(&r->d, "deelnemers", "Groep|Aantal|Wie");
    json_array_foreach(groups, i, g) {
        doc_row_open(&r->d);
        doc_cell(&r->d, rj_str(g, "groep"));
        doc_cell_open(&r->d);
        w_int(&r->d.w, (long long)rj_num(g, "aantal", 0));
        doc_cell_close(&r->d);
        doc_cell_open(&r->d);
        json_array_foreach(rj_arr(g, "wie"), j, n) {
            if (j)
                w_lit(&r->d.w, ", ");
            doc_text(&r->d, json_string_value(n));
        }
        doc_cell_close(&r->d);
        doc_row_close(&r->d);
    }
    doc_table_close(&r->d);
}

/* The result keys in the order the werkvormen delivered them (so a picture
 * such as the empathiekaart comes before the lists drawn from it), then
 * whatever else the result holds. */
static void render_result(struct render *r, json_t *s)
{
    json_t *result = rj_obj(s, "resultaat"), *shown = json_object(), *w, *k, *v;
    const char *key;
    size_t i, j;

    if (json_object_size(result) == 0) {
        doc_p(&r->d, NULL, "Er is nog geen resultaat.");
        json_decref(shown);
        return;
    }
    if (json_is_true(json_object_get(s, "voorlopig")))
        doc_p(&r->d, "let-op", "Deze sprint is nog niet gesloten: dit resultaat is voorlopig.");
    json_array_foreach(rj_arr(s, "werkvormen"), i, w)
        json_array_foreach(rj_arr(w, "levert"), j, k) {
            const char *kk = json_string_value(k);
            if (kk == NULL || json_object_get(shown, kk) || (v = json_object_get(result, kk)) == NULL)
                continue;
            json_object_set_new(shown, kk, json_true());
            render_result_key(r, s, kk, v);
        }
    json_object_foreach(result, key, v)
        if (json_object_get(shown, key) == NULL)
            render_result_key(r, s, key, v);
    json_decref(shown);
}

static void render_taken(struct render *r, json_t *s)
{
    json_t *t, *d;
    size_t i, j;

    if (json_array_size(rj_arr(s, "doorgegeven")) == 0)
        return;
    doc_h(&r->d, 3, "Wat de volgende sprints ermee deden");
    doc_list_open(&r->d, 0, NULL);
    json_array_foreach(rj_arr(s, "doorgegeven"), i, t) {
        doc_item_open(&r->d);
        strong_label(r, rj_str(t, "sleutel") ? rj_str(t, "sleutel") : "?", ":");
        if (json_array_size(rj_arr(t, "door")) == 0)
            doc_text(&r->d, "(nog) door geen latere werkvorm gebruikt");
        json_array_foreach(rj_arr(t, "door"), j, d) {
            if (j)
                w_lit(&r->d.w, ", ");
            doc_text(&r->d, rj_str(d, "naam") ? rj_str(d, "naam") : rj_str(d, "werkvorm"));
            w_lit(&r->d.w, " (sprint ");
            w_int(&r->d.w, (long long)rj_num(d, "sprint", 0));
            w_lit(&r->d.w, ")");
        }
        doc_item_close(&r->d);
    }
    doc_list_close(&r->d, 0);
}

/* The sleutelfactoren check. The report of one sprint shows every finding;
 * the report of the whole traject, which has a check per sprint, only what
 * needed attention then, so it does not repeat itself seven times. */
static void render_factors(struct render *r, json_t *check)
{
    int all = json_is_integer(json_object_get(r->model, "sprint"));
    json_t *f, *b;
    size_t i, j;

    doc_h(&r->d, 3, "Sleutelfactoren");
    if (check == NULL || json_is_null(check)) {
        doc_p(&r->d, NULL, "De controle van de sleutelfactoren is voor deze sprint niet beschikbaar.");
        return;
    }
    doc_list_open(&r->d, 0, "factoren");
    json_array_foreach(rj_arr(check, "factoren"), i, f) {
        const char *status = rj_str(f, "status") ? rj_str(f, "status") : "?";
        int open = 0;
        doc_item_open(&r->d);
        doc_tag(&r->d, strcmp(status, "in orde") == 0 ? "st-gesloten" : "st-aandacht", status);
        doc_strong(&r->d, rj_str(f, "naam") ? rj_str(f, "naam") : rj_str(f, "id"));
        json_array_foreach(rj_arr(f, "bevindingen"), j, b) {
            int attention = rj_str(b, "oordeel") && strcmp(rj_str(b, "oordeel"), "aandacht") == 0;
            if (!all && !attention)
                continue;
            if (!open) {
                doc_list_open(&r->d, 0, NULL);
                open = 1;
            }
            doc_item_open(&r->d);
            if (attention)
                doc_tag(&r->d, "st-aandacht", "aandacht");
            doc_text(&r->d, rj_tekst(b));
            doc_item_close(&r->d);
        }
        if (open)
            doc_list_close(&r->d, 0);
        doc_item_close(&r->d);
    }
    doc_list_close(&r->d, 0);
}

static void render_agreements(struct render *r, json_t *list)
{
    json_t *a;
    size_t i;

    if (json_array_size(list) == 0)
        return;
    doc_h(&r->d, 3, "Afspraken");
    doc_table_open(&r->d, "afspraken", "Wie|Wat|Gremium|Uiterlijk|Status");
    json_array_foreach(list, i, a) {
        doc_row_open(&r->d);
        doc_cell(&r->d, rj_str(a, "wie_naam") ? rj_str(a, "wie_naam") : rj_str(a, "wie"));
        doc_cell(&r->d, rj_str(a, "wat"));
        doc_cell(&r->d, rj_str(a, "gremium_naam") ? rj_str(a, "gremium_naam") : rj_str(a, "gremium"));
        doc_cell(&r->d, rj_str(a, "deadline"));
        doc_cell_open(&r->d);
        doc_text(&r->d, rj_str(a, "status") ? rj_str(a, "status") : "open");
        if (json_is_true(json_object_get(a, "te_laat")))
            doc_text(&r->d, " (te laat)");
        doc_cell_close(&r->d);
        doc_row_close(&r->d);
    }
    doc_table_close(&r->d);
}

static void render_approvals(struct render *r, const char *document, json_t *list)
{
    json_t *a;
    size_t i;

    if (json_array_size(list) == 0)
        return;
    doc_h_open(&r->d, 3);
    doc_text(&r->d, "Goedkeuring van de ");
    doc_text(&r->d, document);
    doc_h_close(&r->d, 3);
    doc_table_open(&r->d, "goedkeuringen", "Betrokkene|Rol|Goedgekeurd op");
    json_array_foreach(list, i, a) {
        doc_row_open(&r->d);
        doc_cell(&r->d, rj_str(a, "wie"));
        doc_cell(&r->d, rj_str(a, "rol"));
        doc_cell(&r->d, rj_str(a, "datum") ? rj_str(a, "datum") : "nog niet");
        doc_row_close(&r->d);
    }
    doc_table_close(&r->d);
}

static void render_sprint(struct render *r, json_t *s)
{
    int nr = (int)rj_num(s, "nr", 0);
    const char *status = rj_str(s, "status");
    json_t *w, *k;
    size_t i;
    char id[32];

    snprintf(id, sizeof id, "sprint-%d", nr);
    doc_section_open(&r->d, "sprint", id);
    doc_h_open(&r->d, 2);
    doc_text(&r->d, "Sprint ");
    doc_int(&r->d, nr);
    doc_text(&r->d, ": ");
    doc_text(&r->d, rj_str(s, "naam"));
    doc_h_close(&r->d, 2);
    doc_p_open(&r->d, "status");
    doc_tag(&r->d, strcmp(status, "gesloten") == 0 ? "st-gesloten" : strcmp(status, "lopend") == 0 ? "st-lopend"
            : "st-gepland", status);
    if (json_array_size(rj_arr(s, "datums")) > 0) {
        json_t *d;
        size_t j, n = json_array_size(rj_arr(s, "datums"));
        doc_text(&r->d, n == 1 ? "workshop op " : "workshops op ");
        json_array_foreach(rj_arr(s, "datums"), j, d) {
            if (j > 0)
                doc_text(&r->d, j + 1 == n ? " en " : ", ");
            doc_text(&r->d, json_string_value(d));
        }
    } else if (rj_str(s, "gestart")) {
        doc_text(&r->d, "gestart ");
        w_textn(&r->d.w, rj_str(s, "gestart"), 10);
    }
    doc_p_close(&r->d);
    doc_field(&r->d, "Doel:", rj_str(s, "doel"));
    if (strcmp(status, "gepland") == 0 && json_array_size(rj_arr(s, "werkvormen")) == 0) {
        doc_p(&r->d, NULL, "Deze sprint is nog niet begonnen.");
        doc_section_close(&r->d);
        return;
    }
    doc_h(&r->d, 3, "Werkvormen");
    json_array_foreach(rj_arr(s, "werkvormen"), i, w)
        render_werkvorm(r, w);
    doc_h(&r->d, 3, "Deelnemers per groep");
    render_people(r, rj_arr(s, "deelnemers"));
    doc_h(&r->d, 3, "Resultaat van de sprint");
    render_result(r, s);
    render_taken(r, s);
    render_factors(r, json_object_get(s, "sleutelfactoren"));
    render_agreements(r, rj_arr(s, "afspraken"));
    json_array_foreach(rj_arr(s, "levert"), i, k)
        render_approvals(r, json_string_value(k),
                         rj_arr(rj_obj(r->model, "goedkeuringen"), json_string_value(k)));
    /* The report of one sprint ends with the full record of what was said. */
    if (json_is_integer(json_object_get(r->model, "sprint"))) {
        doc_h(&r->d, 3, "Alle bijdragen");
        json_array_foreach(rj_arr(s, "werkvormen"), i, w)
            render_contributions(r, w);
    }
    doc_section_close(&r->d);
}

/* --- the whole traject ----------------------------------------------------------- */

static void render_overview(struct render *r)
{
    json_t *casus = rj_obj(r->model, "casus"), *traject = rj_obj(r->model, "traject"), *b;
    struct writer svg;
    size_t i;

    doc_section_open(&r->d, "overzicht", "traject");
    doc_h(&r->d, 2, "Het traject");
    doc_field(&r->d, "Hoofdvraag:", rj_str(casus, "hoofdvraag"));
    doc_field(&r->d, "Gezamenlijke opgave:", rj_str(casus, "gezamenlijke_opgave"));
    doc_p_open(&r->d, "veld");
    doc_strong(&r->d, "Begeleiders:");
    json_array_foreach(rj_arr(casus, "begeleiders"), i, b) {
        if (i)
            w_lit(&r->d.w, "; ");
        else
            w_lit(&r->d.w, " ");
        doc_text(&r->d, rj_str(b, "naam"));
        if (rj_str(b, "rol")) {
            w_lit(&r->d.w, ", ");
            doc_text(&r->d, rj_str(b, "rol"));
        }
    }
    doc_p_close(&r->d);
    doc_p_open(&r->d, "cijfers");
    w_int(&r->d.w, (long long)rj_num(traject, "gesloten", 0));
    w_lit(&r->d.w, " van de ");
    w_int(&r->d.w, (long long)rj_num(traject, "sprints", 0));
    w_lit(&r->d.w, " sprints gesloten · ");
    w_int(&r->d.w, (long long)rj_num(traject, "werkvormen", 0));
    w_lit(&r->d.w, " werkvormen · ");
    w_int(&r->d.w, (long long)rj_num(traject, "bijdragen", 0));
    w_lit(&r->d.w, " bijdragen · ");
    w_int(&r->d.w, (long long)rj_num(traject, "stemmen", 0));
    w_lit(&r->d.w, " keer gestemd");
    doc_p_close(&r->d);
    if (r->d.html) {
        writer_init(&svg, WRITER_HTML);
        if (svg_tijdlijn(&svg, rj_arr(r->model, "sprints"))) {
            doc_figure_open(&r->d);
            w_append(&r->d.w, &svg);
            doc_figure_close(&r->d, NULL);
        }
        writer_free(&svg);
    } else {
        json_t *s;
        doc_list_open(&r->d, 0, NULL);
        json_array_foreach(rj_arr(r->model, "sprints"), i, s) {
            doc_item_open(&r->d);
            doc_text(&r->d, "Sprint ");
            doc_int(&r->d, (long long)rj_num(s, "nr", 0));
            doc_text(&r->d, " ");
            doc_text(&r->d, rj_str(s, "naam"));
            doc_text(&r->d, ": ");
            doc_text(&r->d, rj_str(s, "status"));
            doc_item_close(&r->d);
        }
        doc_list_close(&r->d, 0);
    }
    doc_section_close(&r->d);
}

/* Who took part over the whole traject, by group (each person once). */
static void render_all_people(struct render *r)
{
    json_t *seen = json_object(), *s, *g, *n, *groups = json_array();
    size_t i, j, k;

    json_array_foreach(rj_arr(r->model, "sprints"), i, s)
        json_array_foreach(rj_arr(s, "deelnemers"), j, g) {
            json_t *set = json_object_get(seen, rj_str(g, "groep"));
            if (set == NULL) {
                set = json_object();
                json_object_set_new(seen, rj_str(g, "groep"), set);
            }
            json_array_foreach(rj_arr(g, "wie"), k, n)
                json_object_set_new(set, json_string_value(n), json_true());
        }
    json_array_foreach(r->groepen, i, g) {
        json_t *set = json_object_get(seen, json_string_value(g)), *names, *v;
        const char *name;
        if (set == NULL)
            continue;
        names = json_array();
        json_object_foreach(set, name, v)
            json_array_append_new(names, json_string(name));
        rapport_sort_names(names);
        json_array_append_new(groups, json_pack("{s:O, s:I, s:o}", "groep", g, "aantal",
                                                (json_int_t)json_array_size(names), "wie", names));
    }
    if (json_array_size(groups) > 0) {
        doc_h(&r->d, 3, "Deelnemers per groep, over het hele traject");
        render_people(r, groups);
    }
    json_decref(groups);
    json_decref(seen);
}

/* Every agreement of the traject in one table, for following them up. */
static void render_all_agreements(struct render *r)
{
    json_t *all = json_array(), *s;
    size_t i;

    json_array_foreach(rj_arr(r->model, "sprints"), i, s)
        if (rj_arr(s, "afspraken") != NULL)
            json_array_extend(all, rj_arr(s, "afspraken"));
    render_agreements(r, all);
    json_decref(all);
}

/* Stakeholders on the glijbaan per phase: the casus at the start, then every
 * phase the stance register (or a sprint result) recorded. */
static void render_glijbaan_phases(struct render *r)
{
    json_t *houdingen = rj_arr(r->model, "houdingen"), *start = json_array(), *b, *s;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(r->model, "casus"), "betrokkenen"), i, b)
        json_array_append_new(start, json_pack("{s:s?, s:s?, s:s?}", "wie", rj_str(b, "wie"), "groep",
                                               rj_str(b, "groep"), "positie", rj_str(b, "glijbaan")));
    doc_h(&r->d, 3, "De betrokkenen op de glijbaan, per fase");
    figure_glijbaan(r, "Bij de start (uit de casus)", start);
    json_decref(start);
    if (houdingen != NULL) {
        /* One picture per later phase in which anything changed. */
        for (int fase = 1; fase <= 7; fase++) {
            json_t *now = json_array(), *f;
            int changed = 0;
            size_t j;
            char titel[64];
            json_array_foreach(houdingen, i, b) {
                const char *pos = NULL;
                json_array_foreach(rj_arr(b, "fasen"), j, f)
                    if (rj_num(f, "fase", 0) <= fase && rj_str(f, "glijbaan")) {
                        pos = rj_str(f, "glijbaan");
                        changed |= rj_num(f, "fase", 0) == fase;
                    }
                json_array_append_new(now, json_pack("{s:s?, s:s?, s:s?}", "wie", betrokkene_wie(r, rj_str(b, "id")),
                                                     "groep", rj_str(b, "groep"), "positie", pos));
            }
            snprintf(titel, sizeof titel, "Na sprint %d", fase);
            if (changed)
                figure_glijbaan(r, titel, now);
            json_decref(now);
        }
        return;
    }
    json_array_foreach(rj_arr(r->model, "sprints"), i, s)
        if (rj_arr(rj_obj(rj_obj(s, "resultaat"), "glijbaan"), "posities") != NULL) {
            char titel[64];
            snprintf(titel, sizeof titel, "Na sprint %d", (int)rj_num(s, "nr", 0));
            figure_glijbaan(r, titel, rj_arr(rj_obj(rj_obj(s, "resultaat"), "glijbaan"), "posities"));
        }
}

/* The name of werkvorm id as any sprint's card calls it. */
static const char *any_werkvorm_naam(struct render *r, const char *id)
{
    json_t *s;
    size_t i;

    json_array_foreach(rj_arr(r->model, "sprints"), i, s) {
        const char *naam = werkvorm_naam(s, id);
        if (naam != id)
            return naam;
    }
    return id;
}

/* One link of a trail. A link named like the one before it (the prototype
 * that became the intervention) says "idem" instead of repeating the name. */
static void render_link(struct render *r, json_t *l, const char *before)
{
    json_t *b = rj_obj(l, "bijdrage");
    const char *tekst = rj_str(l, "tekst") ? rj_str(l, "tekst") : rj_str(l, "id");

    doc_item_open(&r->d);
    doc_tag(&r->d, "stap", rj_str(l, "naam"));
    if (rj_has_num(l, "sprint") && rj_num(l, "sprint", 0) > 0) {
        doc_text(&r->d, "sprint ");
        doc_int(&r->d, (long long)rj_num(l, "sprint", 0));
        doc_text(&r->d, ": ");
    }
    if (before != NULL && tekst != NULL && strcmp(before, tekst) == 0)
        doc_text(&r->d, "idem");
    else
        doc_strong(&r->d, tekst);
    item_meta(r, l);
    if (b != NULL && (rj_str(b, "wie") || rj_str(b, "groep"))) {
        doc_p_open(&r->d, "herkomst");
        doc_text(&r->d, "Ingebracht door ");
        doc_text(&r->d, rj_str(b, "wie") ? rj_str(b, "wie") : "iemand");
        if (rj_str(b, "groep") && (!rj_str(b, "wie") || !strstr(rj_str(b, "wie"), rj_str(b, "groep")))) {
            doc_text(&r->d, " · ");
            doc_text(&r->d, rj_str(b, "groep"));
        }
        if (rj_str(b, "werkvorm")) {
            doc_text(&r->d, " · werkvorm ");
            doc_text(&r->d, any_werkvorm_naam(r, rj_str(b, "werkvorm")));
        }
        if (rj_str(b, "tekst") && tekst && strcmp(rj_str(b, "tekst"), tekst) != 0) {
            doc_text(&r->d, ": ");
            doc_text(&r->d, rj_str(b, "tekst"));
        }
        doc_p_close(&r->d);
    }
    doc_item_close(&r->d);
}

static void render_trail(struct render *r, json_t *t)
{
    json_t *keten = rj_arr(t, "keten");
    size_t n = json_array_size(keten);

    if (r->d.html)
        w_lit(&r->d.w, "<article class=\"spoor\">\n");
    doc_h(&r->d, 3, rj_str(t, "naam"));
    /* From the first pain to the intervention: the chain reversed. */
    doc_list_open(&r->d, 1, "keten");
    for (size_t i = n; i > 0; i--)
        render_link(r, json_array_get(keten, i - 1),
                    i < n ? rj_str(json_array_get(keten, i), "tekst") : NULL);
    doc_list_close(&r->d, 1);
    if (rj_str(t, "ontbreekt"))
        doc_p(&r->d, "let-op", rj_str(t, "ontbreekt"));
    if (r->d.html)
        w_lit(&r->d.w, "</article>\n");
}

static void render_dropped(struct render *r, json_t *list)
{
    json_t *a;
    size_t i;

    doc_h(&r->d, 3, "Wat onderweg afviel, en waarom");
    if (json_array_size(list) == 0) {
        doc_p(&r->d, NULL, "Er viel (nog) niets af.");
        return;
    }
    doc_table_open(&r->d, "afgevallen", "Sprint|Soort|Wat|Waarom");
    json_array_foreach(list, i, a) {
        doc_row_open(&r->d);
        doc_cell_open(&r->d);
        w_int(&r->d.w, (long long)rj_num(a, "sprint", 0));
        doc_cell_close(&r->d);
        doc_cell(&r->d, rj_str(a, "soort"));
        doc_cell(&r->d, rj_str(a, "tekst") ? rj_str(a, "tekst") : rj_str(a, "id"));
        doc_cell_open(&r->d);
        doc_text(&r->d, rj_str(a, "reden"));
        if (rj_str(a, "waarschuwing")) {
            doc_text(&r->d, ". Let op: ");
            doc_text(&r->d, rj_str(a, "waarschuwing"));
        }
        doc_cell_close(&r->d);
        doc_row_close(&r->d);
    }
    doc_table_close(&r->d);
}

static void render_beslisspoor(struct render *r)
{
    json_t *spoor = rj_obj(r->model, "beslisspoor"), *t, *results = NULL, *s;
    size_t i;

    doc_section_open(&r->d, "beslisspoor", "beslisspoor");
    doc_h(&r->d, 2, "Van de eerste pijn naar de interventies");
    if (json_array_size(rj_arr(spoor, "interventies")) == 0)
        doc_p(&r->d, NULL, "Er zijn nog geen interventies: het beslisspoor begint zodra sprint 5 of 6 ze oplevert.");
    else
        doc_p(&r->d, "uitleg", "Voor elke interventie: de pijn waar het begon, de wijkwens die ze dient, en de "
                               "bijdragen van deelnemers waar ze uit voortkwam.");
    json_array_foreach(rj_arr(spoor, "interventies"), i, t)
        render_trail(r, t);
    /* The koppelvlakken of the latest interventions. */
    json_array_foreach(rj_arr(r->model, "sprints"), i, s) {
        json_t *res = rj_obj(s, "resultaat");
        if (rj_arr(res, "definitieve_interventies"))
            results = rj_arr(res, "definitieve_interventies");
        else if (rj_arr(res, "interventies") && results == NULL)
            results = rj_arr(res, "interventies");
    }
    if (results != NULL) {
        doc_h(&r->d, 3, "Koppelvlakken");
        figure_koppelvlakken(r, results);
    }
    render_dropped(r, rj_arr(spoor, "afgevallen"));
    render_glijbaan_phases(r);
    doc_section_close(&r->d);
}

/* --- the document ------------------------------------------------------------------ */

#define CSS \
    ":root{--ink:#111;--kop:#0b3a6e;--lijn:#c8c8c8;--zacht:#f4f6f8}" \
    "*{box-sizing:border-box}" \
    "body{margin:0;font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:20px;line-height:1.5;" \
    "color:var(--ink);background:#fff}" \
    "header.kop{background:var(--kop);color:#fff;padding:1.2em 2em}" \
    "header.kop h1{margin:.1em 0;font-size:2em}header.kop p{margin:.2em 0}" \
    "main{max-width:1100px;margin:0 auto;padding:0 1.5em 3em}" \
    "h2{color:var(--kop);font-size:1.6em;border-bottom:3px solid var(--kop);padding-bottom:.2em;margin-top:2em}" \
    "h3{color:var(--kop);font-size:1.25em;margin-top:1.6em}h4{font-size:1.05em;margin:1.2em 0 .3em}" \
    "p.veld{margin:.3em 0}p.status,p.bron,p.herkomst{color:#333;margin:.2em 0}p.bron{font-style:italic}" \
    "p.cijfers{font-size:1.1em;font-weight:bold}" \
    "p.let-op{background:#fff4e5;border-left:6px solid #e67e00;padding:.4em .8em}" \
    ".meta{color:#444;font-size:.85em}" \
    ".tag{display:inline-block;border-radius:.6em;padding:0 .5em;font-size:.75em;font-weight:bold;color:#fff;" \
    "background:#555;margin-right:.2em;vertical-align:.1em}" \
    ".omg-0{background:#b35806}.omg-1{background:#1b7837}.omg-2{background:#2166ac}.omg-3{background:#762a83}" \
    ".st-gesloten{background:#1b7837}.st-lopend{background:#b36b00}.st-gepland{background:#666}" \
    ".st-aandacht{background:#b3261e}.stap{background:var(--kop)}" \
    "ul.items>li,ul.velden>li{margin:.25em 0}" \
    "article.werkvorm,article.spoor{border:1px solid var(--lijn);border-radius:.5em;padding:.2em 1em .6em;" \
    "margin:1em 0;background:var(--zacht)}" \
    "ol.keten{padding-left:1.4em}ol.keten>li{margin:.5em 0}" \
    "table{border-collapse:collapse;width:100%;margin:.6em 0}" \
    "th,td{border:1px solid var(--lijn);padding:.3em .5em;text-align:left;vertical-align:top}" \
    "th{background:var(--zacht)}" \
    "figure{margin:1em 0}figcaption{font-size:.85em;color:#333}" \
    "svg.figuur{width:100%;height:auto;max-width:1000px;display:block}" \
    "footer{max-width:1100px;margin:2em auto;padding:1em 1.5em;border-top:1px solid var(--lijn);font-size:.8em;" \
    "color:#333}" \
    "@media print{" \
    "@page{size:A4;margin:15mm 14mm}" \
    "body{font-size:10pt}header.kop{background:none;color:var(--ink);padding:0 0 .5em;" \
    "border-bottom:3px solid var(--kop)}" \
    "main{padding:0;max-width:none}" \
    "section.sprint,section.beslisspoor,section.samen{break-before:page}" \
    "h2,h3,h4{break-after:avoid}" \
    "figure,svg,tr,article.spoor,ol.keten>li,p.let-op{break-inside:avoid}" \
    "article.werkvorm{break-inside:avoid;background:none}" \
    "svg.figuur{max-height:230mm}" \
    ".tag{border:1px solid #000;print-color-adjust:exact;-webkit-print-color-adjust:exact}" \
    "}"

static void html_head(struct render *r, const char *title)
{
    w_lit(&r->d.w, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; img-src data:\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"werkplaats\">\n<title>");
    w_text(&r->d.w, title);
    w_lit(&r->d.w, "</title>\n<style>");
    w_lit(&r->d.w, CSS);
    w_lit(&r->d.w, "</style>\n</head>\n<body>\n");
}

static void render_header(struct render *r, const char *title)
{
    json_t *sprint = json_object_get(r->model, "sprint");

    if (r->d.html)
        w_lit(&r->d.w, "<header class=\"kop\">");
    doc_p(&r->d, NULL, "Wijkaanpak met Design Thinking (CCV)");
    doc_h(&r->d, 1, title);
    doc_p_open(&r->d, NULL);
    if (json_is_integer(sprint)) {
        doc_text(&r->d, "Rapport van sprint ");
        doc_int(&r->d, (long long)json_integer_value(sprint));
    } else {
        doc_text(&r->d, "Rapport van het hele traject");
    }
    doc_text(&r->d, ", gemaakt op ");
    doc_text(&r->d, rj_str(r->model, "gemaakt"));
    doc_p_close(&r->d);
    if (r->d.html)
        w_lit(&r->d.w, "</header>\n<main>\n");
}

static void render_footer(struct render *r)
{
    const char *bewaren = json_string_value(rj_path(r->model, "casus.bewaren_tot"));

    if (r->d.html)
        w_lit(&r->d.w, "</main>\n<footer>");
    doc_p_open(&r->d, NULL);
    doc_text(&r->d, "Dit rapport bevat wat deelnemers inbrachten: persoonsgegevens onder de AVG. Deel het alleen "
                    "met wie het voor het traject nodig heeft");
    if (bewaren != NULL) {
        doc_text(&r->d, " en bewaar het niet langer dan tot ");
        doc_text(&r->d, bewaren);
    }
    doc_text(&r->d, ".");
    if (json_is_true(json_object_get(r->model, "pseudoniem")))
        doc_text(&r->d, " Namen van deelnemers zijn vervangen door hun groep en een nummer; wie voor een "
                        "organisatie meedoet, staat er met zijn rol.");
    doc_p_close(&r->d);
    doc_p(&r->d, NULL, "Gemaakt met werkplaats.");
    if (r->d.html)
        w_lit(&r->d.w, "</footer>\n</body>\n</html>\n");
}

static char *render(json_t *model, int html)
{
    struct render r;
    json_t *s, *only = json_object_get(model, "sprint");
    char title[512];
    size_t i;

    memset(&r, 0, sizeof r);
    doc_init(&r.d, html);
    r.model = model;
    r.omgevingen = rj_arr(rj_obj(model, "methode"), "omgevingen");
    r.groepen = rj_arr(rj_obj(model, "methode"), "groepen");
    snprintf(title, sizeof title, "%s, gemeente %s",
             json_string_value(rj_path(model, "casus.wijk")) ? json_string_value(rj_path(model, "casus.wijk")) : "?",
             json_string_value(rj_path(model, "casus.gemeente")) ? json_string_value(rj_path(model, "casus.gemeente"))
                                                                  : "?");
    if (html)
        html_head(&r, title);
    render_header(&r, title);
    render_overview(&r);
    if (!json_is_integer(only)) {
        render_beslisspoor(&r);
        doc_section_open(&r.d, "samen", "samen");
        doc_h(&r.d, 2, "Wie deden mee, en wat is afgesproken");
        render_all_people(&r);
        render_all_agreements(&r);
        doc_section_close(&r.d);
    }
    json_array_foreach(rj_arr(model, "sprints"), i, s)
        if (!json_is_integer(only) || rj_num(s, "nr", 0) == (double)json_integer_value(only))
            render_sprint(&r, s);
    render_footer(&r);
    return doc_take(&r.d);
}

char *rapport_html(json_t *model)
{
    return render(model, 1);
}

char *rapport_md(json_t *model)
{
    return render(model, 0);
}

#define JSON_FLAGS JSON_INDENT(2)

char *rapport_json(json_t *model)
{
    return json_dumps(model, JSON_FLAGS);
}

/* jansson hands over the JSON a few bytes at a time; they are gathered into
 * a buffer and written when it is full. */
struct json_out {
    int fd;
    size_t n;
    char buf[1 << 16];
};

static int json_out_put(const char *p, size_t size, void *data)
{
    struct json_out *o = data;

    if (o->n + size > sizeof o->buf) {
        if (writer_write_all(o->fd, o->buf, o->n) != 0)
            return -1;
        o->n = 0;
        if (size > sizeof o->buf)
            return writer_write_all(o->fd, p, size);
    }
    memcpy(o->buf + o->n, p, size);
    o->n += size;
    return 0;
}

int rapport_json_fd(json_t *model, int fd)
{
    struct json_out *o = malloc(sizeof *o);
    int rc;

    if (o == NULL) {
        errno = ENOMEM;
        return -1;
    }
    o->fd = fd;
    o->n = 0;
    rc = json_dump_callback(model, json_out_put, o, JSON_FLAGS);
    if (rc == 0)
        rc = writer_write_all(fd, o->buf, o->n);
    free(o);
    return rc;
}

static int fill_json(int fd, void *model)
{
    return rapport_json_fd(model, fd);
}

int rapport_json_save(json_t *model, const char *path)
{
    if (path != NULL)
        return writer_save_with(path, fill_json, model);
    /* What stdio already holds goes first. */
    return fflush(stdout) == 0 ? rapport_json_fd(model, STDOUT_FILENO) : -1;
}
