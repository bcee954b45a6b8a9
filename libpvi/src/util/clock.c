/* clock.c — the replaceable clock. */
#include "pvi/pvi_clock.h"

#include <stdio.h>
#include <time.h>

static int64_t (*clock_fn)(void *ctx);
static void *clock_ctx;

int64_t
pvi_now_us(void)
{
    if (clock_fn)
        return clock_fn(clock_ctx);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t
pvi_now(void)
{
    return pvi_now_us() / 1000000;
}

void
pvi_clock_set(int64_t (*now_us)(void *ctx), void *ctx)
{
    clock_fn = now_us;
    clock_ctx = ctx;
}

void
pvi_time_format(char out[static 40], int64_t t_us)
{
    time_t s = (time_t)(t_us / 1000000);
    long us = (long)(t_us % 1000000);
    if (us < 0) {
        us += 1000000;
        s -= 1;
    }
    struct tm tm;
    gmtime_r(&s, &tm);
    size_t n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 40 - n, ".%06ldZ", us);
}
