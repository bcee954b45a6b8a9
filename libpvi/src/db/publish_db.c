/* publish_db.c — the publication outbox: taking jobs, exporting, writing the
 * store, routing in Redis, retrying with back-off; full re-publication,
 * reconciliation and the LISTEN connection. */
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

#define MAX_BACKOFF_S 300

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
    rc = pvi_store_stage_document(p->store, j->site_id, j->revision, xml, len, j->tmp, &staged);
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
        rc = pvi_route_unpublish(p->redis, j->site_id, j->id, &applied);
    } else {
        struct pvi_route r = {.site_id = j->site_id,
                              .revision = j->revision,
                              .state = strcmp(j->kind, "suspend") == 0 ? 's' : 'o'};
        pvi_store_document_path(r.path, j->site_id, j->revision);
        rc = pvi_route_publish(p->redis, j->site_id, j->id, &r, (const char *const *)j->hosts,
                               j->nhosts, &applied);
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
pvi_publish_run(const struct pvi_publisher *p, int max, int *done_out, int *retry_out)
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
pvi_publish_next_due(struct pvi_db *db, double *seconds_out)
{
    struct due_ctx c = {-1};
    enum pvi_code rc = pvi_db_run_tx(db, next_due_tx, &c);
    *seconds_out = c.s;
    return rc;
}

static struct pvi_stmt enqueue_all_stmt = PVI_STMT(
    "WITH ins AS (INSERT INTO publication_jobs (site_id, revision_id, kind, created_at, run_after)"
    " SELECT id, published_revision_id, CASE state WHEN 'online' THEN 'publish' ELSE 'suspend'"
    " END, $1, $1 FROM sites WHERE state IN ('online', 'suspended') ORDER BY id RETURNING id)"
    " SELECT count(*) AS n, coalesce(min(id), 0) AS first, coalesce(max(id), 0) AS last FROM ins");

struct enqueue_ctx {
    const struct pvi_actor *actor;
    long long first, last, count;
};

static enum pvi_code
enqueue_all_tx(struct pvi_tx *tx, void *arg)
{
    struct enqueue_ctx *c = arg;
    char now[PVI_TIME_SIZE];
    pvi_time_format(now, pvi_now_us());
    const char *p[1] = {now};
    PGresult *r = pvi_tx_exec(tx, &enqueue_all_stmt, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->count = pvi_pg_get_ll(r, 0, "n", 0);
    c->first = pvi_pg_get_ll(r, 0, "first", 0);
    c->last = pvi_pg_get_ll(r, 0, "last", 0);
    PQclear(r);
    json_t *after = json_pack("{s:I}", "jobs", (json_int_t)c->count);
    enum pvi_code rc =
        pvi_audit_append(tx, c->actor, "publish.all", "publication", 0, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_publish_enqueue_all(struct pvi_db *db, const struct pvi_actor *actor, long long *first_out,
                        long long *last_out, long long *count_out)
{
    if (actor->role != PVI_ROLE_ADMIN && actor->role != PVI_ROLE_SYSTEM)
        return PVI_FORBIDDEN;
    struct enqueue_ctx c = {.actor = actor};
    enum pvi_code rc = pvi_db_run_tx(db, enqueue_all_tx, &c);
    *first_out = c.first;
    *last_out = c.last;
    *count_out = c.count;
    return rc;
}

static struct pvi_stmt pending_stmt =
    PVI_STMT("SELECT count(*) AS n FROM publication_jobs WHERE id BETWEEN $1 AND $2 AND state ="
             " 'pending'");

struct pending_ctx {
    long long first, last, n;
};

static enum pvi_code
pending_tx(struct pvi_tx *tx, void *arg)
{
    struct pending_ctx *c = arg;
    char a[24], b[24];
    pvi_int_text(a, c->first);
    pvi_int_text(b, c->last);
    const char *p[2] = {a, b};
    PGresult *r = pvi_tx_exec(tx, &pending_stmt, 2, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->n = pvi_pg_get_ll(r, 0, "n", 0);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_publish_pending(struct pvi_db *db, long long first, long long last, long long *pending_out)
{
    struct pending_ctx c = {.first = first, .last = last};
    enum pvi_code rc = pvi_db_run_tx(db, pending_tx, &c);
    *pending_out = c.n;
    return rc;
}

/* ---- reconcile ---- */

static struct pvi_stmt expected_stmt =
    PVI_STMT("SELECT s.id, s.slug, s.state, r.number, r.content -> 'domains' AS domains"
             " FROM sites s JOIN site_revisions r ON r.id = s.published_revision_id"
             " WHERE s.state IN ('online', 'suspended') ORDER BY s.id");
static struct pvi_stmt site_state_stmt = PVI_STMT("SELECT state FROM sites WHERE id = $1");
static struct pvi_stmt repair_stmt =
    PVI_STMT("INSERT INTO publication_jobs (site_id, revision_id, kind, created_at, run_after)"
             " SELECT id, published_revision_id, $2, $3, $3 FROM sites WHERE id = $1");

struct reconcile_ctx {
    const struct pvi_publisher *p;
    const struct pvi_actor *actor;
    int repair;
    struct pvi_reconcile_report rep;
};

static int
str_in(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* Does Redis hold exactly the expected routing for this site? */
static int
site_routed_right(const struct pvi_publisher *p, long long id, const char *slug, char state,
                  int revision, const json_t *domains, enum pvi_code *rc)
{
    long long gen;
    char *value = NULL, **hosts = NULL;
    size_t nhosts = 0;
    *rc = pvi_route_site(p->redis, id, &gen, &value, &hosts, &nhosts);
    if (*rc != PVI_OK)
        return 0;
    struct pvi_route want = {.site_id = id, .revision = revision, .state = state};
    pvi_store_document_path(want.path, id, revision);
    char want_value[128];
    pvi_route_format(want_value, &want);
    int ok = value && strcmp(value, want_value) == 0;
    size_t ndomains = json_array_size(domains);
    ok = ok && nhosts == ndomains + 1;
    char *slug_host = pvi_asprintf("%s.%s", slug, p->platform_domain);
    ok = ok && str_in(hosts, nhosts, slug_host);
    for (size_t i = 0; ok && i < ndomains; i++)
        ok = str_in(hosts, nhosts, json_string_value(json_array_get(domains, i)));
    for (size_t i = 0; ok && i < nhosts; i++) {
        struct pvi_route got;
        enum pvi_code lrc = pvi_route_lookup(p->redis, hosts[i], &got);
        ok = lrc == PVI_OK && got.site_id == id && got.revision == revision && got.state == state;
    }
    free(slug_host);
    free(value);
    for (size_t i = 0; i < nhosts; i++)
        free(hosts[i]);
    free(hosts);
    return ok;
}

static enum pvi_code
queue_repair(struct pvi_tx *tx, long long id, const char *kind, const char *now)
{
    char sid[24];
    pvi_int_text(sid, id);
    const char *p[3] = {sid, kind, now};
    PGresult *r = pvi_tx_exec(tx, &repair_stmt, 3, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

static enum pvi_code
reconcile_tx(struct pvi_tx *tx, void *arg)
{
    struct reconcile_ctx *c = arg;
    memset(&c->rep, 0, sizeof c->rep);
    char now[PVI_TIME_SIZE];
    pvi_time_format(now, pvi_now_us());
    PGresult *r = pvi_tx_exec(tx, &expected_stmt, 0, NULL);
    if (r == NULL)
        return pvi_tx_failure(tx);
    enum pvi_code rc = PVI_OK;
    int n = PQntuples(r);
    for (int i = 0; i < n && rc == PVI_OK; i++) {
        long long id = pvi_pg_get_ll(r, i, "id", 0);
        const char *slug = pvi_pg_get(r, i, "slug");
        char state = strcmp(pvi_pg_get(r, i, "state"), "online") == 0 ? 'o' : 's';
        int revision = (int)pvi_pg_get_ll(r, i, "number", 0);
        const char *dj = pvi_pg_get(r, i, "domains");
        json_t *domains = dj ? json_loads(dj, JSON_DECODE_ANY, NULL) : NULL;
        c->rep.sites_checked++;
        char rel[PVI_STORE_PATH_MAX];
        pvi_store_document_path(rel, id, revision);
        int bad = 0;
        if (!pvi_store_has(c->p->store, rel)) {
            c->rep.missing_documents++;
            bad = 1;
        }
        enum pvi_code rrc;
        if (!site_routed_right(c->p, id, slug, state, revision, domains, &rrc)) {
            if (rrc != PVI_OK)
                rc = rrc;
            c->rep.wrong_routes++;
            bad = 1;
        }
        json_decref(domains);
        if (bad && c->repair && rc == PVI_OK) {
            rc = queue_repair(tx, id, state == 'o' ? "publish" : "suspend", now);
            c->rep.jobs_queued++;
        }
    }
    PQclear(r);
    if (rc != PVI_OK)
        return rc;

    /* Redis entries of sites that should have none */
    redisContext *rc_ctx = pvi_redis_ctx(c->p->redis);
    if (rc_ctx == NULL)
        return PVI_UNAVAILABLE;
    char cursor[32] = "0";
    do {
        redisReply *rep = redisCommand(rc_ctx, "SCAN %s MATCH pvi:s:* COUNT 1000", cursor);
        if (rep == NULL || rep->type != REDIS_REPLY_ARRAY || rep->elements != 2) {
            freeReplyObject(rep);
            pvi_redis_discard(c->p->redis);
            return PVI_UNAVAILABLE;
        }
        snprintf(cursor, sizeof cursor, "%s", rep->element[0]->str);
        for (size_t k = 0; k < rep->element[1]->elements && rc == PVI_OK; k++) {
            const char *key = rep->element[1]->element[k]->str;
            char *end;
            long long id = strtoll(key + 6, &end, 10);
            if (*end != '\0') /* the :hosts sets */
                continue;
            long long gen;
            char *value = NULL, **hosts = NULL;
            size_t nh = 0;
            if (pvi_route_site(c->p->redis, id, &gen, &value, &hosts, &nh) != PVI_OK) {
                rc = PVI_UNAVAILABLE;
                break;
            }
            int live = value != NULL || nh > 0;
            free(value);
            for (size_t h = 0; h < nh; h++)
                free(hosts[h]);
            free(hosts);
            if (!live)
                continue; /* a tombstone */
            char sid[24];
            pvi_int_text(sid, id);
            const char *p1[1] = {sid};
            PGresult *q = pvi_tx_exec(tx, &site_state_stmt, 1, p1);
            if (q == NULL) {
                rc = pvi_tx_failure(tx);
                break;
            }
            const char *st = pvi_pg_get(q, 0, "state");
            int exists = st != NULL;
            int publishable = st && (strcmp(st, "online") == 0 || strcmp(st, "suspended") == 0);
            PQclear(q);
            if (!publishable) {
                c->rep.stray_routes++;
                if (c->repair && exists) {
                    rc = queue_repair(tx, id, "unpublish", now);
                    c->rep.jobs_queued++;
                } else if (c->repair) {
                    /* no such site, so no job can ever concern it: remove now,
                     * with a generation no job id will reach */
                    rc = pvi_route_unpublish(c->p->redis, id, LLONG_MAX / 2, NULL);
                    c->rep.routes_removed++;
                }
            }
        }
        freeReplyObject(rep);
    } while (rc == PVI_OK && strcmp(cursor, "0") != 0);
    if (rc != PVI_OK)
        return rc;
    if (c->repair && c->rep.jobs_queued + c->rep.routes_removed > 0) {
        json_t *after = json_pack(
            "{s:I, s:I, s:I, s:I, s:I}", "routes_removed", (json_int_t)c->rep.routes_removed,
            "missing_documents", (json_int_t)c->rep.missing_documents, "wrong_routes",
            (json_int_t)c->rep.wrong_routes, "stray_routes", (json_int_t)c->rep.stray_routes,
            "jobs", (json_int_t)c->rep.jobs_queued);
        rc = pvi_audit_append(tx, c->actor, "publish.reconcile", "publication", 0, 0, NULL, after);
        json_decref(after);
    }
    return rc;
}

enum pvi_code
pvi_reconcile(const struct pvi_publisher *p, const struct pvi_actor *actor, int repair,
              struct pvi_reconcile_report *out)
{
    if (actor->role != PVI_ROLE_ADMIN && actor->role != PVI_ROLE_SYSTEM)
        return PVI_FORBIDDEN;
    struct reconcile_ctx c = {.p = p, .actor = actor, .repair = repair};
    enum pvi_code rc = pvi_db_run_tx(p->db, reconcile_tx, &c);
    *out = c.rep;
    return rc;
}

/* ---- LISTEN ---- */

struct pvi_listener {
    char *conninfo;
    PGconn *conn;
};

static int
listener_connect(struct pvi_listener *l)
{
    if (l->conn && PQstatus(l->conn) == CONNECTION_OK)
        return 0;
    if (l->conn)
        PQfinish(l->conn);
    l->conn = PQconnectdb(l->conninfo);
    if (PQstatus(l->conn) != CONNECTION_OK) {
        PQfinish(l->conn);
        l->conn = NULL;
        return -1;
    }
    PGresult *r = PQexec(l->conn, "LISTEN pvi_publication");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : -1;
}

enum pvi_code
pvi_listener_open(struct pvi_listener **out, const char *conninfo)
{
    struct pvi_listener *l = pvi_calloc(1, sizeof *l);
    l->conninfo = pvi_strdup(conninfo);
    listener_connect(l); /* may fail now: retried by pvi_listener_wait */
    *out = l;
    return PVI_OK;
}

int
pvi_listener_wait(struct pvi_listener *l, int timeout_ms)
{
    if (listener_connect(l) != 0) {
        struct timespec nap = {timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
        nanosleep(&nap, NULL);
        return -1;
    }
    int notified = 0;
    PGnotify *n;
    PQconsumeInput(l->conn);
    while ((n = PQnotifies(l->conn)) != NULL) {
        notified = 1;
        PQfreemem(n);
    }
    if (notified)
        return 1;
    struct pollfd pfd = {.fd = PQsocket(l->conn), .events = POLLIN};
    int pr = poll(&pfd, 1, timeout_ms);
    if (pr < 0 && errno != EINTR)
        return -1;
    if (pr > 0) {
        if (PQconsumeInput(l->conn) == 0) {
            PQfinish(l->conn);
            l->conn = NULL;
            return -1;
        }
        while ((n = PQnotifies(l->conn)) != NULL) {
            notified = 1;
            PQfreemem(n);
        }
    }
    return notified;
}

void
pvi_listener_close(struct pvi_listener *l)
{
    if (l == NULL)
        return;
    if (l->conn)
        PQfinish(l->conn);
    free(l->conninfo);
    free(l);
}
