/*
 * text.h: small text helpers shared by every module: "did you mean" hints,
 * UTF-8 checks and the lists of choices that messages name.
 */
#ifndef WERKPLAATS_TEXT_H
#define WERKPLAATS_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* The candidate closest to word (by edit distance, case-insensitive), or NULL
 * when none is close enough to be a likely typo. candidates is NULL-terminated. */
const char *text_suggest(const char *word, const char *const *candidates);

/* Writes ", bedoelde je 'x'?" into buf when a candidate is close, else "". */
const char *text_hint(char *buf, size_t size, const char *word, const char *const *candidates);

/* Writes the candidates as "'a', 'b' of 'c'" into buf. */
const char *text_choices(char *buf, size_t size, const char *const *candidates);

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t len);

/* The first code point in valid UTF-8 s[0..len) that can steer a terminal:
 * C0 controls other than tab, newline and carriage return, DEL, and the C1
 * controls (U+0080..U+009F, CSI among them). -1 when there is none. */
long text_find_control(const char *s, size_t len);

/* Why a file could not be read, in Dutch, for errno e (the common causes;
 * strerror otherwise). */
const char *text_read_problem(int e);

/* Number of code points in a valid UTF-8 string of len bytes. */
size_t text_utf8_len(const char *s, size_t len);

/* Prints s left-aligned in a column of width characters (not bytes), so
 * that "Ideeën" lines up with "Testen". */
void text_print_padded(FILE *out, const char *s, int width);

/* strdup that returns NULL for NULL. */
char *text_dup(const char *s);

/* The index of s in the NULL-terminated list, or -1. */
int text_index(const char *s, const char *const *list);

/* Writes v in decimal (as "%lld" would) at buf, which has room for
 * TEXT_DECIMAL_MAX bytes, without a terminating NUL; returns the length.
 * For the numbers written once per fact or per value, where snprintf
 * costs some ten times more. */
#define TEXT_DECIMAL_MAX 20
size_t text_decimal(char *buf, long long v);

#endif
