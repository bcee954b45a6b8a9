/* pvi_batch.h — batch actions: one action over every site of a selection
 * (the back office's filtered site list), run on the server whatever the
 * browser does.
 *
 * pvi_batch_create() records the selection (the sites matching a filter, at
 * that moment) and the action; the worker (pvi-publisher, woken by NOTIFY
 * pvi_batch) calls pvi_batch_run() to apply it one site at a time, each
 * through the same libpvi operation as the single action — pvi_site_transition
 * (SUSPEND, ASSIGN) or pvi_publish_enqueue_site — as the actor who started
 * the batch, so each site is authorised and audited exactly as if that admin
 * had acted on it alone. A refusal (a site in the wrong state, a version
 * that moved twice) is recorded with libpvi's code and field errors and the
 * batch goes on. An item the worker was applying when it stopped is marked
 * "interrupted" (its outcome unknown: never applied twice). If the admin's
 * account is disabled meanwhile, the remaining sites are refused. */
#ifndef PVI_BATCH_H
#define PVI_BATCH_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_site.h"

#include <jansson.h>

enum pvi_batch_kind {
    PVI_BATCH_REPUBLISH, /* a publication job for the site's published revision */
    PVI_BATCH_SUSPEND,   /* online → suspended, with the batch's reason */
    PVI_BATCH_ASSIGN,    /* (re)assign to the batch's operator */
};

/* The most sites one batch may hold. */
#define PVI_BATCH_MAX_SITES 10000

const char *pvi_batch_kind_name(enum pvi_batch_kind k); /* "republish", … */
/* -1 for an unknown name. */
int pvi_batch_kind_parse(enum pvi_batch_kind *out, const char *name);

struct pvi_batch_new {
    enum pvi_batch_kind kind;
    const char *reason;                  /* SUSPEND: mandatory */
    long long operator_id;               /* ASSIGN: an active operator */
    const struct pvi_site_filter *sites; /* the selection; its cursor and limit are ignored */
    const char *query;                   /* the list's query string, for the report (may be NULL) */
};

/* How many sites the filter selects now, up to PVI_BATCH_MAX_SITES + 1
 * (the confirmation page: more than the maximum is refused by create).
 * Permission: PVI_ACT_BATCH. */
enum pvi_code pvi_batch_count(long long *count_out, struct pvi_db *db,
                              const struct pvi_actor *actor, const struct pvi_site_filter *sites);

/* Records a batch: the sites the filter selects now, in the list's order.
 * Permission: PVI_ACT_BATCH (each site is then checked by its own action
 * when it is applied). Errors: PVI_FORBIDDEN; PVI_REASON_REQUIRED (errs
 * "reason"); PVI_VALIDATION (errs "reason" too long, "operator_id" not an
 * active operator, "sites" none selected or more than PVI_BATCH_MAX_SITES).
 * One audit event "batch.create" with the count. *id_out gets its id. */
enum pvi_code pvi_batch_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                               const struct pvi_batch_new *in, struct pvi_errors *errs);

/* Applies up to max pending items (of any batch, oldest first), each in its
 * own transaction, and closes the batches that have none left. *done_out
 * (may be NULL) gets the number applied (done or refused). Items left
 * "running" for more than 10 minutes by a worker that stopped become
 * "interrupted". Run by the system (the worker). PVI_UNAVAILABLE when the
 * database went away (the item in hand goes back to pending). */
enum pvi_code pvi_batch_run(int *done_out, struct pvi_db *db, int max);

/* One batch with its progress and report:
 * {"id","kind","state":"running"|"done","reason","operator","actor","query",
 *  "created_at","finished_at","total","pending","done","refused","interrupted",
 *  "items":[{"site_id","slug","business_name","state","code",
 *            "errors":[{"path","code","key","args":{…}}]}]}
 * where items lists the sites that are not done (refused, interrupted), in
 * order, at most 500. Permission: PVI_ACT_BATCH; PVI_NOT_FOUND. */
enum pvi_code pvi_batch_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                            long long id);

/* One stored error of a batch's report ({"path","code","key","args"}) as a
 * sentence in lang: the catalog message of key with its arguments (the
 * code's own message for an unknown key). A new string; free() it. */
char *pvi_batch_error_text(const json_t *error, enum pvi_lang lang);

/* The latest batches, newest first (at most 50):
 * [{"id","kind","state","actor","created_at","total","done","refused"}].
 * Permission: PVI_ACT_BATCH. */
enum pvi_code pvi_batch_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

#endif
