/* reconcile.c — PostgreSQL compared with the content store and Redis,
 * site by site, and the differences repaired through the outbox. */
#include "audit.h"
#include "pg.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_export.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_workflow.h"
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    *rc = pvi_route_site(&gen, &value, &hosts, &nhosts, p->redis, id);
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
        enum pvi_code lrc = pvi_route_lookup(&got, p->redis, hosts[i]);
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
            if (pvi_route_site(&gen, &value, &hosts, &nh, c->p->redis, id) != PVI_OK) {
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
                    rc = pvi_route_unpublish(NULL, c->p->redis, id, LLONG_MAX / 2);
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
pvi_reconcile(struct pvi_reconcile_report *out, const struct pvi_publisher *p,
              const struct pvi_actor *actor, int repair)
{
    *out = (struct pvi_reconcile_report){0};
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_PUBLISH_ALL, NULL);
    if (rc != PVI_OK)
        return rc;
    struct reconcile_ctx c = {.p = p, .actor = actor, .repair = repair};
    rc = pvi_db_run_tx(p->db, reconcile_tx, &c);
    *out = c.rep;
    return rc;
}
