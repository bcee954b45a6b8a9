/* stats.c — the figures of the production (pvi_stats.h): sites per state,
 * the publication queue, change requests and reviews waiting, publications
 * per day. Each figure is a subquery over a counter or a partial index of
 * schema/003_dashboard.sql, all of them one statement, which can be
 * explained. */
#include "pg.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_stats.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_workflow.h"


/* The figures, each written once; parameters: $1 now, $2 the length of
 * the lists, $3 the number of days. */

/* clang-format off */

/* the counters kept by the triggers of sites */
#define SITES_SQL "SELECT json_object_agg(state, n) FROM site_state_counts"

/* $1 now, $2 how many failing jobs to list: the counters kept by the
 * triggers of publication_jobs, the oldest pending job and the newest
 * failing ones by their partial indexes */
#define QUEUE_SQL \
    "SELECT json_build_object(" \
    " 'pending', (SELECT pending FROM publication_queue_counts)," \
    " 'oldest_pending_at', " PVI_SQL_ISO("o.created_at") "," \
    " 'oldest_pending_age_s', floor(extract(epoch FROM $1::timestamptz - o.created_at))::bigint," \
    " 'failing', (SELECT failing FROM publication_queue_counts)," \
    " 'failures', (SELECT coalesce(json_agg(json_build_object('job_id', f.id," \
    "   'site_id', f.site_id, 'slug', s.slug, 'business_name', s.business_name," \
    "   'kind', f.kind, 'attempts', f.attempts, 'last_error', f.last_error," \
    "   'next_attempt_at', " PVI_SQL_ISO("f.run_after") ") ORDER BY f.id DESC), '[]')" \
    "  FROM (SELECT id, site_id, kind, attempts, last_error, run_after FROM publication_jobs" \
    "   WHERE state = 'pending' AND last_error IS NOT NULL ORDER BY id DESC LIMIT $2::int) f" \
    "  JOIN sites s ON s.id = f.site_id)," \
    " 'last_done_at', (SELECT " PVI_SQL_ISO("max(done_at)") \
    "  FROM publication_jobs WHERE state = 'done'))" \
    " FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT created_at FROM publication_jobs" \
    "  WHERE state = 'pending' ORDER BY created_at, id LIMIT 1) o ON true"

/* $2 how many change requests to list */
#define CHANGE_REQUESTS_SQL \
    "SELECT json_build_object(" \
    " 'pending', (SELECT count(*) FROM change_requests WHERE state = 'pending')," \
    " 'oldest', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'site_id', c.site_id," \
    "   'slug', s.slug, 'business_name', s.business_name, 'fields', to_json(c.fields)," \
    "   'created_at', " PVI_SQL_ISO("c.created_at") ") ORDER BY c.created_at, c.id), '[]')" \
    "  FROM (SELECT id, site_id, fields, created_at FROM change_requests" \
    "   WHERE state = 'pending' ORDER BY created_at, id LIMIT $2::int) c" \
    "  JOIN sites s ON s.id = c.site_id))"

/* $2 how many sites in review to list */
#define REVIEW_SQL \
    "SELECT json_build_object(" \
    " 'count', (SELECT n FROM site_state_counts WHERE state = 'review')," \
    " 'oldest', (SELECT coalesce(json_agg(json_build_object('site_id', r.id, 'slug', r.slug," \
    "   'business_name', r.business_name, 'operator', o.display_name," \
    "   'since', " PVI_SQL_ISO("r.updated_at") ") ORDER BY r.updated_at, r.id), '[]')" \
    "  FROM (SELECT id, slug, business_name, operator_id, updated_at FROM sites" \
    "   WHERE state = 'review' ORDER BY updated_at, id LIMIT $2::int) r" \
    "  LEFT JOIN operators o ON o.id = r.operator_id))"

/* $1 now, $3 the number of days: the counters kept by the triggers of
 * publication_jobs, every day of the window (0 when nothing was applied) */
#define PUBLICATIONS_SQL \
    "SELECT json_agg(json_build_object('day', to_char(w.day, 'YYYY-MM-DD')," \
    " 'count', coalesce(p.n, 0)) ORDER BY w.day)" \
    " FROM (SELECT ($1::timestamptz AT TIME ZONE 'Europe/Paris')::date - i AS day" \
    "  FROM generate_series(0, $3::int - 1) i) w" \
    " LEFT JOIN publication_days p ON p.day = w.day"

/* clang-format on */

/* Every figure in one statement: one round trip, one snapshot. $1 now,
 * $2 the length of the lists, $3 the number of days. */
#define STATS_SQL                                                                                  \
    "SELECT json_build_object('sites', (" SITES_SQL "), 'queue', (" QUEUE_SQL "),"                 \
    " 'change_requests', (" CHANGE_REQUESTS_SQL "), 'review', (" REVIEW_SQL "),"                   \
    " 'publications', (" PUBLICATIONS_SQL "))"

static struct pvi_stmt stats_stmt = PVI_STMT(STATS_SQL);
static struct pvi_stmt plan_stmt = PVI_STMT("EXPLAIN (FORMAT JSON) " STATS_SQL);

struct stats_ctx {
    const struct pvi_actor *actor;
    int explain;
    json_t *out;
};

/* Every state is in the figures, even one no site has. */
static void
all_states(json_t *sites)
{
    for (int s = PVI_STATE_ORDERED; s <= PVI_STATE_CLOSED; s++) {
        const char *name = pvi_state_name((enum pvi_site_state)s);
        if (json_object_get(sites, name) == NULL)
            json_object_set_new(sites, name, json_integer(0));
    }
}

static enum pvi_code
stats_tx(struct pvi_tx *tx, void *arg)
{
    struct stats_ctx *c = arg;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_VIEW_STATS, NULL);
    if (rc != PVI_OK)
        return rc;
    char now[PVI_TIME_SIZE], list[PVI_INT_TEXT_SIZE], days[PVI_INT_TEXT_SIZE];
    pvi_time_format(now, pvi_now_us());
    pvi_int_text(list, PVI_STATS_LIST);
    pvi_int_text(days, PVI_STATS_DAYS);
    const char *p[3] = {now, list, days};
    json_decref(c->out); /* a transaction tried again starts afresh */
    c->out = NULL;
    rc = pvi_tx_select_json(tx, c->explain ? &plan_stmt : &stats_stmt, 3, p, &c->out);
    if (rc != PVI_OK || c->explain)
        return rc;
    json_object_set_new(c->out, "at", json_string(now));
    json_t *sites = json_object_get(c->out, "sites");
    if (!json_is_object(sites)) { /* json_object_agg of no row */
        sites = json_object();
        json_object_set_new(c->out, "sites", sites);
    }
    all_states(sites);
    return PVI_OK;
}

static enum pvi_code
stats_run(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, int explain)
{
    struct stats_ctx c = {.actor = actor, .explain = explain};
    return pvi_db_run_json(db, stats_tx, &c, &c.out, out);
}

enum pvi_code
pvi_stats_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    return stats_run(out, db, actor, 0);
}

enum pvi_code
pvi_stats_explain(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    return stats_run(out, db, actor, 1);
}
