/*
 * plugin_watchdog.h (engine-private): the last resort of the plugin host
 * (STYLE.md 9.4 step 9).
 *
 * The count hook stops Lua code at its deadline, and every built-in C
 * function that can run long charges the budget (plugin_env.c,
 * plugin_pattern.c). Should some C path still run on, nothing inside the
 * process can interrupt it. A watchdog thread waits for each plugin call;
 * if the call outlives its deadline by the grace period, it writes a Dutch
 * message and ends the process with exit code 3. Facts are stored before
 * the engine acts on them, so the session can be resumed.
 */
#ifndef WERKPLAATS_PLUGIN_WATCHDOG_H
#define WERKPLAATS_PLUGIN_WATCHDOG_H

#include <pthread.h>
#include <time.h>

/* After the deadline, C code gets this long before the process ends. */
#define PLUGIN_WATCHDOG_GRACE_MS 3000

struct plugin_watchdog {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct timespec kill_at;   /* CLOCK_MONOTONIC */
    int done;
    int running;
    char msg[512];
};

/* Starts watching: after ms milliseconds the process ends with msg about
 * werkvorm naam. Returns -1 (and runs without a watchdog) when no thread
 * can be started. */
int plugin_watchdog_start(struct plugin_watchdog *w, const char *naam, int ms);

/* Ends the watch (a no-op when it did not start). */
void plugin_watchdog_stop(struct plugin_watchdog *w);

#endif
