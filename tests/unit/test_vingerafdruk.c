/*
 * test_vingerafdruk.c: the fingerprint of files that tells a stored
 * sleutelfactoren check apart from one made with other werkvorm files.
 */
#include "wp_test.h"

#include <sys/time.h>

#include "werkplaats/vingerafdruk.h"

static uint64_t print_of(const char *dir)
{
    return vingerafdruk_map(VINGERAFDRUK_BEGIN, dir, ".lua");
}

/* Sets the time of change of path to t seconds after the epoch. */
static void set_mtime(const char *path, time_t t)
{
    struct timeval tv[2] = { { t, 0 }, { t, 0 } };

    assert_int_equal(utimes(path, tv), 0);
}

static void test_folder(void **state)
{
    char *dir = wp_tmpdir(), a[4200], b[4200], other[4200];
    uint64_t first;

    (void)state;
    wp_write(wp_join(a, sizeof a, dir, "a.lua"), "return {}", (size_t)-1);
    wp_write(wp_join(b, sizeof b, dir, "b.lua"), "return {}", (size_t)-1);
    set_mtime(a, 1000000);
    set_mtime(b, 1000000);
    first = print_of(dir);
    assert_true(first == print_of(dir));

    /* Only files with the extension count. */
    wp_write(wp_join(other, sizeof other, dir, "notities.txt"), "x", (size_t)-1);
    assert_true(first == print_of(dir));

    /* A file changed (here only its time), added or removed: another print. */
    set_mtime(a, 1000001);
    assert_true(first != print_of(dir));
    set_mtime(a, 1000000);
    assert_true(first == print_of(dir));
    wp_write(a, "return { id = 'a' }", (size_t)-1);
    set_mtime(a, 1000000);
    assert_true(first != print_of(dir));
    wp_write(a, "return {}", (size_t)-1);
    set_mtime(a, 1000000);
    assert_true(first == print_of(dir));
    assert_int_equal(remove(b), 0);
    assert_true(first != print_of(dir));

    /* A missing folder or file is a state of its own, not an error. */
    assert_true(print_of("/bestaat/niet") != print_of(dir));
    assert_true(vingerafdruk_bestand(VINGERAFDRUK_BEGIN, "/bestaat/niet") !=
                vingerafdruk_bestand(VINGERAFDRUK_BEGIN, a));
    wp_rmtree(dir);
}

static void test_data(void **state)
{
    (void)state;
    /* FNV-1a 64 of "a", the published test vector. */
    assert_true(vingerafdruk_data(VINGERAFDRUK_BEGIN, "a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(vingerafdruk_data(VINGERAFDRUK_BEGIN, "", 0) == VINGERAFDRUK_BEGIN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folder),
        cmocka_unit_test(test_data),
    };

    return cmocka_run_group_tests_name("vingerafdruk", tests, NULL, NULL);
}
