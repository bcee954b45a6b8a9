/* pvi_db.h — the PostgreSQL connection pool and schema migrations.
 *
 * Only libpvi's database module (libpvi/src/db/) speaks SQL; services hold a
 * struct pvi_db and pass it to libpvi's functions. Connections are opened
 * lazily, checked on every acquisition and re-opened after the server came
 * back, so a service recovers from a database restart by itself. */
#ifndef PVI_DB_H
#define PVI_DB_H

#include "pvi/pvi_error.h"

struct pvi_db;

/* Creates a pool of at most size connections to conninfo (libpq syntax).
 * Opens no connection yet: a service starts even while the database is down.
 * statement_timeout_ms is applied to every connection. *out belongs to the
 * caller (pvi_db_close). Returns PVI_OK or PVI_CONFIG for an invalid conninfo. */
enum pvi_code pvi_db_open(struct pvi_db **out, const char *conninfo, int size,
                          int statement_timeout_ms);
/* Closes every connection; waits for none (call when no request is running). NULL is a no-op. */
void pvi_db_close(struct pvi_db *db);

/* Round trip to the server (SELECT 1) on a pooled connection, reconnecting if
 * needed. PVI_OK, or PVI_UNAVAILABLE when the server cannot be reached. */
enum pvi_code pvi_db_ping(struct pvi_db *db);

/* Applies, in order, each NNN_name.sql file of dir not yet recorded in the
 * schema_migrations table, each in its own transaction, under an advisory
 * lock (concurrent runs wait for each other). *applied_out (may be NULL)
 * receives how many were applied now. A recorded migration whose file changed
 * since is reported (PVI_CONFIG) and nothing further is applied. */
enum pvi_code pvi_db_migrate(int *applied_out, struct pvi_db *db, const char *dir);

#endif
