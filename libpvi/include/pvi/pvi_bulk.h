/* pvi_bulk.h — loading many rows at once: clients, sites with their single
 * revision, the sites' domains and publication jobs, in ONE transaction on
 * a connection of its own. It serves pvictl seed (the seed library,
 * libpvi/seed, streams its generated businesses into it) and is shaped for
 * bulk imports too; it knows nothing of where the rows come from.
 *
 * A load goes through these steps, in this order:
 *
 *   pvi_bulk_open             authorise, connect (not the pool: no statement
 *                             timeout), BEGIN, one load at a time
 *   pvi_bulk_taken            what exists: the largest customer number,
 *                             every slug and host name (so that the caller
 *                             hands out new ones only)
 *   pvi_bulk_client_exists    whether one customer number is taken
 *   pvi_bulk_operator_ensure  an operator, created if missing
 *   pvi_bulk_client_add       rows: revisions are streamed with COPY FROM
 *   pvi_bulk_site_add         STDIN while the caller makes the next ones,
 *                             the smaller rows are kept for pvi_bulk_insert
 *   pvi_bulk_insert           set-based INSERTs into the real tables
 *   pvi_bulk_commit           ONE audit event with the counts, COMMIT
 *   pvi_bulk_close            always: rolls back what was not committed
 *
 * Nothing is visible to other connections before pvi_bulk_commit returns
 * PVI_OK; a load closed before that, or after a failure, leaves nothing
 * behind. After a failure other than a refused row (PVI_BAD_REQUEST) every
 * call but pvi_bulk_close returns the same code again.
 *
 * What is written, for each site: its row (owner, state, reason, operator;
 * business name and charter taken from the content), ONE revision
 * (number 1, the draft, and the published one when `published`) with its
 * provenance (every field attributed to the revision's author), its domains
 * (the content's "domains", for online and suspended sites only: a closed
 * site has released its own) and, when the load queues jobs, one
 * publication job ("publish" for an online site, "suspend" for a suspended
 * one). Ids come from the tables' sequences, in the order rows were added.
 * Rows are trusted as far as content goes: the caller has validated and
 * normalised them (pvi_content_validate, pvi_customer_number_check, …);
 * the database's constraints are the last word (a violation, or a site
 * whose owner is not a client, fails pvi_bulk_insert; an unknown operator
 * or charter is left out, as NULL). Audit: ONE event for the whole load (action and object
 * given by the purpose), not one per row.
 *
 * Errors, for every function: PVI_UNAVAILABLE when the server cannot be
 * reached or went away, PVI_CONFLICT when a concurrent writer took a
 * customer number, slug or host name meanwhile (a unique violation) or on
 * a serialization failure or deadlock (run the load again), PVI_INTERNAL
 * otherwise (logged, a lock not obtained within 60 s included).
 *
 * Threading: a handle is used by one thread at a time; loads in different
 * threads or processes wait for each other (an advisory lock held until
 * the end of the transaction). */
#ifndef PVI_BULK_H
#define PVI_BULK_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* What a load is for: decides the permission it needs and its audit event. */
enum pvi_bulk_purpose {
    PVI_BULK_SEED, /* generated data (pvictl seed): PVI_ACT_SEED; audit "seed.load" on "seed" */
};

struct pvi_bulk_opts {
    enum pvi_bulk_purpose purpose;
    int queue_jobs; /* one publication job per online or suspended site loaded */
    /* Called at each step of pvi_bulk_insert and pvi_bulk_commit: "insert"
     * (0 then 1 of 1, around the sites and revisions), "domains" and "jobs"
     * (n of n once inserted), "commit" (0 then 1 of 1, around COMMIT). May
     * be NULL. Runs in the caller's thread. */
    void (*progress)(void *ctx, const char *phase, size_t done, size_t total);
    void *progress_ctx;
};

struct pvi_bulk;

/* Starts a load: checks that actor may (pvi_perm_check with the purpose's
 * action, else PVI_FORBIDDEN, before any connection), opens a connection
 * of its own with conninfo (libpq syntax; NULL: libpq's defaults), BEGINs
 * (statement_timeout 0, lock_timeout 60 s), waits for any other load to end
 * and creates the temporary tables. actor (and its strings) must outlive the
 * handle; it signs the audit event and the revisions that have no author of
 * their own. opts may be NULL (PVI_BULK_SEED, no jobs, no progress); it is
 * copied. *out gets the handle, to release with pvi_bulk_close (NULL on
 * failure: nothing to release). PVI_BAD_REQUEST for an unknown purpose. */
enum pvi_code pvi_bulk_open(struct pvi_bulk **out, const char *conninfo,
                            const struct pvi_actor *actor, const struct pvi_bulk_opts *opts);

/* What already exists, read under the load's lock: *max_customer_out gets
 * the largest customer number's digits as a number (PJ00001234 → 1234; 0
 * for none), and each existing slug and host name (domains of every site)
 * is handed to slug_fn / host_fn (either may be NULL; the string is only
 * valid during the call), in no particular order. Before the first site. */
enum pvi_code pvi_bulk_taken(long long *max_customer_out, struct pvi_bulk *b,
                             void (*slug_fn)(void *ctx, const char *slug),
                             void (*host_fn)(void *ctx, const char *host), void *ctx);

/* *exists_out gets 1 when a client has this customer number, else 0.
 * Before the first site. */
enum pvi_code pvi_bulk_client_exists(int *exists_out, struct pvi_bulk *b,
                                     const char *customer_number);

/* A phone operator known to the directory. */
struct pvi_bulk_operator {
    const char *uid;          /* "op.martin" */
    const char *dn;           /* "uid=op.martin,ou=people,dc=pvi,dc=test" */
    const char *display_name; /* "Claire Martin" */
    const char *email;        /* may be NULL */
};

/* Creates the operator unless one has this uid (then nothing changes), so
 * that sites can be assigned to it and revisions attributed to it. Before
 * the first site. PVI_BAD_REQUEST (nothing done, the load goes on) when
 * uid, dn or display_name is missing. */
enum pvi_code pvi_bulk_operator_ensure(struct pvi_bulk *b, const struct pvi_bulk_operator *op);

/* A client account. Strings are copied; every one but password_hash is
 * required. */
struct pvi_bulk_client {
    const char *customer_number; /* "PJ12345678" */
    const char *company_name;
    const char *siret;         /* 14 digits */
    const char *email;         /* normalised */
    const char *phone;         /* E.164 */
    const char *password_hash; /* from pvi_password_hash() (one may serve many rows), or NULL */
    int64_t created_at_us;     /* creation (and last change) time, µs since the epoch */
};

/* Adds a client (created by pvi_bulk_insert, before the sites). Clients
 * get their ids in the order they are added. PVI_BAD_REQUEST (row ignored,
 * the load goes on) when a required member is missing. */
enum pvi_code pvi_bulk_client_add(struct pvi_bulk *b, const struct pvi_bulk_client *row);

/* A site and its single revision. Strings and content are copied. */
struct pvi_bulk_site {
    const char *customer_number; /* the owner: a client added to this load or already there */
    const char *slug;
    enum pvi_site_state state;
    const char *state_reason; /* or NULL */
    const char *operator_uid; /* the assigned operator (known, or ensured above), or NULL */
    int published;            /* the revision is the published one too (online, suspended: 1) */
    const json_t *content;    /* the revision: a validated, normalised content document */
    /* The revision's author: an operator (by uid, role "operator"), or NULL
     * for the load's actor; the channel and note of the revision. */
    const char *author_operator_uid;
    enum pvi_channel channel;
    const char *note;      /* NULL: "" */
    int64_t created_at_us; /* the site's creation */
    int64_t updated_at_us; /* its last change: the revision's time, and its domains' */
};

/* Adds a site: its revision is sent to the server at once (COPY), the rest
 * is kept for pvi_bulk_insert. PVI_BAD_REQUEST (row ignored, the load goes
 * on) when customer_number, slug or content is missing, the state is out
 * of range, or an online or suspended site is not published. */
enum pvi_code pvi_bulk_site_add(struct pvi_bulk *b, const struct pvi_bulk_site *row);

/* What a load wrote. */
struct pvi_bulk_report {
    size_t clients;
    size_t sites; /* and as many revisions */
    size_t by_state[PVI_STATE_CLOSED + 1];
    size_t domains;
    size_t jobs;
    char first_customer[11]; /* customer numbers of the first and last client added, or "" */
    char last_customer[11];
};

/* Ends the stream and writes everything into the real tables: clients,
 * sites and revisions (in one statement: they reference each other),
 * domains, publication jobs (when opts->queue_jobs). *out (may be NULL)
 * gets the counts. Once per load, after the last row. */
enum pvi_code pvi_bulk_insert(struct pvi_bulk_report *out, struct pvi_bulk *b);

/* Writes the load's one audit event — by the actor, action and object of
 * the purpose, "after" holding the counts (sites, clients, states by name,
 * domains, jobs, first_customer, last_customer, no_jobs) and the members
 * of extra (an object, may be NULL; not stolen; the counts win over a
 * member of the same name) — then COMMITs. After pvi_bulk_insert. On
 * PVI_OK everything is visible to other connections. */
enum pvi_code pvi_bulk_commit(struct pvi_bulk *b, const json_t *extra);

/* Closes the connection, rolling back whatever was not committed, and
 * frees the handle. NULL is a no-op. */
void pvi_bulk_close(struct pvi_bulk *b);

#endif
