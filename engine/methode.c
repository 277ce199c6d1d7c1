/* methode.c: reads and checks werkvormen/methode.yaml. */
#include "werkplaats/methode.h"

#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"
#include "werkplaats/yamlx.h"

static void free_list(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
}

void methode_free(struct methode *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n_sprints; i++) {
        struct methode_sprint *s = &m->sprints[i];
        free(s->naam);
        free(s->doel);
        free_list(s->levert);
        for (size_t j = 0; j < s->n_poorten; j++) {
            free(s->poorten[j].document);
            free(s->poorten[j].uitleg);
        }
        free(s->poorten);
    }
    free(m->sprints);
    free_list(m->omgevingen);
    free_list(m->groepen);
    free_list(m->houdingen);
    free_list(m->glijbaan);
    for (size_t i = 0; i < m->n_sleutelfactoren; i++) {
        free(m->sleutelfactoren[i].id);
        free(m->sleutelfactoren[i].naam);
        free(m->sleutelfactoren[i].uitleg);
        free(m->sleutelfactoren[i].toon_bij_start);
        free(m->sleutelfactoren[i].toets_sprints);
    }
    free(m->sleutelfactoren);
    free(m->bestand);
    free(m);
}

/* A list of distinct words; NULL-terminated copy in *out. */
static int read_words(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                      char ***out, size_t *count)
{
    const struct yamlx_node *seq = NULL;
    char **list;
    int rc = yamlx_get_seq(c, map, key, 1, &seq);

    if (rc <= 0)
        return -1;
    if (seq->n == 0)
        return yamlx_fail(c, seq, "'%s' mag niet leeg zijn", key);
    list = calloc(seq->n + 1, sizeof *list);
    if (list == NULL)
        return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
    *out = list;
    for (size_t i = 0; i < seq->n; i++) {
        const char *w;
        if (yamlx_scalar_str(c, seq->items[i], key, &w) < 0)
            return -1;
        if (text_index(w, (const char *const *)list) >= 0)
            return yamlx_fail(c, seq->items[i], "'%s' staat twee keer in '%s'", w, key);
        if ((list[i] = strdup(w)) == NULL)
            return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
    }
    if (count != NULL)
        *count = seq->n;
    return 0;
}

static char *dup_or_fail(const struct yamlx_ctx *c, const char *s)
{
    char *d = text_dup(s);

    if (s != NULL && d == NULL)
        wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
    return d;
}

static int read_poort(const struct yamlx_ctx *c, const struct yamlx_node *node, struct methode_poort *p)
{
    static const char *const keys[] = { "soort", "document", "uitleg", NULL };
    static const char *const soorten[] = { "goedkeuring", NULL };
    const char *document = NULL, *uitleg = NULL;
    int soort = 0, rc = 0;

    if (yamlx_check_map(c, node, "een poort", keys) != 0)
        return -1;
    if (yamlx_get_enum(c, node, "soort", 1, soorten, &soort) <= 0)
        rc = -1;
    if (yamlx_get_str(c, node, "document", 1, &document) <= 0)
        rc = -1;
    if (yamlx_get_str(c, node, "uitleg", 0, &uitleg) < 0)
        rc = -1;
    p->soort = (enum methode_poort_soort)soort;
    p->document = dup_or_fail(c, document);
    p->uitleg = dup_or_fail(c, uitleg);
    return rc;
}

static int read_sprint(const struct yamlx_ctx *c, const struct yamlx_node *node, size_t index,
                       struct methode_sprint *s)
{
    static const char *const keys[] = { "nr", "naam", "doel", "levert", "poorten", NULL };
    const struct yamlx_node *poorten = NULL, *nr_node;
    const char *naam = NULL, *doel = NULL;
    long long nr = 0;
    int rc = 0;

    if (yamlx_check_map(c, node, "een sprint", keys) != 0)
        return -1;
    if (yamlx_get_int(c, node, "nr", 1, 1, 99, &nr) <= 0)
        rc = -1;
    else if ((size_t)nr != index + 1)
        rc = yamlx_fail(c, (nr_node = yamlx_get(node, "nr")),
                        "sprint %lld staat op plaats %zu; nummer de sprints 1, 2, 3, ... op volgorde",
                        nr, index + 1);
    if (yamlx_get_str(c, node, "naam", 1, &naam) <= 0 || yamlx_get_str(c, node, "doel", 1, &doel) <= 0)
        rc = -1;
    s->nr = (int)nr;
    s->naam = dup_or_fail(c, naam);
    s->doel = dup_or_fail(c, doel);
    if (read_words(c, node, "levert", &s->levert, &s->n_levert) != 0)
        rc = -1;
    if (yamlx_get_seq(c, node, "poorten", 0, &poorten) < 0)
        return -1;
    if (poorten != NULL && poorten->n > 0) {
        s->poorten = calloc(poorten->n, sizeof *s->poorten);
        if (s->poorten == NULL)
            return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
        s->n_poorten = poorten->n;
        for (size_t i = 0; i < poorten->n; i++)
            if (read_poort(c, poorten->items[i], &s->poorten[i]) != 0)
                rc = -1;
    }
    return rc;
}

/* An optional list of sprint numbers; checked against the sprints later,
 * when they have been read. */
static int read_sprint_list(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                            int **out, size_t *n)
{
    const struct yamlx_node *seq = NULL;
    int rc = yamlx_get_seq(c, map, key, 0, &seq);

    if (rc <= 0)
        return rc;
    if (seq->n == 0)
        return 0;
    if ((*out = calloc(seq->n, sizeof **out)) == NULL)
        return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
    for (size_t i = 0; i < seq->n; i++) {
        long long nr;
        if (yamlx_scalar_int(c, seq->items[i], key, 1, 99, &nr) < 0)
            return -1;
        (*out)[(*n)++] = (int)nr;
    }
    return 0;
}

static int read_factor(const struct yamlx_ctx *c, const struct yamlx_node *node, struct methode_term *t)
{
    static const char *const keys[] = { "id", "naam", "uitleg", "toon_bij_start", "toets_sprints", NULL };
    const char *id = NULL, *naam = NULL, *uitleg = NULL;
    int rc = 0;

    if (yamlx_check_map(c, node, "een sleutelfactor", keys) != 0)
        return -1;
    if (yamlx_get_str(c, node, "id", 1, &id) <= 0 || yamlx_get_str(c, node, "naam", 1, &naam) <= 0 ||
        yamlx_get_str(c, node, "uitleg", 1, &uitleg) <= 0)
        rc = -1;
    t->id = dup_or_fail(c, id);
    t->naam = dup_or_fail(c, naam);
    t->uitleg = dup_or_fail(c, uitleg);
    if (read_sprint_list(c, node, "toon_bij_start", &t->toon_bij_start, &t->n_toon_bij_start) < 0 ||
        read_sprint_list(c, node, "toets_sprints", &t->toets_sprints, &t->n_toets_sprints) < 0)
        rc = -1;
    return rc;
}

/* The sprint numbers a sleutelfactor names must exist. */
static int check_factor_sprints(const struct yamlx_ctx *c, const struct yamlx_node *factors, const struct methode *m)
{
    int rc = 0;

    for (size_t i = 0; i < m->n_sleutelfactoren; i++) {
        const struct methode_term *t = &m->sleutelfactoren[i];
        for (size_t j = 0; j < t->n_toon_bij_start + t->n_toets_sprints; j++) {
            int nr = j < t->n_toon_bij_start ? t->toon_bij_start[j] : t->toets_sprints[j - t->n_toon_bij_start];
            if (methode_sprint(m, nr) == NULL)
                rc = yamlx_fail(c, factors->items[i], "sleutelfactor '%s' noemt sprint %d, maar de methode heeft "
                                "sprint 1 tot en met %zu", t->id ? t->id : "?", nr, m->n_sprints);
        }
    }
    return rc;
}

/* A gate names a document some earlier sprint must deliver. */
static int check_gates(const struct yamlx_ctx *c, const struct yamlx_node *sprints, const struct methode *m)
{
    int rc = 0;

    for (size_t i = 0; i < m->n_sprints; i++) {
        const struct methode_sprint *s = &m->sprints[i];
        for (size_t j = 0; j < s->n_poorten; j++) {
            const struct methode_sprint *from = methode_sprint_delivering(m, s->poorten[j].document);
            if (s->poorten[j].document != NULL && (from == NULL || from->nr >= s->nr))
                rc = yamlx_fail(c, sprints->items[i],
                                "poort van sprint %d vraagt goedkeuring van '%s', maar geen eerdere sprint levert dat",
                                s->nr, s->poorten[j].document);
        }
    }
    return rc;
}

static int read_methode(const struct yamlx_ctx *c, const struct yamlx_node *root, struct methode *m)
{
    static const char *const keys[] = { "omgevingen", "groepen", "houdingen", "glijbaan",
                                        "sleutelfactoren", "sprints", NULL };
    const struct yamlx_node *sprints = NULL, *factors = NULL;
    int rc = 0;

    if (yamlx_check_map(c, root, "de methode", keys) != 0)
        return -1;
    if (read_words(c, root, "omgevingen", &m->omgevingen, NULL) != 0 ||
        read_words(c, root, "groepen", &m->groepen, NULL) != 0 ||
        read_words(c, root, "houdingen", &m->houdingen, NULL) != 0 ||
        read_words(c, root, "glijbaan", &m->glijbaan, NULL) != 0)
        rc = -1;
    if (yamlx_get_seq(c, root, "sleutelfactoren", 1, &factors) > 0) {
        m->sleutelfactoren = calloc(factors->n + 1, sizeof *m->sleutelfactoren);
        if (m->sleutelfactoren == NULL)
            return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
        m->n_sleutelfactoren = factors->n;
        for (size_t i = 0; i < factors->n; i++)
            if (read_factor(c, factors->items[i], &m->sleutelfactoren[i]) != 0)
                rc = -1;
    } else {
        rc = -1;
    }
    if (yamlx_get_seq(c, root, "sprints", 1, &sprints) <= 0)
        return -1;
    if (sprints->n == 0)
        return yamlx_fail(c, sprints, "'sprints' mag niet leeg zijn");
    m->sprints = calloc(sprints->n, sizeof *m->sprints);
    if (m->sprints == NULL)
        return wp_error_add(c->err, WP_EINTERNAL, c->file, "onvoldoende geheugen");
    m->n_sprints = sprints->n;
    for (size_t i = 0; i < sprints->n; i++)
        if (read_sprint(c, sprints->items[i], i, &m->sprints[i]) != 0)
            rc = -1;
    if (rc == 0)
        rc = check_gates(c, sprints, m);
    if (rc == 0)
        rc = check_factor_sprints(c, factors, m);
    return rc;
}

struct methode *methode_load(const char *path, wp_error *err)
{
    struct yamlx_ctx c = { path, err };
    struct yamlx_node *root = yamlx_load_file(path, NULL, err);
    struct methode *m;

    if (root == NULL)
        return NULL;
    m = calloc(1, sizeof *m);
    if (m == NULL || (m->bestand = strdup(path)) == NULL) {
        wp_error_add(err, WP_EINTERNAL, path, "onvoldoende geheugen");
        free(m);
        yamlx_node_free(root);
        return NULL;
    }
    if (read_methode(&c, root, m) != 0) {
        methode_free(m);
        m = NULL;
    }
    yamlx_node_free(root);
    return m;
}

const struct methode_sprint *methode_sprint(const struct methode *m, int nr)
{
    if (nr < 1 || (size_t)nr > m->n_sprints)
        return NULL;
    return &m->sprints[nr - 1];
}

const struct methode_term *methode_sleutelfactor(const struct methode *m, const char *id)
{
    for (size_t i = 0; i < m->n_sleutelfactoren; i++)
        if (strcmp(m->sleutelfactoren[i].id, id) == 0)
            return &m->sleutelfactoren[i];
    return NULL;
}

int methode_sprint_in(const int *list, size_t n, int nr)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == nr)
            return 1;
    return 0;
}

const struct methode_sprint *methode_sprint_delivering(const struct methode *m, const char *key)
{
    for (size_t i = 0; i < m->n_sprints; i++)
        if (text_index(key, (const char *const *)m->sprints[i].levert) >= 0)
            return &m->sprints[i];
    return NULL;
}
