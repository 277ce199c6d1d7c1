/*
 * plugin_watchdog.c: ends the process when a plugin call hangs in C.
 *
 * One POSIX timer per process on CLOCK_MONOTONIC, delivering SIGALRM, armed
 * at the start of every plugin call and disarmed at its end: two system
 * calls per call. An earlier version started a thread per call; that cost
 * a thread's creation and join for every step hook and made the whole
 * process multi-threaded, so that every malloc took its locking path
 * (13% of the CPU of a draaiboek replay). The engine runs plugin calls on one
 * thread, so one timer is enough.
 */
#include "plugin_watchdog.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The innermost running watch; the signal handler reads it. A lock-free
 * atomic is what C allows a handler to read safely. */
static _Atomic(struct plugin_watchdog *) watching;

/* Timers are not inherited across fork: a child forgets it had one and
 * makes its own (forget_timer, registered with pthread_atfork). */
static timer_t timer;
static int have_timer, forget_registered;

static void forget_timer(void)
{
    have_timer = 0;
}

static void on_alarm(int sig)
{
    struct plugin_watchdog *w = atomic_load(&watching);
    ssize_t n;

    (void)sig;
    if (w == NULL)
        return;                 /* a late signal of a watch that just ended */
    n = write(STDERR_FILENO, w->msg, w->msg_len);
    (void)n;
    _exit(3);
}

static int ensure_timer(void)
{
    struct sigaction sa;
    struct sigevent ev;

    if (have_timer)
        return 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;   /* a signal that finds no watch leaves system calls alone */
    sigemptyset(&sa.sa_mask);
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGALRM;
    if (!forget_registered && pthread_atfork(NULL, NULL, forget_timer) != 0)
        return -1;
    forget_registered = 1;
    if (sigaction(SIGALRM, &sa, NULL) != 0 || timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0)
        return -1;
    have_timer = 1;
    return 0;
}

/* Arms the timer for w's deadline, or disarms it when w is NULL. */
static void set_timer(const struct plugin_watchdog *w)
{
    struct itimerspec when;

    memset(&when, 0, sizeof when);
    if (w != NULL)
        when.it_value = w->kill_at;
    timer_settime(timer, TIMER_ABSTIME, &when, NULL);
}

int plugin_watchdog_start(struct plugin_watchdog *w, const char *naam, int ms)
{
    int len;

    memset(w, 0, sizeof *w);
    len = snprintf(w->msg, sizeof w->msg,
                   "werkplaats: werkvorm %s: bleef meer dan %d ms hangen in een ingebouwde functie; werkplaats "
                   "stopt hier om niet vast te lopen (wat al was vastgelegd, blijft bewaard)\n", naam, ms);
    w->msg_len = len < 0 ? 0 : (size_t)len < sizeof w->msg ? (size_t)len : sizeof w->msg - 1;
    clock_gettime(CLOCK_MONOTONIC, &w->kill_at);
    w->kill_at.tv_sec += ms / 1000;
    w->kill_at.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (w->kill_at.tv_nsec >= 1000000000L) {
        w->kill_at.tv_sec++;
        w->kill_at.tv_nsec -= 1000000000L;
    }
    if (ensure_timer() != 0)
        return -1;
    w->outer = atomic_load(&watching);
    atomic_store(&watching, w);
    set_timer(w);
    w->running = 1;
    return 0;
}

void plugin_watchdog_stop(struct plugin_watchdog *w)
{
    if (!w->running)
        return;
    set_timer(w->outer);
    atomic_store(&watching, w->outer);
    w->running = 0;
}
