/* pvi_clock.h — the time seam: every expiry and timestamp decided by libpvi
 * reads pvi_now(), so tests can drive time without sleeping. */
#ifndef PVI_CLOCK_H
#define PVI_CLOCK_H

#include "pvi/pvi_msg.h"

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

/* The time zone people read times in (an IANA name such as "Europe/Paris",
 * from the system's tz database), for pvi_time_display. Process-wide: call
 * it at start, before any thread (pvi_service_init does, from
 * PVI_TIME_ZONE). 0, or -1 for a zone the database does not have. */
int pvi_time_zone_set(const char *zone);

/* A timestamp as libpvi's readers give it ("2026-12-02T03:00:44Z", UTC) as
 * a person reads it, in the zone of pvi_time_zone_set: "02/12/2026 04:00"
 * (French), "2026-12-02 04:00" (English). Text that is not such a
 * timestamp is copied as it is (cut to fit); NULL gives "". */
#define PVI_TIME_DISPLAY_SIZE 40
void pvi_time_display(char out[static PVI_TIME_DISPLAY_SIZE], const char *iso, enum pvi_lang lang);

#endif
