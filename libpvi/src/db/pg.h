/* pg.h — libpvi-internal access to PostgreSQL: pooled connections, named
 * prepared statements and the transaction runner. Included only by the files
 * of libpvi/src/db/; nothing outside that folder sees libpq. */
#ifndef PVI_DB_PG_H
#define PVI_DB_PG_H

#include "pvi/pvi_db.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdatomic.h>

/* A statement prepared by name on first use on each connection (and again
 * after a reconnect). Declare them static, next to the function that uses them:
 *   static struct pvi_stmt get_site = PVI_STMT("SELECT … WHERE id = $1");  */
struct pvi_stmt {
    const char *sql;
    atomic_int id; /* 0 until first use; then a process-wide index */
};
#define PVI_STMT(sqltext)                                                                          \
    {                                                                                              \
        .sql = (sqltext), .id = 0                                                                  \
    }

struct pvi_pgconn; /* one pooled connection */

/* The state of one transaction handed to a pvi_tx_fn. */
struct pvi_tx {
    struct pvi_db *db;
    struct pvi_pgconn *c;
    char sqlstate[6]; /* of the last failed statement, "" otherwise */
    char *constraint; /* constraint named by the last failure, or NULL (owned) */
    int soft;         /* last failure is retryable (serialization, deadlock) */
};

/* Runs a statement in tx with text parameters (NULL = SQL NULL). Returns the
 * result (caller PQclear()s it) or NULL on failure, with tx->sqlstate set and
 * the error logged unless it is an expected constraint violation (23xxx). */
PGresult *pvi_tx_exec(struct pvi_tx *tx, struct pvi_stmt *st, int nparams,
                      const char *const *params);
/* The same for a statement whose text is composed at run time from fixed
 * fragments (never from input: every value is a parameter), planned for its
 * parameters at each call (an unnamed statement): the site list, whose
 * filters and sort change the best plan. */
PGresult *pvi_tx_exec_adhoc(struct pvi_tx *tx, const char *sql, int nparams,
                            const char *const *params);
/* The code to return after pvi_tx_exec failed: PVI_CONFLICT for a unique or
 * serialization failure, PVI_UNAVAILABLE when the connection is gone,
 * PVI_INTERNAL otherwise. */
enum pvi_code pvi_tx_failure(const struct pvi_tx *tx);
/* Simple-protocol execution of a whole script (several statements, no
 * parameters) — for migrations only. */
PGresult *pvi_tx_exec_script(struct pvi_tx *tx, const char *sql);

typedef enum pvi_code (*pvi_tx_fn)(struct pvi_tx *tx, void *arg);

/* BEGIN (at isolation level READ COMMITTED), fn, COMMIT. A non-PVI_OK return
 * from fn rolls back and is returned. Serialization failures and deadlocks
 * are retried (3 attempts); a lost connection gives PVI_UNAVAILABLE. */
enum pvi_code pvi_db_run_tx(struct pvi_db *db, pvi_tx_fn fn, void *arg);

/* ---- a transaction on a connection of its own (bulk loads) ---- */

/* Opens a connection outside any pool, for work whose statements run for
 * seconds (the pool's connections run under statement_timeout): time zone
 * UTC, no statement timeout, and BEGINs a transaction on it, held across
 * calls. *tx (zeroed first) can then be used with pvi_tx_run & co. like a
 * transaction of pvi_db_run_tx (tx->db is NULL); nothing is retried.
 * conninfo NULL: libpq's defaults. PVI_UNAVAILABLE (logged) when the
 * server cannot be reached. Whatever the result, end with
 * pvi_tx_dedicated_close. */
enum pvi_code pvi_tx_dedicated_begin(struct pvi_tx *tx, const char *conninfo);
/* COMMIT: PVI_OK, or the code of the failure (pvi_tx_failure). */
enum pvi_code pvi_tx_dedicated_commit(struct pvi_tx *tx);
/* Closes the connection (the server rolls back a transaction still open)
 * and releases tx's state. A zeroed or closed tx is a no-op. */
void pvi_tx_dedicated_close(struct pvi_tx *tx);

/* COPY … FROM STDIN in tx. _begin runs the COPY statement; _send sends rows
 * in COPY text format (any length: sent in chunks of 1 MB); _end finishes
 * the COPY and reports how the server took the rows. No other statement
 * may run in tx between _begin and _end (to give up in between, close the
 * connection). Each returns PVI_OK or the code of the failure
 * (pvi_tx_failure, the error logged). */
enum pvi_code pvi_tx_copy_begin(struct pvi_tx *tx, const char *sql);
enum pvi_code pvi_tx_copy_send(struct pvi_tx *tx, const char *data, size_t len);
enum pvi_code pvi_tx_copy_end(struct pvi_tx *tx);

/* Runs a statement expected to succeed: PVI_OK with the result in *out
 * (the caller PQclear()s it; out NULL: cleared here), or the code of the
 * failure (pvi_tx_failure) with *out NULL. */
enum pvi_code pvi_tx_run(struct pvi_tx *tx, PGresult **out, struct pvi_stmt *st, int nparams,
                         const char *const *params);

/* Rows a command changed (PQcmdTuples as a number). */
long long pvi_pg_cmd_tuples(PGresult *r);
/* Whether a boolean column's text value is true. */
int pvi_pg_is_true(const char *v);
/* The "\x…" text form of a bytea parameter holding the digest written in
 * hex (64 characters). */
void pvi_pg_bytea_hex(char out[static 67], const char hex[static 65]);

/* Runs a SELECT whose single column is a JSON document and parses it into
 * *out (new reference): PVI_OK, PVI_NOT_FOUND when there is no row or NULL. */
enum pvi_code pvi_tx_select_json(struct pvi_tx *tx, struct pvi_stmt *st, int n,
                                 const char *const *p, json_t **out);
/* Runs fn in a transaction; on success hands *result (set by fn) to *out,
 * otherwise releases it and sets *out to NULL. */
enum pvi_code pvi_db_run_json(struct pvi_db *db, pvi_tx_fn fn, void *ctx, json_t **result,
                              json_t **out);

/* A timestamp column as ISO 8601 UTC text ("2026-12-01T10:00:00Z"), in SQL. */
#define PVI_SQL_ISO(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* Column helpers over a PGresult: NULL for SQL NULL. */
const char *pvi_pg_get(const PGresult *r, int row, const char *col);
long long pvi_pg_get_ll(const PGresult *r, int row, const char *col, long long dflt);

#endif
