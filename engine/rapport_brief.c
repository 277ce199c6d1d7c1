/*
 * rapport_brief.c: the ontwerpbrief on one A4 page, as HTML or Markdown.
 *
 * The seven parts come from the model (rapport_spoor.c fills them from the
 * ontwerpbrief that sprint 3 delivered, and from sprints 1 to 3 where it
 * left a part out). One page is a promise to the municipality, so every
 * part has a budget: a number of items and characters; what does not fit
 * is counted ("en nog 3"), never silently dropped. The budgets were tuned
 * by printing the Molenwijk brief to PDF with headless Chromium.
 */
#include <stdio.h>
#include <string.h>

#include "rapport_doc.h"
#include "rapport_intern.h"

struct budget {
    const char *id;
    size_t items;     /* at most this many items */
    size_t chars;     /* each cut to this many characters */
    int inline_list;  /* one run of text joined with " · " instead of a list */
};

static const struct budget budgets[] = {
    { "probleem", 1, 280, 0 },
    { "feiten", 6, 92, 0 },
    { "eerdere_sprints", 3, 140, 0 },
    { "tijdspad", 4, 85, 0 },
    { "impact", 3, 100, 0 },
    { "betrokkenen", 12, 52, 1 },
    { "begeleiders", 3, 80, 1 },
};

/* The wijkwensen: how many, and how long each. */
#define WENSEN 3
#define WENS_TEKENS 130

static const struct budget *budget_for(const char *id)
{
    for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++)
        if (strcmp(budgets[i].id, id) == 0)
            return &budgets[i];
    return &budgets[1];
}

/* "en nog N" after a heading: one line of the page is too dear to spend on it. */
static void more(struct doc *d, size_t n)
{
    if (n == 0)
        return;
    if (d->html)
        w_lit(&d->w, " <span class=\"meer\">");
    else
        w_lit(&d->w, " (");
    w_text(&d->w, "en nog ");
    w_int(&d->w, (long long)n);
    if (d->html)
        w_lit(&d->w, "</span>");
    else
        w_lit(&d->w, ")");
}

/* The facts, with the heaviest pain of sprint 2 first when no chosen fact names it. */
static json_t *facts(json_t *brief, json_t *punten, size_t max)
{
    const char *pijn = rj_str(brief, "zwaarste_pijn");
    json_t *picked = rapport_pick(punten, max), *p;
    size_t i;
    int named = 0;

    json_array_foreach(picked, i, p)
        named = named || (pijn && json_string_value(p) && strstr(json_string_value(p), pijn));
    if (pijn != NULL && !named) {
        json_t *first = json_sprintf("zwaarste pijn (sprint 2): %s", pijn);
        if (json_array_size(picked) >= max)
            json_array_remove(picked, json_array_size(picked) - 1);
        json_array_insert_new(picked, 0, first);
    }
    return picked;
}

static void render_part(struct doc *d, json_t *brief, json_t *part, int nr)
{
    const struct budget *b = budget_for(rj_str(part, "id") ? rj_str(part, "id") : "");
    json_t *punten = rj_arr(part, "punten"), *shown, *p;
    size_t i, total = json_array_size(punten);

    shown = strcmp(b->id, "feiten") == 0 ? facts(brief, punten, b->items) : rapport_pick(punten, b->items);
    if (d->html)
        w_lit(&d->w, "<div class=\"deel\">");
    doc_h_open(d, 2);
    w_int(&d->w, nr);
    w_lit(&d->w, ". ");
    w_text(&d->w, rj_str(part, "titel"));
    /* A fact about the heaviest pain may take a place; count against the list. */
    more(d, total > json_array_size(shown) ? total - json_array_size(shown) : 0);
    doc_h_close(d, 2);
    if (json_array_size(shown) == 0)
        doc_p(d, "leeg", "Nog niet ingevuld.");
    else if (b->inline_list || json_array_size(shown) == 1) {
        doc_p_open(d, b->inline_list ? "rij" : NULL);
        json_array_foreach(shown, i, p) {
            if (i)
                w_lit(&d->w, " · ");
            w_text_cut(&d->w, json_string_value(p), b->chars);
        }
        doc_p_close(d);
    } else {
        doc_list_open(d, 0, NULL);
        json_array_foreach(shown, i, p) {
            doc_item_open(d);
            w_text_cut(&d->w, json_string_value(p), b->chars);
            doc_item_close(d);
        }
        doc_list_close(d, 0);
    }
    json_decref(shown);
    if (d->html)
        w_lit(&d->w, "</div>\n");
}

static void render_wishes(struct doc *d, json_t *wishes)
{
    json_t *w;
    size_t i;

    if (json_array_size(wishes) == 0)
        return;
    if (d->html)
        w_lit(&d->w, "<div class=\"deel wensen\">");
    doc_h_open(d, 2);
    w_text(&d->w, "Gewenste situatie: de wijkwensen");
    more(d, json_array_size(wishes) > WENSEN ? json_array_size(wishes) - WENSEN : 0);
    doc_h_close(d, 2);
    doc_list_open(d, 0, NULL);
    json_array_foreach(wishes, i, w) {
        if (i == WENSEN)
            break;
        doc_item_open(d);
        w_text_cut(&d->w, rj_str(w, "tekst"), WENS_TEKENS);
        if (rj_num(w, "stemmen", 0) > 0) {
            doc_meta_open(d);
            w_num(&d->w, rj_num(w, "stemmen", 0), 1);
            w_text(&d->w, rj_num(w, "stemmen", 0) == 1 ? " stem" : " stemmen");
            doc_meta_close(d);
        }
        doc_item_close(d);
    }
    doc_list_close(d, 0);
    if (d->html)
        w_lit(&d->w, "</div>\n");
}

static void render_approvals(struct doc *d, json_t *brief)
{
    json_t *list = rj_arr(brief, "goedkeuringen"), *a;
    size_t i;

    if (d->html)
        w_lit(&d->w, "<div class=\"deel goedkeuring\">");
    doc_h(d, 2, "Goedgekeurd door de sleutelbetrokkenen");
    if (json_array_size(list) == 0)
        doc_p(d, "leeg", "De casus noemt geen sleutelbetrokkenen.");
    doc_list_open(d, 0, "akkoord");
    json_array_foreach(list, i, a) {
        int ok = rj_str(a, "datum") != NULL;
        doc_item_open(d);
        /* The date first: when a long name must be cut, the date stays. */
        doc_tag(d, ok ? "st-gesloten" : "st-aandacht", ok ? rj_str(a, "datum") : "nog niet");
        w_text(&d->w, rj_str(a, "wie"));
        doc_item_close(d);
    }
    doc_list_close(d, 0);
    if (d->html)
        w_lit(&d->w, "</div>\n");
}

#define CSS \
    "*{box-sizing:border-box}" \
    "body{margin:0;background:#d9dde2;font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#111}" \
    ".blad{width:210mm;min-height:297mm;margin:1em auto;background:#fff;padding:9mm 12mm;" \
    "box-shadow:0 0 8px rgba(0,0,0,.3);font-size:9.2pt;line-height:1.3}" \
    "header{border-bottom:3px solid #0b3a6e;margin-bottom:3mm;padding-bottom:2mm}" \
    "header p{margin:0;color:#333}header h1{margin:.5mm 0;font-size:17pt;color:#0b3a6e}" \
    ".opgave{font-style:italic}" \
    "h2{font-size:9.6pt;color:#0b3a6e;margin:0 0 1mm;border-bottom:1px solid #9bb0c8}" \
    ".raster{display:grid;grid-template-columns:1fr 1fr;gap:2.2mm 5mm}" \
    ".deel{break-inside:avoid}.breed{grid-column:1/3}" \
    "ul{margin:0;padding-left:4.2mm}li{margin:0 0 .6mm}p{margin:0 0 1mm}" \
    ".meta{color:#444}.meer,.leeg{color:#444;font-style:italic;font-weight:normal;font-size:8pt}" \
    ".tag{display:inline-block;border-radius:1mm;padding:0 1mm;font-size:7pt;font-weight:bold;color:#fff;" \
    "margin-right:1mm;print-color-adjust:exact;-webkit-print-color-adjust:exact}" \
    ".st-gesloten{background:#1b7837}.st-aandacht{background:#b3261e}.st-lopend{background:#b36b00}" \
    "ul.akkoord{list-style:none;padding:0;columns:2;column-gap:5mm}ul.akkoord .tag{min-width:17mm;text-align:center}ul.akkoord li{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}" \
    ".status{float:right;font-weight:bold;font-size:9pt}" \
    "footer{margin-top:2mm;font-size:7pt;color:#444;border-top:1px solid #ccc;padding-top:1mm}" \
    "@media print{@page{size:A4;margin:9mm 12mm}body{background:#fff}" \
    ".blad{width:auto;margin:0;padding:0;box-shadow:none;min-height:0}}"

static char *render_brief(json_t *model, int html)
{
    json_t *brief = rj_obj(model, "ontwerpbrief"), *part;
    struct doc d;
    size_t i;
    char title[512];

    doc_init(&d, html);
    snprintf(title, sizeof title, "Ontwerpbrief %s, gemeente %s", rj_str(brief, "wijk") ? rj_str(brief, "wijk") : "?",
             rj_str(brief, "gemeente") ? rj_str(brief, "gemeente") : "?");
    if (html) {
        w_lit(&d.w, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; img-src data:\">\n<title>");
        w_text(&d.w, title);
        w_lit(&d.w, "</title>\n<style>");
        w_lit(&d.w, CSS);
        w_lit(&d.w, "</style>\n</head>\n<body>\n<article class=\"blad\">\n<header>");
        w_lit(&d.w, "<span class=\"status\">");
        doc_tag(&d, strcmp(rj_str(brief, "status") ? rj_str(brief, "status") : "", "goedgekeurd") == 0
                        ? "st-gesloten" : "st-lopend", rj_str(brief, "status") ? rj_str(brief, "status") : "?");
        w_lit(&d.w, "</span>");
    }
    doc_p(&d, NULL, "Wijkaanpak met Design Thinking (CCV) · sprint 3, Wijkwens(en)");
    doc_h(&d, 1, title);
    if (!html)
        doc_field(&d, "Status:", rj_str(brief, "status"));
    if (rj_str(brief, "gezamenlijke_opgave") && rj_str(brief, "gezamenlijke_opgave")[0]) {
        doc_p_open(&d, "opgave");
        doc_text(&d, "Gezamenlijke opgave: ");
        w_text_cut(&d.w, rj_str(brief, "gezamenlijke_opgave"), 200);
        doc_p_close(&d);
    }
    if (html)
        w_lit(&d.w, "</header>\n<div class=\"raster\">\n<div class=\"breed\">");
    /* Parts 1, 6 and 7 and the approvals run across the page; 2 to 5 in two columns. */
    json_array_foreach(rj_arr(brief, "delen"), i, part) {
        if (html && i == 5)
            w_lit(&d.w, "<div class=\"breed\">");
        render_part(&d, brief, part, (int)i + 1);
        if (i == 0)
            render_wishes(&d, rj_arr(brief, "wijkwensen"));
        if (html && (i == 0 || i == 6))
            w_lit(&d.w, "</div>\n");
    }
    if (html)
        w_lit(&d.w, "<div class=\"breed\">");
    render_approvals(&d, brief);
    if (html)
        w_lit(&d.w, "</div>\n</div>\n<footer>");
    doc_p_open(&d, NULL);
    doc_text(&d, "Zodra alle sleutelbetrokkenen deze ontwerpbrief hebben goedgekeurd, is iedereen eraan "
                 "gebonden. Gemaakt met werkplaats op ");
    doc_text(&d, rj_str(model, "gemaakt"));
    doc_text(&d, ".");
    doc_p_close(&d);
    if (html)
        w_lit(&d.w, "</footer>\n</article>\n</body>\n</html>\n");
    return doc_take(&d);
}

char *rapport_ontwerpbrief_html(json_t *model)
{
    return render_brief(model, 1);
}

char *rapport_ontwerpbrief_md(json_t *model)
{
    return render_brief(model, 0);
}
