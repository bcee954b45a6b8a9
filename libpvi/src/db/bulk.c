/* bulk.c — the life of a bulk load (pvi_bulk.h): the permission, the
 * connection of its own and its one transaction, what already exists, the
 * operators, the one audit event and the commit. The rows and the INSERTs
 * are in bulk_rows.c.
 *
 * Why a connection of its own: the pool's connections run under
 * statement_timeout, and loading 70,000 sites runs statements of several
 * seconds. Why one transaction: nothing is visible until everything is
 * there, and a failure leaves nothing behind. */
#include "audit.h"
#include "bulk.h"

#include "pvi/pvi_log.h"

#include <stdlib.h>
#include <string.h>

/* What each purpose may do and how it is audited. */
static const struct {
    enum pvi_action action;
    const char *audit_action;
    const char *audit_object;
} purposes[] = {
    [PVI_BULK_SEED] = {PVI_ACT_SEED, "seed.load", "seed"},
};

/* The session of a load, run after BEGIN. */
static struct pvi_stmt setup[] = {
    PVI_STMT("SET LOCAL statement_timeout = 0"),
    PVI_STMT("SET LOCAL lock_timeout = '60s'"),
    /* the site list's trigram index (002_site_search.sql): the rows go to its pending
     * list, merged once in bulk at the end (gin_clean_pending_list), not every 4 MB */
    PVI_STMT("SET LOCAL gin_pending_list_limit = '1GB'"),
    PVI_STMT("SET LOCAL work_mem = '256MB'"),
    /* one load at a time (the key is the one pvictl seed always took) */
    PVI_STMT("SELECT pg_advisory_xact_lock(hashtext('pvi_seed'))"),
    PVI_STMT("CREATE TEMP TABLE bulk_revisions (ord integer NOT NULL, content jsonb NOT NULL,"
             " provenance jsonb NOT NULL, author_kind text NOT NULL, author_uid text,"
             " author_label text NOT NULL, channel text NOT NULL, note text NOT NULL,"
             " created_at timestamptz NOT NULL) ON COMMIT DROP"),
    PVI_STMT("CREATE TEMP TABLE bulk_sites (ord integer NOT NULL, customer_number text NOT NULL,"
             " slug text NOT NULL, charter text, state text NOT NULL, state_reason text,"
             " operator_uid text, published boolean NOT NULL, business_name text NOT NULL,"
             " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL) ON COMMIT DROP"),
    PVI_STMT("CREATE TEMP TABLE bulk_domains (ord integer NOT NULL, host text NOT NULL,"
             " is_primary boolean NOT NULL) ON COMMIT DROP"),
};

enum pvi_code
pvi_bulk__fail(struct pvi_bulk *b, const char *what, enum pvi_code rc)
{
    /* PVI_UNAVAILABLE says the server cannot be reached (pvi_bulk.h); a
     * lock not obtained within lock_timeout (another load, a writer holding
     * a row) or a cancelled statement is PVI_INTERNAL, as it always was for
     * pvictl seed */
    if (rc == PVI_UNAVAILABLE &&
        (strcmp(b->tx.sqlstate, "57014") == 0 || strcmp(b->tx.sqlstate, "55P03") == 0))
        rc = PVI_INTERNAL;
    pvi_error("bulk: %s failed: %s (SQLSTATE %s%s%s)", what, pvi_code_name(rc),
              b->tx.sqlstate[0] ? b->tx.sqlstate : "none", b->tx.constraint ? ", constraint " : "",
              b->tx.constraint ? b->tx.constraint : "");
    b->failed = rc;
    return rc;
}

void
pvi_bulk__progress(struct pvi_bulk *b, const char *phase, size_t done, size_t total)
{
    if (b->opts.progress)
        b->opts.progress(b->opts.progress_ctx, phase, done, total);
}

/* PVI_OK when a statement may run now: no failure yet, before the first
 * site (whose COPY holds the connection) and before the INSERTs. */
static enum pvi_code
before_rows(struct pvi_bulk *b, const char *what)
{
    if (b->failed)
        return b->failed;
    if (b->streaming || b->inserted) {
        pvi_error("bulk: %s once the rows have begun: refused", what);
        return PVI_INTERNAL;
    }
    return PVI_OK;
}

enum pvi_code
pvi_bulk_open(struct pvi_bulk **out, const char *conninfo, const struct pvi_actor *actor,
              const struct pvi_bulk_opts *opts)
{
    *out = NULL;
    struct pvi_bulk_opts o = opts ? *opts : (struct pvi_bulk_opts){.purpose = PVI_BULK_SEED};
    if ((unsigned)o.purpose >= PVI_COUNT_OF(purposes))
        return PVI_BAD_REQUEST;
    if (actor == NULL || pvi_perm_check(actor, purposes[o.purpose].action, NULL) != PVI_OK)
        return PVI_FORBIDDEN;

    struct pvi_bulk *b = pvi_calloc(1, sizeof *b);
    b->actor = actor;
    b->opts = o;
    enum pvi_code rc = pvi_tx_dedicated_begin(&b->tx, conninfo);
    for (size_t i = 0; i < PVI_COUNT_OF(setup) && rc == PVI_OK; i++)
        rc = pvi_tx_run(&b->tx, NULL, &setup[i], 0, NULL);
    if (rc != PVI_OK) {
        rc = pvi_bulk__fail(b, "open", rc);
        pvi_bulk_close(b);
        return rc;
    }
    *out = b;
    return PVI_OK;
}

static struct pvi_stmt taken_slugs = PVI_STMT("SELECT slug FROM sites");
static struct pvi_stmt taken_hosts = PVI_STMT("SELECT host FROM domains");
static struct pvi_stmt max_customer =
    PVI_STMT("SELECT coalesce(max(substr(customer_number, 3)::bigint), 0) AS n FROM clients");

/* Hands the first column of every row of st to fn. */
static enum pvi_code
each_value(struct pvi_bulk *b, struct pvi_stmt *st, void (*fn)(void *ctx, const char *v), void *ctx)
{
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(&b->tx, &r, st, 0, NULL);
    if (rc != PVI_OK)
        return rc;
    for (int i = 0; fn && i < PQntuples(r); i++)
        fn(ctx, PQgetvalue(r, i, 0));
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_bulk_taken(long long *max_customer_out, struct pvi_bulk *b,
               void (*slug_fn)(void *ctx, const char *slug),
               void (*host_fn)(void *ctx, const char *host), void *ctx)
{
    *max_customer_out = 0;
    enum pvi_code rc = before_rows(b, "taken");
    if (rc != PVI_OK)
        return rc;
    rc = each_value(b, &taken_slugs, slug_fn, ctx);
    if (rc == PVI_OK)
        rc = each_value(b, &taken_hosts, host_fn, ctx);
    PGresult *r = NULL;
    if (rc == PVI_OK)
        rc = pvi_tx_run(&b->tx, &r, &max_customer, 0, NULL);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "reading what exists", rc);
    *max_customer_out = pvi_pg_get_ll(r, 0, "n", 0);
    PQclear(r);
    return PVI_OK;
}

static struct pvi_stmt client_exists = PVI_STMT("SELECT 1 FROM clients WHERE customer_number = $1");

enum pvi_code
pvi_bulk_client_exists(int *exists_out, struct pvi_bulk *b, const char *customer_number)
{
    *exists_out = 0;
    enum pvi_code rc = before_rows(b, "client_exists");
    if (rc != PVI_OK)
        return rc;
    PGresult *r = NULL;
    rc = pvi_tx_run(&b->tx, &r, &client_exists, 1, (const char *const[]){customer_number});
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "looking up a customer number", rc);
    *exists_out = PQntuples(r) > 0;
    PQclear(r);
    return PVI_OK;
}

static struct pvi_stmt operator_insert =
    PVI_STMT("INSERT INTO operators (ldap_uid, ldap_dn, display_name, email)"
             " VALUES ($1, $2, $3, $4) ON CONFLICT (ldap_uid) DO NOTHING");

enum pvi_code
pvi_bulk_operator_ensure(struct pvi_bulk *b, const struct pvi_bulk_operator *op)
{
    enum pvi_code rc = before_rows(b, "operator_ensure");
    if (rc != PVI_OK)
        return rc;
    if (op == NULL || op->uid == NULL || op->dn == NULL || op->display_name == NULL)
        return PVI_BAD_REQUEST;
    const char *p[4] = {op->uid, op->dn, op->display_name, op->email};
    rc = pvi_tx_run(&b->tx, NULL, &operator_insert, 4, p);
    return rc == PVI_OK ? PVI_OK : pvi_bulk__fail(b, "operators", rc);
}

/* The "after" of the load's audit event: the counts, then extra's members. */
static json_t *
audit_after(const struct pvi_bulk *b, const json_t *extra)
{
    const struct pvi_bulk_report *r = &b->rep;
    json_t *states = json_object();
    for (int s = 0; s <= PVI_STATE_CLOSED; s++)
        json_object_set_new(states, pvi_state_name((enum pvi_site_state)s),
                            json_integer((json_int_t)r->by_state[s]));
    json_t *after = json_pack("{s:I, s:I, s:o, s:I, s:I, s:s, s:s, s:b}", "sites",
                              (json_int_t)r->sites, "clients", (json_int_t)r->clients, "states",
                              states, "domains", (json_int_t)r->domains, "jobs",
                              (json_int_t)r->jobs, "first_customer", r->first_customer,
                              "last_customer", r->last_customer, "no_jobs", !b->opts.queue_jobs);
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)extra, k, v)
    {
        if (json_object_get(after, k) == NULL)
            json_object_set(after, k, v);
    }
    return after;
}

/* The site list's trigram index takes the load's rows from its pending list
 * in one merge (see setup). */
static struct pvi_stmt gin_merge =
    PVI_STMT("SELECT gin_clean_pending_list('sites_search_trgm'::regclass)");

enum pvi_code
pvi_bulk_commit(struct pvi_bulk *b, const json_t *extra)
{
    if (b->failed)
        return b->failed;
    if (!b->inserted || b->committed) {
        pvi_error("bulk: commit %s: refused", b->committed ? "again" : "before the INSERTs");
        return PVI_INTERNAL;
    }
    enum pvi_code rc = pvi_tx_run(&b->tx, NULL, &gin_merge, 0, NULL);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "search index", rc);
    json_t *after = audit_after(b, extra);
    rc = pvi_audit_append(&b->tx, b->actor, purposes[b->opts.purpose].audit_action,
                                        purposes[b->opts.purpose].audit_object, 0, 0, NULL, after);
    json_decref(after);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "audit", rc);
    pvi_bulk__progress(b, "commit", 0, 1);
    rc = pvi_tx_dedicated_commit(&b->tx);
    pvi_bulk__progress(b, "commit", 1, 1);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "commit", rc);
    b->committed = 1;
    return PVI_OK;
}

void
pvi_bulk_close(struct pvi_bulk *b)
{
    if (b == NULL)
        return;
    pvi_tx_dedicated_close(&b->tx); /* an open transaction is rolled back */
    pvi_buf_free(&b->revisions);
    pvi_buf_free(&b->clients);
    pvi_buf_free(&b->sites);
    pvi_buf_free(&b->domains);
    free(b);
}
