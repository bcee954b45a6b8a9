/* operator_stats.c — the operators' workload (pvi_operator_stats.h): each
 * operator's queue, call-backs due, last call and submissions of the week,
 * and one operator's queue site by site. Read through indexes only (schema
 * 005_operator_stats.sql): the partial index of the sites in collecting
 * with their pending call-back (sites.call_back_at, kept by
 * pvi_call_log_add), an operator's calls by time, the partial index of
 * submissions, and audit_events (site_id, at) for the time of assignment. */
#include "pg.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_operator_stats.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_workflow.h"

#include <time.h>

/* clang-format off */
/* $1 now, $2 the start of the week */
static struct pvi_stmt overview_stmt = PVI_STMT(
    "SELECT json_build_object('now', " PVI_SQL_ISO("$1::timestamptz") ","
    " 'week_start', " PVI_SQL_ISO("$2::timestamptz") ", 'operators', coalesce(json_agg("
    " json_build_object('id', o.id, 'uid', o.ldap_uid, 'name', o.display_name,"
    " 'queue', q.queue, 'callbacks_due', q.due, 'last_call_at', " PVI_SQL_ISO("lc.at") ","
    " 'submitted_week', sub.n) ORDER BY o.display_name, o.id) FILTER (WHERE o.id IS NOT NULL),"
    " '[]'))"
    " FROM (SELECT 1) one LEFT JOIN operators o ON o.active"
    " LEFT JOIN LATERAL (SELECT count(*) AS queue,"
    "  count(*) FILTER (WHERE s.call_back_at <= $1::timestamptz) AS due"
    "  FROM sites s WHERE s.operator_id = o.id AND s.state = 'collecting') q ON true"
    " LEFT JOIN LATERAL (SELECT max(called_at) AS at FROM call_log"
    "  WHERE operator_id = o.id) lc ON true"
    " LEFT JOIN LATERAL (SELECT count(DISTINCT site_id) AS n FROM audit_events"
    "  WHERE action = 'site.submit' AND actor_kind = 'operator' AND actor_id = o.id"
    "  AND at >= $2::timestamptz) sub ON true");

/* $1 now, $2 operator, $3 keyset cursor (0: none), $4 page size + 1 */
static struct pvi_stmt queue_stmt = PVI_STMT(
    "SELECT json_build_object('id', o.id, 'uid', o.ldap_uid, 'name', o.display_name,"
    " 'queue', (SELECT count(*) FROM sites WHERE operator_id = o.id AND state = 'collecting'),"
    " 'sites', coalesce((SELECT json_agg(json_build_object('id', s.id, 'slug', s.slug,"
    "  'business_name', s.business_name, 'version', s.version, 'since', " PVI_SQL_ISO("st.at") ","
    "  'call_back_at', " PVI_SQL_ISO("s.call_back_at") ","
    "  'due', coalesce(s.call_back_at <= $1::timestamptz, false)) ORDER BY s.id DESC)"
    "  FROM (SELECT id, slug, business_name, version, call_back_at FROM sites"
    "   WHERE operator_id = o.id AND state = 'collecting' AND ($3::bigint = 0 OR id < $3::bigint)"
    "   ORDER BY id DESC LIMIT $4::int) s"
    "  LEFT JOIN LATERAL (SELECT max(a.at) AS at FROM audit_events a WHERE a.site_id = s.id"
    "   AND a.action IN ('site.assign', 'site.reject')) st ON true), '[]'))"
    " FROM operators o WHERE o.id = $2::bigint AND o.active");

/* clang-format on */

struct stats_ctx {
    struct pvi_stmt *st;
    int n;
    const char *const *p;
    json_t *out;
};

static enum pvi_code
stats_tx(struct pvi_tx *tx, void *arg)
{
    struct stats_ctx *c = arg;
    return pvi_tx_select_json(tx, c->st, c->n, c->p, &c->out);
}

/* Monday 00:00 of the week of t, in the zone times are shown in
 * (pvi_time_zone_set). */
static int64_t
week_start_us(int64_t t_us)
{
    time_t t = (time_t)(t_us / 1000000);
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday -= (tm.tm_wday + 6) % 7; /* back to Monday */
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm) * 1000000;
}

enum pvi_code
pvi_operator_overview(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_ASSIGN, NULL);
    if (rc != PVI_OK)
        return rc;
    char now[PVI_TIME_SIZE], week[PVI_TIME_SIZE];
    int64_t now_us = pvi_now_us();
    pvi_time_format(now, now_us);
    pvi_time_format(week, week_start_us(now_us));
    const char *p[2] = {now, week};
    struct stats_ctx c = {.st = &overview_stmt, .n = 2, .p = p};
    return pvi_db_run_json(db, stats_tx, &c, &c.out, out);
}

enum pvi_code
pvi_operator_queue(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                   long long operator_id, long long after_id, int limit)
{
    *out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_ASSIGN, NULL);
    if (rc != PVI_OK)
        return rc;
    if (limit < 1 || limit > 200)
        limit = 50;
    char now[PVI_TIME_SIZE], oid[PVI_INT_TEXT_SIZE], after[PVI_INT_TEXT_SIZE], n[PVI_INT_TEXT_SIZE];
    pvi_time_format(now, pvi_now_us());
    pvi_int_text(oid, operator_id);
    pvi_int_text(after, after_id > 0 ? after_id : 0);
    pvi_int_text(n, limit + 1); /* one more: is there a next page? */
    const char *p[4] = {now, oid, after, n};
    struct stats_ctx c = {.st = &queue_stmt, .n = 4, .p = p};
    json_t *q = NULL;
    rc = pvi_db_run_json(db, stats_tx, &c, &c.out, &q);
    if (rc != PVI_OK)
        return rc;
    json_t *sites = json_object_get(q, "sites");
    long long next = 0;
    if (json_array_size(sites) > (size_t)limit) {
        json_array_remove(sites, (size_t)limit);
        next = json_integer_value(json_object_get(json_array_get(sites, (size_t)limit - 1), "id"));
    }
    json_object_set_new(q, "next_after", json_integer(next));
    *out = q;
    return PVI_OK;
}
