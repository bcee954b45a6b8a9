/* publication.c — the publication outbox applied: due jobs taken with FOR
 * UPDATE SKIP LOCKED, each revision exported, staged, flushed and installed
 * in the content store, then routed in Redis (the job id as generation);
 * a job that fails stays pending with an exponential back-off. */
#include "audit.h"
#include "pg.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_export.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BACKOFF_S 300 /* the longest wait before a failed job is tried again */

static struct pvi_stmt claim_stmt = PVI_STMT(
    "SELECT j.id, j.site_id, j.kind, j.attempts, s.slug, r.number, r.content,"
    " to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS created_at"
    " FROM publication_jobs j JOIN sites s ON s.id = j.site_id"
    " LEFT JOIN site_revisions r ON r.id = j.revision_id"
    " WHERE j.state = 'pending' AND j.run_after <= $1"
    " ORDER BY j.id LIMIT $2 FOR UPDATE OF j SKIP LOCKED");
static struct pvi_stmt done_stmt =
    PVI_STMT("UPDATE publication_jobs SET state = 'done', done_at = $2, attempts = attempts + 1,"
             " last_error = NULL WHERE id = ANY($1::bigint[])");
static struct pvi_stmt retry_stmt =
    PVI_STMT("UPDATE publication_jobs SET attempts = attempts + 1, run_after = $2, last_error = $3"
             " WHERE id = $1");

struct job {
    long long id, site_id;
    char kind[12];
    int attempts;
    char *slug;
    int revision;
    json_t *content;
    char *created_at;
    const char *error;                 /* static text when the job failed */
    char tmp[PVI_STORE_PATH_MAX + 32]; /* staged document, "" when none */
    char **hosts;
    size_t nhosts;
};

static void
job_clear(struct job *j)
{
    free(j->slug);
    free(j->created_at);
    json_decref(j->content);
    for (size_t i = 0; i < j->nhosts; i++)
        free(j->hosts[i]);
    free(j->hosts);
}

/* The hosts a revision answers on: its domains, then <slug>.<platform>. */
static void
job_hosts(struct job *j, const char *platform_domain)
{
    const json_t *domains = json_object_get(j->content, "domains");
    size_t n = json_array_size(domains);
    j->hosts = pvi_calloc(n + 2, sizeof *j->hosts);
    for (size_t i = 0; i < n; i++) {
        const char *h = json_string_value(json_array_get(domains, i));
        if (h)
            j->hosts[j->nhosts++] = pvi_strdup(h);
    }
    j->hosts[j->nhosts++] = pvi_asprintf("%s.%s", j->slug, platform_domain);
}

static enum pvi_code
write_document(const struct pvi_publisher *p, struct job *j, int *wrote)
{
    char rel[PVI_STORE_PATH_MAX];
    pvi_store_document_path(rel, j->site_id, j->revision);
    if (pvi_store_has(p->store, rel))
        return PVI_OK; /* immutable: nothing to export again */
    struct pvi_export_site in = {
        .site_id = j->site_id,
        .slug = j->slug,
        .revision = j->revision,
        .published_at = j->created_at,
        .platform_domain = p->platform_domain,
        .hosts = NULL, /* the revision's own domains */
        .content = j->content,
    };
    char *xml = NULL;
    size_t len = 0;
    enum pvi_code rc = pvi_export_xml(&xml, &len, &in);
    if (rc != PVI_OK) {
        j->error = "export failed";
        return rc;
    }
    int staged = 0;
    rc = pvi_store_stage_document(j->tmp, &staged, p->store, j->site_id, j->revision, xml, len);
    free(xml);
    if (rc != PVI_OK)
        j->error = "content store unavailable";
    else if (staged)
        *wrote = 1;
    return rc;
}

static enum pvi_code
route_job(const struct pvi_publisher *p, struct job *j)
{
    int applied = 0;
    enum pvi_code rc;
    if (strcmp(j->kind, "unpublish") == 0) {
        rc = pvi_route_unpublish(&applied, p->redis, j->site_id, j->id);
    } else {
        struct pvi_route r = {.site_id = j->site_id,
                              .revision = j->revision,
                              .state = strcmp(j->kind, "suspend") == 0 ? 's' : 'o'};
        pvi_store_document_path(r.path, j->site_id, j->revision);
        rc = pvi_route_publish(&applied, p->redis, j->site_id, j->id, &r,
                               (const char *const *)j->hosts, j->nhosts);
    }
    if (rc != PVI_OK)
        j->error = "redis unavailable";
    else if (!applied)
        pvi_debug("job %lld for site %lld superseded by a newer publication", j->id, j->site_id);
    return rc;
}

struct run_ctx {
    const struct pvi_publisher *p;
    int max;
    int done, retried;
};

static enum pvi_code
run_tx(struct pvi_tx *tx, void *arg)
{
    struct run_ctx *c = arg;
    char now[PVI_TIME_SIZE], lim[24];
    int64_t now_us = pvi_now_us();
    pvi_time_format(now, now_us);
    snprintf(lim, sizeof lim, "%d", c->max);
    const char *p[2] = {now, lim};
    PGresult *r = pvi_tx_exec(tx, &claim_stmt, 2, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    int n = PQntuples(r);
    struct job *jobs = pvi_calloc((size_t)n + 1, sizeof *jobs);
    for (int i = 0; i < n; i++) {
        struct job *j = &jobs[i];
        j->id = pvi_pg_get_ll(r, i, "id", 0);
        j->site_id = pvi_pg_get_ll(r, i, "site_id", 0);
        snprintf(j->kind, sizeof j->kind, "%s", pvi_pg_get(r, i, "kind"));
        j->attempts = (int)pvi_pg_get_ll(r, i, "attempts", 0);
        j->slug = pvi_strdup(pvi_pg_get(r, i, "slug"));
        j->revision = (int)pvi_pg_get_ll(r, i, "number", 0);
        const char *content = pvi_pg_get(r, i, "content");
        j->content = content ? json_loads(content, 0, NULL) : json_object();
        j->created_at = pvi_strdup(pvi_pg_get(r, i, "created_at"));
        job_hosts(j, c->p->platform_domain);
    }
    PQclear(r);

    /* 1. documents: all staged, one flush, all renamed, one flush — complete
     * and durable under their final names before any route points at them */
    int wrote = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(jobs[i].kind, "unpublish") != 0)
            write_document(c->p, &jobs[i], &wrote);
    if (wrote) {
        int ok = pvi_store_sync(c->p->store) == PVI_OK;
        for (int i = 0; ok && i < n; i++)
            if (jobs[i].error == NULL && jobs[i].tmp[0] &&
                pvi_store_install_document(c->p->store, jobs[i].tmp, jobs[i].site_id,
                                           jobs[i].revision) != PVI_OK)
                jobs[i].error = "content store unavailable";
        ok = ok && pvi_store_sync(c->p->store) == PVI_OK;
        for (int i = 0; !ok && i < n; i++)
            if (jobs[i].error == NULL && strcmp(jobs[i].kind, "unpublish") != 0)
                jobs[i].error = "content store unavailable";
    }
    /* 2. routes, only for documents safely on disk */
    for (int i = 0; i < n; i++)
        if (jobs[i].error == NULL)
            route_job(c->p, &jobs[i]);

    /* 3. outcome of each job */
    struct pvi_buf done = {0};
    pvi_buf_puts(&done, "{");
    enum pvi_code rc = PVI_OK;
    for (int i = 0; i < n && rc == PVI_OK; i++) {
        struct job *j = &jobs[i];
        if (j->error == NULL) {
            pvi_buf_printf(&done, "%s%lld", c->done ? "," : "", j->id);
            c->done++;
            continue;
        }
        int shift = j->attempts < 8 ? j->attempts : 8;
        int delay = 1 << shift;
        if (delay > MAX_BACKOFF_S)
            delay = MAX_BACKOFF_S;
        char id[24], at[PVI_TIME_SIZE];
        pvi_int_text(id, j->id);
        pvi_time_format(at, now_us + (int64_t)delay * 1000000);
        const char *rp[3] = {id, at, j->error};
        PGresult *u = pvi_tx_exec(tx, &retry_stmt, 3, rp);
        if (u == NULL)
            rc = pvi_tx_failure(tx);
        PQclear(u);
        c->retried++;
        pvi_warn("publication job %lld (site %lld) failed: %s; retry in %d s", j->id, j->site_id,
                 j->error, delay);
    }
    pvi_buf_puts(&done, "}");
    if (rc == PVI_OK && c->done > 0) {
        const char *dp[2] = {done.data, now};
        PGresult *u = pvi_tx_exec(tx, &done_stmt, 2, dp);
        if (u == NULL)
            rc = pvi_tx_failure(tx);
        PQclear(u);
    }
    pvi_buf_free(&done);
    for (int i = 0; i < n; i++)
        job_clear(&jobs[i]);
    free(jobs);
    return rc;
}

enum pvi_code
pvi_publish_run(int *done_out, int *retry_out, const struct pvi_publisher *p, int max)
{
    struct run_ctx c = {.p = p, .max = max > 0 ? max : 100};
    enum pvi_code rc = pvi_db_run_tx(p->db, run_tx, &c);
    if (rc != PVI_OK)
        c.done = c.retried = 0;
    if (done_out)
        *done_out = c.done;
    if (retry_out)
        *retry_out = c.retried;
    return rc;
}

static struct pvi_stmt next_due_stmt = PVI_STMT(
    "SELECT extract(epoch FROM min(run_after) - $1::timestamptz) AS s FROM publication_jobs"
    " WHERE state = 'pending'");

struct due_ctx {
    double s;
};

static enum pvi_code
next_due_tx(struct pvi_tx *tx, void *arg)
{
    struct due_ctx *c = arg;
    char now[PVI_TIME_SIZE];
    pvi_time_format(now, pvi_now_us());
    const char *p[1] = {now};
    PGresult *r = pvi_tx_exec(tx, &next_due_stmt, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    const char *v = pvi_pg_get(r, 0, "s");
    c->s = v ? strtod(v, NULL) : -1;
    if (v && c->s < 0)
        c->s = 0;
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_publish_next_due(double *seconds_out, struct pvi_db *db)
{
    struct due_ctx c = {-1};
    enum pvi_code rc = pvi_db_run_tx(db, next_due_tx, &c);
    *seconds_out = c.s;
    return rc;
}
