/*
 * plugin_watchdog.h (engine-private): the last resort of the plugin host
 * (STYLE.md 9.4 step 9).
 *
 * The count hook stops Lua code at its deadline, and every built-in C
 * function that can run long charges the budget (plugin_env.c,
 * plugin_pattern.c). Should some C path still run on, nothing inside the
 * process can interrupt it. So each plugin call arms a timer; if the call
 * outlives its deadline by the grace period, the timer's signal writes a
 * Dutch message and ends the process with exit code 3. Facts are stored
 * before the engine acts on them, so the session can be resumed.
 */
#ifndef WERKPLAATS_PLUGIN_WATCHDOG_H
#define WERKPLAATS_PLUGIN_WATCHDOG_H

#include <stddef.h>
#include <time.h>

/* After the deadline, C code gets this long before the process ends. */
#define PLUGIN_WATCHDOG_GRACE_MS 3000

struct plugin_watchdog {
    struct timespec kill_at;            /* CLOCK_MONOTONIC */
    struct plugin_watchdog *outer;      /* the watch this one interrupted, if any */
    int running;
    size_t msg_len;
    char msg[512];
};

/* Starts watching: after ms milliseconds the process ends with msg about
 * werkvorm naam. Returns -1 (and runs without a watchdog) when no timer
 * can be made. Watches nest: stopping the inner one re-arms the outer. */
int plugin_watchdog_start(struct plugin_watchdog *w, const char *naam, int ms);

/* Ends the watch (a no-op when it did not start). */
void plugin_watchdog_stop(struct plugin_watchdog *w);

#endif
