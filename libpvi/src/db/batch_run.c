/* batch_run.c — the worker's side of batch actions (pvi_batch.h): claims
 * one pending site at a time, applies the batch's action to it through the
 * same libpvi operation as the single action, as the admin who started the
 * batch, and records what libpvi said. */
#include "pg.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_text.h"

#include <stdlib.h>
#include <string.h>

/* An item left "running" this long was being applied by a worker that
 * stopped: its outcome is unknown, so it is never applied again. */
#define STALE_RUNNING "10 minutes"

static struct pvi_stmt interrupt_stale =
    PVI_STMT("UPDATE batch_items SET state = 'interrupted', done_at = $1 WHERE state = 'running'"
             " AND started_at < $1::timestamptz - interval '" STALE_RUNNING "'");
static struct pvi_stmt claim = PVI_STMT(
    "UPDATE batch_items i SET state = 'running', started_at = $1"
    " FROM (SELECT batch_id, position FROM batch_items WHERE state = 'pending'"
    " ORDER BY batch_id, position LIMIT 1 FOR UPDATE SKIP LOCKED) n, batches b"
    " WHERE i.batch_id = n.batch_id AND i.position = n.position AND b.id = i.batch_id"
    " RETURNING i.batch_id, i.position, i.site_id, b.kind, b.reason,"
    " coalesce(b.operator_id, 0) AS operator_id, b.actor_kind, coalesce(b.actor_id, 0) AS"
    " actor_id, b.actor_label, (b.actor_kind <> 'admin' OR EXISTS (SELECT 1 FROM admin_users a"
    " WHERE a.id = b.actor_id AND a.active)) AS actor_active");
static struct pvi_stmt record =
    PVI_STMT("UPDATE batch_items SET state = $3, code = $4, errors = $5::jsonb, done_at = $6"
             " WHERE batch_id = $1 AND position = $2");
static struct pvi_stmt close_done =
    PVI_STMT("UPDATE batches b SET state = 'done', finished_at = $1 WHERE b.state = 'running'"
             " AND NOT EXISTS (SELECT 1 FROM batch_items i WHERE i.batch_id = b.id"
             " AND i.state IN ('pending', 'running'))");

/* One claimed item, with what it needs to run. */
struct item {
    long long batch_id;
    int position;
    long long site_id;
    enum pvi_batch_kind kind;
    char *reason;
    long long operator_id;
    struct pvi_actor actor;
    char *label;
    int actor_active;
};

static void
item_clear(struct item *it)
{
    free(it->reason);
    free(it->label);
    memset(it, 0, sizeof *it);
}

struct claim_ctx {
    struct item *it;
    int found;
};

static enum pvi_code
claim_tx(struct pvi_tx *tx, void *arg)
{
    struct claim_ctx *c = arg;
    char now[PVI_TIME_SIZE];
    pvi_time_format(now, pvi_now_us());
    const char *p[1] = {now};
    PGresult *r = pvi_tx_exec(tx, &interrupt_stale, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    if ((r = pvi_tx_exec(tx, &claim, 1, p)) == NULL)
        return pvi_tx_failure(tx);
    c->found = PQntuples(r) == 1;
    if (c->found) {
        struct item *it = c->it;
        it->batch_id = pvi_pg_get_ll(r, 0, "batch_id", 0);
        it->position = (int)pvi_pg_get_ll(r, 0, "position", 0);
        it->site_id = pvi_pg_get_ll(r, 0, "site_id", 0);
        if (pvi_batch_kind_parse(&it->kind, pvi_pg_get(r, 0, "kind")) != 0)
            it->kind = PVI_BATCH_REPUBLISH; /* the table's CHECK allows no other */
        const char *reason = pvi_pg_get(r, 0, "reason");
        it->reason = reason ? pvi_strdup(reason) : NULL;
        it->operator_id = pvi_pg_get_ll(r, 0, "operator_id", 0);
        it->label = pvi_strdup(pvi_pg_get(r, 0, "actor_label"));
        const char *kind = pvi_pg_get(r, 0, "actor_kind");
        it->actor.role = strcmp(kind, "admin") == 0 ? PVI_ROLE_ADMIN : PVI_ROLE_SYSTEM;
        it->actor.id = pvi_pg_get_ll(r, 0, "actor_id", 0);
        it->actor.label = it->label;
        it->actor_active = pvi_pg_is_true(pvi_pg_get(r, 0, "actor_active"));
    }
    PQclear(r);
    return PVI_OK;
}

/* Applies the item's action: the single action's libpvi operation. A
 * version that moved between reading the site and acting on it is read
 * again once. */
static enum pvi_code
apply(struct pvi_db *db, const struct item *it, struct pvi_errors *e)
{
    if (it->kind == PVI_BATCH_REPUBLISH)
        return pvi_publish_enqueue_site(db, &it->actor, it->site_id, e);
    struct pvi_transition_args args = {.operator_id = it->operator_id, .reason = it->reason};
    enum pvi_transition t = it->kind == PVI_BATCH_SUSPEND ? PVI_TR_SUSPEND : PVI_TR_ASSIGN;
    enum pvi_code rc = PVI_CONFLICT;
    for (int attempt = 0; attempt < 2 && rc == PVI_CONFLICT; attempt++) {
        pvi_errors_clear(e);
        struct pvi_site *site = NULL;
        rc = pvi_site_get(&site, db, &it->actor, it->site_id);
        if (rc == PVI_OK)
            rc = pvi_site_transition(NULL, db, &it->actor, it->site_id, site->version, t, &args, e);
        else
            pvi_errors_add(e, "", rc);
        pvi_site_free(site);
    }
    return rc;
}

/* libpvi's field errors as stored in the report. */
static char *
errors_json(const struct pvi_errors *e)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < e->n; i++) {
        const struct pvi_field_error *fe = &e->v[i];
        json_t *args = json_object();
        for (size_t a = 0; a < fe->nargs; a++)
            json_object_set_new(args, fe->args[a].name, json_string(fe->args[a].value));
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}", "path", fe->path, "code",
                                             pvi_code_name(fe->code), "key", pvi_msg_key(fe->msg),
                                             "args", args));
    }
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

struct record_ctx {
    const struct item *it;
    const char *state, *code;
    const char *errors;
};

static enum pvi_code
record_tx(struct pvi_tx *tx, void *arg)
{
    struct record_ctx *c = arg;
    char bid[24], pos[24], now[PVI_TIME_SIZE];
    pvi_int_text(bid, c->it->batch_id);
    pvi_int_text(pos, c->it->position);
    pvi_time_format(now, pvi_now_us());
    const char *p[6] = {bid, pos, c->state, c->code, c->errors, now};
    PGresult *r = pvi_tx_exec(tx, &record, 6, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    const char *q[1] = {now};
    if ((r = pvi_tx_exec(tx, &close_done, 1, q)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_batch_run(int *done_out, struct pvi_db *db, int max)
{
    int done = 0;
    enum pvi_code rc = PVI_OK;
    while (done < max) {
        struct item it = {0};
        struct claim_ctx c = {.it = &it};
        rc = pvi_db_run_tx(db, claim_tx, &c);
        if (rc != PVI_OK || !c.found) {
            item_clear(&it);
            break;
        }
        struct pvi_errors e = {0};
        enum pvi_code outcome;
        if (!it.actor_active) {
            /* the admin who started it was disabled since: nobody acts in their name */
            outcome = PVI_FORBIDDEN;
            pvi_errors_add_msg(&e, "", PVI_FORBIDDEN, PVI_MSG_BATCH_ACTOR_DISABLED, NULL);
        } else {
            outcome = apply(db, &it, &e);
        }
        struct record_ctx rec = {.it = &it};
        char *errors = NULL;
        if (outcome == PVI_UNAVAILABLE) {
            rec.state = "pending"; /* applied later: nothing was written */
        } else if (outcome == PVI_OK) {
            rec.state = "done";
        } else {
            rec.state = "refused";
            rec.code = pvi_code_name(outcome);
            errors = errors_json(&e);
            rec.errors = errors;
        }
        rc = pvi_db_run_tx(db, record_tx, &rec);
        if (rc != PVI_OK)
            pvi_error("batch %lld: the outcome of site %lld could not be recorded", it.batch_id,
                      it.site_id);
        free(errors);
        pvi_errors_clear(&e);
        item_clear(&it);
        if (rc != PVI_OK)
            break;
        if (outcome == PVI_UNAVAILABLE) {
            rc = PVI_UNAVAILABLE;
            break;
        }
        done++;
    }
    if (done_out)
        *done_out = done;
    return rc;
}
