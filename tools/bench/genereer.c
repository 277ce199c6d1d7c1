/*
 * genereer.c: writes a synthetic draaiboek of about N input facts
 * (contributions, votes, placements, decisions), for `make bench`.
 *
 *   genereer TEMPLATE.draaiboek.yaml N CASUS > groot.draaiboek.yaml
 *
 * The template is the Molenwijk draaiboek, so every fact goes through the
 * real werkvormen and every sprint closes with a real result. It grows in
 * two directions, as a traject that runs for months does:
 *   - rondes: each sprint does its werkvormen once per ronde (label
 *     WERKVORM-rN from the second ronde on), one ronde per 3000 facts, so a
 *     bigger traject has more workshops rather than one endless one;
 *   - extra contributions: the facts the rondes do not reach are extra
 *     bijdragen, spread evenly over the sessions, in the first bijdrage step
 *     of each (a copy of that step's first bijdrage with a new id and a new
 *     text of a realistic Dutch length, 40 to 220 characters). Only the
 *     first step: what later steps collect becomes the items that the next
 *     werkvormen list in their step messages, which are capped at 4000 bytes.
 * The template is read line by line by its indentation (the layout of
 * casus/molenwijk.draaiboek.yaml): sprints at 2 spaces, werkvormen at 6,
 * steps at 10, inputs at 14. Generation is one pass, far faster than the
 * engine it feeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACTS_PER_RONDE 3000
/* Its voorstellen become the wijkwensen of the ontwerpbrief, which bril
 * lists in full in one step message (at most 4000 bytes): no extras there. */
#define NO_PADDING "      - werkvorm: samen_beslissen"

struct lines {
    char **v;
    size_t n, cap;
};

/* One werkvorm block of a sprint, and where contributions may be padded. */
struct werkvorm {
    struct lines l;
    size_t *pad_after;           /* line indexes of the first bijdrage of a step */
    size_t n_pad;
};

struct sprint {
    struct lines kop;            /* from '- sprint:' up to the first werkvorm */
    struct werkvorm *w;
    size_t n_w;
    struct lines rest;           /* goedkeuringen, afspraken, ...: once per sprint */
};

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size);

    if (q == NULL) {
        fputs("genereer: onvoldoende geheugen\n", stderr);
        exit(3);
    }
    return q;
}

static void push(struct lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static int starts(const char *line, const char *prefix)
{
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

static size_t indent(const char *line)
{
    return strspn(line, " ");
}

/* A one-line bijdrage: a flow mapping with a quoted text and no 'op'. */
static int is_bijdrage(const char *line)
{
    return starts(line, "              - {") && strstr(line, " tekst: \"") != NULL && strstr(line, " op: ") == NULL &&
           strstr(line, " uitkomst: ") == NULL;
}

/* --- random Dutch text ------------------------------------------------------ */

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

/* No word that the Molenwijk casus lists as a trefwoord of an earlier
 * intervention: bril warns for each idea that resembles one. */
static const char *const woorden[] = {
    "de", "het", "een", "en", "van", "op", "in", "bij", "met", "voor", "niet", "nog", "ook", "dat", "we",
    "bewoners", "jongeren", "ondernemers", "wijkagent", "plein", "galerij", "flat", "straat", "avond",
    "overlast", "lantaarns", "vertrouwen", "melden", "gemeente", "corporatie", "buurt", "kinderen",
    "school", "winkel", "leegstand", "scooters", "bankjes", "speeltuin", "samen", "veilig", "onveilig",
    "ontmoeten", "zien", "horen", "voelen", "zeggen", "willen", "durven", "helpen", "afspraken", "honk",
    "sleutel", "deur", "schulden", "ouders", "buren", "trappenhuis", "Molenplein", "Sluisstraat",
    "Wiekenflat", "iedereen", "niemand", "vaak", "soms", "altijd", "meer", "minder", "weer", "zonder",
    "omdat", "terwijl", "wanneer", "waar", "wie", "graag", "liever", "eerst", "daarna", "elke", "week",
    "maand", "politie", "handhaving", "jongerenwerk", "wijkteam", "budget", "plan", "idee", "proef",
};

/* Appends a sentence of 40 to 220 characters to out (size > 240). */
static void sentence(char *out)
{
    size_t target = 40 + next_rand() % 181, len = 0;
    size_t n = sizeof woorden / sizeof woorden[0];

    while (len < target) {
        const char *w = woorden[next_rand() % n];
        size_t wl = strlen(w);
        if (len + wl + 1 > 230)
            break;
        if (len > 0)
            out[len++] = ' ';
        memcpy(out + len, w, wl);
        len += wl;
    }
    out[0] = (char)(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 32 : out[0]);
    out[len] = '\0';
}

/* Prints the template bijdrage line ("- { [id: X, ]...tekst: "..."... }")
 * with id gen-NUM and a new text. */
static void print_padding(const char *tpl, long long num)
{
    const char *body = strchr(tpl, '{') + 2, *t = strstr(tpl, " tekst: \""), *end = strchr(t + 9, '"');
    char text[256];

    if (starts(body, "id: "))
        body = strchr(body, ',') + 2;
    sentence(text);
    printf("%.*sid: gen-%lld, %.*s tekst: \"%s\"%s\n", (int)(strchr(tpl, '{') + 2 - tpl), tpl, num,
           (int)(t - body), body, text, end + 1);
}

/* --- reading the template ---------------------------------------------------- */

static struct lines head;        /* everything before the first sprint */
static struct sprint *sprints;
static size_t n_sprints;
static long long inputs_per_ronde, pad_steps_per_ronde;

static void read_template(FILE *f)
{
    char buf[8192];
    struct sprint *sp = NULL;
    struct werkvorm *wv = NULL;
    int in_rest = 0, step_open = 0;

    while (fgets(buf, sizeof buf, f) != NULL) {
        buf[strcspn(buf, "\n")] = '\0';
        if (starts(buf, "  - sprint:")) {
            sprints = xrealloc(sprints, ++n_sprints * sizeof *sprints);
            sp = memset(&sprints[n_sprints - 1], 0, sizeof *sp);
            wv = NULL;
            in_rest = 0;
        } else if (sp != NULL && starts(buf, "      - werkvorm:")) {
            sp->w = xrealloc(sp->w, ++sp->n_w * sizeof *sp->w);
            wv = memset(&sp->w[sp->n_w - 1], 0, sizeof *wv);
        } else if (sp != NULL && wv != NULL && buf[0] != '\0' && buf[indent(buf)] != '#' && indent(buf) <= 4) {
            in_rest = 1;       /* a sprint section after the werkvormen */
        }
        if (sp == NULL) {
            push(&head, buf);
        } else if (in_rest) {
            push(&sp->rest, buf);
        } else if (wv == NULL) {
            push(&sp->kop, buf);
        } else {
            if (starts(buf, "          - stap:"))
                step_open = 1;
            if (starts(buf, "              - "))
                inputs_per_ronde++;
            push(&wv->l, buf);
            if (step_open && is_bijdrage(buf) && wv->n_pad == 0 && !starts(wv->l.v[0], NO_PADDING)) {
                wv->pad_after = xrealloc(wv->pad_after, (wv->n_pad + 1) * sizeof *wv->pad_after);
                wv->pad_after[wv->n_pad++] = wv->l.n - 1;
                pad_steps_per_ronde++;
                step_open = 0;
            } else if (starts(buf, "              - ")) {
                step_open = 0;
            }
        }
    }
}

/* --- writing ------------------------------------------------------------------ */

static void print_lines(const struct lines *l, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        puts(l->v[i]);
}

/* One session: the template block, labelled for later rondes, with `pad`
 * extra contributions spread over its bijdrage steps. */
static void print_werkvorm(const struct werkvorm *w, long long ronde, long long pad)
{
    long long num = 1;
    size_t from = 1;

    puts(w->l.v[0]);
    if (ronde > 1)
        printf("        label: %s-r%lld\n", w->l.v[0] + strlen("      - werkvorm: "), ronde);
    for (size_t k = 0; k < w->n_pad; k++) {
        long long here = pad / (long long)w->n_pad + ((long long)k < pad % (long long)w->n_pad);
        print_lines(&w->l, from, w->pad_after[k] + 1);
        for (long long i = 0; i < here; i++)
            print_padding(w->l.v[w->pad_after[k]], num++);
        from = w->pad_after[k] + 1;
    }
    print_lines(&w->l, from, w->l.n);
}

int main(int argc, char **argv)
{
    FILE *f;
    long long n, rondes, pad_total, sessions = 0, session = 0;

    if (argc != 4 || (n = atoll(argv[2])) <= 0) {
        fputs("gebruik: genereer SJABLOON.draaiboek.yaml AANTAL-FEITEN CASUS.yaml\n", stderr);
        return 2;
    }
    if ((f = fopen(argv[1], "r")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    read_template(f);
    fclose(f);
    for (size_t s = 0; s < n_sprints; s++)
        for (size_t w = 0; w < sprints[s].n_w; w++)
            sessions += sprints[s].w[w].n_pad > 0;
    rondes = n / FACTS_PER_RONDE > 1 ? n / FACTS_PER_RONDE : 1;
    pad_total = n - rondes * inputs_per_ronde;
    if (pad_total < 0)
        pad_total = 0;
    for (size_t i = 0; i < head.n; i++) {
        if (starts(head.v[i], "  casus:"))
            printf("  casus: %s\n", argv[3]);      /* the generated file lives elsewhere */
        else
            puts(head.v[i]);
    }
    for (size_t s = 0; s < n_sprints; s++) {
        print_lines(&sprints[s].kop, 0, sprints[s].kop.n);
        for (long long r = 1; r <= rondes; r++) {
            for (size_t w = 0; w < sprints[s].n_w; w++) {
                const struct werkvorm *wv = &sprints[s].w[w];
                long long pad = 0, slots = rondes * sessions;
                if (wv->n_pad > 0) {
                    pad = pad_total / slots + (session < pad_total % slots);
                    session++;
                }
                print_werkvorm(wv, r, pad);
            }
        }
        print_lines(&sprints[s].rest, 0, sprints[s].rest.n);
    }
    fprintf(stderr, "genereer: %lld feiten: %lld ronde(s) van %lld, %lld extra bijdragen\n",
            rondes * inputs_per_ronde + pad_total, rondes, inputs_per_ronde, pad_total);
    return 0;
}
