/* clock.c: wall and monotonic time, and "today" with a rehearsal override. */
#include "werkplaats/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "werkplaats/yamlx.h"

int64_t clock_wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Every fact is stamped, so the date and time are formatted once per second
 * and only the milliseconds per call. */
const char *clock_now_iso(char buf[CLOCK_ISO_SIZE])
{
    static time_t formatted_secs = -1;
    static char formatted[24];       /* "YYYY-MM-DDTHH:MM:SS" of formatted_secs */
    int64_t ms = clock_wall_ms();
    time_t secs = (time_t)(ms / 1000);
    int millis = (int)(ms % 1000);
    size_t n;

    if (secs != formatted_secs) {
        struct tm tm;
        gmtime_r(&secs, &tm);
        if (strftime(formatted, sizeof formatted, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
            formatted[0] = '\0';
        formatted_secs = secs;
    }
    n = strlen(formatted);
    memcpy(buf, formatted, n);
    buf[n] = '.';
    buf[n + 1] = (char)('0' + millis / 100);
    buf[n + 2] = (char)('0' + millis / 10 % 10);
    buf[n + 3] = (char)('0' + millis % 10);
    buf[n + 4] = 'Z';
    buf[n + 5] = '\0';
    return buf;
}

const char *clock_today(char buf[CLOCK_DATE_SIZE])
{
    const char *fixed = getenv("WERKPLAATS_VANDAAG");
    time_t now;
    struct tm tm;

    if (fixed != NULL && yamlx_valid_date(fixed)) {
        memcpy(buf, fixed, CLOCK_DATE_SIZE);
        return buf;
    }
    now = time(NULL);
    localtime_r(&now, &tm);
    strftime(buf, CLOCK_DATE_SIZE, "%Y-%m-%d", &tm);
    return buf;
}

int64_t clock_parse_iso(const char *iso)
{
    struct tm tm;
    int ms = 0;

    memset(&tm, 0, sizeof tm);
    if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon,
                              &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm) * 1000 + ms;
}
