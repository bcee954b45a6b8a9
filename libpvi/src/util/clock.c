/* clock.c — the replaceable clock, timestamps for PostgreSQL, and times as
 * people read them (their time zone, their language's order). */
#include "pvi/pvi_clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int
pvi_time_zone_set(const char *zone)
{
    if (zone == NULL || *zone == '\0' || strstr(zone, "..") || zone[0] == '/')
        return -1;
    char path[256];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
    if (access(path, R_OK) != 0)
        return -1;
    setenv("TZ", zone, 1);
    tzset();
    return 0;
}

void
pvi_time_display(char out[static PVI_TIME_DISPLAY_SIZE], const char *iso, enum pvi_lang lang)
{
    out[0] = '\0';
    if (iso == NULL)
        return;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm);
    if (end != NULL && *end == '.')
        end += strspn(end + 1, "0123456789") + 1;
    if (end == NULL || strcmp(end, "Z") != 0) {
        snprintf(out, PVI_TIME_DISPLAY_SIZE, "%s", iso);
        return;
    }
    time_t t = timegm(&tm);
    struct tm local;
    localtime_r(&t, &local);
    strftime(out, PVI_TIME_DISPLAY_SIZE, lang == PVI_LANG_EN ? "%Y-%m-%d %H:%M" : "%d/%m/%Y %H:%M",
             &local);
}
