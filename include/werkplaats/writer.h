/*
 * writer.h: a growing text buffer that escapes every piece of text it is
 * given for the format being written (HTML/SVG, Markdown, CSV or plain).
 *
 * Reports carry what participants wrote, and a contribution may read
 * `<script>` or `"><img onerror=...>`. So the writer has exactly two ways in:
 *
 *   w_lit(w, "<p>")   markup, which must be a string literal: the macro
 *                     pastes "" around its argument, so anything but a
 *                     literal does not compile;
 *   w_text(w, s)      text, always escaped for the writer's format.
 *
 * Numbers go through w_int / w_num / w_coord, and an already-escaped part
 * (an SVG picture made by another writer) through w_append. No path writes
 * text unescaped.
 *
 * Memory failures are sticky: the writer stops growing, sets `failed`, and
 * writer_take() returns NULL, so callers check once at the end.
 */
#ifndef WERKPLAATS_WRITER_H
#define WERKPLAATS_WRITER_H

#include <stddef.h>

enum writer_format {
    WRITER_HTML,   /* HTML and SVG (XML): & < > " ' escaped, XML-invalid characters dropped */
    WRITER_MD,     /* Markdown: markup characters backslash-escaped, lines kept on one line */
    WRITER_CSV,    /* one RFC 4180 field per w_text call (see w_csv_field) */
    WRITER_PLAIN   /* as is, but XML-invalid control characters dropped */
};

struct writer {
    char *buf;
    size_t len, cap;
    int failed;
    enum writer_format format;
};

void writer_init(struct writer *w, enum writer_format format);
void writer_free(struct writer *w);

/* Hands over the text (NUL-terminated; *len may be NULL) and empties the
 * writer; NULL when memory ran out at any point. Caller frees. */
char *writer_take(struct writer *w, size_t *len);

/* Only for w_lit: appends n bytes of a string literal. */
void writer_literal_(struct writer *w, const char *literal, size_t n);
#define w_lit(w, s) writer_literal_((w), "" s "", sizeof("" s "") - 1)

/* Text, escaped for the writer's format; NULL writes nothing. Invalid UTF-8
 * becomes U+FFFD, so the output is always valid UTF-8 (and valid XML). */
void w_text(struct writer *w, const char *s);
void w_textn(struct writer *w, const char *s, size_t n);

/* Text cut to at most max characters (code points) at a word boundary when
 * possible, with "…" when it was cut. */
void w_text_cut(struct writer *w, const char *s, size_t max);

/* Whole numbers; decimal numbers for people (Dutch decimal comma, at most
 * `decimals` digits, trailing zeros dropped); coordinates for SVG ('.'). */
void w_int(struct writer *w, long long v);
void w_num(struct writer *w, double v, int decimals);
void w_coord(struct writer *w, double v);

/* Appends what another writer produced (already escaped for its format). */
void w_append(struct writer *w, const struct writer *part);

/* CSV: one field, quoted per RFC 4180 when it holds a comma, quote, CR or
 * LF. Text that a spreadsheet would run as a formula (starting with = + -
 * @ or a tab) gets a leading apostrophe. w_csv_sep / w_csv_end write the
 * comma and the CRLF line end. */
void w_csv_field(struct writer *w, const char *s);
void w_csv_sep(struct writer *w);
void w_csv_end(struct writer *w);

/* The number of code points in a UTF-8 string (invalid bytes count one each). */
size_t writer_utf8_len(const char *s);

/* Writes the text to path, created or replaced with owner-only permissions
 * (0600): it holds what participants said. The file appears whole or not at
 * all (written beside it, then renamed). Returns 0, or -1 with errno set. */
int writer_save(const char *path, const char *text, size_t len);

/* The same, with the content written by fill(fd, ctx) (0, or -1 with errno
 * set), so a large output need not be held as one string first. */
int writer_save_with(const char *path, int (*fill)(int fd, void *ctx), void *ctx);

/* Writes all of p to fd, retrying after signals. Returns 0, or -1 with errno set. */
int writer_write_all(int fd, const char *p, size_t len);

/* Why writer_save failed (its errno), in the facilitator's words. */
const char *writer_problem(int e);

#endif
