/* pvi_stats.h — the figures of the production, in one call: what the back
 * office's dashboard shows and `pvictl stats` prints. Every figure is read
 * from a counter kept in the same transaction as the change or from a
 * partial index (schema/003_dashboard.sql), so that none costs a scan of
 * the sites, the audit trail or the publication jobs, whatever their size
 * (ARCHITECTURE.md, "The dashboard's figures"). The figures are read in
 * one statement, so they agree with each other. */
#ifndef PVI_STATS_H
#define PVI_STATS_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"

#include <jansson.h>

/* How many entries each list of the figures holds at most. */
#define PVI_STATS_LIST 5
/* The days of the publications per day (today included). */
#define PVI_STATS_DAYS 30

/* The figures at the time of pvi_now_us(), as a new JSON object (caller
 * json_decref()s it):
 *   "at":      the time they were read (ISO 8601 UTC),
 *   "sites":   {"ordered": n, "collecting": n, "review": n, "online": n,
 *               "suspended": n, "closed": n} (every state, by pvi_state_name),
 *   "queue":   the publication jobs: {"pending": n (jobs not applied yet),
 *               "oldest_pending_at": time or null, "oldest_pending_age_s": n
 *               or null (seconds since it was queued), "failing": n (pending
 *               after a failed attempt: the publisher retries them with a
 *               back-off, it never gives up), "failures": the newest failing
 *               ones first, at most PVI_STATS_LIST: [{"job_id", "site_id",
 *               "slug", "business_name", "kind", "attempts", "last_error",
 *               "next_attempt_at"}], "last_done_at": the time the last job
 *               was applied, or null},
 *   "change_requests": {"pending": n, "oldest": the oldest first, at most
 *               PVI_STATS_LIST: [{"id", "site_id", "slug", "business_name",
 *               "fields": [top-level content keys], "created_at"}]},
 *   "review":  the sites submitted for review: {"count": n, "oldest": the
 *               longest waiting first (by the site's last change), at most
 *               PVI_STATS_LIST: [{"site_id", "slug", "business_name",
 *               "operator" (display name or null), "since"}]},
 *   "publications": the jobs applied per day, PVI_STATS_DAYS entries, the
 *               oldest day first, today (Europe/Paris) last:
 *               [{"day": "YYYY-MM-DD", "count": n}].
 * Who may: PVI_ACT_VIEW_STATS (admin, operator, system); PVI_FORBIDDEN
 * otherwise. PVI_UNAVAILABLE when the database is unreachable. */
enum pvi_code pvi_stats_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

/* The query plan of the statement behind pvi_stats_get, with the same
 * parameters (EXPLAIN (FORMAT JSON), not run): PostgreSQL's JSON, an array
 * of one {"Plan": …} (caller json_decref()s it). For diagnostics (`pvictl
 * stats --explain`) and the test that no figure scans a big table. Who
 * may: PVI_ACT_VIEW_STATS, as pvi_stats_get. */
enum pvi_code pvi_stats_explain(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

#endif
