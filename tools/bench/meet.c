/*
 * meet.c: runs a command and prints what it cost, for `make bench`.
 *
 *   meet [-n RUNS] [-o UIT] LABEL -- COMMAND [ARG...]
 *
 * Prints one tab-separated line: LABEL, wall seconds, CPU seconds (user +
 * system) and peak resident memory in KiB, all from the child itself
 * (wait4's rusage), so the shell around it does not count. With -n the
 * command runs RUNS times and each figure is the median. The child's
 * standard output goes to UIT (default /dev/null); its standard error is
 * kept. A command that fails stops the bench: exit 1 with its status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

struct cost {
    double wall, cpu, rss_kb;
};

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_once(char **argv, const char *out, struct cost *c)
{
    struct rusage ru;
    double start = now();
    int status;
    pid_t pid = fork();

    if (pid < 0) {
        perror("meet: fork");
        return -1;
    }
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
            perror(out);
            _exit(127);
        }
        close(fd);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid) {
        perror("meet: wait4");
        return -1;
    }
    c->wall = now() - start;
    c->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
             (double)ru.ru_stime.tv_usec / 1e6;
    c->rss_kb = (double)ru.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "meet: %s eindigde met status %d\n", argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    double wall[MAX_RUNS], cpu[MAX_RUNS], rss[MAX_RUNS];
    const char *out = "/dev/null", *label;
    int runs = 1, i = 1;

    for (; i + 1 < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0; i += 2) {
        if (strcmp(argv[i], "-n") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "-o") == 0)
            out = argv[i + 1];
    }
    if (i + 2 >= argc || strcmp(argv[i + 1], "--") != 0 || runs < 1 || runs > MAX_RUNS) {
        fputs("gebruik: meet [-n KEER] [-o UIT] LABEL -- OPDRACHT [ARG...]\n", stderr);
        return 2;
    }
    label = argv[i];
    for (int k = 0; k < runs; k++) {
        struct cost c;
        if (run_once(argv + i + 2, out, &c) != 0)
            return 1;
        wall[k] = c.wall;
        cpu[k] = c.cpu;
        rss[k] = c.rss_kb;
    }
    printf("%s\t%.6f\t%.6f\t%.0f\n", label, median(wall, runs), median(cpu, runs), median(rss, runs));
    return 0;
}
