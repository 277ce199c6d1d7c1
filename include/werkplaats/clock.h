/*
 * clock.h: the one place werkplaats reads the time.
 *
 * Facts carry the wall-clock time they were recorded (UTC, milliseconds);
 * deadlines compare against today's date. WERKPLAATS_VANDAAG=YYYY-MM-DD
 * fixes "today" (for rehearsing a traject and for tests), as
 * SOURCE_DATE_EPOCH fixes the time for reproducible builds.
 */
#ifndef WERKPLAATS_CLOCK_H
#define WERKPLAATS_CLOCK_H

#include <stdint.h>

#define CLOCK_ISO_SIZE 32
#define CLOCK_DATE_SIZE 11

/* "2026-11-26T14:09:49.123Z" */
const char *clock_now_iso(char buf[CLOCK_ISO_SIZE]);

/* "2026-11-26", or WERKPLAATS_VANDAAG when it is a valid date. */
const char *clock_today(char buf[CLOCK_DATE_SIZE]);

/* Milliseconds since the epoch (wall clock) and a monotonic clock. */
int64_t clock_wall_ms(void);
int64_t clock_mono_ms(void);

/* Parses the ISO form above back into milliseconds; -1 when malformed. */
int64_t clock_parse_iso(const char *iso);

#endif
