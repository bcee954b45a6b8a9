/* stats.c — the figures of the production (pvi_stats.h): sites per state,
 * the publication queue, change requests and reviews waiting, publications
 * per day. Each figure is one statement over a counter or a partial index
 * of schema/003_dashboard.sql; the same statements can be explained. */
#include "pg.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_stats.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_workflow.h"

#include <stdlib.h>
#include <string.h>

/* The statements, each written once and prepared twice: to run it, and
 * behind EXPLAIN. Parameters: see struct figure. */

/* clang-format off */

/* the counters kept by the triggers of sites */
#define SITES_SQL "SELECT json_object_agg(state, n) FROM site_state_counts"

/* $1 now, $2 how many failing jobs to list */
#define QUEUE_SQL \
    "SELECT json_build_object(" \
    " 'pending', (SELECT count(*) FROM publication_jobs WHERE state = 'pending')," \
    " 'oldest_pending_at', " PVI_SQL_ISO("o.created_at") "," \
    " 'oldest_pending_age_s', floor(extract(epoch FROM $1::timestamptz - o.created_at))::bigint," \
    " 'failing', (SELECT count(*) FROM publication_jobs" \
    "   WHERE state = 'pending' AND last_error IS NOT NULL)," \
    " 'failures', (SELECT coalesce(json_agg(json_build_object('job_id', f.id," \
    "   'site_id', f.site_id, 'slug', s.slug, 'business_name', s.business_name," \
    "   'kind', f.kind, 'attempts', f.attempts, 'last_error', f.last_error," \
    "   'next_attempt_at', " PVI_SQL_ISO("f.run_after") ") ORDER BY f.id DESC), '[]')" \
    "  FROM (SELECT id, site_id, kind, attempts, last_error, run_after FROM publication_jobs" \
    "   WHERE state = 'pending' AND last_error IS NOT NULL ORDER BY id DESC LIMIT $2) f" \
    "  JOIN sites s ON s.id = f.site_id)," \
    " 'last_done_at', (SELECT " PVI_SQL_ISO("max(done_at)") \
    "  FROM publication_jobs WHERE state = 'done'))" \
    " FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT created_at FROM publication_jobs" \
    "  WHERE state = 'pending' ORDER BY created_at, id LIMIT 1) o ON true"

/* $1 how many change requests to list */
#define CHANGE_REQUESTS_SQL \
    "SELECT json_build_object(" \
    " 'pending', (SELECT count(*) FROM change_requests WHERE state = 'pending')," \
    " 'oldest', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'site_id', c.site_id," \
    "   'slug', s.slug, 'business_name', s.business_name, 'fields', to_json(c.fields)," \
    "   'created_at', " PVI_SQL_ISO("c.created_at") ") ORDER BY c.created_at, c.id), '[]')" \
    "  FROM (SELECT id, site_id, fields, created_at FROM change_requests" \
    "   WHERE state = 'pending' ORDER BY created_at, id LIMIT $1) c" \
    "  JOIN sites s ON s.id = c.site_id))"

/* $1 how many sites in review to list */
#define REVIEW_SQL \
    "SELECT json_build_object(" \
    " 'count', (SELECT n FROM site_state_counts WHERE state = 'review')," \
    " 'oldest', (SELECT coalesce(json_agg(json_build_object('site_id', r.id, 'slug', r.slug," \
    "   'business_name', r.business_name, 'operator', o.display_name," \
    "   'since', " PVI_SQL_ISO("r.updated_at") ") ORDER BY r.updated_at, r.id), '[]')" \
    "  FROM (SELECT id, slug, business_name, operator_id, updated_at FROM sites" \
    "   WHERE state = 'review' ORDER BY updated_at, id LIMIT $1) r" \
    "  LEFT JOIN operators o ON o.id = r.operator_id))"

/* $1 now, $2 the number of days: the counters kept by the triggers of
 * publication_jobs, every day of the window (0 when nothing was applied) */
#define PUBLICATIONS_SQL \
    "SELECT json_agg(json_build_object('day', to_char(w.day, 'YYYY-MM-DD')," \
    " 'count', coalesce(p.n, 0)) ORDER BY w.day)" \
    " FROM (SELECT ($1::timestamptz AT TIME ZONE 'Europe/Paris')::date - i AS day" \
    "  FROM generate_series(0, $2::int - 1) i) w" \
    " LEFT JOIN publication_days p ON p.day = w.day"

/* clang-format on */

#define EXPLAIN "EXPLAIN (FORMAT JSON) "

static struct pvi_stmt sites_stmt = PVI_STMT(SITES_SQL), sites_plan = PVI_STMT(EXPLAIN SITES_SQL);
static struct pvi_stmt queue_stmt = PVI_STMT(QUEUE_SQL), queue_plan = PVI_STMT(EXPLAIN QUEUE_SQL);
static struct pvi_stmt cr_stmt = PVI_STMT(CHANGE_REQUESTS_SQL),
                       cr_plan = PVI_STMT(EXPLAIN CHANGE_REQUESTS_SQL);
static struct pvi_stmt review_stmt = PVI_STMT(REVIEW_SQL),
                       review_plan = PVI_STMT(EXPLAIN REVIEW_SQL);
static struct pvi_stmt pub_stmt = PVI_STMT(PUBLICATIONS_SQL),
                       pub_plan = PVI_STMT(EXPLAIN PUBLICATIONS_SQL);

/* The parameters a statement takes, in order: 'n' now, 'l' the length of
 * the lists, 'd' the number of days. */
static const struct figure {
    const char *name;
    struct pvi_stmt *run, *plan;
    const char *params;
} figures[] = {
    {"sites", &sites_stmt, &sites_plan, ""},
    {"queue", &queue_stmt, &queue_plan, "nl"},
    {"change_requests", &cr_stmt, &cr_plan, "l"},
    {"review", &review_stmt, &review_plan, "l"},
    {"publications", &pub_stmt, &pub_plan, "nd"},
};

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
    json_decref(c->out); /* a transaction tried again starts afresh */
    c->out = json_object();
    if (!c->explain)
        json_object_set_new(c->out, "at", json_string(now));
    for (size_t i = 0; i < PVI_COUNT_OF(figures) && rc == PVI_OK; i++) {
        const struct figure *f = &figures[i];
        const char *p[3];
        int n = 0;
        for (const char *k = f->params; *k; k++)
            p[n++] = *k == 'n' ? now : *k == 'l' ? list : days;
        json_t *j = NULL;
        rc = pvi_tx_select_json(tx, c->explain ? f->plan : f->run, n, p, &j);
        if (rc == PVI_NOT_FOUND) { /* json_object_agg of no row */
            j = json_object();
            rc = PVI_OK;
        }
        if (rc == PVI_OK && !c->explain && strcmp(f->name, "sites") == 0)
            all_states(j);
        if (rc == PVI_OK)
            json_object_set_new(c->out, f->name, j);
    }
    return rc;
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
