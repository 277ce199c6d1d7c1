/*
 * test_clock.c: the time stamp every fact gets (clock_now_iso): UTC with
 * milliseconds, and the instant it names lies between the readings of the
 * clock taken around it, across many calls and second boundaries.
 */
#include "wp_test.h"

#include <time.h>

#include "werkplaats/clock.h"

/* "2026-11-27T12:34:56.789Z" back to milliseconds since 1970; -1 when the
 * text has another shape. */
static int64_t parse_iso(const char *s)
{
    struct tm tm;
    const char *rest;

    memset(&tm, 0, sizeof tm);
    if (strlen(s) != 24 || (rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL || rest[0] != '.' ||
        rest[4] != 'Z' || rest[1] < '0' || rest[1] > '9' || rest[2] < '0' || rest[2] > '9' || rest[3] < '0' ||
        rest[3] > '9')
        return -1;
    return (int64_t)timegm(&tm) * 1000 + (rest[1] - '0') * 100 + (rest[2] - '0') * 10 + (rest[3] - '0');
}

static void test_now_iso_names_now(void **state)
{
    char buf[CLOCK_ISO_SIZE];
    int64_t first = clock_wall_ms(), last = first;

    (void)state;
    /* Long enough to cross at least one second, so the cached part changes. */
    while (last - first < 1200) {
        int64_t before = clock_wall_ms(), stamped, after;
        stamped = parse_iso(clock_now_iso(buf));
        after = clock_wall_ms();
        if (stamped < before || stamped > after)
            fail_msg("'%s' ligt niet tussen %lld en %lld", buf, (long long)before, (long long)after);
        last = after;
    }
    assert_int_equal(parse_iso("2026-11-27T12:34:56.789Z"), 1795782896789LL);
    assert_int_equal(parse_iso("2026-11-27 12:34:56"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_now_iso_names_now),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
