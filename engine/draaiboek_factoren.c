/*
 * draaiboek_factoren.c: the sprint sections of a draaiboek that feed the
 * sleutelfactoren registers: afspraken, houdingen and reflectie.
 *
 * Every entry is stored with its place in the draaiboek (file:line:col) as
 * its bron, which the registers keep unique: replaying a draaiboek stores
 * nothing twice.
 */
#include <limits.h>
#include <string.h>

#include "werkplaats/afspraak.h"
#include "werkplaats/draaiboek.h"
#include "werkplaats/houding.h"
#include "werkplaats/reflectie.h"
#include "werkplaats/register.h"

#define WHERE_SIZE (PATH_MAX + 32)

/* "  2 afspraken vastgelegd", or with how many were stored before. */
static void say(struct draaiboek_run *run, const char *one, const char *many, const char *done, size_t n,
                size_t fresh)
{
    FILE *out = draaiboek_voortgang(run);

    if (out == NULL)
        return;
    fprintf(out, "  %zu %s %s", n, n == 1 ? one : many, done);
    if (fresh < n)
        fprintf(out, " (%zu al eerder)", n - fresh);
    fprintf(out, "\n");
    fflush(out);
}

/* `- klaar: ID` with an optional datum: an earlier agreement was kept. */
static int afspraak_klaar(struct draaiboek_run *run, const struct yamlx_node *a, wp_error *err)
{
    static const char *const keys[] = { "klaar", "datum", NULL };
    struct yamlx_ctx c = { draaiboek_file(run), err };
    char where[WHERE_SIZE];
    const char *ref = NULL, *datum = NULL;
    wp_error why = WP_ERROR_INIT;
    int was_done;

    if (yamlx_check_map(&c, a, "een nagekomen afspraak", keys) != 0 || yamlx_get_str(&c, a, "klaar", 1, &ref) <= 0 ||
        yamlx_get_date(&c, a, "datum", 0, &datum) < 0)
        return -1;
    if (afspraak_done(draaiboek_traject(run), 0, ref, datum, &was_done, &why) != 0) {
        draaiboek_where(run, a, where, sizeof where);
        for (size_t i = 0; i < why.count; i++)
            wp_error_add(err, why.code, where, "%s", why.messages[i]);
        wp_error_clear(&why);
        return -1;
    }
    return 0;
}

static int afspraak_nieuw(struct draaiboek_run *run, int sprint, const struct yamlx_node *a, long long *id,
                          wp_error *err)
{
    static const char *const keys[] = { "id", "wie", "wat", "gremium", "deadline", "interventie", "status",
                                        "afgerond", NULL };
    static const char *const statussen[] = { "open", "klaar", NULL };
    struct yamlx_ctx c = { draaiboek_file(run), err };
    struct afspraak_invoer in;
    char where[WHERE_SIZE];
    int status = 0;

    memset(&in, 0, sizeof in);
    if (yamlx_check_map(&c, a, "een afspraak", keys) != 0 || yamlx_get_str(&c, a, "id", 0, &in.ref) < 0 ||
        yamlx_get_str(&c, a, "wie", 1, &in.wie) <= 0 || yamlx_get_str(&c, a, "wat", 1, &in.wat) <= 0 ||
        yamlx_get_str(&c, a, "gremium", 0, &in.gremium) < 0 || yamlx_get_date(&c, a, "deadline", 0, &in.deadline) < 0 ||
        yamlx_get_str(&c, a, "interventie", 0, &in.interventie) < 0 ||
        yamlx_get_enum(&c, a, "status", 0, statussen, &status) < 0 ||
        yamlx_get_date(&c, a, "afgerond", 0, &in.afgerond) < 0)
        return -1;
    if (in.afgerond != NULL && status != 1)
        return yamlx_fail(&c, yamlx_get(a, "afgerond"), "'afgerond' hoort bij een afspraak met 'status: klaar'");
    in.klaar = status == 1;
    in.sprint = sprint;
    in.herkomst = HERKOMST_DRAAIBOEK;
    in.bron = draaiboek_where(run, a, where, sizeof where);
    *id = afspraak_add(draaiboek_traject(run), &in, where, err);
    return *id < 0 ? -1 : 0;
}

int draaiboek_sectie_afspraken(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err)
{
    struct yamlx_ctx c = { draaiboek_file(run), err };
    size_t fresh = 0, nieuw = 0, klaar = 0;

    if (yamlx_check_kind(&c, node, YAMLX_SEQ, "afspraken") != 0)
        return -1;
    for (size_t i = 0; i < node->n; i++) {
        const struct yamlx_node *a = node->items[i];
        long long id = 0;
        if (a->kind == YAMLX_MAP && yamlx_get(a, "klaar") != NULL) {
            if (afspraak_klaar(run, a, err) != 0)
                return -1;
            klaar++;
            continue;
        }
        if (afspraak_nieuw(run, sprint, a, &id, err) != 0)
            return -1;
        nieuw++;
        fresh += id > 0;
    }
    if (nieuw > 0)
        say(run, "afspraak", "afspraken", "vastgelegd", nieuw, fresh);
    if (klaar > 0)
        say(run, "afspraak", "afspraken", "nagekomen", klaar, klaar);
    return 0;
}

int draaiboek_sectie_houdingen(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err)
{
    static const char *const keys[] = { "betrokkene", "houding", "glijbaan", NULL };
    struct yamlx_ctx c = { draaiboek_file(run), err };
    char where[WHERE_SIZE];
    size_t fresh = 0;

    if (yamlx_check_kind(&c, node, YAMLX_SEQ, "houdingen") != 0)
        return -1;
    for (size_t i = 0; i < node->n; i++) {
        const struct yamlx_node *h = node->items[i];
        struct houding_invoer in;
        int rc;
        memset(&in, 0, sizeof in);
        if (yamlx_check_map(&c, h, "een houding", keys) != 0 ||
            yamlx_get_str(&c, h, "betrokkene", 1, &in.betrokkene) <= 0 ||
            yamlx_get_str(&c, h, "houding", 0, &in.houding) < 0 || yamlx_get_str(&c, h, "glijbaan", 0, &in.glijbaan) < 0)
            return -1;
        in.fase = sprint;
        in.herkomst = HERKOMST_DRAAIBOEK;
        in.bron = draaiboek_where(run, h, where, sizeof where);
        if ((rc = houding_add(draaiboek_traject(run), &in, where, err)) < 0)
            return -1;
        fresh += rc > 0;
    }
    say(run, "houding", "houdingen", "vastgelegd", node->n, fresh);
    return 0;
}

int draaiboek_sectie_reflectie(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err)
{
    struct yamlx_ctx c = { draaiboek_file(run), err };
    char where[WHERE_SIZE];

    if (yamlx_check_kind(&c, node, YAMLX_MAP, "reflectie (per sleutelfactor een tekst)") != 0)
        return -1;
    for (size_t i = 0; i < node->n; i++) {
        const struct yamlx_node *key = node->items[2 * i], *value = node->items[2 * i + 1];
        const char *tekst = NULL;
        if (yamlx_scalar_str(&c, value, key->str, &tekst) < 0 ||
            reflectie_set(draaiboek_traject(run), sprint, key->str, tekst, draaiboek_where(run, key, where, sizeof where),
                          err) != 0)
            return -1;
    }
    say(run, "reflectie", "reflecties", "vastgelegd", node->n, node->n);
    return 0;
}
