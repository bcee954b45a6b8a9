/* pvi_clock.h — the time seam: every expiry and timestamp decided by libpvi
 * reads pvi_now(), so tests can drive time without sleeping. */
#ifndef PVI_CLOCK_H
#define PVI_CLOCK_H

#include <stdint.h>

/* Microseconds since the Unix epoch, from the installed clock (the real one by default). */
int64_t pvi_now_us(void);
/* Seconds since the epoch. */
int64_t pvi_now(void);

/* Installs a clock (NULL restores the real one). For tests: not thread-safe
 * against concurrent pvi_now() callers while being switched. */
void pvi_clock_set(int64_t (*now_us)(void *ctx), void *ctx);

/* Formats t (µs since epoch) as an ISO 8601 UTC timestamp understood by
 * PostgreSQL ("2026-11-25T16:58:35.351000Z") into out. */
#define PVI_TIME_SIZE 40
void pvi_time_format(char out[static PVI_TIME_SIZE], int64_t t_us);

#endif
