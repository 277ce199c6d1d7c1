/*
 * vingerafdruk.c: a fingerprint of files from what stat() tells; see
 * vingerafdruk.h.
 */
#include "werkplaats/vingerafdruk.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define FNV_PRIME 1099511628211ULL

uint64_t vingerafdruk_data(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

uint64_t vingerafdruk_bestand(uint64_t h, const char *path)
{
    struct stat sb;
    long long v[4] = { -1, -1, -1, -1 };

    if (stat(path, &sb) == 0) {
        v[0] = (long long)sb.st_size;
        v[1] = (long long)sb.st_ino;
        v[2] = (long long)sb.st_mtim.tv_sec;
        v[3] = (long long)sb.st_mtim.tv_nsec;
    }
    h = vingerafdruk_data(h, path, strlen(path) + 1);
    return vingerafdruk_data(h, v, sizeof v);
}

uint64_t vingerafdruk_map(uint64_t h, const char *dir, const char *ext)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    uint64_t sum = 0;
    size_t ext_len = strlen(ext);
    char path[PATH_MAX];

    h = vingerafdruk_data(h, dir, strlen(dir) + 1);
    if (d == NULL)
        return vingerafdruk_data(h, "?", 1);
    /* Each file on its own, then summed: readdir's order does not count. */
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len <= ext_len || strcmp(de->d_name + len - ext_len, ext) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        sum += vingerafdruk_bestand(VINGERAFDRUK_BEGIN, path);
    }
    closedir(d);
    return vingerafdruk_data(h, &sum, sizeof sum);
}
