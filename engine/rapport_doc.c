/*
 * rapport_doc.c: HTML and Markdown markup for the report building blocks.
 */
#include "rapport_doc.h"

#include <string.h>

void doc_init(struct doc *d, int html)
{
    memset(d, 0, sizeof *d);
    writer_init(&d->w, html ? WRITER_HTML : WRITER_MD);
    d->html = html;
}

/* A class or id attribute from the code; escaped like any value. */
static void class_attr(struct writer *w, const char *cls)
{
    if (cls == NULL || cls[0] == '\0')
        return;
    w_lit(w, " class=\"");
    w_text(w, cls);
    w_lit(w, "\"");
}

void doc_h_open(struct doc *d, int level)
{
    if (level < 1)
        level = 1;
    if (level > 4)
        level = 4;
    if (!d->html) {
        w_lit(&d->w, "\n");
        if (level == 1)
            w_lit(&d->w, "# ");
        else if (level == 2)
            w_lit(&d->w, "## ");
        else if (level == 3)
            w_lit(&d->w, "### ");
        else
            w_lit(&d->w, "#### ");
        return;
    }
    if (level == 1)
        w_lit(&d->w, "<h1>");
    else if (level == 2)
        w_lit(&d->w, "<h2>");
    else if (level == 3)
        w_lit(&d->w, "<h3>");
    else
        w_lit(&d->w, "<h4>");
}

void doc_h_close(struct doc *d, int level)
{
    if (!d->html) {
        w_lit(&d->w, "\n\n");
        return;
    }
    if (level <= 1)
        w_lit(&d->w, "</h1>\n");
    else if (level == 2)
        w_lit(&d->w, "</h2>\n");
    else if (level == 3)
        w_lit(&d->w, "</h3>\n");
    else
        w_lit(&d->w, "</h4>\n");
}

void doc_h(struct doc *d, int level, const char *text)
{
    doc_h_open(d, level);
    w_text(&d->w, text);
    doc_h_close(d, level);
}

/* In Markdown a paragraph inside a list item would need exact indentation
 * to stay in the item; it continues the item's line after a dash instead. */
void doc_p_open(struct doc *d, const char *cls)
{
    if (d->html) {
        w_lit(&d->w, "<p");
        class_attr(&d->w, cls);
        w_lit(&d->w, ">");
    } else if (d->depth > 0) {
        w_lit(&d->w, " — ");
    }
}

void doc_p_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</p>\n");
    else if (d->depth == 0)
        w_lit(&d->w, "\n\n");
}

char *doc_take(struct doc *d)
{
    char *text = writer_take(&d->w, NULL), *in, *out;
    int newlines = 0;

    if (text == NULL || d->html)
        return text;
    /* Markdown: at most one blank line in a row, for people who read it as plain text. */
    for (in = out = text; *in; in++) {
        newlines = *in == '\n' ? newlines + 1 : 0;
        if (newlines <= 2)
            *out++ = *in;
    }
    *out = '\0';
    for (in = text; *in == '\n'; in++)
        ;
    memmove(text, in, strlen(in) + 1);
    return text;
}

void doc_p(struct doc *d, const char *cls, const char *text)
{
    doc_p_open(d, cls);
    w_text(&d->w, text);
    doc_p_close(d);
}

void doc_text(struct doc *d, const char *text)
{
    w_text(&d->w, text);
}

void doc_strong(struct doc *d, const char *text)
{
    if (d->html)
        w_lit(&d->w, "<strong>");
    else
        w_lit(&d->w, "**");
    w_text(&d->w, text);
    if (d->html)
        w_lit(&d->w, "</strong>");
    else
        w_lit(&d->w, "**");
}

void doc_int(struct doc *d, long long v)
{
    w_int(&d->w, v);
}

void doc_field(struct doc *d, const char *label, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    doc_p_open(d, "veld");
    doc_strong(d, label);
    w_lit(&d->w, " ");
    w_text(&d->w, text);
    doc_p_close(d);
}

void doc_tag(struct doc *d, const char *cls, const char *text)
{
    if (d->html) {
        w_lit(&d->w, "<span class=\"tag ");
        w_text(&d->w, cls);
        w_lit(&d->w, "\">");
        w_text(&d->w, text);
        w_lit(&d->w, "</span> ");
    } else {
        w_lit(&d->w, "[");
        w_text(&d->w, text);
        w_lit(&d->w, "] ");
    }
}

void doc_meta_open(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, " <span class=\"meta\">");
    else
        w_lit(&d->w, " _(");
}

void doc_meta_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</span>");
    else
        w_lit(&d->w, ")_");
}

/* --- lists --------------------------------------------------------------------- */

void doc_list_open(struct doc *d, int ordered, const char *cls)
{
    d->depth++;
    if (!d->html) {
        if (d->depth == 1)
            w_lit(&d->w, "\n");
        return;
    }
    if (ordered)
        w_lit(&d->w, "<ol");
    else
        w_lit(&d->w, "<ul");
    class_attr(&d->w, cls);
    w_lit(&d->w, ">\n");
}

void doc_item_open(struct doc *d)
{
    if (d->html) {
        w_lit(&d->w, "<li>");
        return;
    }
    w_lit(&d->w, "\n");
    for (int i = 1; i < d->depth; i++)
        w_lit(&d->w, "    ");
    w_lit(&d->w, "- ");
}

void doc_item_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</li>\n");
}

void doc_list_close(struct doc *d, int ordered)
{
    if (d->depth > 0)
        d->depth--;
    if (!d->html) {
        if (d->depth == 0)
            w_lit(&d->w, "\n\n");
        return;
    }
    if (ordered)
        w_lit(&d->w, "</ol>\n");
    else
        w_lit(&d->w, "</ul>\n");
}

/* --- tables -------------------------------------------------------------------- */

void doc_table_open(struct doc *d, const char *cls, const char *headers)
{
    const char *p = headers;
    int n = 0;

    if (d->html) {
        w_lit(&d->w, "<table");
        class_attr(&d->w, cls);
        w_lit(&d->w, "><thead><tr>");
    } else {
        w_lit(&d->w, "\n|");
    }
    while (*p) {
        size_t len = strcspn(p, "|");
        if (d->html)
            w_lit(&d->w, "<th>");
        else
            w_lit(&d->w, " ");
        w_textn(&d->w, p, len);
        if (d->html)
            w_lit(&d->w, "</th>");
        else
            w_lit(&d->w, " |");
        n++;
        p += len;
        if (*p == '|')
            p++;
    }
    if (d->html) {
        w_lit(&d->w, "</tr></thead><tbody>\n");
        return;
    }
    w_lit(&d->w, "\n|");
    for (int i = 0; i < n; i++)
        w_lit(&d->w, "---|");
}

void doc_row_open(struct doc *d)
{
    d->cells = 0;
    if (d->html)
        w_lit(&d->w, "<tr>");
    else
        w_lit(&d->w, "\n|");
}

void doc_cell_open(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "<td>");
    else
        w_lit(&d->w, " ");
}

void doc_cell_close(struct doc *d)
{
    d->cells++;
    if (d->html)
        w_lit(&d->w, "</td>");
    else
        w_lit(&d->w, " |");
}

void doc_cell(struct doc *d, const char *text)
{
    doc_cell_open(d);
    w_text(&d->w, text ? text : "");
    doc_cell_close(d);
}

void doc_row_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</tr>\n");
}

void doc_table_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</tbody></table>\n");
    else
        w_lit(&d->w, "\n\n");
}

/* --- sections and figures ---------------------------------------------------------- */

void doc_section_open(struct doc *d, const char *cls, const char *id)
{
    if (!d->html) {
        w_lit(&d->w, "\n");
        return;
    }
    w_lit(&d->w, "<section");
    class_attr(&d->w, cls);
    if (id != NULL) {
        w_lit(&d->w, " id=\"");
        w_text(&d->w, id);
        w_lit(&d->w, "\"");
    }
    w_lit(&d->w, ">\n");
}

void doc_section_close(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "</section>\n");
}

void doc_figure_open(struct doc *d)
{
    if (d->html)
        w_lit(&d->w, "<figure>");
}

void doc_figure_close(struct doc *d, const char *caption)
{
    if (!d->html)
        return;
    if (caption != NULL) {
        w_lit(&d->w, "<figcaption>");
        w_text(&d->w, caption);
        w_lit(&d->w, "</figcaption>");
    }
    w_lit(&d->w, "</figure>\n");
}
