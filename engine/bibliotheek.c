/* bibliotheek.c: finds, loads and checks every werkvorm in the library folders. */
#include "werkplaats/bibliotheek.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"

#define MAX_WERKVORMEN 1000

struct entry {
    char *path;
    struct plugin *p;      /* NULL when kapot */
    wp_error fouten;       /* why it is kapot */
};

struct bibliotheek {
    const struct methode *m;
    struct entry *e;       /* in the order found */
    size_t n;
    struct entry **ok;     /* the usable ones, by sprint and id */
    size_t n_ok;
    struct entry **kapot;
    size_t n_kapot;
    struct plugin_levering *lev;
    size_t n_lev;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* LuaLS annotation files describe the API; they are not werkvormen. */
static int is_annotation(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[16] = "";
    int meta;

    if (f == NULL)
        return 0;
    meta = fgets(line, sizeof line, f) != NULL && strncmp(line, "---@meta", 8) == 0;
    fclose(f);
    return meta;
}

static int add_entry(struct bibliotheek *b, const char *dir, const char *name, wp_error *err)
{
    struct entry *grown;
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);

    if (path == NULL)
        return wp_error_add(err, WP_EINTERNAL, dir, "onvoldoende geheugen");
    snprintf(path, len, "%s/%s", dir, name);
    if (is_annotation(path)) {
        free(path);
        return 0;
    }
    if (b->n >= MAX_WERKVORMEN) {
        free(path);
        return wp_error_add(err, WP_EUSER, dir, "meer dan %d werkvormen; dat is geen bibliotheek meer",
                            MAX_WERKVORMEN);
    }
    if ((grown = realloc(b->e, (b->n + 1) * sizeof *grown)) == NULL) {
        free(path);
        return wp_error_add(err, WP_EINTERNAL, dir, "onvoldoende geheugen");
    }
    b->e = grown;
    b->e[b->n++] = (struct entry){ path, NULL, WP_ERROR_INIT };
    return 0;
}

/* Adds the *.lua files of dir, by name. */
static int scan_dir(struct bibliotheek *b, const char *dir, wp_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;

    if (d == NULL)
        return wp_error_add(err, WP_EUSER, dir, "werkvormenmap kan niet gelezen worden: %s", strerror(errno));
    while ((de = readdir(d)) != NULL && rc == 0) {
        size_t len = strlen(de->d_name);
        char **grown;
        if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".lua") != 0)
            continue;
        if ((grown = realloc(names, (n + 1) * sizeof *names)) == NULL || (grown[n] = strdup(de->d_name)) == NULL) {
            names = grown != NULL ? grown : names;
            rc = wp_error_add(err, WP_EINTERNAL, dir, "onvoldoende geheugen");
            break;
        }
        names = grown;
        n++;
    }
    closedir(d);
    if (n > 0)                    /* qsort(NULL, 0, ...) is undefined */
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            rc = add_entry(b, dir, names[i], err);
        free(names[i]);
    }
    free(names);
    return rc;
}

static struct entry *find_ok(const struct bibliotheek *b, const char *id)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->e[i].p != NULL && strcmp(plugin_card(b->e[i].p)->id, id) == 0)
            return &b->e[i];
    return NULL;
}

static void make_kapot(struct entry *e)
{
    plugin_free(e->p);
    e->p = NULL;
}

/* A later file with a taken id is refused, naming both files. */
static void refuse_duplicates(struct bibliotheek *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct entry *first;
        if (b->e[i].p == NULL)
            continue;
        first = find_ok(b, plugin_card(b->e[i].p)->id);
        if (first != &b->e[i]) {
            wp_error_add(&b->e[i].fouten, WP_EUSER, b->e[i].path, "werkvorm-id '%s' bestaat al in %s; een id mag "
                         "maar één keer voorkomen, hernoem een van beide", plugin_card(b->e[i].p)->id, first->path);
            make_kapot(&b->e[i]);
        }
    }
}

static int collect_leveringen(struct bibliotheek *b)
{
    size_t n = 0;

    free(b->lev);
    b->lev = NULL;
    b->n_lev = 0;
    for (size_t i = 0; i < b->n; i++)
        for (char **k = b->e[i].p ? plugin_card(b->e[i].p)->levert : NULL; k != NULL && *k != NULL; k++)
            n++;
    if ((b->lev = calloc(n ? n : 1, sizeof *b->lev)) == NULL)
        return -1;
    for (size_t i = 0; i < b->n; i++)
        for (char **k = b->e[i].p ? plugin_card(b->e[i].p)->levert : NULL; k != NULL && *k != NULL; k++)
            b->lev[b->n_lev++] = (struct plugin_levering){ *k, plugin_card(b->e[i].p)->sprint };
    return 0;
}

/* nodig against what the usable werkvormen deliver; a werkvorm that turns
 * out kapot no longer delivers, so repeat until nothing changes. */
static int check_nodig(struct bibliotheek *b)
{
    char *failed = calloc(b->n ? b->n : 1, 1);
    int changed = 1;

    if (failed == NULL)
        return -1;
    while (changed) {
        if (collect_leveringen(b) != 0) {
            free(failed);
            return -1;
        }
        changed = 0;
        for (size_t i = 0; i < b->n; i++)
            failed[i] = b->e[i].p != NULL &&
                        plugin_check_nodig(b->e[i].p, b->m, b->lev, b->n_lev, &b->e[i].fouten) != 0;
        /* only now: the leveringen point into the cards */
        for (size_t i = 0; i < b->n; i++)
            if (failed[i]) {
                make_kapot(&b->e[i]);
                changed = 1;
            }
    }
    free(failed);
    return 0;
}

static int by_sprint_id(const void *a, const void *b)
{
    const struct plugin_card *x = plugin_card((*(struct entry *const *)a)->p);
    const struct plugin_card *y = plugin_card((*(struct entry *const *)b)->p);

    if (x->sprint != y->sprint)
        return x->sprint < y->sprint ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int index_entries(struct bibliotheek *b)
{
    b->ok = calloc(b->n ? b->n : 1, sizeof *b->ok);
    b->kapot = calloc(b->n ? b->n : 1, sizeof *b->kapot);
    if (b->ok == NULL || b->kapot == NULL)
        return -1;
    for (size_t i = 0; i < b->n; i++) {
        if (b->e[i].p != NULL)
            b->ok[b->n_ok++] = &b->e[i];
        else
            b->kapot[b->n_kapot++] = &b->e[i];
    }
    if (b->n_ok > 0)
        qsort(b->ok, b->n_ok, sizeof *b->ok, by_sprint_id);
    return 0;
}

struct bibliotheek *bibliotheek_open(const char *ingebouwd, const char *const *dirs, size_t n,
                                     const struct methode *m, wp_error *err)
{
    struct bibliotheek *b = calloc(1, sizeof *b);
    struct plugin_context ctx = { .methode = m, .nodig_later = 1 };

    if (b == NULL) {
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    b->m = m;
    if (plugin_limits_from_env(&ctx.limits, err) != 0 || scan_dir(b, ingebouwd, err) != 0)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (scan_dir(b, dirs[i], err) != 0)
            goto fail;
    for (size_t i = 0; i < b->n; i++) {
        b->e[i].p = plugin_load(b->e[i].path, &ctx, &b->e[i].fouten);
        if (b->e[i].p != NULL)
            plugin_close_state(b->e[i].p);  /* the card is enough until a session needs it */
    }
    refuse_duplicates(b);
    if (check_nodig(b) != 0 || index_entries(b) != 0) {
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        goto fail;
    }
    return b;
fail:
    bibliotheek_free(b);
    return NULL;
}

void bibliotheek_free(struct bibliotheek *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->e[i].path);
        plugin_free(b->e[i].p);
        wp_error_clear(&b->e[i].fouten);
    }
    free(b->e);
    free(b->ok);
    free(b->kapot);
    free(b->lev);
    free(b);
}

size_t bibliotheek_count(const struct bibliotheek *b)
{
    return b->n_ok;
}

const struct plugin_card *bibliotheek_card(const struct bibliotheek *b, size_t i)
{
    return i < b->n_ok ? plugin_card(b->ok[i]->p) : NULL;
}

const struct plugin_card *bibliotheek_find(const struct bibliotheek *b, const char *id)
{
    struct entry *e = find_ok(b, id);

    return e != NULL ? plugin_card(e->p) : NULL;
}

const char *bibliotheek_path(const struct bibliotheek *b, const char *id)
{
    struct entry *e = find_ok(b, id);

    return e != NULL ? e->path : NULL;
}

/* Why id cannot be loaded: its own messages when it is kapot, else a hint. */
static void explain_missing(const struct bibliotheek *b, const char *id, wp_error *err)
{
    const char **ids = calloc(b->n_ok + 1, sizeof *ids);
    char hint[160] = "";

    for (size_t i = 0; i < b->n_kapot; i++) {
        const char *base = strrchr(b->kapot[i]->path, '/');
        size_t len = strlen(id);
        base = base ? base + 1 : b->kapot[i]->path;
        if (strncmp(base, id, len) == 0 && strcmp(base + len, ".lua") == 0) {
            wp_error_add(err, WP_EUSER, NULL, "werkvorm '%s' (%s) kan niet gebruikt worden:", id,
                         b->kapot[i]->path);
            for (size_t k = 0; k < b->kapot[i]->fouten.count; k++)
                wp_error_add(err, WP_EUSER, NULL, "%s", b->kapot[i]->fouten.messages[k]);
            free(ids);
            return;
        }
    }
    for (size_t i = 0; ids != NULL && i < b->n_ok; i++)
        ids[i] = plugin_card(b->ok[i]->p)->id;
    if (ids != NULL)
        text_hint(hint, sizeof hint, id, ids);
    free(ids);
    wp_error_add(err, WP_EUSER, NULL, "onbekende werkvorm '%s'%s (zie 'werkplaats werkvormen')", id, hint);
}

struct plugin *bibliotheek_load(const struct bibliotheek *b, const char *id, const struct plugin_context *ctx,
                                wp_error *err)
{
    struct entry *e = find_ok(b, id);
    struct plugin_context with = *ctx;

    if (e == NULL) {
        explain_missing(b, id, err);
        return NULL;
    }
    with.methode = b->m;
    with.leveringen = b->lev;
    with.n_leveringen = b->n_lev;
    with.nodig_later = 0;
    /* The werkvorm as read when the bibliotheek opened: the card that was
     * checked then is the one that runs, and the file is not read again. */
    return plugin_load_again(e->p, &with, err);
}

const struct plugin_levering *bibliotheek_leveringen(const struct bibliotheek *b, size_t *n)
{
    *n = b->n_lev;
    return b->lev;
}

size_t bibliotheek_n_kapot(const struct bibliotheek *b)
{
    return b->n_kapot;
}

const char *bibliotheek_kapot_bestand(const struct bibliotheek *b, size_t i)
{
    return i < b->n_kapot ? b->kapot[i]->path : NULL;
}

const wp_error *bibliotheek_kapot_fouten(const struct bibliotheek *b, size_t i)
{
    return i < b->n_kapot ? &b->kapot[i]->fouten : NULL;
}
