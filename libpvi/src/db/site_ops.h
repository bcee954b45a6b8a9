/* site_ops.h — libpvi-internal building blocks of the site operations, used
 * inside a transaction (site.c, site_workflow.c). */
#ifndef PVI_DB_SITE_OPS_H
#define PVI_DB_SITE_OPS_H

#include "pg.h"
#include "site_row.h"

#include "pvi/pvi_text.h"

#include <jansson.h>

/* Names of the top-level fields whose values differ between a and b (new array). */
json_t *changed_fields(const json_t *a, const json_t *b);
/* Copy of base with `fields` taken from src (absent in src: removed). */
json_t *overlay_fields(const json_t *base, const json_t *src, const json_t *fields);
/* Provenance of `next`: fields changed (or confirmed) are attributed to the
 * actor at this revision; the others keep base_prov's entry. New object. */
json_t *compute_provenance(const json_t *base_prov, const json_t *base, const json_t *next,
                           const struct pvi_actor *actor, enum pvi_channel channel, int number,
                           const char *at, const char *const *confirmed);

/* Inserts the next revision of site_id. */
enum pvi_code revision_insert(struct pvi_tx *tx, long long site_id, const json_t *content,
                              const json_t *base_prov, const json_t *base_content,
                              long long base_id, const struct pvi_actor *actor,
                              enum pvi_channel channel, const char *note,
                              const char *const *confirmed, long long *id_out, int *number_out);
/* Queues a publication job ("publish", "suspend", "unpublish") in the outbox. */
enum pvi_code publication_enqueue(struct pvi_tx *tx, long long site_id, long long revision_id,
                                  const char *kind);
/* Domains taken by another site (PVI_DOMAIN_TAKEN, errs "domains.i") and an
 * unknown charter (PVI_VALIDATION, errs "charter"). */
enum pvi_code check_references(struct pvi_tx *tx, long long site_id, const json_t *content,
                               struct pvi_errors *e);
/* Makes the domains table hold exactly content's domains for the site
 * (content NULL: none). PVI_DOMAIN_TAKEN on a clash. */
enum pvi_code domains_sync(struct pvi_tx *tx, long long site_id, const json_t *content);
/* Business name and charter of the row follow the published content. */
void site_row_apply_published(struct site_row *row, const json_t *content);
/* Marks the site's pending change requests superseded. */
enum pvi_code change_requests_supersede(struct pvi_tx *tx, long long site_id);

#endif
