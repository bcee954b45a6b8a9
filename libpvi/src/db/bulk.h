/* bulk.h — libpvi-internal: the state of a bulk load (pvi_bulk.h), shared
 * by bulk.c (the load's life: connection, what exists, operators, audit,
 * commit) and bulk_rows.c (the rows, their COPY streams and the INSERTs). */
#ifndef PVI_DB_BULK_H
#define PVI_DB_BULK_H

#include "pg.h"

#include "pvi/pvi_bulk.h"
#include "pvi/pvi_mem.h"

struct pvi_bulk {
    struct pvi_tx tx; /* on a connection of its own */
    const struct pvi_actor *actor;
    struct pvi_bulk_opts opts;
    enum pvi_code failed; /* first failure: returned again by every later call */
    int streaming;        /* the COPY of the revisions is in progress */
    int inserted;         /* pvi_bulk_insert has run */
    int committed;
    struct pvi_buf revisions; /* COPY rows not sent yet */
    struct pvi_buf clients;   /* COPY rows, sent by pvi_bulk_insert */
    struct pvi_buf sites;
    struct pvi_buf domains;
    struct pvi_bulk_report rep;
};

/* Records the failure of step `what` (logged with the SQLSTATE and the
 * constraint) and returns the code to give the caller, which b keeps. */
enum pvi_code pvi_bulk__fail(struct pvi_bulk *b, const char *what, enum pvi_code rc);

/* Calls the progress callback, if any. */
void pvi_bulk__progress(struct pvi_bulk *b, const char *phase, size_t done, size_t total);

#endif
