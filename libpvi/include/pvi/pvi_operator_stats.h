/* pvi_operator_stats.h — the operators' workload as the back office shows
 * it: each active operator's queue (the sites assigned to them in
 * "collecting"), their call-backs due, their last call, the sites they
 * submitted this week; and one operator's queue, site by site.
 *
 * A call-back is due when the latest call of a site in the queue asked to
 * call back (outcome "call_back") and its time has come (call_back_at ≤
 * now, pvi_now_us()); a later call of the site supersedes it
 * (pvi_call_log_add keeps the site's pending call-back). "This week"
 * starts on Monday at 00:00 in the zone times are shown in
 * (pvi_time_zone_set, PVI_TIME_ZONE). "In the queue since" is the time
 * of the site's latest assignment or rejection in the audit trail (null
 * when the trail has none, as for loaded data).
 *
 * Both reads are for who may assign sites (PVI_ACT_ASSIGN: admin, system);
 * others get PVI_FORBIDDEN. Every figure is read through an index (schema
 * 005_operator_stats.sql): no big table is scanned in full. Times are
 * ISO 8601 UTC (pvi_time_display shows them). */
#ifndef PVI_OPERATOR_STATS_H
#define PVI_OPERATOR_STATS_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"

#include <jansson.h>

/* Every active operator, by display name:
 *   {"now": ISO, "week_start": ISO,
 *    "operators": [{"id","uid","name","queue","callbacks_due",
 *                   "last_call_at" (ISO or null),"submitted_week"}]}
 * *out (new reference) belongs to the caller. Errors: PVI_FORBIDDEN,
 * PVI_UNAVAILABLE. */
enum pvi_code pvi_operator_overview(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

/* One active operator's queue, newest site first, at most limit sites
 * (1–200; other values: 50) with an id below after_id (0: from the newest;
 * keyset paging):
 *   {"id","uid","name","queue" (the whole queue's size),
 *    "sites": [{"id","slug","business_name","version","since" (ISO or null),
 *               "call_back_at" (ISO or null: the latest call's, if it
 *               asked to call back),"due" (bool)}],
 *    "next_after" (the after_id of the next page, 0 when none)}
 * *out belongs to the caller. Errors: PVI_FORBIDDEN, PVI_NOT_FOUND (no
 * active operator with that id), PVI_UNAVAILABLE. */
enum pvi_code pvi_operator_queue(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                 long long operator_id, long long after_id, int limit);

#endif
