/*
 * rapport_doc.h: document building blocks that write HTML or Markdown.
 *
 * The report and the ontwerpbrief are written once against these blocks;
 * the writer's format decides the markup. Every text goes through the
 * writer's escaping; markup only comes from literals in rapport_doc.c.
 */
#ifndef WERKPLAATS_RAPPORT_DOC_H
#define WERKPLAATS_RAPPORT_DOC_H

#include "werkplaats/writer.h"

struct doc {
    struct writer w;
    int html;          /* 1: HTML, 0: Markdown */
    int depth;         /* open lists */
    int cells;         /* Markdown: cells written in the current table row */
};

void doc_init(struct doc *d, int html);

/* Hands over the document (caller frees); NULL when memory ran out. */
char *doc_take(struct doc *d);

/* Headings: level 1..4; doc_h writes a whole one, open/close frame parts. */
void doc_h(struct doc *d, int level, const char *text);
void doc_h_open(struct doc *d, int level);
void doc_h_close(struct doc *d, int level);

/* Paragraphs and inline parts. */
void doc_p_open(struct doc *d, const char *cls);
void doc_p_close(struct doc *d);
void doc_p(struct doc *d, const char *cls, const char *text);
void doc_text(struct doc *d, const char *text);
void doc_strong(struct doc *d, const char *text);
void doc_int(struct doc *d, long long v);
/* "label: text" as its own line. */
void doc_field(struct doc *d, const char *label, const char *text);
/* A small coloured tag (HTML) or [tag] (Markdown); cls is a class from the code. */
void doc_tag(struct doc *d, const char *cls, const char *text);
/* Secondary text after an item ("12 stemmen, bewoners"). */
void doc_meta_open(struct doc *d);
void doc_meta_close(struct doc *d);

/* Lists (nested lists are fine). */
void doc_list_open(struct doc *d, int ordered, const char *cls);
void doc_item_open(struct doc *d);
void doc_item_close(struct doc *d);
void doc_list_close(struct doc *d, int ordered);

/* Tables: open with the header cells separated by '|' (a literal from the code). */
void doc_table_open(struct doc *d, const char *cls, const char *headers);
void doc_row_open(struct doc *d);
void doc_cell_open(struct doc *d);
void doc_cell_close(struct doc *d);
void doc_cell(struct doc *d, const char *text);
void doc_row_close(struct doc *d);
void doc_table_close(struct doc *d);

/* Sections (HTML <section class=...>, Markdown: a blank line); figures
 * (HTML only: a <figure> around an SVG written by svg.c). */
void doc_section_open(struct doc *d, const char *cls, const char *id);
void doc_section_close(struct doc *d);
void doc_figure_open(struct doc *d);
void doc_figure_close(struct doc *d, const char *caption);

#endif
