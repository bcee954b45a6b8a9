/* seed_db.c — bulk loading of the generated data (pvi_seed.h): one
 * transaction on a dedicated connection, COPY FROM STDIN into temporary
 * tables, set-based INSERTs into the real ones, one audit event.
 *
 * Why this shape:
 *   - sites and their revisions reference each other (sites.draft_revision_id
 *     and published_revision_id → site_revisions, site_revisions.site_id →
 *     sites) with non-deferrable foreign keys, and an online site must have
 *     its published revision (CHECK). Ids are pre-assigned from the two
 *     sequences, and both tables are filled by ONE statement (two
 *     data-modifying CTEs): the foreign keys are checked at the end of the
 *     statement, when both sides exist. No row goes through a fake state.
 *   - the pool's connections run under statement_timeout; a load of 70,000
 *     sites runs statements of several seconds, so it gets its own
 *     connection with no statement timeout.
 *   - the generator (the client side) and PostgreSQL (parsing the COPY
 *     stream) work at the same time: the revisions are streamed while they
 *     are generated, the small rows (clients, sites, domains) are kept in
 *     memory and copied afterwards. */
#include "site_ops.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_validate.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_CHUNK (1 << 20)
#define DEMO_SITES 300
#define DEMO_CLIENTS 240
#define DEMO_SEED 2026
#define PLAIN_CUSTOMER_FLOOR 10000000LL /* a plain seed numbers its clients above PJ10000000 */

struct loader {
    PGconn *conn;
    const struct pvi_actor *actor;
    const struct pvi_seed_opts *opts;
    int demo;
    int64_t now_us;
    char hash[PVI_PASSWORD_HASH_SIZE];
    long long first_number; /* customer number of client 0 */
    long long next_number;  /* of client 1, 2, … (demo: client 0 is fixed) */
    struct pvi_seed_report rep;
    struct pvi_buf copy;    /* pending COPY data */
    struct pvi_buf clients; /* COPY rows, loaded after the revisions */
    struct pvi_buf sites;
    struct pvi_buf domains;
};

/* ---- libpq helpers ---- */

static enum pvi_code
failure(struct loader *L, const PGresult *r, const char *what)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (PQstatus(L->conn) != CONNECTION_OK) {
        pvi_error("seed: %s: connection lost: %s", what, PQerrorMessage(L->conn));
        return PVI_UNAVAILABLE;
    }
    pvi_error("seed: %s: %s", what, r ? PQresultErrorMessage(r) : PQerrorMessage(L->conn));
    if (state &&
        (strcmp(state, "23505") == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        return PVI_CONFLICT;
    return PVI_INTERNAL;
}

/* Runs sql with text parameters; *out (may be NULL) gets the result. */
static enum pvi_code
run(struct loader *L, const char *what, const char *sql, int n, const char *const *params,
    PGresult **out)
{
    PGresult *r = PQexecParams(L->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        enum pvi_code rc = failure(L, r, what);
        PQclear(r);
        return rc;
    }
    if (out)
        *out = r;
    else
        PQclear(r);
    return PVI_OK;
}

static enum pvi_code
copy_begin(struct loader *L, const char *sql)
{
    PGresult *r = PQexec(L->conn, sql);
    enum pvi_code rc = PQresultStatus(r) == PGRES_COPY_IN ? PVI_OK : failure(L, r, sql);
    PQclear(r);
    return rc;
}

static enum pvi_code
copy_flush(struct loader *L, size_t threshold)
{
    if (L->copy.len == 0 || L->copy.len < threshold)
        return PVI_OK;
    if (PQputCopyData(L->conn, L->copy.data, (int)L->copy.len) != 1)
        return failure(L, NULL, "COPY data");
    L->copy.len = 0;
    L->copy.data[0] = '\0';
    return PVI_OK;
}

static enum pvi_code
copy_end(struct loader *L, const char *what)
{
    enum pvi_code rc = copy_flush(L, 0);
    if (PQputCopyEnd(L->conn, rc == PVI_OK ? NULL : "aborted") != 1 && rc == PVI_OK)
        rc = failure(L, NULL, what);
    PGresult *r;
    while ((r = PQgetResult(L->conn)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == PVI_OK)
            rc = failure(L, r, what);
        PQclear(r);
    }
    return rc;
}

/* Copies a whole buffer of rows with one COPY statement. */
static enum pvi_code
copy_rows(struct loader *L, const char *sql, const struct pvi_buf *rows)
{
    enum pvi_code rc = copy_begin(L, sql);
    if (rc != PVI_OK)
        return rc;
    const char *p = rows->data ? rows->data : "";
    size_t left = rows->len;
    while (left > 0 && rc == PVI_OK) {
        int n = left > COPY_CHUNK ? COPY_CHUNK : (int)left;
        if (PQputCopyData(L->conn, p, n) != 1)
            rc = failure(L, NULL, sql);
        p += n;
        left -= (size_t)n;
    }
    enum pvi_code end = copy_end(L, sql);
    return rc != PVI_OK ? rc : end;
}

/* Appends one field in COPY text format (NULL: \N), then a tab or, when
 * last, a newline. */
static void
field(struct pvi_buf *b, const char *s, int last)
{
    if (s == NULL) {
        pvi_buf_append(b, "\\N", 2);
    } else {
        const char *run_start = s;
        for (const char *p = s;; p++) {
            const char *esc = NULL;
            switch (*p) {
            case '\\':
                esc = "\\\\";
                break;
            case '\n':
                esc = "\\n";
                break;
            case '\r':
                esc = "\\r";
                break;
            case '\t':
                esc = "\\t";
                break;
            default:
                break;
            }
            if (esc == NULL && *p != '\0')
                continue;
            pvi_buf_append(b, run_start, (size_t)(p - run_start));
            if (*p == '\0')
                break;
            pvi_buf_append(b, esc, 2);
            run_start = p + 1;
        }
    }
    pvi_buf_append(b, last ? "\n" : "\t", 1);
}

static void
field_ll(struct pvi_buf *b, long long v, int last)
{
    char s[24];
    pvi_int_text(s, v);
    field(b, s, last);
}

static void
progress(struct loader *L, const char *phase, size_t done, size_t total)
{
    if (L->opts->progress)
        L->opts->progress(L->opts->progress_ctx, phase, done, total);
}

/* ---- steps ---- */

static const char *const temp_tables[] = {
    "CREATE TEMP TABLE seed_revisions (ord integer NOT NULL, content jsonb NOT NULL,"
    " provenance jsonb NOT NULL, author_kind text NOT NULL, author_uid text,"
    " author_label text NOT NULL, channel text NOT NULL, note text NOT NULL,"
    " created_at timestamptz NOT NULL) ON COMMIT DROP",
    "CREATE TEMP TABLE seed_sites (ord integer NOT NULL, customer_number text NOT NULL,"
    " slug text NOT NULL, charter text, state text NOT NULL, state_reason text,"
    " operator_uid text, published boolean NOT NULL, business_name text NOT NULL,"
    " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL) ON COMMIT DROP",
    "CREATE TEMP TABLE seed_domains (ord integer NOT NULL, host text NOT NULL,"
    " is_primary boolean NOT NULL) ON COMMIT DROP",
};

static enum pvi_code
begin(struct loader *L)
{
    enum pvi_code rc = run(L, "begin", "BEGIN", 0, NULL, NULL);
    if (rc == PVI_OK)
        rc = run(L, "session", "SET LOCAL statement_timeout = 0", 0, NULL, NULL);
    if (rc == PVI_OK)
        rc = run(L, "session", "SET LOCAL lock_timeout = '60s'", 0, NULL, NULL);
    /* one seed at a time */
    if (rc == PVI_OK)
        rc = run(L, "lock", "SELECT pg_advisory_xact_lock(hashtext('pvi_seed'))", 0, NULL, NULL);
    return rc;
}

static enum pvi_code
ensure_operators(struct loader *L)
{
    static const char *const sql = "INSERT INTO operators (ldap_uid, ldap_dn, display_name, email)"
                                   " VALUES ($1, $2, $3, $4) ON CONFLICT (ldap_uid) DO NOTHING";
    for (int i = 0; i < PVI_SEED_OPERATORS; i++) {
        const struct pvi_seed_operator *op = pvi_seed_operator_at(i);
        const char *p[4] = {op->uid, op->dn, op->display_name, op->email};
        enum pvi_code rc = run(L, "operators", sql, 4, p, NULL);
        if (rc != PVI_OK)
            return rc;
    }
    return PVI_OK;
}

/* Reserves what the database already holds: slugs, hosts; finds the
 * largest customer number. */
static enum pvi_code
reserve_existing(struct loader *L, struct pvi_seed_gen *g, long long *max_number)
{
    PGresult *r = NULL;
    enum pvi_code rc = run(L, "existing slugs", "SELECT slug FROM sites", 0, NULL, &r);
    if (rc != PVI_OK)
        return rc;
    for (int i = 0; i < PQntuples(r); i++)
        pvi_seed_gen_reserve_slug(g, PQgetvalue(r, i, 0));
    PQclear(r);
    rc = run(L, "existing hosts", "SELECT host FROM domains", 0, NULL, &r);
    if (rc != PVI_OK)
        return rc;
    for (int i = 0; i < PQntuples(r); i++)
        pvi_seed_gen_reserve_host(g, PQgetvalue(r, i, 0));
    PQclear(r);
    rc = run(L, "customer numbers",
             "SELECT coalesce(max(substr(customer_number, 3)::bigint), 0) FROM clients", 0, NULL,
             &r);
    if (rc != PVI_OK)
        return rc;
    *max_number = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return PVI_OK;
}

static long long
client_number(const struct loader *L, size_t index)
{
    if (index == 0)
        return L->first_number;
    return L->next_number + (long long)index - 1;
}

static void
client_row(struct loader *L, struct pvi_seed_gen *g, size_t index,
           const struct pvi_seed_site *first_site, const char *created_at)
{
    struct pvi_seed_client c;
    pvi_seed_gen_client(g, index, client_number(L, index), first_site, &c);
    if (index == 0) {
        memcpy(L->rep.first_customer, c.customer_number, sizeof c.customer_number);
    }
    memcpy(L->rep.last_customer, c.customer_number, sizeof c.customer_number);
    struct pvi_buf *b = &L->clients;
    field(b, c.customer_number, 0);
    field(b, c.company_name, 0);
    field(b, c.siret, 0);
    field(b, c.email, 0);
    field(b, c.phone, 0);
    field(b, L->hash, 0);
    field(b, created_at, 0);
    field(b, created_at, 1);
    L->rep.clients++;
}

/* One generated site: its revision into the COPY stream, its site, domain
 * and (first site of a client) client rows into the buffers. */
static enum pvi_code
load_site(struct loader *L, struct pvi_seed_gen *g, const struct pvi_seed_site *s)
{
    char created[PVI_TIME_SIZE], updated[PVI_TIME_SIZE];
    pvi_time_format(created, L->now_us - s->age_s * 1000000LL);
    pvi_time_format(updated, L->now_us - s->idle_s * 1000000LL);
    const struct pvi_seed_operator *op = pvi_seed_operator_at(s->op_index);
    int by_operator = op && (s->state == PVI_STATE_COLLECTING || s->state == PVI_STATE_REVIEW);
    struct pvi_actor author = *L->actor;
    if (by_operator)
        author = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .label = op->uid};
    enum pvi_channel channel = by_operator ? PVI_CHANNEL_PHONE : PVI_CHANNEL_IMPORT;

    json_t *prov = pvi_site__provenance(NULL, NULL, s->content, &author, channel, 1, updated, NULL);
    char *content = json_dumps(s->content, JSON_COMPACT | JSON_REAL_PRECISION(10));
    char *provenance = json_dumps(prov, JSON_COMPACT);
    json_decref(prov);
    if (content == NULL || provenance == NULL) {
        free(content);
        free(provenance);
        pvi_error("seed: cannot serialise site %zu", s->index);
        return PVI_INTERNAL;
    }
    struct pvi_buf *b = &L->copy;
    field_ll(b, (long long)s->index, 0);
    field(b, content, 0);
    field(b, provenance, 0);
    field(b, pvi_role_name(author.role), 0);
    field(b, by_operator ? op->uid : NULL, 0);
    field(b, author.label ? author.label : "", 0);
    field(b, pvi_channel_name(channel), 0);
    field(b,
          by_operator ? "Saisie au téléphone avec le gérant"
                      : "Chargement des données de démonstration (pvictl seed)",
          0);
    field(b, updated, 1);
    free(content);
    free(provenance);

    /* the client, at its first site */
    if (s->client == s->index)
        client_row(L, g, s->index, s, created);

    char number[16];
    snprintf(number, sizeof number, "PJ%08d", (int)(client_number(L, s->client) % 100000000LL));
    b = &L->sites;
    field_ll(b, (long long)s->index, 0);
    field(b, number, 0);
    field(b, s->slug, 0);
    field(b, json_string_value(json_object_get(s->content, "charter")), 0);
    field(b, pvi_state_name(s->state), 0);
    field(b, s->state_reason, 0);
    field(b, op ? op->uid : NULL, 0);
    field(b, s->published ? "t" : "f", 0);
    const char *name = json_string_value(json_object_get(s->content, "business_name"));
    field(b, name ? name : "", 0);
    field(b, created, 0);
    field(b, updated, 1);

    /* domains: claimed by online and suspended sites; closed ones released theirs */
    if (s->state == PVI_STATE_ONLINE || s->state == PVI_STATE_SUSPENDED) {
        size_t i;
        json_t *d;
        json_array_foreach(json_object_get(s->content, "domains"), i, d)
        {
            field_ll(&L->domains, (long long)s->index, 0);
            field(&L->domains, json_string_value(d), 0);
            field(&L->domains, i == 0 ? "t" : "f", 1);
        }
    }
    L->rep.sites++;
    L->rep.by_state[s->state]++;
    return copy_flush(L, COPY_CHUNK);
}

/* Demo mode: the four fixed sites at indexes 0–3. */
static int
demo_force(size_t index, struct pvi_seed_force *f, json_t *demo_content)
{
    static const struct {
        const char *slug, *charter, *activity;
    } fixed[] = {
        {"demo", "classique", NULL},
        {"demo-classique", "classique", "Plombier"},
        {"demo-azur", "azur", "Crêperie"},
        {"demo-terroir", "terroir", "Vigneron"},
    };
    if (index >= PVI_COUNT_OF(fixed))
        return 0;
    *f = (struct pvi_seed_force){.slug = fixed[index].slug,
                                 .state = PVI_STATE_ONLINE,
                                 .charter = fixed[index].charter,
                                 .activity = fixed[index].activity,
                                 .content = index == 0 ? demo_content : NULL};
    return 1;
}

static enum pvi_code
generate(struct loader *L, struct pvi_seed_gen *g, size_t n_sites, size_t n_clients)
{
    json_t *demo_content = L->demo ? pvi_seed_demo_content() : NULL;
    enum pvi_code rc = PVI_OK;
    if (L->demo && demo_content == NULL)
        return PVI_INTERNAL;
    rc = copy_begin(L, "COPY seed_revisions (ord, content, provenance, author_kind, author_uid,"
                       " author_label, channel, note, created_at) FROM STDIN");
    if (rc != PVI_OK)
        goto cleanup;
    size_t step = n_sites / 10 ? n_sites / 10 : 1;
    for (size_t i = 0; i < n_sites && rc == PVI_OK; i++) {
        struct pvi_seed_force f;
        struct pvi_seed_site s;
        int forced = L->demo && demo_force(i, &f, demo_content);
        rc = pvi_seed_gen_site(g, forced ? &f : NULL, &s);
        if (rc == PVI_SLUG_TAKEN) {
            pvi_error("seed: the slug %s is already taken", forced ? f.slug : "?");
            rc = PVI_CONFLICT;
        }
        if (rc != PVI_OK)
            break;
        if (L->demo && i == 0) {
            snprintf(s.owner_first, sizeof s.owner_first, "Claire");
            snprintf(s.owner_last, sizeof s.owner_last, "Le Gall");
        }
        rc = load_site(L, g, &s);
        pvi_seed_site_clear(&s);
        if ((i + 1) % step == 0 || i + 1 == n_sites)
            progress(L, "generate", i + 1, n_sites);
    }
    enum pvi_code end = copy_end(L, "COPY seed_revisions");
    if (rc == PVI_OK)
        rc = end;
    /* clients without a site of their own */
    for (size_t i = n_sites; i < n_clients && rc == PVI_OK; i++) {
        char created[PVI_TIME_SIZE];
        pvi_time_format(created, L->now_us - (int64_t)(i % 1000) * 86400LL * 1000000LL);
        client_row(L, g, i, NULL, created);
    }
cleanup:
    json_decref(demo_content);
    return rc;
}

static enum pvi_code
insert_all(struct loader *L)
{
    enum pvi_code rc = copy_rows(L,
                                 "COPY clients (customer_number, company_name, siret, email,"
                                 " phone, password_hash, created_at, updated_at) FROM STDIN",
                                 &L->clients);
    if (rc == PVI_OK)
        rc = copy_rows(L,
                       "COPY seed_sites (ord, customer_number, slug, charter, state,"
                       " state_reason, operator_uid, published, business_name, created_at,"
                       " updated_at) FROM STDIN",
                       &L->sites);
    if (rc == PVI_OK)
        rc = copy_rows(L, "COPY seed_domains (ord, host, is_primary) FROM STDIN", &L->domains);
    if (rc == PVI_OK)
        rc = run(L, "ids",
                 "CREATE TEMP TABLE seed_ids ON COMMIT DROP AS"
                 " SELECT ord, nextval(pg_get_serial_sequence('sites', 'id')) AS site_id,"
                 " nextval(pg_get_serial_sequence('site_revisions', 'id')) AS revision_id"
                 " FROM seed_sites ORDER BY ord",
                 0, NULL, NULL);
    if (rc == PVI_OK)
        rc = run(L, "analyze", "ANALYZE seed_sites, seed_ids, seed_domains", 0, NULL, NULL);
    char actor_id[24];
    pvi_int_text(actor_id, L->actor->id);
    progress(L, "insert", 0, 1);
    /* sites and revisions in one statement: their foreign keys to each
     * other are checked at its end */
    PGresult *r = NULL;
    if (rc == PVI_OK)
        rc = run(L, "sites and revisions",
                 "WITH s AS (INSERT INTO sites (id, client_id, slug, charter_id, state,"
                 "   state_reason, operator_id, draft_revision_id, published_revision_id,"
                 "   business_name, created_at, updated_at)"
                 "  SELECT i.site_id, c.id, t.slug, ch.id, t.state, t.state_reason, o.id,"
                 "   i.revision_id, CASE WHEN t.published THEN i.revision_id END,"
                 "   t.business_name, t.created_at, t.updated_at"
                 "  FROM seed_sites t JOIN seed_ids i USING (ord)"
                 "  JOIN clients c ON c.customer_number = t.customer_number"
                 "  LEFT JOIN charters ch ON ch.name = t.charter"
                 "  LEFT JOIN operators o ON o.ldap_uid = t.operator_uid"
                 "  ORDER BY t.ord RETURNING 1),"
                 " r AS (INSERT INTO site_revisions (id, site_id, number, content, provenance,"
                 "   author_kind, author_id, author_label, channel, note, created_at)"
                 "  SELECT i.revision_id, i.site_id, 1, v.content, v.provenance,"
                 "   v.author_kind, CASE WHEN v.author_kind = 'operator' THEN o.id"
                 "   ELSE nullif($1::bigint, 0) END, v.author_label, v.channel, v.note,"
                 "   v.created_at"
                 "  FROM seed_revisions v JOIN seed_ids i USING (ord)"
                 "  LEFT JOIN operators o ON o.ldap_uid = v.author_uid"
                 "  ORDER BY v.ord RETURNING 1)"
                 " SELECT (SELECT count(*) FROM s) AS sites, (SELECT count(*) FROM r) AS revs",
                 1, (const char *const[]){actor_id}, &r);
    if (rc == PVI_OK) {
        long long sites = pvi_pg_get_ll(r, 0, "sites", -1), revs = pvi_pg_get_ll(r, 0, "revs", -1);
        PQclear(r);
        if (sites != (long long)L->rep.sites || revs != (long long)L->rep.sites) {
            pvi_error("seed: %lld sites and %lld revisions inserted, %zu expected", sites, revs,
                      L->rep.sites);
            rc = PVI_INTERNAL;
        }
    }
    progress(L, "insert", 1, 1);
    if (rc == PVI_OK)
        rc = run(L, "domains",
                 "INSERT INTO domains (host, site_id, is_primary, created_at)"
                 " SELECT d.host, i.site_id, d.is_primary, t.updated_at"
                 " FROM seed_domains d JOIN seed_ids i USING (ord) JOIN seed_sites t USING (ord)"
                 " ORDER BY d.ord",
                 0, NULL, &r);
    if (rc == PVI_OK) {
        L->rep.domains = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
        PQclear(r);
        progress(L, "domains", L->rep.domains, L->rep.domains);
    }
    if (rc == PVI_OK && !L->opts->no_jobs) {
        rc = run(L, "publication jobs",
                 "INSERT INTO publication_jobs (site_id, revision_id, kind)"
                 " SELECT i.site_id, i.revision_id,"
                 "  CASE t.state WHEN 'online' THEN 'publish' ELSE 'suspend' END"
                 " FROM seed_sites t JOIN seed_ids i USING (ord)"
                 " WHERE t.state IN ('online', 'suspended') ORDER BY i.site_id",
                 0, NULL, &r);
        if (rc == PVI_OK) {
            L->rep.jobs = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
            PQclear(r);
            progress(L, "jobs", L->rep.jobs, L->rep.jobs);
        }
    }
    return rc;
}

static enum pvi_code
audit(struct loader *L)
{
    json_t *states = json_object();
    for (int s = 0; s <= PVI_STATE_CLOSED; s++)
        json_object_set_new(states, pvi_state_name((enum pvi_site_state)s),
                            json_integer((json_int_t)L->rep.by_state[s]));
    json_t *after = json_pack(
        "{s:s, s:I, s:I, s:I, s:o, s:I, s:I, s:s, s:s, s:b}", "mode", L->demo ? "demo" : "seed",
        "seed", (json_int_t)L->opts->seed, "sites", (json_int_t)L->rep.sites, "clients",
        (json_int_t)L->rep.clients, "states", states, "domains", (json_int_t)L->rep.domains, "jobs",
        (json_int_t)L->rep.jobs, "first_customer", L->rep.first_customer, "last_customer",
        L->rep.last_customer, "no_jobs", L->opts->no_jobs != 0);
    char *a = json_dumps(after, JSON_COMPACT);
    json_decref(after);
    char at[PVI_TIME_SIZE], aid[24];
    pvi_time_format(at, pvi_now_us());
    pvi_int_text(aid, L->actor->id);
    const char *p[6] = {at,
                        pvi_role_name(L->actor->role),
                        L->actor->id ? aid : NULL,
                        L->actor->label ? L->actor->label : "",
                        a,
                        L->actor->address};
    enum pvi_code rc = run(L, "audit",
                           "INSERT INTO audit_events (at, actor_kind, actor_id, actor_label,"
                           " action, object_kind, after, address)"
                           " VALUES ($1, $2, $3, $4, 'seed.load', 'seed', $5, $6)",
                           6, p, NULL);
    free(a);
    return rc;
}

static enum pvi_code
connect_db(struct loader *L, const char *conninfo)
{
    L->conn = PQconnectdb(conninfo ? conninfo : "");
    if (PQstatus(L->conn) != CONNECTION_OK) {
        pvi_error("seed: cannot connect to PostgreSQL: %s", PQerrorMessage(L->conn));
        return PVI_UNAVAILABLE;
    }
    return run(L, "session", "SET TIME ZONE 'UTC'", 0, NULL, NULL);
}

static void
loader_clear(struct loader *L)
{
    if (L->conn)
        PQfinish(L->conn); /* an open transaction is rolled back */
    pvi_buf_free(&L->copy);
    pvi_buf_free(&L->clients);
    pvi_buf_free(&L->sites);
    pvi_buf_free(&L->domains);
}

/* The whole load; L is connected, its options set. */
static enum pvi_code
load(struct loader *L, size_t n_sites, size_t n_clients, const struct pvi_seed_mix *mix)
{
    struct pvi_seed_gen *g = NULL;
    long long max_number = 0;
    enum pvi_code rc = begin(L);
    if (rc == PVI_OK)
        rc = ensure_operators(L);
    if (rc != PVI_OK)
        goto cleanup;
    g = pvi_seed_gen_new(L->opts->seed, mix, n_clients);
    rc = reserve_existing(L, g, &max_number);
    if (rc != PVI_OK)
        goto cleanup;
    if (L->demo) {
        L->first_number = 1;
        L->next_number = (max_number > 1 ? max_number : 1) + 1;
    } else {
        L->first_number =
            (max_number > PLAIN_CUSTOMER_FLOOR ? max_number : PLAIN_CUSTOMER_FLOOR) + 1;
        L->next_number = L->first_number + 1;
    }
    if (L->next_number + (long long)n_clients > 99999999LL) {
        pvi_error("seed: no customer numbers left after PJ%08lld", max_number);
        rc = PVI_BAD_REQUEST;
        goto cleanup;
    }
    if (L->demo) {
        /* checked again under the lock: two concurrent --demo runs load once */
        PGresult *r = NULL;
        rc = run(L, "demo site", "SELECT 1 FROM sites WHERE slug = 'demo'", 0, NULL, &r);
        if (rc != PVI_OK)
            goto cleanup;
        L->rep.already_there = PQntuples(r) > 0;
        PQclear(r);
        if (L->rep.already_there)
            goto cleanup; /* nothing written: the transaction is rolled back */
        const char *p[1] = {PVI_SEED_DEMO_CUSTOMER};
        rc = run(L, "demo customer", "SELECT 1 FROM clients WHERE customer_number = $1", 1, p, &r);
        if (rc != PVI_OK)
            goto cleanup;
        int taken = PQntuples(r) > 0;
        PQclear(r);
        if (taken) {
            pvi_error("seed: customer number %s is taken by another client: the demo needs it",
                      PVI_SEED_DEMO_CUSTOMER);
            rc = PVI_CONFLICT;
            goto cleanup;
        }
    }
    for (size_t i = 0; i < PVI_COUNT_OF(temp_tables) && rc == PVI_OK; i++)
        rc = run(L, "temporary tables", temp_tables[i], 0, NULL, NULL);
    if (rc == PVI_OK)
        rc = generate(L, g, n_sites, n_clients);
    if (rc == PVI_OK)
        rc = insert_all(L);
    if (rc == PVI_OK)
        rc = audit(L);
    if (rc == PVI_OK) {
        progress(L, "commit", 0, 1);
        rc = run(L, "commit", "COMMIT", 0, NULL, NULL);
        progress(L, "commit", 1, 1);
    }
cleanup:
    pvi_seed_gen_free(g);
    return rc;
}

static enum pvi_code
prepare(struct loader *L, const char *conninfo, const struct pvi_actor *actor,
        const struct pvi_seed_opts *opts)
{
    L->actor = actor;
    L->opts = opts;
    L->now_us = pvi_now_us();
    if (pvi_perm_check(actor, PVI_ACT_SEED, NULL) != PVI_OK)
        return PVI_FORBIDDEN;
    /* every generated client shares this one hash (normal parameters) */
    enum pvi_code rc = pvi_password_hash(L->hash, PVI_SEED_CLIENT_PASSWORD);
    if (rc != PVI_OK)
        return rc;
    return connect_db(L, conninfo);
}

enum pvi_code
pvi_seed_load(const char *conninfo, const struct pvi_actor *actor, const struct pvi_seed_opts *opts,
              struct pvi_seed_report *out)
{
    struct loader L = {0};
    enum pvi_code rc = PVI_BAD_REQUEST;
    if (out)
        memset(out, 0, sizeof *out);
    if (opts == NULL || opts->sites > PVI_SEED_MAX_SITES || opts->clients > PVI_SEED_MAX_CLIENTS ||
        (opts->sites > 0 && opts->clients == 0))
        goto cleanup;
    rc = prepare(&L, conninfo, actor, opts);
    if (rc == PVI_OK)
        rc = load(&L, opts->sites, opts->clients, &pvi_seed_mix_default);
    if (rc == PVI_OK && out)
        *out = L.rep;
cleanup:
    loader_clear(&L);
    return rc;
}

enum pvi_code
pvi_seed_demo(struct pvi_db *db, const char *conninfo, const struct pvi_actor *actor,
              void (*progress_fn)(void *ctx, const char *phase, size_t done, size_t total),
              void *progress_ctx, struct pvi_seed_report *out)
{
    struct pvi_seed_opts opts = {.sites = DEMO_SITES,
                                 .clients = DEMO_CLIENTS,
                                 .seed = DEMO_SEED,
                                 .progress = progress_fn,
                                 .progress_ctx = progress_ctx};
    struct loader L = {.demo = 1};
    struct pvi_seed_report rep = {0};
    if (out)
        memset(out, 0, sizeof *out);
    if (pvi_perm_check(actor, PVI_ACT_SEED, NULL) != PVI_OK)
        return PVI_FORBIDDEN;

    enum pvi_code rc =
        pvi_admin_create(NULL, db, actor, PVI_SEED_ADMIN_EMAIL, "Administrateur de démonstration",
                         PVI_SEED_ADMIN_PASSWORD, NULL);
    if (rc == PVI_OK)
        rep.admin_created = 1;
    else if (rc != PVI_DUPLICATE)
        return rc;

    rc = prepare(&L, conninfo, actor, &opts);
    if (rc == PVI_OK) {
        rc = load(&L, DEMO_SITES, DEMO_CLIENTS, &pvi_seed_mix_demo);
        int admin = rep.admin_created;
        rep = L.rep;
        rep.admin_created = admin; /* already_there: load() wrote nothing */
    }
    if (rc == PVI_OK && out)
        *out = rep;
    loader_clear(&L);
    return rc;
}
