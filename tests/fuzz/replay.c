/*
 * replay.c: a plain driver for the fuzz targets, so that `make check` (gcc,
 * clang, ASan, valgrind) runs the seed corpus and every regression input
 * through the same entry point libFuzzer uses.
 *
 *   fuzz_casus [FILE|DIR ...]
 *
 * Without arguments it reads tests/fuzz/<target>.seeds (one path a line,
 * relative to $WP_TOP: a file, or a folder whose files are all inputs) and
 * tests/fuzz/regressies/<target>/. Each input is one TAP line; an input that
 * crashes the target ends the program, which tests/run.sh counts as a
 * failure.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n_inputs;
static const char *target;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;

    if (f == NULL) {
        printf("not ok %d - %s: %s kan niet gelezen worden: %s\n", ++n_inputs, target, path, strerror(errno));
        return;
    }
    do {
        if (len == cap) {
            char *more = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (more == NULL) {
                fclose(f);
                free(buf);
                printf("not ok %d - %s: %s: onvoldoende geheugen\n", ++n_inputs, target, path);
                return;
            }
            buf = more;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    fflush(stdout);
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    free(buf);
    printf("ok %d - %s: %s\n", ++n_inputs, target, path);
}

/* A file, or every regular file in a folder (sorted, not recursive). */
static void run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        run_file(path);
        return;
    }
    if ((d = opendir(path)) == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char **more;
        if (e->d_name[0] == '.' || (more = realloc(names, (n + 1) * sizeof *names)) == NULL)
            continue;
        names = more;
        if ((names[n] = malloc(strlen(path) + strlen(e->d_name) + 2)) != NULL)
            sprintf(names[n++], "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            run_file(names[i]);
        free(names[i]);
    }
    free(names);
}

/* The seeds file's paths, then the regressions. */
static void run_defaults(void)
{
    char path[4096], line[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/tests/fuzz/%s.seeds", fuzz_top(), target);
    if ((f = fopen(path, "r")) == NULL) {
        printf("not ok %d - %s: %s kan niet gelezen worden: %s\n", ++n_inputs, target, path, strerror(errno));
        return;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        snprintf(path, sizeof path, "%s/%s", fuzz_top(), line);
        run_path(path);
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/tests/fuzz/regressies/%s", fuzz_top(), target);
    run_path(path);
}

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

    target = strncmp(base, "fuzz_", 5) == 0 ? base + 5 : base;
    if (argc < 2)
        run_defaults();
    for (int i = 1; i < argc; i++)
        run_path(argv[i]);
    fuzz_done();
    printf("1..%d\n", n_inputs);
    return 0;
}
