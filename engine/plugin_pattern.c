/*
 * plugin_pattern.c: string.find, match, gmatch and gsub for werkvormen.
 *
 * Lua's own pattern matcher runs in C, where the count hook never fires; a
 * pattern such as ("a*"):rep(3) .. "b" against a few thousand bytes
 * backtracks for minutes (STYLE.md 8.1). These functions implement the same
 * pattern language (Lua 5.4 manual 6.4.1) and the same results, but every
 * step of the matcher, and every byte compared in plain searches and
 * back-references, is charged to the werkvorm's instruction budget. The
 * budget and the deadline stop a hostile pattern with the usual limit
 * message, and the engine goes on.
 *
 * One deliberate difference: character classes (%a, %l, ...) are ASCII, as
 * in the C locale, whatever locale the engine runs in, so a werkvorm matches
 * the same on every machine.
 */
#include <stddef.h>
#include <string.h>

#include "plugin_internal.h"

#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define MAX_CAPTURES 32
#define MAX_DEPTH 200          /* recursion of the matcher, as Lua's MAXCCALLS */
#define CHARGE_EVERY 1024      /* steps between two visits to the budget */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)

struct matcher {
    lua_State *L;
    const char *src_init, *src_end, *p_end;
    int depth;                 /* recursion left */
    int level;                 /* captures open or closed */
    long long steps;           /* not yet charged */
    struct {
        const char *init;
        ptrdiff_t len;
    } cap[MAX_CAPTURES];
};

static void charge(struct matcher *m, long long n)
{
    m->steps += n;
    if (m->steps >= CHARGE_EVERY) {
        long long n_steps = m->steps;
        m->steps = 0;
        plugin_charge(m->L, n_steps);
    }
}

/* Charges what is left at the end of one call, so small calls count too. */
static void flush(struct matcher *m)
{
    long long n = m->steps;

    m->steps = 0;
    if (n > 0)
        plugin_charge(m->L, n);
}

static void prepare(struct matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
    m->L = L;
    m->src_init = s;
    m->src_end = s + ls;
    m->p_end = p + lp;
    m->steps = 0;
}

static void restart(struct matcher *m)
{
    m->level = 0;
    m->depth = MAX_DEPTH;
}

/* --- classes ------------------------------------------------------------------ */

static int in_range(int c, int lo, int hi)
{
    return c >= lo && c <= hi;
}

static int class_match(int c, int cl)
{
    int lower = in_range(cl, 'A', 'Z') ? cl + ('a' - 'A') : cl;
    int alpha = in_range(c, 'a', 'z') || in_range(c, 'A', 'Z'), digit = in_range(c, '0', '9');
    int res;

    switch (lower) {
    case 'a': res = alpha; break;
    case 'c': res = c < 32 || c == 127; break;
    case 'd': res = digit; break;
    case 'g': res = in_range(c, 33, 126); break;
    case 'l': res = in_range(c, 'a', 'z'); break;
    case 'p': res = in_range(c, 33, 126) && !alpha && !digit; break;
    case 's': res = c == ' ' || in_range(c, 9, 13); break;
    case 'u': res = in_range(c, 'A', 'Z'); break;
    case 'w': res = alpha || digit; break;
    case 'x': res = digit || in_range(c, 'a', 'f') || in_range(c, 'A', 'F'); break;
    case 'z': res = c == 0; break;  /* deprecated, but Lua 5.4 still has it */
    default: return cl == c;
    }
    return lower != cl ? !res : res;  /* %A, %D, ...: the complement */
}

/* Where the single-character class starting at p ends. */
static const char *class_end(struct matcher *m, const char *p)
{
    char c = *p++;

    if (c == ESC) {
        if (p >= m->p_end)
            luaL_error(m->L, "ongeldig patroon: het eindigt op '%%'");
        return p + 1;
    }
    if (c == '[') {
        if (*p == '^')
            p++;
        do {  /* the first character after '[' or '[^' is always a member */
            if (p >= m->p_end)
                luaL_error(m->L, "ongeldig patroon: ']' ontbreekt");
            if (*(p++) == ESC && p < m->p_end)
                p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

/* c against the set [...] from p (at '[') to ec (at ']'). */
static int set_match(int c, const char *p, const char *ec)
{
    int sig = 1;

    if (*(p + 1) == '^') {
        sig = 0;
        p++;
    }
    while (++p < ec) {
        if (*p == ESC) {
            p++;
            if (class_match(c, (unsigned char)*p))
                return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p)
                return sig;
        } else if ((unsigned char)*p == c) {
            return sig;
        }
    }
    return !sig;
}

static int single_match(const struct matcher *m, const char *s, const char *p, const char *ep)
{
    int c;

    if (s >= m->src_end)
        return 0;
    c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case ESC: return class_match(c, (unsigned char)p[1]);
    case '[': return set_match(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* --- the matcher ----------------------------------------------------------------- */

static const char *do_match(struct matcher *m, const char *s, const char *p);

static const char *match_balance(struct matcher *m, const char *s, const char *p)
{
    int cont = 1;

    if (p >= m->p_end - 1)
        luaL_error(m->L, "ongeldig patroon: '%%b' heeft twee tekens nodig");
    if (s >= m->src_end || *s != *p)
        return NULL;
    while (++s < m->src_end) {
        charge(m, 1);
        if (*s == p[1]) {
            if (--cont == 0)
                return s + 1;
        } else if (*s == *p) {
            cont++;
        }
    }
    return NULL;
}

static const char *max_expand(struct matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;

    while (single_match(m, s + i, p, ep)) {
        i++;
        charge(m, 1);
    }
    for (; i >= 0; i--) {  /* try the longest first */
        const char *r = do_match(m, s + i, ep + 1);
        if (r != NULL)
            return r;
    }
    return NULL;
}

static const char *min_expand(struct matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = do_match(m, s, ep + 1);
        if (r != NULL)
            return r;
        if (!single_match(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *start_capture(struct matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    const char *r;

    if (m->level >= MAX_CAPTURES)
        luaL_error(m->L, "ongeldig patroon: meer dan %d captures", MAX_CAPTURES);
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    if ((r = do_match(m, s, p)) == NULL)
        m->level--;
    return r;
}

static const char *end_capture(struct matcher *m, const char *s, const char *p)
{
    int l = m->level - 1;
    const char *r;

    while (l >= 0 && m->cap[l].len != CAP_UNFINISHED)
        l--;
    if (l < 0)
        luaL_error(m->L, "ongeldig patroon: ')' zonder '('");
    m->cap[l].len = s - m->cap[l].init;
    if ((r = do_match(m, s, p)) == NULL)
        m->cap[l].len = CAP_UNFINISHED;
    return r;
}

static int check_capture(struct matcher *m, int l)
{
    l -= '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
        return luaL_error(m->L, "ongeldige capture-verwijzing %%%d in het patroon", l + 1);
    return l;
}

static const char *match_capture(struct matcher *m, const char *s, int l)
{
    size_t len;

    l = check_capture(m, l);
    len = (size_t)m->cap[l].len;  /* a position capture is never equal to text */
    if ((size_t)(m->src_end - s) >= len) {
        charge(m, (long long)(len / 32));
        if (memcmp(m->cap[l].init, s, len) == 0)
            return s + len;
    }
    return NULL;
}

/* %f[set]: the transition from a character not in set to one in set. */
static const char *match_frontier(struct matcher *m, const char *s, const char **pp)
{
    const char *p = *pp + 2, *ep;
    int prev, cur;

    if (*p != '[')
        luaL_error(m->L, "ongeldig patroon: '[' ontbreekt na '%%f'");
    ep = class_end(m, p);
    prev = s == m->src_init ? '\0' : (unsigned char)*(s - 1);
    cur = s < m->src_end ? (unsigned char)*s : '\0';
    if (!set_match(prev, p, ep - 1) && set_match(cur, p, ep - 1)) {
        *pp = ep;
        return s;
    }
    return NULL;
}

/* One pattern item that is a single-character class, maybe quantified.
 * Returns the match end, or NULL; *pp moves on when matching continues
 * (and *done stays 0). */
static const char *match_class(struct matcher *m, const char *s, const char **pp, int *done)
{
    const char *p = *pp, *ep = class_end(m, p), *r;

    *done = 1;
    if (!single_match(m, s, p, ep)) {
        if (*ep == '*' || *ep == '?' || *ep == '-') {  /* zero repetitions are fine */
            *pp = ep + 1;
            *done = 0;
            return s;
        }
        return NULL;
    }
    switch (*ep) {
    case '?':
        if ((r = do_match(m, s + 1, ep + 1)) != NULL)
            return r;
        *pp = ep + 1;
        *done = 0;
        return s;
    case '+': return max_expand(m, s + 1, p, ep);
    case '*': return max_expand(m, s, p, ep);
    case '-': return min_expand(m, s, p, ep);
    default:
        *pp = ep;
        *done = 0;
        return s + 1;
    }
}

static const char *do_match(struct matcher *m, const char *s, const char *p)
{
    int done = 0;

    if (m->depth-- == 0)
        luaL_error(m->L, "patroon te ingewikkeld (te diep genest)");
    charge(m, 1);
    while (!done && s != NULL && p != m->p_end) {
        if (*p == '(') {
            if (p + 1 < m->p_end && p[1] == ')')
                s = start_capture(m, s, p + 2, CAP_POSITION);
            else
                s = start_capture(m, s, p + 1, CAP_UNFINISHED);
            done = 1;
        } else if (*p == ')') {
            s = end_capture(m, s, p + 1);
            done = 1;
        } else if (*p == '$' && p + 1 == m->p_end) {
            s = s == m->src_end ? s : NULL;
            done = 1;
        } else if (*p == ESC && p + 1 < m->p_end && p[1] == 'b') {
            if ((s = match_balance(m, s, p + 2)) != NULL)
                p += 4;
        } else if (*p == ESC && p + 1 < m->p_end && p[1] == 'f') {
            s = match_frontier(m, s, &p);
        } else if (*p == ESC && p + 1 < m->p_end && in_range((unsigned char)p[1], '0', '9')) {
            if ((s = match_capture(m, s, (unsigned char)p[1])) != NULL)
                p += 2;
        } else {
            s = match_class(m, s, &p, &done);
        }
    }
    m->depth++;
    return s;
}

/* --- captures to Lua values ---------------------------------------------------------- */

static void push_capture(struct matcher *m, int i, const char *s, const char *e)
{
    if (i >= m->level) {
        if (i != 0)
            luaL_error(m->L, "ongeldige capture-verwijzing %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));  /* the whole match */
        return;
    }
    if (m->cap[i].len == CAP_UNFINISHED)
        luaL_error(m->L, "ongeldig patroon: capture zonder ')'");
    if (m->cap[i].len == CAP_POSITION)
        lua_pushinteger(m->L, (m->cap[i].init - m->src_init) + 1);
    else
        lua_pushlstring(m->L, m->cap[i].init, (size_t)m->cap[i].len);
}

/* Pushes the captures (or the whole match when there are none and s is
 * given); returns how many. */
static int push_captures(struct matcher *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s != NULL) ? 1 : m->level;

    luaL_checkstack(m->L, n, "te veel captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

/* --- find and match ---------------------------------------------------------------- */

/* A 1-based position from Lua (negative counts from the end) -> 1..len+1 and beyond. */
static size_t position(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len)
        return 1;
    return len + (size_t)pos + 1;
}

static int no_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL)
            return 0;
    return 1;
}

/* A plain search; every candidate position is charged with the bytes it compares. */
static const char *plain_find(struct matcher *m, const char *s1, size_t l1, const char *s2, size_t l2)
{
    const char *at;

    if (l2 == 0)
        return s1;
    if (l2 > l1)
        return NULL;
    l2--;
    l1 -= l2;
    while (l1 > 0 && (at = memchr(s1, *s2, l1)) != NULL) {
        charge(m, 1 + (long long)(l2 / 32));
        at++;
        if (memcmp(at, s2 + 1, l2) == 0)
            return at - 1;
        l1 -= (size_t)(at - s1);
        s1 = at;
    }
    return NULL;
}

static int find_aux(lua_State *L, int find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = position(luaL_optinteger(L, 3, 1), ls) - 1;
    struct matcher m;

    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    prepare(&m, L, s, ls, p, lp);
    if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
        const char *at = plain_find(&m, s + init, ls - init, p, lp);
        flush(&m);
        if (at != NULL) {
            lua_pushinteger(L, (at - s) + 1);
            lua_pushinteger(L, (at - s) + (lua_Integer)lp);
            return 2;
        }
    } else {
        const char *s1 = s + init;
        int anchor = *p == '^';
        if (anchor) {
            p++;
            lp--;
            m.p_end = p + lp;
        }
        do {
            const char *e;
            restart(&m);
            if ((e = do_match(&m, s1, p)) != NULL) {
                flush(&m);
                if (!find)
                    return push_captures(&m, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&m, NULL, NULL) + 2;
            }
        } while (s1++ < m.src_end && !anchor);
        flush(&m);
    }
    luaL_pushfail(L);
    return 1;
}

static int pattern_find(lua_State *L)
{
    return find_aux(L, 1);
}

static int pattern_match(lua_State *L)
{
    return find_aux(L, 0);
}

/* --- gmatch ---------------------------------------------------------------------- */

struct gmatch_state {
    const char *src;           /* where the next search starts */
    const char *p;
    const char *lastmatch;     /* end of the last match: no empty match there again */
    struct matcher m;
};

/* upvalues: 1 the subject, 2 the pattern (kept alive), 3 the state */
static int gmatch_next(lua_State *L)
{
    struct gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));

    g->m.L = L;  /* the iterator may run in another coroutine */
    for (const char *src = g->src; src <= g->m.src_end; src++) {
        const char *e;
        restart(&g->m);
        if ((e = do_match(&g->m, src, g->p)) != NULL && e != g->lastmatch) {
            g->src = g->lastmatch = e;
            flush(&g->m);
            return push_captures(&g->m, src, e);
        }
    }
    flush(&g->m);
    return 0;
}

static int pattern_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = position(luaL_optinteger(L, 3, 1), ls) - 1;
    struct gmatch_state *g;

    lua_settop(L, 2);
    g = lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls)
        init = ls + 1;  /* start after the end: no match */
    prepare(&g->m, L, s, ls, p, lp);
    g->src = s + init;
    g->p = p;
    g->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* --- gsub ------------------------------------------------------------------------ */

/* The replacement text at index 3, with %0..%9 and %%. */
static void add_text(struct matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
    size_t l;
    const char *news = lua_tolstring(m->L, 3, &l), *p;

    while ((p = memchr(news, ESC, l)) != NULL) {
        luaL_addlstring(b, news, (size_t)(p - news));
        p++;
        if (*p == ESC) {
            luaL_addchar(b, *p);
        } else if (*p == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (in_range((unsigned char)*p, '1', '9')) {
            push_capture(m, *p - '1', s, e);
            luaL_tolstring(m->L, -1, NULL);  /* a position capture is a number */
            lua_remove(m->L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(m->L, "ongeldig gebruik van '%c' in de vervangtekst (gebruik %%%% voor een %%)", ESC);
        }
        l -= (size_t)(p + 1 - news);
        news = p + 1;
    }
    luaL_addlstring(b, news, l);
}

/* Adds the replacement for one match; returns 1 when it changed the text. */
static int add_value(struct matcher *m, luaL_Buffer *b, const char *s, const char *e, int tr)
{
    lua_State *L = m->L;

    if (tr == LUA_TFUNCTION) {
        int n;
        lua_pushvalue(L, 3);
        n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_text(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {  /* nil or false: keep the original text */
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "ongeldige vervangwaarde (%s)", plugin_type_name(lua_type(L, -1)));
    luaL_addvalue(b);
    return 1;
}

static int pattern_gsub(lua_State *L)
{
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int tr = lua_type(L, 3), anchor = *p == '^', changed = 0;
    lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1), n = 0;
    struct matcher m;
    luaL_Buffer b;

    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                     "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    prepare(&m, L, src, srcl, p, lp);
    while (n < max_s) {
        const char *e;
        restart(&m);
        if ((e = do_match(&m, src, p)) != NULL && e != lastmatch) {
            n++;
            changed = add_value(&m, &b, src, e, tr) | changed;
            src = lastmatch = e;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor)
            break;
    }
    flush(&m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

void plugin_pattern_register(lua_State *L, int idx)
{
    static const luaL_Reg fns[] = {
        { "find", pattern_find }, { "match", pattern_match }, { "gmatch", pattern_gmatch }, { "gsub", pattern_gsub },
        { NULL, NULL }
    };

    idx = lua_absindex(L, idx);
    for (const luaL_Reg *f = fns; f->name != NULL; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, idx, f->name);
    }
}
