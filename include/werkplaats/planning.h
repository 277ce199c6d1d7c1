/*
 * planning.h: werkvormen planned for a sprint, before they run (sleutelfactor
 * "werkvormen"). A plan names the werkvorm, how many people are expected and
 * from which groups, so `status` and the sleutelfactoren check can say in
 * advance when the group is too small or too large for the werkvorm, or when
 * the werkvorm is not meant for those participants. Once the werkvorm runs
 * (a session with the same sprint and label), the session counts instead.
 */
#ifndef WERKPLAATS_PLANNING_H
#define WERKPLAATS_PLANNING_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

struct planning_invoer {
    int sprint;
    const char *werkvorm;        /* the werkvorm id */
    const char *label;           /* default: the werkvorm id */
    int aantal;                  /* expected participants; -1: not known */
    const char *const *groepen;  /* expected methode groepen, NULL-terminated, or NULL */
    const char *datum;           /* optional YYYY-MM-DD */
};

/* Checks and stores a plan; planning the same sprint and label again
 * replaces the earlier plan. Returns the plan's number, or -1. */
long long planning_add(struct traject *t, const struct planning_invoer *in, wp_error *err);

/* Removes plan nr. */
int planning_remove(struct traject *t, long long nr, wp_error *err);

/* The plans up to sprint tot (0: all) as a JSON array of {nr, sprint,
 * werkvorm, label, aantal?, groepen, datum?, gehouden}; gehouden tells that
 * a session with the same sprint and label exists. */
json_t *planning_list(struct traject *t, int tot, wp_error *err);

#endif
