/*
 * vingerafdruk.h: a cheap fingerprint of files, for what werkplaats stores
 * beside the database and must recompute when a file it was made from
 * changes (the stored sleutelfactoren check reads the werkvorm cards and
 * the methode). Only what stat() tells is used: the name, size, inode and
 * time of change. Reading the files would cost what storing saves.
 */
#ifndef WERKPLAATS_VINGERAFDRUK_H
#define WERKPLAATS_VINGERAFDRUK_H

#include <stddef.h>
#include <stdint.h>

#define VINGERAFDRUK_BEGIN 14695981039346656037ULL   /* FNV-1a's offset basis */

/* Mixes len bytes of data into fingerprint h (FNV-1a). */
uint64_t vingerafdruk_data(uint64_t h, const void *data, size_t len);

/* Mixes in the file at path (also when it is missing: that is a state too). */
uint64_t vingerafdruk_bestand(uint64_t h, const char *path);

/* Mixes in every file in dir whose name ends in ext, whatever order the
 * directory lists them in. */
uint64_t vingerafdruk_map(uint64_t h, const char *dir, const char *ext);

#endif
