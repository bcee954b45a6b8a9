/* site_ops.h — libpvi-internal building blocks of the site operations, used
 * inside a transaction (site_ops.c; used by site.c, site_edit.c,
 * site_workflow.c and the readers). */
#ifndef PVI_DB_SITE_OPS_H
#define PVI_DB_SITE_OPS_H

#include "pg.h"
#include "site_row.h"

#include "pvi/pvi_text.h"

#include <jansson.h>

/* Names of the top-level fields whose values differ between a and b (new array). */
json_t *pvi_site__changed_fields(const json_t *a, const json_t *b);
/* Copy of base with `fields` taken from src (absent in src: removed). */
json_t *pvi_site__overlay_fields(const json_t *base, const json_t *src, const json_t *fields);
/* Provenance of `next`: fields changed (or confirmed) are attributed to the
 * actor at this revision; the others keep base_prov's entry. New object. */
json_t *pvi_site__provenance(const json_t *base_prov, const json_t *base, const json_t *next,
                             const struct pvi_actor *actor, enum pvi_channel channel, int number,
                             const char *at, const char *const *confirmed);

/* Whether actor is who made a revision or a request (its author's kind and
 * id); never for the system. */
int pvi_site__same_author(const struct pvi_actor *a, const char *kind, long long id);
/* Inserts the next revision of site_id. */
enum pvi_code pvi_site__revision_insert(struct pvi_tx *tx, long long site_id, const json_t *content,
                                        const json_t *base_prov, const json_t *base_content,
                                        long long base_id, const struct pvi_actor *actor,
                                        enum pvi_channel channel, const char *note,
                                        const char *const *confirmed, long long *id_out,
                                        int *number_out);
/* Queues a publication job ("publish", "suspend", "unpublish") in the outbox. */
enum pvi_code pvi_site__publication_enqueue(struct pvi_tx *tx, long long site_id,
                                            long long revision_id, const char *kind);
/* Domains taken by another site (PVI_DOMAIN_TAKEN, errs "domains.i") and an
 * unknown charter (PVI_VALIDATION, errs "charter"). */
enum pvi_code pvi_site__check_references(struct pvi_tx *tx, long long site_id,
                                         const json_t *content, struct pvi_errors *e);
/* Makes the domains table hold exactly content's domains for the site
 * (content NULL: none). PVI_DOMAIN_TAKEN on a clash. */
enum pvi_code pvi_site__domains_sync(struct pvi_tx *tx, long long site_id, const json_t *content);
/* The row's business name / charter follow content's. */
void pvi_site__set_business_name(struct site_row *row, const json_t *content);
void pvi_site__set_charter(struct site_row *row, const json_t *content);
/* Business name and charter of the row follow the published content. */
void pvi_site__apply_published(struct site_row *row, const json_t *content);
/* Records a change request: revision_id proposes the sensitive fields
 * (array of names), asked by actor. *id_out gets its id. */
enum pvi_code pvi_site__change_request_insert(struct pvi_tx *tx, long long site_id,
                                              long long revision_id, const json_t *fields,
                                              const struct pvi_actor *actor, long long *id_out);
/* Marks the site's pending change requests superseded. */
enum pvi_code pvi_site__change_requests_supersede(struct pvi_tx *tx, long long site_id);

/* The rules of a decision's reason (docs/rules.md): given (not blank) when
 * required, at most 1000 characters. PVI_OK, else PVI_REASON_REQUIRED or
 * PVI_VALIDATION with the error on "reason" in e. */
enum pvi_code pvi_site__reason_check(struct pvi_errors *e, const char *reason, int required);
/* May actor make transition t on the site of row now? The checks that
 * depend on the site alone (pvi_transition_check: state, role, ownership;
 * and self-approval: APPROVE by the draft's author gives PVI_SELF_APPROVAL):
 * PVI_OK, or the refusal with its reason in *why_out (a catalog message;
 * PVI_MSG_NONE for a role refused outright). Inputs (reason, operator,
 * completeness, version) are the transition's own to check
 * (site_workflow.c). */
enum pvi_code pvi_site__may_transition(enum pvi_msg *why_out, const struct pvi_actor *actor,
                                       const struct site_row *row, enum pvi_transition t);

/* ---- reading ---- */

/* Loads the site and checks that the actor may do `action` on it (reading
 * it first). The row is the caller's to clear (pvi_site__row_clear). */
enum pvi_code pvi_site__authorize(struct pvi_tx *tx, const struct pvi_actor *actor,
                                  long long site_id, enum pvi_action action, struct site_row *row);
/* The same when the row itself is not needed. */
enum pvi_code pvi_site__authorize_only(struct pvi_tx *tx, const struct pvi_actor *actor,
                                       long long site_id, enum pvi_action action);

/* A JSON query about one site that its actor may read. */
struct pvi_site__read {
    const struct pvi_actor *actor;
    long long site_id;
    int a, b;
    struct pvi_stmt *st; /* pvi_site__select_tx: a query on $1 = site id */
    json_t *out;
};
/* A pvi_tx_fn over a struct pvi_site__read: authorises the read, runs st
 * and puts the JSON it returns in out. */
enum pvi_code pvi_site__select_tx(struct pvi_tx *tx, void *arg);

#endif
