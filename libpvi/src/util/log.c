/* log.c — logfmt lines on stderr, one write(2) each so threads never interleave. */
#include "pvi/pvi_log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int threshold = PVI_LOG_INFO;
static const char *service_name = "pvi";
static const char *const names[] = {"debug", "info", "warn", "error"};

int
pvi_log_set_level(const char *name)
{
    for (int i = 0; name && i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            atomic_store(&threshold, i);
            return 0;
        }
    return -1;
}

void
pvi_log_set_service(const char *service)
{
    service_name = service;
}

void
pvi_log(enum pvi_log_level level, const char *fmt, ...)
{
    if ((int)level < atomic_load(&threshold))
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    char line[4608];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = snprintf(line, sizeof line,
                     "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s service=%s msg=\"",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec, ts.tv_nsec / 1000000, names[level], service_name);
    size_t len = n > 0 ? (size_t)n : 0;
    for (const char *p = msg; *p && len + 4 < sizeof line; p++) {
        if (*p == '"' || *p == '\\') {
            line[len++] = '\\';
            line[len++] = *p;
        } else if (*p == '\n') {
            line[len++] = '\\';
            line[len++] = 'n';
        } else if ((unsigned char)*p < 0x20) {
            line[len++] = ' ';
        } else {
            line[len++] = *p;
        }
    }
    line[len++] = '"';
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
