/*
 * regie_scherm.c: the full regie screen (ncursesw), for the laptop on the
 * projector:
 *
 *   row 0      werkvorm, sprint, step                   (reverse video)
 *   row 1      the step clock and the werkvorm clock    (warning, overtime)
 *   row 2      what the step takes
 *   rows       the instruction to read aloud (F7 pages through a long one)
 *   rows       what was said so far, grouped as the step defines (scrolls)
 *   rows       the last message (wrapped, at most three rows)
 *   row H-2    the edit line
 *   row H-1    the keys
 *
 * It redraws from the store after every fact and once a second for the
 * clock; ncurses sends only what changed, so nothing flickers. Text is
 * measured in display columns (wcwidth), never in bytes. Without colours
 * (NO_COLOR, or a terminal without them) the clock's "!" and "over tijd"
 * and a "fout:" prefix carry the warning.
 */
#include "regie_internal.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

enum { KLEUR_KOP = 1, KLEUR_BIJNA, KLEUR_FOUT, KLEUR_OK, KLEUR_GROEP };

#define MAX_MELDING 1024
#define TEKST_MAX (REGIE_MAX_REGEL + 64)

struct scherm {
    struct regie *r;
    struct regie_invoer e;
    char melding[MAX_MELDING];
    enum regie_melding soort;
    int nieuwe_actie;          /* the next message replaces the old ones */
    char laatste[MAX_MELDING]; /* the last confirmation, printed after the screen closes */
    int kleur;
    char *keuze;               /* the ref of the chosen row, or NULL */
    size_t boven;              /* the first row of the list on screen */
    int pagina;                /* the page of a long instruction (F7) */
    int hulp;                  /* the help is open */
    int hulp_boven;
};

static volatile sig_atomic_t afbreken;

static void on_signal(int sig)
{
    (void)sig;
    afbreken = 1;
}

/* --- text in columns ------------------------------------------------------------ */

/* Draws s[0..n) at y, x in at most width columns; ends with '…' when cut. */
static void put_wcs(int y, int x, const wchar_t *s, size_t n, int width, attr_t attr)
{
    int used = 0;
    size_t k = 0;

    if (width <= 0)
        return;
    while (k < n && used + regie_wcwidth(s[k]) <= width)
        used += regie_wcwidth(s[k++]);
    attron(attr);
    if (k < n && width > 0) {
        while (k > 0 && used + 1 > width)
            used -= regie_wcwidth(s[--k]);
        mvaddnwstr(y, x, s, (int)k);
        addwstr(L"\u2026");
    } else {
        mvaddnwstr(y, x, s, (int)k);
    }
    attroff(attr);
}

static void put(int y, int x, const char *utf8, int width, attr_t attr)
{
    static wchar_t buf[TEKST_MAX];
    size_t n = regie_utf8_wcs(utf8, buf, TEKST_MAX);

    for (size_t i = 0; i < n; i++)
        if (buf[i] < 0x20)
            buf[i] = L' ';
    put_wcs(y, x, buf, n, width, attr);
}

/* Splits text into lines of at most width columns, at spaces where it can;
 * fills starts/lens for up to max lines and returns the number of lines. */
static size_t wrap(const wchar_t *s, size_t n, int width, size_t *starts, size_t *lens, size_t max)
{
    size_t lines = 0, i = 0;

    while (i < n) {
        size_t start = i, space = (size_t)-1;
        int used = 0;
        while (i < n && s[i] != L'\n' && used + regie_wcwidth(s[i]) <= width) {
            if (s[i] == L' ')
                space = i;
            used += regie_wcwidth(s[i++]);
        }
        if (i < n && s[i] != L'\n' && space != (size_t)-1 && space > start)
            i = space + 1;      /* break after the last space */
        else if (i == start && i < n && s[i] != L'\n')
            i++;                /* a character wider than the line */
        if (lines < max) {
            starts[lines] = start;
            lens[lines] = i - start - (i > start && s[i - 1] == L' ');
        }
        lines++;
        if (i < n && s[i] == L'\n')
            i++;
    }
    return lines;
}

static attr_t colour(const struct scherm *sc, int pair, attr_t fallback)
{
    return sc->kleur ? COLOR_PAIR(pair) : fallback;
}

/* --- messages from the controller ---------------------------------------------- */

static void meld(void *ctx, enum regie_melding soort, const char *tekst)
{
    struct scherm *sc = ctx;
    size_t used;

    if (soort == MELDING_HULP) {
        sc->hulp = 1;
        sc->hulp_boven = 0;
        return;
    }
    if (soort == MELDING_LIJST)
        tekst = "de lijst staat op het scherm; blader met PgUp en PgDn";
    if (soort == MELDING_STAP) {
        free(sc->keuze);
        sc->keuze = NULL;
        sc->boven = 0;
        sc->pagina = 0;
    }
    if (soort == MELDING_OK || soort == MELDING_INFO)
        snprintf(sc->laatste, sizeof sc->laatste, "%s", tekst);
    /* The messages of one action are shown together, a refusal first. */
    if (sc->nieuwe_actie || (soort == MELDING_FOUT && sc->soort != MELDING_FOUT)) {
        sc->melding[0] = '\0';
        sc->nieuwe_actie = 0;
    }
    used = strlen(sc->melding);
    snprintf(sc->melding + used, sizeof sc->melding - used, "%s%s%s", used ? " \u00b7 " : "",
             soort == MELDING_FOUT && !sc->kleur ? "fout: " : "", tekst);
    if (soort == MELDING_FOUT || sc->soort != MELDING_FOUT || used == 0)
        sc->soort = soort;
}

/* --- drawing -------------------------------------------------------------------- */

static void draw_header(struct scherm *sc, int width)
{
    struct sessie *s = regie_sessie(sc->r);
    char line[512];

    /* The step first: on a narrow screen the werkvorm's name is cut, not the step. */
    snprintf(line, sizeof line, " stap %d/%zu: %s \u00b7 %s \u00b7 sprint %d", s->stap + 1, s->card->n_stappen,
             sessie_current_step(s)->titel, s->card->naam, s->sprint);
    attron(colour(sc, KLEUR_KOP, A_REVERSE) | A_BOLD);
    mvhline(0, 0, ' ', width);
    attroff(colour(sc, KLEUR_KOP, A_REVERSE) | A_BOLD);
    put(0, 0, line, width, colour(sc, KLEUR_KOP, A_REVERSE) | A_BOLD);
}

static attr_t clock_attr(struct scherm *sc, enum regie_tijd t)
{
    if (t == TIJD_OVER)
        return colour(sc, KLEUR_FOUT, A_BOLD) | A_BOLD;
    if (t == TIJD_BIJNA)
        return colour(sc, KLEUR_BIJNA, A_BOLD) | A_BOLD;
    return A_NORMAL;
}

static void draw_clock(struct scherm *sc, int y, int width)
{
    struct regie_klok k;
    char a[64], b[64];
    enum regie_tijd ta, tb;
    int x = 0;

    if (regie_klok(sc->r, &k) != 0)
        return;
    ta = regie_klok_tekst(k.stap_ms, k.stap_duur_ms, a, sizeof a);
    tb = regie_klok_tekst(k.totaal_ms, k.totaal_duur_ms, b, sizeof b);
    put(y, x, "Stap ", width - x, A_NORMAL);
    x += 5;
    put(y, x, a, width - x, clock_attr(sc, ta));
    x += (int)strlen(a) + 4;
    put(y, x, "Werkvorm ", width - x, A_NORMAL);
    x += 9;
    put(y, x, b, width - x, clock_attr(sc, tb));
    x += (int)strlen(b) + 4;
    if (k.gepauzeerd)
        put(y, x, "GEPAUZEERD (F4)", width - x, colour(sc, KLEUR_BIJNA, A_REVERSE) | A_BOLD);
}

/* The text read aloud; a long one is paged with F7. */
static wchar_t instr_text[TEKST_MAX * 2];
static size_t instr_starts[256], instr_lens[256];

/* Wraps the text read aloud (the werkvorm's message at the step change,
 * then the instruction); returns its number of lines. */
static size_t wrap_instruction(struct scherm *sc, int width)
{
    const char *msg = regie_step_message(sc->r);
    size_t n = 0, lines;

    if (msg != NULL) {
        n = regie_utf8_wcs("\u00bb ", instr_text, TEKST_MAX);
        n += regie_utf8_wcs(msg, instr_text + n, TEKST_MAX - n);
        instr_text[n++] = L'\n';
    }
    n += regie_utf8_wcs(sessie_current_step(regie_sessie(sc->r))->instructie, instr_text + n, TEKST_MAX * 2 - n);
    lines = wrap(instr_text, n, width, instr_starts, instr_lens, 256);
    return lines > 256 ? 256 : lines;
}

static void draw_instruction(struct scherm *sc, int y, int rows, int width)
{
    const wchar_t *text = instr_text;
    const size_t *starts = instr_starts, *lens = instr_lens;
    size_t lines = wrap_instruction(sc, width), per_page, first;
    int pages;

    per_page = lines > (size_t)rows ? (size_t)(rows > 1 ? rows - 1 : 1) : (size_t)rows;
    pages = (int)((lines + per_page - 1) / per_page);
    if (sc->pagina >= pages)
        sc->pagina = 0;
    first = (size_t)sc->pagina * per_page;
    for (size_t i = 0; i < per_page && first + i < lines; i++)
        put_wcs(y + (int)i, 0, text + starts[first + i], lens[first + i], width, A_BOLD);
    if (pages > 1) {
        char more[64];
        snprintf(more, sizeof more, "\u2026 F7: verder lezen (%d/%d)", sc->pagina + 1, pages);
        put(y + rows - 1, 0, more, width, A_DIM);
    }
}

static size_t find_row(const struct regie_rij *rows, size_t n, const char *ref)
{
    for (size_t i = 0; ref != NULL && i < n; i++)
        if (rows[i].ref != NULL && strcmp(rows[i].ref, ref) == 0)
            return i;
    return (size_t)-1;
}

static void draw_list(struct scherm *sc, int y, int rows, int width, int sep)
{
    size_t n, chosen;
    const struct regie_rij *rij = regie_rows(sc->r, &n);

    chosen = find_row(rij, n, sc->keuze);
    if (chosen != (size_t)-1 && chosen < sc->boven)
        sc->boven = chosen;
    if (chosen != (size_t)-1 && chosen >= sc->boven + (size_t)rows)
        sc->boven = chosen - (size_t)rows + 1;
    if (sc->boven + (size_t)rows > n)
        sc->boven = n > (size_t)rows ? n - (size_t)rows : 0;
    for (int i = 0; i < rows && sc->boven + (size_t)i < n; i++) {
        const struct regie_rij *row = &rij[sc->boven + (size_t)i];
        attr_t attr = row->kop ? (colour(sc, KLEUR_GROEP, A_BOLD) | A_BOLD) : A_NORMAL;
        if (sc->boven + (size_t)i == chosen)
            attr |= A_REVERSE;
        put(y + i, row->kop ? 0 : 2, row->tekst, width - (row->kop ? 0 : 2), attr);
    }
    if (sep && n > (size_t)rows) {
        char where[64];
        snprintf(where, sizeof where, " %zu-%zu van %zu ", sc->boven + 1,
                 sc->boven + (size_t)rows < n ? sc->boven + (size_t)rows : n, n);
        put(y - 1, width - (int)strlen(where) - 2, where, (int)strlen(where), A_DIM);
    }
}

static void draw_message(struct scherm *sc, int y, int rows, int width)
{
    static wchar_t text[MAX_MELDING];
    size_t starts[3], lens[3];
    size_t n = regie_utf8_wcs(sc->melding, text, MAX_MELDING);
    size_t lines = wrap(text, n, width, starts, lens, 3);
    attr_t attr = sc->soort == MELDING_FOUT ? colour(sc, KLEUR_FOUT, A_BOLD) | A_BOLD
                  : sc->soort == MELDING_OK ? colour(sc, KLEUR_OK, A_NORMAL) : A_NORMAL;

    for (size_t i = 0; i < lines && i < (size_t)rows; i++)
        put_wcs(y + (int)i, 0, text + starts[i], lens[i], width, attr);
}

/* A long message takes up to three rows. */
static int message_rows(struct scherm *sc, int width)
{
    static wchar_t text[MAX_MELDING];
    size_t starts[3], lens[3];
    size_t lines = wrap(text, regie_utf8_wcs(sc->melding, text, MAX_MELDING), width, starts, lens, 3);

    return lines < 1 ? 1 : lines > 3 ? 3 : (int)lines;
}

static void draw_edit(struct scherm *sc, int y, int width)
{
    int col = regie_invoer_scroll(&sc->e, width - 2);

    put(y, 0, "> ", 2, A_BOLD);
    put_wcs(y, 2, sc->e.tekst + sc->e.eerste, sc->e.len - sc->e.eerste, width - 2, A_NORMAL);
    move(y, 2 + col);
}

static void draw_keys(struct scherm *sc, int y, int width)
{
    const char *keys = regie_closed(sc->r) ? "De werkvorm is gesloten; druk op een toets om af te sluiten."
                       : "F1 hulp F2 volgende F3 vorige F4 pauze F5 ongedaan F6 wijzig F8 weg F10 stop";

    put(y, 0, keys, width, A_REVERSE);
}

static void draw_help(struct scherm *sc, int height, int width)
{
    static wchar_t text[8192];
    static size_t starts[512], lens[512];
    size_t n = regie_utf8_wcs(regie_hulp(), text, 8192);
    size_t lines = wrap(text, n, width, starts, lens, 512);
    int rows = height - 1;

    if (lines > 512)
        lines = 512;
    if (sc->hulp_boven > (int)lines - rows)
        sc->hulp_boven = (int)lines - rows > 0 ? (int)lines - rows : 0;
    put(0, 0, "Hulp: pijltjes en PgUp/PgDn bladeren, een andere toets sluit", width, A_REVERSE);
    for (int i = 0; i < rows && (size_t)(sc->hulp_boven + i) < lines; i++)
        put_wcs(1 + i, 0, text + starts[sc->hulp_boven + i], lens[sc->hulp_boven + i], width, A_NORMAL);
}

/* A horizontal rule of box-drawing characters (the alternate character set
 * of some terminals shows letters instead). */
static void draw_rule(int y, int width)
{
    static wchar_t rule[512];

    for (int i = 0; i < width && i < 512; i++)
        rule[i] = L'\u2500';
    put_wcs(y, 0, rule, (size_t)(width < 512 ? width : 512), width, A_DIM);
}

/* Lays the screen out for its current size: the instruction gets at most a
 * third of what is left, the list the rest, and a small screen drops the
 * step hint and the separator first. */
static void draw(struct scherm *sc)
{
    int h = LINES, w = COLS, msg_rows, top = 2, instr, list, sep;
    char hint[256];

    erase();
    if (h < 8 || w < 20) {
        put(0, 0, "Het scherm is te klein (minstens 20x8).", w, A_BOLD);
        refresh();
        return;
    }
    if (sc->hulp) {
        draw_help(sc, h, w);
        refresh();
        return;
    }
    draw_header(sc, w);
    draw_clock(sc, 1, w);
    if (h >= 12) {
        put(2, 0, regie_step_hint(sc->r, hint, sizeof hint), w, A_DIM);
        top = 3;
    }
    sep = h >= 12;
    msg_rows = message_rows(sc, w);
    if (msg_rows > h - top - 5)
        msg_rows = h - top - 5 > 1 ? h - top - 5 : 1;
    instr = (h - top - 3 - msg_rows - sep) / 3 + 1;
    if ((size_t)instr > wrap_instruction(sc, w))
        instr = (int)wrap_instruction(sc, w) > 0 ? (int)wrap_instruction(sc, w) : 1;
    list = h - top - instr - sep - msg_rows - 2;
    draw_instruction(sc, top, instr, w);
    if (sep)
        draw_rule(top + instr, w);
    draw_list(sc, top + instr + sep, list, w, sep);
    draw_message(sc, h - 2 - msg_rows, msg_rows, w);
    draw_keys(sc, h - 1, w);
    draw_edit(sc, h - 2, w);
    refresh();
}

/* --- keys ---------------------------------------------------------------------- */

static void begin_action(struct scherm *sc)
{
    sc->nieuwe_actie = 1;
}

static void submit(struct scherm *sc)
{
    char line[REGIE_MAX_REGEL + 1], *rest = NULL;
    size_t n;

    if (regie_invoer_utf8(&sc->e, line, sizeof line) == NULL) {
        meld(sc, MELDING_FOUT, "de regel is te lang");
        return;
    }
    begin_action(sc);
    if (regie_line(sc->r, line, &rest) == 0) {
        regie_invoer_set(&sc->e, "");
        /* Show where the new contribution landed, without choosing it. */
        if (sc->keuze == NULL) {
            const struct regie_rij *rows = regie_rows(sc->r, &n);
            size_t at = find_row(rows, n, regie_newest_ref(sc->r));
            if (at != (size_t)-1 && at >= sc->boven + 3)
                sc->boven = at - 2;
        }
    } else if (rest != NULL) {
        regie_invoer_set(&sc->e, rest);   /* what was typed is never lost */
    }
    free(rest);
}

static void choose(struct scherm *sc, int delta)
{
    size_t n, at;
    const struct regie_rij *rows = regie_rows(sc->r, &n);

    at = find_row(rows, n, sc->keuze);
    if (at == (size_t)-1)
        at = delta > 0 ? (size_t)-1 : n;     /* start at the end that was asked */
    for (size_t k = at + (size_t)delta; k < n; k += (size_t)delta) {
        if (rows[k].ref != NULL) {
            free(sc->keuze);
            sc->keuze = strdup(rows[k].ref);
            return;
        }
    }
}

static void page(struct scherm *sc, int down)
{
    size_t n, step = LINES > 12 ? (size_t)LINES / 2 : 4;

    regie_rows(sc->r, &n);
    free(sc->keuze);
    sc->keuze = NULL;
    if (down)
        sc->boven += step;
    else
        sc->boven = sc->boven > step ? sc->boven - step : 0;
}

/* F6 and F8 put the edit or removal in the edit line; Enter carries it out. */
static void prepare(struct scherm *sc, int remove)
{
    char *line;

    begin_action(sc);
    if (sc->keuze == NULL) {
        meld(sc, MELDING_FOUT, "kies eerst een bijdrage met pijltje op of neer");
        return;
    }
    if (sc->e.len > 0) {
        meld(sc, MELDING_FOUT, "de invoerregel is niet leeg; maak hem leeg met Esc of sla hem eerst op");
        return;
    }
    if ((line = regie_edit_line(sc->r, sc->keuze, remove)) == NULL) {
        meld(sc, MELDING_FOUT, "deze bijdrage kan hier niet gewijzigd worden");
        return;
    }
    regie_invoer_set(&sc->e, line);
    meld(sc, MELDING_INFO, remove ? "druk op Enter om te verwijderen, Esc om het te laten"
                                  : "pas de tekst aan en druk op Enter; Esc laat het zoals het was");
    free(line);
}

static void complete(struct scherm *sc)
{
    char line[REGIE_MAX_REGEL + 1], insert[256], choices[512];
    wchar_t wide[256];
    struct regie_invoer before = sc->e;
    size_t n;

    regie_invoer_kill(&before);           /* the line up to the cursor */
    begin_action(sc);
    if (regie_invoer_utf8(&before, line, sizeof line) == NULL)
        return;
    if (regie_complete(regie_words(sc->r), line, strlen(line), insert, sizeof insert, choices, sizeof choices)) {
        n = regie_utf8_wcs(insert, wide, 256);
        for (size_t i = 0; i < n; i++)
            regie_invoer_insert(&sc->e, wide[i]);
    }
    else if (choices[0] == '\0')
        meld(sc, MELDING_INFO, "hier valt niets af te maken");
    if (choices[0] != '\0')
        meld(sc, MELDING_INFO, choices);
}

static void command(struct scherm *sc, enum regie_opdracht op)
{
    begin_action(sc);
    regie_command(sc->r, op);
}

static void on_help_key(struct scherm *sc, int code, wint_t ch)
{
    if (code == KEY_CODE_YES && (ch == KEY_DOWN || ch == KEY_NPAGE))
        sc->hulp_boven += ch == KEY_DOWN ? 1 : LINES - 2;
    else if (code == KEY_CODE_YES && (ch == KEY_UP || ch == KEY_PPAGE))
        sc->hulp_boven = sc->hulp_boven - (ch == KEY_UP ? 1 : LINES - 2) > 0
                             ? sc->hulp_boven - (ch == KEY_UP ? 1 : LINES - 2) : 0;
    else if (!(code == KEY_CODE_YES && ch == KEY_RESIZE))
        sc->hulp = 0;
}

static void on_function_key(struct scherm *sc, wint_t ch)
{
    switch (ch) {
    case KEY_F(1): sc->hulp = 1; sc->hulp_boven = 0; break;
    case KEY_F(2): command(sc, REGIE_VOLGENDE); break;
    case KEY_F(3): command(sc, REGIE_VORIGE); break;
    case KEY_F(4): command(sc, REGIE_PAUZE); break;
    case KEY_F(5): command(sc, REGIE_ONGEDAAN); break;
    case KEY_F(6): prepare(sc, 0); break;
    case KEY_F(7): sc->pagina++; break;
    case KEY_F(8): prepare(sc, 1); break;
    case KEY_F(10): command(sc, REGIE_STOP); break;
    case KEY_UP: choose(sc, -1); break;
    case KEY_DOWN: choose(sc, 1); break;
    case KEY_PPAGE: page(sc, 0); break;
    case KEY_NPAGE: page(sc, 1); break;
    case KEY_LEFT: regie_invoer_left(&sc->e); break;
    case KEY_RIGHT: regie_invoer_right(&sc->e); break;
    case KEY_HOME: regie_invoer_home(&sc->e); break;
    case KEY_END: regie_invoer_end(&sc->e); break;
    case KEY_BACKSPACE: regie_invoer_backspace(&sc->e); break;
    case KEY_DC: regie_invoer_delete(&sc->e); break;
    case KEY_ENTER: submit(sc); break;
    default: break;              /* KEY_RESIZE and the rest: just redraw */
    }
}

#define CTRL(c) ((c) & 0x1f)

static void on_char(struct scherm *sc, wint_t ch)
{
    switch (ch) {
    case '\r': case '\n': submit(sc); break;
    case '\t': complete(sc); break;
    case 27: case CTRL('u'): regie_invoer_set(&sc->e, ""); break;
    case CTRL('a'): regie_invoer_home(&sc->e); break;
    case CTRL('e'): regie_invoer_end(&sc->e); break;
    case CTRL('k'): regie_invoer_kill(&sc->e); break;
    case CTRL('n'): command(sc, REGIE_VOLGENDE); break;
    case CTRL('p'): command(sc, REGIE_VORIGE); break;
    case CTRL('t'): command(sc, REGIE_PAUZE); break;
    case CTRL('z'): command(sc, REGIE_ONGEDAAN); break;
    case CTRL('x'): prepare(sc, 1); break;
    case CTRL('c'): case CTRL('q'): command(sc, REGIE_STOP); break;
    case CTRL('h'): case 127: regie_invoer_backspace(&sc->e); break;
    default:
        if (ch == '?' && sc->e.len == 0) {
            sc->hulp = 1;
            sc->hulp_boven = 0;
        } else if (ch >= 0x20) {
            regie_invoer_insert(&sc->e, (wchar_t)ch);
        }
    }
}

static void on_key(struct scherm *sc, int code, wint_t ch)
{
    if (sc->hulp)
        on_help_key(sc, code, ch);
    else if (regie_closed(sc->r) && !(code == KEY_CODE_YES && ch == KEY_RESIZE))
        regie_stop(sc->r);          /* any key leaves once the werkvorm is closed */
    else if (code == KEY_CODE_YES)
        on_function_key(sc, ch);
    else
        on_char(sc, ch);
}

/* --- the loop --------------------------------------------------------------------- */

/* Milliseconds until the clock shows the next second. */
static int until_next_second(struct scherm *sc)
{
    struct regie_klok k;

    if (regie_klok(sc->r, &k) != 0 || k.gepauzeerd)
        return 1000;
    return 1000 - (int)(k.stap_ms % 1000) + 5;
}

static void setup_colours(struct scherm *sc)
{
    const char *no = getenv("NO_COLOR");

    sc->kleur = (no == NULL || no[0] == '\0') && has_colors();
    if (!sc->kleur)
        return;
    start_color();
    use_default_colors();
    init_pair(KLEUR_KOP, COLOR_WHITE, COLOR_BLUE);
    init_pair(KLEUR_BIJNA, COLOR_YELLOW, -1);
    init_pair(KLEUR_FOUT, COLOR_RED, -1);
    init_pair(KLEUR_OK, COLOR_GREEN, -1);
    init_pair(KLEUR_GROEP, COLOR_CYAN, -1);
}

/* Everything werkplaats stores is UTF-8; a terminal set to another
 * character set (LANG=C) would show é as garbage, so fall back to C.UTF-8. */
static void use_utf8(void)
{
    const char *set;

    setlocale(LC_CTYPE, "");
    set = nl_langinfo(CODESET);
    if (set == NULL || (strcmp(set, "UTF-8") != 0 && strcmp(set, "utf8") != 0))
        setlocale(LC_CTYPE, "C.UTF-8");
}

/* SIGTERM and SIGHUP (the terminal closed) stop the session as F10 does. */
static void catch_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void loop(struct scherm *sc)
{
    while (!regie_done(sc->r) && !afbreken) {
        wint_t ch;
        int code;
        draw(sc);
        timeout(until_next_second(sc));
        code = get_wch(&ch);
        if (code == ERR)
            continue;                 /* a clock tick, or a signal */
        on_key(sc, code, ch);
    }
}

int regie_screen(struct sessie *s, wp_error *err)
{
    struct scherm *sc = calloc(1, sizeof *sc);
    SCREEN *screen;

    if (sc == NULL) {
        sessie_free(s);
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen"), WP_EINTERNAL;
    }
    sc->nieuwe_actie = 1;
    if ((sc->r = regie_new(s, meld, sc, err)) == NULL) {
        free(sc);
        return err->code ? err->code : WP_EINTERNAL;
    }
    use_utf8();
    catch_signals();
    if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
        regie_stop(sc->r);
        regie_free(sc->r);
        free(sc);
        return wp_error_add(err, WP_EUSER, NULL, "deze terminal ('%s') kent geen volledig scherm; gebruik "
                            "--eenvoudig", getenv("TERM") ? getenv("TERM") : "?"), WP_EUSER;
    }
    set_escdelay(25);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    setup_colours(sc);
    loop(sc);
    regie_stop(sc->r);
    endwin();
    delscreen(screen);
    if (sc->laatste[0] != '\0')
        printf("%s\n", sc->laatste);
    regie_free(sc->r);
    free(sc->keuze);
    free(sc);
    return 0;
}
