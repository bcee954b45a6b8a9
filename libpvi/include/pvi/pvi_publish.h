/* pvi_publish.h — publishing: the outbox of publication jobs applied to the
 * content store and the Redis routing table, full re-publication and
 * reconciliation.
 *
 * A job (written in the same transaction as the decision that caused it) is
 * taken with FOR UPDATE SKIP LOCKED, so several publishers may run; its
 * revision is exported (pvi_export.h), written to the store, made durable,
 * and only then routed in Redis with the job id as generation (pvi_route.h:
 * an older job applied late never wins). A job that fails (Redis or the disk
 * unavailable) stays pending with an exponential back-off: nothing is lost. */
#ifndef PVI_PUBLISH_H
#define PVI_PUBLISH_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_redis.h"
#include "pvi/pvi_store.h"

struct pvi_publisher {
    struct pvi_db *db;
    struct pvi_store *store;
    struct pvi_redis *redis;
    const char *platform_domain; /* every site answers on <slug>.<platform_domain> */
};

/* Applies up to max due jobs in one transaction. *done_out and *retry_out
 * (may be NULL) count the jobs applied and those rescheduled. PVI_OK, or
 * PVI_UNAVAILABLE when the database is unreachable. */
enum pvi_code pvi_publish_run(int *done_out, int *retry_out, const struct pvi_publisher *p,
                              int max);

/* Seconds until the next pending job is due (0: one is due now; -1: none). */
enum pvi_code pvi_publish_next_due(double *seconds_out, struct pvi_db *db);

/* Queues a publication job for every online or suspended site (its published
 * revision), in one transaction with one audit event. *first_out and
 * *last_out receive the range of the new job ids, *count_out their number. */
enum pvi_code pvi_publish_enqueue_all(long long *first_out, long long *last_out,
                                      long long *count_out, struct pvi_db *db,
                                      const struct pvi_actor *actor);
/* Queues a publication job for one online or suspended site (its published
 * revision; "suspend" for a suspended site), with one audit event
 * "site.republish". Permission: reading the site, then PVI_ACT_PUBLISH_ALL.
 * PVI_NOT_FOUND; PVI_FORBIDDEN; PVI_BAD_TRANSITION for a site that is not
 * published (the reason in errs, path ""; errs may be NULL). */
enum pvi_code pvi_publish_enqueue_site(struct pvi_db *db, const struct pvi_actor *actor,
                                       long long site_id, struct pvi_errors *errs);
/* How many jobs with ids in [first, last] are still pending. */
enum pvi_code pvi_publish_pending(long long *pending_out, struct pvi_db *db, long long first,
                                  long long last);

struct pvi_reconcile_report {
    long long sites_checked;     /* online and suspended sites in PostgreSQL */
    long long missing_documents; /* published document absent from the store */
    long long wrong_routes;      /* Redis missing or different for a site or one of its hosts */
    long long stray_routes;      /* Redis entries of sites that should have none */
    long long jobs_queued;       /* repairs queued (then applied by pvi_publish_run) */
    long long routes_removed;    /* routes of sites that do not exist, removed at once */
};

/* Compares PostgreSQL with the store and Redis. With repair, queues a
 * publication job for each site found wrong (and an unpublish job for each
 * stray one of an existing site; routes of sites that do not exist at all are
 * removed at once), in one transaction with one audit event; the caller then
 * runs the jobs (pvi_publish_run). Safe while publishers run. */
enum pvi_code pvi_reconcile(struct pvi_reconcile_report *out, const struct pvi_publisher *p,
                            const struct pvi_actor *actor, int repair);

/* A connection that LISTENs for the worker's news: new publication jobs
 * and new batch actions (pvi_batch.h). */
struct pvi_listener;
enum pvi_code pvi_listener_open(struct pvi_listener **out, const char *conninfo);
/* Waits up to timeout_ms for a notification: 1 notified, 0 timed out, -1
 * connection lost (it is re-opened on the next call). */
int pvi_listener_wait(struct pvi_listener *l, int timeout_ms);
void pvi_listener_close(struct pvi_listener *l);

#endif
