/* pg.c — the connection pool, prepared statements by name, the
 * transaction runner with bounded retry of serialization failures, and, for
 * bulk loads, a transaction on a connection of its own with COPY FROM STDIN. */
#include "pg.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_STMTS 1024
#define ACQUIRE_WAIT_S 10

struct pvi_pgconn {
    PGconn *conn;
    int busy;
    unsigned char prepared[MAX_STMTS]; /* by statement id */
};

struct pvi_db {
    char *conninfo;
    int size;
    int statement_timeout_ms;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct pvi_pgconn *conns;
};

static atomic_int next_stmt_id = 1;

enum pvi_code
pvi_db_open(struct pvi_db **out, const char *conninfo, int size, int statement_timeout_ms)
{
    *out = NULL;
    if (conninfo == NULL || size < 1)
        return PVI_CONFIG;
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    if (opts == NULL) {
        pvi_error("invalid PVI_DB_URL: %s", err ? err : "out of memory");
        PQfreemem(err);
        return PVI_CONFIG;
    }
    PQconninfoFree(opts);
    struct pvi_db *db = pvi_calloc(1, sizeof *db);
    db->conninfo = pvi_strdup(conninfo);
    db->size = size;
    db->statement_timeout_ms = statement_timeout_ms;
    db->conns = pvi_calloc((size_t)size, sizeof *db->conns);
    pthread_mutex_init(&db->mu, NULL);
    pthread_cond_init(&db->cv, NULL);
    *out = db;
    return PVI_OK;
}

void
pvi_db_close(struct pvi_db *db)
{
    if (db == NULL)
        return;
    for (int i = 0; i < db->size; i++)
        if (db->conns[i].conn)
            PQfinish(db->conns[i].conn);
    pthread_mutex_destroy(&db->mu);
    pthread_cond_destroy(&db->cv);
    free(db->conns);
    free(db->conninfo);
    free(db);
}

static void
quiet_notice(void *arg, const char *message)
{
    (void)arg;
    pvi_debug("postgresql: %s", message);
}

/* Makes c->conn a healthy connection: opens it or re-opens it after the
 * server went away. Prepared statements are forgotten on reconnect. */
static enum pvi_code
ensure_connected(struct pvi_db *db, struct pvi_pgconn *c)
{
    if (c->conn && PQstatus(c->conn) == CONNECTION_OK &&
        PQtransactionStatus(c->conn) == PQTRANS_IDLE)
        return PVI_OK;
    if (c->conn && PQstatus(c->conn) == CONNECTION_OK) {
        /* found inside a failed or open transaction: roll it back first */
        PGresult *r = PQexec(c->conn, "ROLLBACK");
        PQclear(r);
        if (PQstatus(c->conn) == CONNECTION_OK && PQtransactionStatus(c->conn) == PQTRANS_IDLE)
            return PVI_OK;
    }
    if (c->conn)
        PQfinish(c->conn);
    memset(c->prepared, 0, sizeof c->prepared);
    c->conn = PQconnectdb(db->conninfo);
    if (PQstatus(c->conn) != CONNECTION_OK) {
        pvi_warn("postgresql unreachable: %s", PQerrorMessage(c->conn));
        PQfinish(c->conn);
        c->conn = NULL;
        return PVI_UNAVAILABLE;
    }
    PQsetNoticeProcessor(c->conn, quiet_notice, NULL);
    char set[160];
    snprintf(set, sizeof set,
             "SET statement_timeout = %d; SET lock_timeout = %d; SET TIME ZONE 'UTC'",
             db->statement_timeout_ms, db->statement_timeout_ms);
    PGresult *r = PQexec(c->conn, set);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        pvi_error("postgresql session set-up failed: %s", PQerrorMessage(c->conn));
        PQfinish(c->conn);
        c->conn = NULL;
        return PVI_UNAVAILABLE;
    }
    return PVI_OK;
}

static enum pvi_code
acquire(struct pvi_db *db, struct pvi_pgconn **out)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ACQUIRE_WAIT_S;
    struct pvi_pgconn *c = NULL;

    pthread_mutex_lock(&db->mu);
    while (c == NULL) {
        /* prefer an open connection, then an empty slot */
        for (int i = 0; i < db->size && c == NULL; i++)
            if (!db->conns[i].busy && db->conns[i].conn)
                c = &db->conns[i];
        for (int i = 0; i < db->size && c == NULL; i++)
            if (!db->conns[i].busy)
                c = &db->conns[i];
        if (c == NULL && pthread_cond_timedwait(&db->cv, &db->mu, &deadline) == ETIMEDOUT)
            break;
    }
    if (c)
        c->busy = 1;
    pthread_mutex_unlock(&db->mu);
    if (c == NULL) {
        pvi_error("postgresql pool exhausted (%d connections busy)", db->size);
        return PVI_UNAVAILABLE;
    }
    enum pvi_code rc = ensure_connected(db, c);
    if (rc != PVI_OK) {
        pthread_mutex_lock(&db->mu);
        c->busy = 0;
        pthread_cond_signal(&db->cv);
        pthread_mutex_unlock(&db->mu);
        return rc;
    }
    *out = c;
    return PVI_OK;
}

static void
release(struct pvi_db *db, struct pvi_pgconn *c)
{
    pthread_mutex_lock(&db->mu);
    c->busy = 0;
    pthread_cond_signal(&db->cv);
    pthread_mutex_unlock(&db->mu);
}

static void
record_failure(struct pvi_tx *tx, const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *cons = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
    snprintf(tx->sqlstate, sizeof tx->sqlstate, "%s", state ? state : "");
    free(tx->constraint);
    tx->constraint = pvi_strdup(cons);
    tx->soft = strcmp(tx->sqlstate, "40001") == 0 || strcmp(tx->sqlstate, "40P01") == 0;
    if (strncmp(tx->sqlstate, "23", 2) != 0 && !tx->soft)
        pvi_error("postgresql: %s", PQerrorMessage(tx->c->conn));
}

/* r when the statement succeeded (sqlstate cleared), else NULL with the failure recorded. */
static PGresult *
checked(struct pvi_tx *tx, PGresult *r)
{
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        record_failure(tx, r);
        PQclear(r);
        return NULL;
    }
    tx->sqlstate[0] = '\0';
    return r;
}

PGresult *
pvi_tx_exec(struct pvi_tx *tx, struct pvi_stmt *st, int nparams, const char *const *params)
{
    int id = atomic_load(&st->id);
    if (id == 0) {
        int fresh = atomic_fetch_add(&next_stmt_id, 1);
        int expected = 0;
        if (!atomic_compare_exchange_strong(&st->id, &expected, fresh))
            fresh = expected;
        id = fresh;
    }
    if (id >= MAX_STMTS) {
        pvi_error("too many prepared statements (raise MAX_STMTS)");
        abort();
    }
    char name[16];
    snprintf(name, sizeof name, "s%d", id);
    PGconn *conn = tx->c->conn;
    if (!tx->c->prepared[id]) {
        PGresult *p = PQprepare(conn, name, st->sql, nparams, NULL);
        if (PQresultStatus(p) != PGRES_COMMAND_OK) {
            record_failure(tx, p);
            PQclear(p);
            return NULL;
        }
        PQclear(p);
        tx->c->prepared[id] = 1;
    }
    return checked(tx, PQexecPrepared(conn, name, nparams, params, NULL, NULL, 0));
}

PGresult *
pvi_tx_exec_script(struct pvi_tx *tx, const char *sql)
{
    PGresult *r = PQexec(tx->c->conn, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        record_failure(tx, r);
        PQclear(r);
        return NULL;
    }
    return r;
}

PGresult *
pvi_tx_exec_adhoc(struct pvi_tx *tx, const char *sql, int nparams, const char *const *params)
{
    return checked(tx, PQexecParams(tx->c->conn, sql, nparams, NULL, params, NULL, NULL, 0));
}

enum pvi_code
pvi_tx_failure(const struct pvi_tx *tx)
{
    if (PQstatus(tx->c->conn) != CONNECTION_OK)
        return PVI_UNAVAILABLE;
    if (tx->soft || strcmp(tx->sqlstate, "23505") == 0)
        return PVI_CONFLICT;
    if (strcmp(tx->sqlstate, "57014") == 0 || strcmp(tx->sqlstate, "55P03") == 0)
        return PVI_UNAVAILABLE; /* statement or lock timeout */
    return PVI_INTERNAL;
}

static int
simple(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
}

enum pvi_code
pvi_db_run_tx(struct pvi_db *db, pvi_tx_fn fn, void *arg)
{
    enum pvi_code rc = PVI_INTERNAL;
    for (int attempt = 0; attempt < 3; attempt++) {
        struct pvi_tx tx = {.db = db};
        rc = acquire(db, &tx.c);
        if (rc != PVI_OK)
            return rc;
        if (!simple(tx.c->conn, "BEGIN")) {
            rc = PVI_UNAVAILABLE;
            release(db, tx.c);
            return rc;
        }
        rc = fn(&tx, arg);
        if (rc == PVI_OK) {
            PGresult *r = PQexec(tx.c->conn, "COMMIT");
            if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                record_failure(&tx, r);
                rc = pvi_tx_failure(&tx);
            }
            PQclear(r);
        } else if (PQstatus(tx.c->conn) == CONNECTION_OK) {
            simple(tx.c->conn, "ROLLBACK");
        }
        if (PQstatus(tx.c->conn) != CONNECTION_OK)
            rc = PVI_UNAVAILABLE;
        int retry = tx.soft && rc != PVI_OK;
        free(tx.constraint);
        release(db, tx.c);
        if (!retry)
            return rc;
        pvi_info("retrying transaction after serialization failure (attempt %d)", attempt + 2);
    }
    return rc;
}

static enum pvi_code
ping_fn(struct pvi_tx *tx, void *arg)
{
    (void)arg;
    static struct pvi_stmt ping = PVI_STMT("SELECT 1");
    PGresult *r = pvi_tx_exec(tx, &ping, 0, NULL);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_db_ping(struct pvi_db *db)
{
    enum pvi_code rc = pvi_db_run_tx(db, ping_fn, NULL);
    return rc == PVI_OK ? PVI_OK : PVI_UNAVAILABLE;
}

const char *
pvi_pg_get(const PGresult *r, int row, const char *col)
{
    int c = PQfnumber(r, col);
    if (c < 0 || row >= PQntuples(r) || PQgetisnull(r, row, c))
        return NULL;
    return PQgetvalue(r, row, c);
}

long long
pvi_pg_get_ll(const PGresult *r, int row, const char *col, long long dflt)
{
    const char *v = pvi_pg_get(r, row, col);
    return v ? strtoll(v, NULL, 10) : dflt;
}

enum pvi_code
pvi_tx_run(struct pvi_tx *tx, PGresult **out, struct pvi_stmt *st, int nparams,
           const char *const *params)
{
    PGresult *r = pvi_tx_exec(tx, st, nparams, params);
    if (out)
        *out = r;
    if (r == NULL)
        return pvi_tx_failure(tx);
    if (out == NULL)
        PQclear(r);
    return PVI_OK;
}

long long
pvi_pg_cmd_tuples(PGresult *r)
{
    return strtoll(PQcmdTuples(r), NULL, 10);
}

int
pvi_pg_is_true(const char *v)
{
    return v != NULL && v[0] == 't';
}

void
pvi_pg_bytea_hex(char out[static 67], const char hex[static 65])
{
    out[0] = '\\';
    out[1] = 'x';
    memcpy(out + 2, hex, 65);
}

/* ---- a transaction on a connection of its own ---- */

#define COPY_CHUNK (1 << 20) /* bytes per PQputCopyData */

enum pvi_code
pvi_tx_dedicated_begin(struct pvi_tx *tx, const char *conninfo)
{
    *tx = (struct pvi_tx){0};
    tx->c = pvi_calloc(1, sizeof *tx->c);
    tx->c->conn = PQconnectdb(conninfo ? conninfo : "");
    if (PQstatus(tx->c->conn) != CONNECTION_OK) {
        pvi_error("postgresql unreachable: %s", PQerrorMessage(tx->c->conn));
        return PVI_UNAVAILABLE;
    }
    PQsetNoticeProcessor(tx->c->conn, quiet_notice, NULL);
    if (!simple(tx->c->conn, "SET TIME ZONE 'UTC'") || !simple(tx->c->conn, "BEGIN")) {
        pvi_error("postgresql session set-up failed: %s", PQerrorMessage(tx->c->conn));
        return PQstatus(tx->c->conn) == CONNECTION_OK ? PVI_INTERNAL : PVI_UNAVAILABLE;
    }
    return PVI_OK;
}

enum pvi_code
pvi_tx_dedicated_commit(struct pvi_tx *tx)
{
    PGresult *r = PQexec(tx->c->conn, "COMMIT");
    enum pvi_code rc = PVI_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        record_failure(tx, r);
        rc = pvi_tx_failure(tx);
    }
    PQclear(r);
    return rc;
}

void
pvi_tx_dedicated_close(struct pvi_tx *tx)
{
    if (tx->c) {
        PQfinish(tx->c->conn);
        free(tx->c);
    }
    free(tx->constraint);
    *tx = (struct pvi_tx){0};
}

enum pvi_code
pvi_tx_copy_begin(struct pvi_tx *tx, const char *sql)
{
    PGresult *r = PQexec(tx->c->conn, sql);
    enum pvi_code rc = PVI_OK;
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        record_failure(tx, r);
        rc = pvi_tx_failure(tx);
    }
    PQclear(r);
    return rc;
}

enum pvi_code
pvi_tx_copy_send(struct pvi_tx *tx, const char *data, size_t len)
{
    while (len > 0) {
        int n = len > COPY_CHUNK ? COPY_CHUNK : (int)len;
        if (PQputCopyData(tx->c->conn, data, n) != 1) {
            record_failure(tx, NULL);
            return pvi_tx_failure(tx);
        }
        data += n;
        len -= (size_t)n;
    }
    return PVI_OK;
}

enum pvi_code
pvi_tx_copy_end(struct pvi_tx *tx)
{
    enum pvi_code rc = PVI_OK;
    if (PQputCopyEnd(tx->c->conn, NULL) != 1) {
        record_failure(tx, NULL);
        rc = pvi_tx_failure(tx);
    }
    PGresult *r;
    while ((r = PQgetResult(tx->c->conn)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == PVI_OK) {
            record_failure(tx, r);
            rc = pvi_tx_failure(tx);
        }
        PQclear(r);
    }
    return rc;
}

/* Runs a SELECT whose single column is a JSON document and parses it. */
enum pvi_code
pvi_tx_select_json(struct pvi_tx *tx, struct pvi_stmt *st, int n, const char *const *p,
                   json_t **out)
{
    PGresult *r = pvi_tx_exec(tx, st, n, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    const char *v = PQntuples(r) ? PQgetvalue(r, 0, 0) : NULL;
    *out = v && *v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
    PQclear(r);
    return *out ? PVI_OK : PVI_NOT_FOUND;
}

/* Runs fn in a transaction; on success hands *result (set by fn) to *out,
 * otherwise releases it and sets *out to NULL. */
enum pvi_code
pvi_db_run_json(struct pvi_db *db, pvi_tx_fn fn, void *ctx, json_t **result, json_t **out)
{
    enum pvi_code rc = pvi_db_run_tx(db, fn, ctx);
    *out = rc == PVI_OK ? *result : NULL;
    if (rc != PVI_OK)
        json_decref(*result);
    return rc;
}
