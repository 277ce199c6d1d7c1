/* plugin_watchdog.c: ends the process when a plugin call hangs in C. */
#include "plugin_watchdog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void *watch(void *arg)
{
    struct plugin_watchdog *w = arg;

    pthread_mutex_lock(&w->mu);
    while (!w->done) {
        int rc = pthread_cond_timedwait(&w->cv, &w->mu, &w->kill_at);
        if (rc == ETIMEDOUT && !w->done) {
            ssize_t n = write(STDERR_FILENO, w->msg, strlen(w->msg));
            (void)n;
            _exit(3);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int plugin_watchdog_start(struct plugin_watchdog *w, const char *naam, int ms)
{
    pthread_condattr_t attr;

    memset(w, 0, sizeof *w);
    snprintf(w->msg, sizeof w->msg,
             "werkplaats: werkvorm %s: bleef meer dan %d ms hangen in een ingebouwde functie; werkplaats stopt "
             "hier om niet vast te lopen (wat al was vastgelegd, blijft bewaard)\n", naam, ms);
    clock_gettime(CLOCK_MONOTONIC, &w->kill_at);
    w->kill_at.tv_sec += ms / 1000;
    w->kill_at.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (w->kill_at.tv_nsec >= 1000000000L) {
        w->kill_at.tv_sec++;
        w->kill_at.tv_nsec -= 1000000000L;
    }
    if (pthread_condattr_init(&attr) != 0)
        return -1;
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 || pthread_cond_init(&w->cv, &attr) != 0) {
        pthread_condattr_destroy(&attr);
        return -1;
    }
    pthread_condattr_destroy(&attr);
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        pthread_cond_destroy(&w->cv);
        return -1;
    }
    if (pthread_create(&w->thread, NULL, watch, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        return -1;
    }
    w->running = 1;
    return 0;
}

void plugin_watchdog_stop(struct plugin_watchdog *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->mu);
    w->done = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    w->running = 0;
}
