/* republish.c — a publication job for every published site (pvictl
 * republish --all) or for one (a batch action), and how many of a range of
 * jobs are still pending. */
#include "audit.h"
#include "site_ops.h"
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
pvi_publish_enqueue_all(long long *first_out, long long *last_out, long long *count_out,
                        struct pvi_db *db, const struct pvi_actor *actor)
{
    *first_out = *last_out = *count_out = 0;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_PUBLISH_ALL, NULL);
    if (rc != PVI_OK)
        return rc;
    struct enqueue_ctx c = {.actor = actor};
    rc = pvi_db_run_tx(db, enqueue_all_tx, &c);
    *first_out = c.first;
    *last_out = c.last;
    *count_out = c.count;
    return rc;
}

struct enqueue_site_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    struct pvi_errors *e;
};

static enum pvi_code
enqueue_site_tx(struct pvi_tx *tx, void *arg)
{
    struct enqueue_site_ctx *c = arg;
    struct site_row row;
    enum pvi_code rc = pvi_site__authorize(tx, c->actor, c->site_id, PVI_ACT_READ, &row);
    if (rc == PVI_OK)
        rc = pvi_perm_check(c->actor, PVI_ACT_PUBLISH_ALL, NULL);
    if (rc == PVI_OK && row.s.state != PVI_STATE_ONLINE && row.s.state != PVI_STATE_SUSPENDED) {
        pvi_errors_add_msg(c->e, "", PVI_BAD_TRANSITION, PVI_MSG_TR_REPUBLISH_STATE, NULL);
        rc = PVI_BAD_TRANSITION;
    }
    const char *kind = rc == PVI_OK && row.s.state == PVI_STATE_ONLINE ? "publish" : "suspend";
    if (rc == PVI_OK)
        rc = pvi_site__publication_enqueue(tx, row.s.id, row.published_revision_id, kind);
    if (rc == PVI_OK) {
        json_t *after = json_pack("{s:s, s:i}", "job", kind, "revision", row.s.published_number);
        rc = pvi_audit_append(tx, c->actor, "site.republish", "site", row.s.id, row.s.id, NULL,
                              after);
        json_decref(after);
    }
    pvi_site__row_clear(&row);
    return rc;
}

enum pvi_code
pvi_publish_enqueue_site(struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                         struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct enqueue_site_ctx c = {.actor = actor, .site_id = site_id, .e = errs ? errs : &local};
    enum pvi_code rc = pvi_db_run_tx(db, enqueue_site_tx, &c);
    pvi_errors_clear(&local);
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
pvi_publish_pending(long long *pending_out, struct pvi_db *db, long long first, long long last)
{
    struct pending_ctx c = {.first = first, .last = last};
    enum pvi_code rc = pvi_db_run_tx(db, pending_tx, &c);
    *pending_out = c.n;
    return rc;
}
