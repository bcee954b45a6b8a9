/* site_row.h — libpvi-internal: loading a site row (with its revisions'
 * contents) inside a transaction, and writing it back under the optimistic
 * lock. Shared by the site, workflow and change-request operations. */
#ifndef PVI_DB_SITE_ROW_H
#define PVI_DB_SITE_ROW_H

#include "pg.h"
#include "pvi/pvi_site.h"

/* What the operations need beyond the public struct pvi_site. */
struct site_row {
    struct pvi_site s;
    long long draft_revision_id;
    long long published_revision_id;
    char *draft_author_kind;
    long long draft_author_id;
    json_t *draft_provenance;
    json_t *published_provenance;
    json_t *pending_provenance;
    long long pending_revision_id;
    char *pending_requested_kind;
    long long pending_requested_id;
};

/* Loads site id (FOR UPDATE when lock). PVI_NOT_FOUND when absent. */
enum pvi_code pvi_site__row_load(struct pvi_tx *tx, struct site_row *row, long long id, int lock);
enum pvi_code pvi_site__row_load_by_slug(struct pvi_tx *tx, struct site_row *row, const char *slug);
void pvi_site__row_clear(struct site_row *row);
/* Hands the public part over to a new struct pvi_site (row is cleared). */
struct pvi_site *pvi_site__row_steal(struct site_row *row);
struct pvi_site_facts pvi_site__row_facts(const struct site_row *row);

/* In an UPDATE of sites aliased s: the list's search columns from the
 * working revision rev and the business name name, SQL expressions
 * (schema/002_site_search.sql). Every statement that changes a site's
 * revisions or name sets them. */
#define PVI_SITE_SEARCH_SET(rev, name)                                                             \
    "(city, name_key, search) = (SELECT v.city, v.name_key, v.search"                              \
    " FROM pvi_site_search_of(" rev ", " name ", s.slug, s.client_id) v)"

/* Writes state, reason, operator, revisions, business name and charter back,
 * and the search columns, incrementing the version, if the version is still base_version
 * (else PVI_CONFLICT). Updates row->s.version. */
enum pvi_code pvi_site__row_store(struct pvi_tx *tx, struct site_row *row, int base_version);

#endif
