/*
 * regie_lijn.c: the line mode of the regie (--eenvoudig): the step, its
 * instruction and the clock as plain text, then one line of the regie
 * language at a time from standard input. For screen readers and for
 * scripts: no escape sequences, one confirmation per stored fact, refusals
 * on the error stream, and end of input stops the session as 'stop' does.
 */
#include "regie_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lijn {
    struct regie *r;
    FILE *out, *err;
    long regel;          /* the number of the line being run */
    int tty;             /* input comes from a person at a terminal */
    int fouten;
};

static void print_step(struct lijn *l)
{
    struct sessie *s = regie_sessie(l->r);
    const struct plugin_stap *st = sessie_current_step(s);
    struct regie_klok k;
    char hint[256], a[64], b[64];

    fprintf(l->out, "\nStap %d van %zu: %s (%d min)\n", s->stap + 1, s->card->n_stappen, st->titel, st->duur);
    fprintf(l->out, "Lees voor: %s\n", st->instructie);
    fprintf(l->out, "Invoer: %s\n", regie_step_hint(l->r, hint, sizeof hint));
    if (regie_klok(l->r, &k) == 0) {
        regie_klok_tekst(k.stap_ms, k.stap_duur_ms, a, sizeof a);
        regie_klok_tekst(k.totaal_ms, k.totaal_duur_ms, b, sizeof b);
        fprintf(l->out, "Tijd: stap %s; werkvorm %s%s\n", a, b, k.gepauzeerd ? " (gepauzeerd)" : "");
    }
}

static void meld(void *ctx, enum regie_melding soort, const char *tekst)
{
    struct lijn *l = ctx;

    switch (soort) {
    case MELDING_FOUT:
        l->fouten++;
        if (l->tty)
            fprintf(l->err, "fout: %s\n", tekst);
        else
            fprintf(l->err, "fout (regel %ld): %s\n", l->regel, tekst);
        break;
    case MELDING_STAP:
        print_step(l);
        break;
    case MELDING_HULP:
        fputs(tekst, l->out);
        break;
    default:
        fprintf(l->out, "%s\n", tekst);
        break;
    }
    fflush(l->out);
    fflush(l->err);
}

static void chomp(char *line)
{
    size_t n = strlen(line);

    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
}

static void run_lines(struct lijn *l, FILE *in)
{
    char *line = NULL, *rest = NULL;
    size_t cap = 0;

    while (!regie_done(l->r)) {
        if (l->tty) {
            fputs("> ", l->out);
            fflush(l->out);
        }
        if (getline(&line, &cap, in) < 0)
            break;
        l->regel++;
        chomp(line);
        /* A tally that was stored in part says what is still to be typed. */
        if (regie_line(l->r, line, &rest) != 0 && rest != NULL && strcmp(rest, line) != 0)
            fprintf(l->out, "nog niet opgeslagen: %s\n", rest);
        free(rest);
        rest = NULL;
    }
    free(line);
}

int regie_lines(struct sessie *s, FILE *in, FILE *out, FILE *errout, wp_error *err)
{
    struct lijn l = { NULL, out, errout, 0, isatty(fileno(in)), 0 };
    int fouten;

    fprintf(out, "Werkvorm %s (%s), sprint %d, sessie '%s'. Typ ? voor de hulp.\n", s->card->naam, s->card->id,
            s->sprint, s->label);
    if ((l.r = regie_new(s, meld, &l, err)) == NULL)
        return err->code ? err->code : WP_EINTERNAL;
    print_step(&l);
    if (regie_step_message(l.r) != NULL)
        fprintf(out, "%s\n", regie_step_message(l.r));
    run_lines(&l, in);
    if (!regie_done(l.r)) {
        if (l.r->n_concept > 0)
            fprintf(out, "Let op: %zu bezwaren in het concept zijn niet opgeslagen.\n", l.r->n_concept);
        if (regie_stop(l.r) == 0)
            fprintf(out, "Gestopt; de klok staat stil. 'werkplaats sessie' gaat verder waar je was.\n");
    }
    fouten = l.fouten;
    regie_free(l.r);
    return fouten > 0 && !l.tty ? WP_EUSER : 0;
}
