/*
 * regie.h: the facilitator's live regie: running one werkvorm session from
 * the terminal, on a full screen (ncurses) or line by line (--eenvoudig, for
 * screen readers and pipes).
 *
 * Both front ends speak one small "regie language" (regie_parse) and act
 * through one controller (struct regie) on the session API, so they do
 * exactly the same thing. Every line that creates, changes or removes a fact
 * goes to the store first; what the front ends show is read back from the
 * store (the facts view and the clock), never kept on the side. The only
 * state that is not a fact is the concept of a besluit: the objections
 * gathered before the decision is taken (see REGIE_BEZWAAR).
 *
 * The language, one line at a time (the step's kind decides what content is):
 *
 *   bijdrage   [@wie] [#omgeving ...] [veld:] tekst [#omgeving ...]
 *              also: ! (gevoelig), =ID (own id), ^ID (bouwt voort op ID)
 *   stem       @wie REF REF REF  |  @wie REF=2 REF  (several @wie per line)
 *   plaatsing  [@wie] OP WAARDE [: tekst]   (WAARDE a number or a scale label)
 *   besluit    [besluit] [@wie] UITKOMST: tekst [| bezwaar ...]
 *   bezwaar    bezwaar [@wie]: tekst [=> [opgelost:] oplossing]
 *   commands   volgende, vorige, pauze, hervat, ongedaan, wijzig REF: tekst,
 *              verwijder REF, +ID GROEP [naam], lijst, tijd, sluit, stop,
 *              hulp (or ?); each may start with '/'; a leading '\' makes a
 *              line content even when it reads like a command.
 *
 * Names are completed by prefix (@an -> anna, #fys -> fysiek, z: -> ziet:)
 * when only one candidate fits; an unknown or ambiguous name is refused with
 * a Dutch message and a "bedoelde je" hint.
 */
#ifndef WERKPLAATS_REGIE_H
#define WERKPLAATS_REGIE_H

#include <stdio.h>
#include <wchar.h>

#include "werkplaats/error.h"
#include "werkplaats/plugin.h"
#include "werkplaats/sessie.h"

/* --- the regie language --------------------------------------------------- */

#define REGIE_MAX_REGEL 4200      /* bytes of one line (a text may hold 4000) */
#define REGIE_MAX_TEKENS 1000     /* characters the edit line takes */
#define REGIE_MAX_FEITEN 32       /* facts one line may ask for (a vote tally) */
#define REGIE_MAX_OMGEVINGEN 8
#define REGIE_MAX_BEZWAREN 16

enum regie_opdracht {
    REGIE_NIETS,       /* an empty line */
    REGIE_INVOER,      /* content for the current step: feiten[0..n_feiten) */
    REGIE_BEZWAAR,     /* an objection for the besluit being prepared: bezwaren[0] */
    REGIE_VOLGENDE,
    REGIE_VORIGE,
    REGIE_PAUZE,       /* stops the clock, or starts it again when it stands still */
    REGIE_HERVAT,
    REGIE_ONGEDAAN,
    REGIE_WIJZIG,      /* ref, and feiten[0] with what changes */
    REGIE_VERWIJDER,   /* ref */
    REGIE_DEELNEMER,   /* nieuw: a participant to add */
    REGIE_LIJST,
    REGIE_TIJD,
    REGIE_SLUIT,
    REGIE_STOP,
    REGIE_HULP
};

/* What names are completed against. Lists are NULL-terminated and borrowed;
 * the names a parse returns may point into them. */
struct regie_woorden {
    const struct plugin_stap *stap;    /* the current step */
    const char *const *deelnemers;     /* deelnemer ids */
    const char *const *omgevingen;     /* the methode's omgevingen */
    const char *const *groepen;        /* the methode's groups, for +deelnemer */
    const char *const *items;          /* stem/plaatsing: what can be voted on or placed;
                                          NULL: free labels */
};

/* One fact a line asks for. */
struct regie_feit {
    enum feit_soort soort;
    const char *deelnemer;
    const char *veld;
    const char *tekst;
    const char *omgevingen[REGIE_MAX_OMGEVINGEN + 1];
    size_t n_omgevingen;
    const char *ref;          /* bijdrage: its own id (=ID) */
    const char *bij;          /* bijdrage: ^ID */
    const char *op;           /* stem, plaatsing */
    double waarde;            /* stem: count; plaatsing: position */
    const char *uitkomst;     /* besluit */
    int gevoelig;
};

struct regie_bezwaar {
    const char *wie;
    const char *tekst;
    const char *opgelost;
};

struct regie_nieuw {
    const char *id;
    const char *groep;
    const char *naam;
};

struct regie_regel {
    enum regie_opdracht opdracht;
    struct regie_feit feiten[REGIE_MAX_FEITEN];
    size_t n_feiten;
    struct regie_bezwaar bezwaren[REGIE_MAX_BEZWAREN];  /* besluit: inline; bezwaar: [0] */
    size_t n_bezwaren;
    const char *ref;              /* wijzig, verwijder */
    struct regie_nieuw nieuw;     /* +deelnemer */
    char buf[REGIE_MAX_REGEL + 1];/* the line, split in place */
};

/* Parses one line for the current step. Names are resolved against w.
 * Returns 0, or -1 with one Dutch message in err; *out is then undefined. */
int regie_parse(const struct regie_woorden *w, const char *line, struct regie_regel *out, wp_error *err);

/* Tab completion: the word that ends at byte cursor of line is completed
 * against what it can name there (@ deelnemers, # omgevingen, a leading /
 * commands, a first word ending in ':' velden, stem/plaatsing items). On one
 * match, returns the text to insert at the cursor (may be ""); otherwise
 * NULL and, when several fit, their list "a, b, c" in choices. */
const char *regie_complete(const struct regie_woorden *w, const char *line, size_t cursor, char *insert,
                           size_t insert_size, char *choices, size_t choices_size);

/* The name of point value on the step's scale, or NULL when the scale has
 * no names (a card may give an empty list for that). */
const char *regie_scale_label(const struct plugin_stap *stap, double value);

/* The full help: keys and language (Dutch, plain text). */
const char *regie_hulp(void);

/* --- the clock as people read it ------------------------------------------ */

enum regie_tijd { TIJD_RUIM, TIJD_BIJNA, TIJD_OVER };

/* "12:34 van 15:00", "!01:10 van 15:00" in the last 20% (at most the last
 * two minutes), "+03:12 over tijd" past the timebox. */
enum regie_tijd regie_klok_tekst(long long verstreken_ms, long long duur_ms, char *buf, size_t size);

/* --- the controller ------------------------------------------------------- */

enum regie_melding {
    MELDING_OK,        /* a fact was stored ("opgeslagen: ...") */
    MELDING_FOUT,      /* refused; nothing was stored for the refused part */
    MELDING_INFO,      /* a note: the clock, the werkvorm's own message at a step change */
    MELDING_STAP,      /* the session moved to another step (show it again) */
    MELDING_HULP,      /* the full help was asked for (the text is regie_hulp()) */
    MELDING_LIJST      /* the rows were asked for, one a line, items indented */
};

typedef void (*regie_melder)(void *ctx, enum regie_melding soort, const char *tekst);

/* A row of what the step shows: a heading, or an item (a contribution, a
 * tally, a placement, a decision) with the ref that edit and remove use. */
struct regie_rij {
    int kop;
    char *ref;                /* NULL when the row cannot be edited */
    char *tekst;
};

struct regie;

/* Takes over s. Resumes the clock when quitting stopped it; a pause the
 * facilitator chose stays. Messages go to meld. */
struct regie *regie_new(struct sessie *s, regie_melder meld, void *ctx, wp_error *err);
/* Frees the controller and the session. */
void regie_free(struct regie *r);

struct sessie *regie_sessie(struct regie *r);

/* Runs one line. On a refusal returns -1 and, when rest is not NULL, sets
 * *rest to what should stay in the edit line (the line, or the part of a
 * tally that was not stored); caller frees. */
int regie_line(struct regie *r, const char *line, char **rest);

/* The commands behind keys: volgende, vorige, pauze, ongedaan, stop. */
int regie_command(struct regie *r, enum regie_opdracht op);

/* The line that edits or removes the contribution ref, for the edit line. */
char *regie_edit_line(struct regie *r, const char *ref, int remove);

/* Records that the facilitator quits: the pause "afgesloten", unless the
 * clock already stands still. Safe to call twice. */
int regie_stop(struct regie *r);

/* True once the facilitator quit or the werkvorm closed. */
int regie_done(const struct regie *r);
int regie_closed(const struct regie *r);

struct regie_klok {
    long long stap_ms, stap_duur_ms;
    long long totaal_ms, totaal_duur_ms;
    int gepauzeerd;
};
int regie_klok(struct regie *r, struct regie_klok *k);

/* The rows for the current step, rebuilt after every fact. */
const struct regie_rij *regie_rows(struct regie *r, size_t *n);

/* What the current step takes, in one line ("bijdrage; velden: ziet, voelt"). */
const char *regie_step_hint(struct regie *r, char *buf, size_t size);

/* The ref of the contribution stored last among the rows, or NULL. */
const char *regie_newest_ref(struct regie *r);

/* The werkvorm's message at the last step change, or NULL. */
const char *regie_step_message(const struct regie *r);

/* The completion words for the current step. */
const struct regie_woorden *regie_words(struct regie *r);

/* --- the front ends -------------------------------------------------------- */

/* The full screen. Takes over s; returns 0 or a wp_code with err filled. */
int regie_screen(struct sessie *s, wp_error *err);

/* The line mode: reads in, writes out (no escape sequences). Takes over s.
 * Returns 0, or WP_EUSER when a line was refused and in is not a terminal
 * (so a script sees it failed). End of input quits as 'stop' does. */
int regie_lines(struct sessie *s, FILE *in, FILE *out, FILE *errout, wp_error *err);

/* --- the edit line (wide characters; shared by the screen and its tests) --- */

struct regie_invoer {
    wchar_t tekst[REGIE_MAX_TEKENS + 1];
    size_t len;       /* characters */
    size_t cursor;    /* 0..len */
    size_t eerste;    /* first character shown (horizontal scroll) */
};

void regie_invoer_set(struct regie_invoer *e, const char *utf8);
/* The line as UTF-8 into buf; returns buf, or NULL when it does not fit. */
char *regie_invoer_utf8(const struct regie_invoer *e, char *buf, size_t size);
int regie_invoer_insert(struct regie_invoer *e, wchar_t c);
void regie_invoer_backspace(struct regie_invoer *e);
void regie_invoer_delete(struct regie_invoer *e);
void regie_invoer_left(struct regie_invoer *e);
void regie_invoer_right(struct regie_invoer *e);
void regie_invoer_home(struct regie_invoer *e);
void regie_invoer_end(struct regie_invoer *e);
void regie_invoer_kill(struct regie_invoer *e);  /* from the cursor to the end */
/* Scrolls so that the cursor fits in width columns; returns the column of the cursor. */
int regie_invoer_scroll(struct regie_invoer *e, int width);

/* Display width of a wide character (wcwidth, 1 for what it cannot tell). */
int regie_wcwidth(wchar_t c);

/* Decodes UTF-8 into at most max wide characters (invalid bytes are
 * skipped, control characters kept); returns how many were written. */
size_t regie_utf8_wcs(const char *s, wchar_t *out, size_t max);

#endif
