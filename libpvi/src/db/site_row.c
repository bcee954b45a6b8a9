/* site_row.c — loading a site with its contents, storing it under the
 * optimistic lock (UPDATE … WHERE version = base). */
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_mem.h"

#include <stdlib.h>
#include <string.h>

#define SITE_SELECT                                                                                \
    "SELECT s.id, s.client_id, c.customer_number, c.company_name, s.slug, ch.name AS charter,"     \
    " s.state, s.state_reason, coalesce(s.operator_id, 0) AS operator_id,"                         \
    " o.display_name AS operator_name, s.business_name, s.version,"                                \
    " coalesce(s.draft_revision_id, 0) AS draft_revision_id,"                                      \
    " coalesce(s.published_revision_id, 0) AS published_revision_id,"                              \
    " dr.number AS draft_number, dr.content AS draft, dr.provenance AS draft_provenance,"          \
    " dr.author_kind AS draft_author_kind, dr.author_id AS draft_author_id,"                       \
    " pr.number AS published_number, pr.content AS published,"                                     \
    " pr.provenance AS published_provenance,"                                                      \
    " cr.id AS pending_id, cr.requested_kind, cr.requested_id, crr.id AS pending_revision_id,"     \
    " crr.content AS pending, crr.provenance AS pending_provenance,"                               \
    " to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated_at"    \
    " FROM sites s JOIN clients c ON c.id = s.client_id"                                           \
    " LEFT JOIN charters ch ON ch.id = s.charter_id"                                               \
    " LEFT JOIN operators o ON o.id = s.operator_id"                                               \
    " LEFT JOIN site_revisions dr ON dr.id = s.draft_revision_id"                                  \
    " LEFT JOIN site_revisions pr ON pr.id = s.published_revision_id"                              \
    " LEFT JOIN change_requests cr ON cr.site_id = s.id AND cr.state = 'pending'"                  \
    " LEFT JOIN site_revisions crr ON crr.id = cr.revision_id"

static struct pvi_stmt load_stmt = PVI_STMT(SITE_SELECT " WHERE s.id = $1");
static struct pvi_stmt load_lock_stmt = PVI_STMT(SITE_SELECT " WHERE s.id = $1 FOR UPDATE OF s");
static struct pvi_stmt load_slug_stmt = PVI_STMT(SITE_SELECT " WHERE s.slug = $1");

static json_t *
get_json(const PGresult *r, const char *col)
{
    const char *v = pvi_pg_get(r, 0, col);
    return v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
}

static enum pvi_code
fill(struct site_row *row, PGresult *r)
{
    memset(row, 0, sizeof *row);
    if (PQntuples(r) == 0)
        return PVI_NOT_FOUND;
    struct pvi_site *s = &row->s;
    s->id = pvi_pg_get_ll(r, 0, "id", 0);
    s->client_id = pvi_pg_get_ll(r, 0, "client_id", 0);
    s->customer_number = pvi_strdup(pvi_pg_get(r, 0, "customer_number"));
    s->company_name = pvi_strdup(pvi_pg_get(r, 0, "company_name"));
    s->slug = pvi_strdup(pvi_pg_get(r, 0, "slug"));
    s->charter = pvi_strdup(pvi_pg_get(r, 0, "charter"));
    if (pvi_state_parse(&s->state, pvi_pg_get(r, 0, "state")) != 0)
        s->state = PVI_STATE_CLOSED;
    s->state_reason = pvi_strdup(pvi_pg_get(r, 0, "state_reason"));
    s->operator_id = pvi_pg_get_ll(r, 0, "operator_id", 0);
    s->operator_name = pvi_strdup(pvi_pg_get(r, 0, "operator_name"));
    s->business_name = pvi_strdup(pvi_pg_get(r, 0, "business_name"));
    s->version = (int)pvi_pg_get_ll(r, 0, "version", 0);
    s->draft_number = (int)pvi_pg_get_ll(r, 0, "draft_number", 0);
    s->published_number = (int)pvi_pg_get_ll(r, 0, "published_number", 0);
    s->draft = get_json(r, "draft");
    if (s->draft == NULL)
        s->draft = json_object();
    s->published = get_json(r, "published");
    s->pending_request_id = pvi_pg_get_ll(r, 0, "pending_id", 0);
    s->pending = get_json(r, "pending");
    const char *u = pvi_pg_get(r, 0, "updated_at");
    snprintf(s->updated_at, sizeof s->updated_at, "%s", u ? u : "");
    row->draft_revision_id = pvi_pg_get_ll(r, 0, "draft_revision_id", 0);
    row->published_revision_id = pvi_pg_get_ll(r, 0, "published_revision_id", 0);
    row->draft_author_kind = pvi_strdup(pvi_pg_get(r, 0, "draft_author_kind"));
    row->draft_author_id = pvi_pg_get_ll(r, 0, "draft_author_id", 0);
    row->draft_provenance = get_json(r, "draft_provenance");
    row->published_provenance = get_json(r, "published_provenance");
    row->pending_provenance = get_json(r, "pending_provenance");
    row->pending_revision_id = pvi_pg_get_ll(r, 0, "pending_revision_id", 0);
    row->pending_requested_kind = pvi_strdup(pvi_pg_get(r, 0, "requested_kind"));
    row->pending_requested_id = pvi_pg_get_ll(r, 0, "requested_id", 0);
    return PVI_OK;
}

enum pvi_code
pvi_site__row_load(struct pvi_tx *tx, struct site_row *row, long long id, int lock)
{
    char idp[24];
    pvi_int_text(idp, id);
    const char *p[1] = {idp};
    memset(row, 0, sizeof *row);
    PGresult *r = pvi_tx_exec(tx, lock ? &load_lock_stmt : &load_stmt, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    enum pvi_code rc = fill(row, r);
    PQclear(r);
    return rc;
}

enum pvi_code
pvi_site__row_load_by_slug(struct pvi_tx *tx, struct site_row *row, const char *slug)
{
    const char *p[1] = {slug};
    memset(row, 0, sizeof *row);
    PGresult *r = pvi_tx_exec(tx, &load_slug_stmt, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    enum pvi_code rc = fill(row, r);
    PQclear(r);
    return rc;
}

static void
public_clear(struct pvi_site *s)
{
    free(s->customer_number);
    free(s->company_name);
    free(s->slug);
    free(s->charter);
    free(s->state_reason);
    free(s->operator_name);
    free(s->business_name);
    json_decref(s->draft);
    json_decref(s->published);
    json_decref(s->pending);
    memset(s, 0, sizeof *s);
}

void
pvi_site__row_clear(struct site_row *row)
{
    public_clear(&row->s);
    free(row->draft_author_kind);
    free(row->pending_requested_kind);
    json_decref(row->draft_provenance);
    json_decref(row->published_provenance);
    json_decref(row->pending_provenance);
    memset(row, 0, sizeof *row);
}

struct pvi_site *
pvi_site__row_steal(struct site_row *row)
{
    struct pvi_site *s = pvi_malloc(sizeof *s);
    *s = row->s;
    memset(&row->s, 0, sizeof row->s);
    pvi_site__row_clear(row);
    return s;
}

void
pvi_site_free(struct pvi_site *site)
{
    if (site == NULL)
        return;
    public_clear(site);
    free(site);
}

const json_t *
pvi_site_working_content(const struct pvi_site *s)
{
    const json_t *c;
    if (s->state == PVI_STATE_ONLINE || s->state == PVI_STATE_SUSPENDED)
        c = s->pending ? s->pending : s->published;
    else
        c = s->draft;
    return c ? c : s->draft; /* s->draft is never NULL (see fill) */
}

struct pvi_site_facts
pvi_site__row_facts(const struct site_row *row)
{
    return (struct pvi_site_facts){
        .client_id = row->s.client_id,
        .operator_id = row->s.operator_id,
        .state = row->s.state,
    };
}

static struct pvi_stmt store_stmt = PVI_STMT(
    "UPDATE sites s SET state = $3, state_reason = $4, operator_id = nullif($5::bigint, 0),"
    " draft_revision_id = nullif($6::bigint, 0), published_revision_id = nullif($7::bigint, 0),"
    " business_name = $8, charter_id = (SELECT id FROM charters WHERE name = $9),"
    " version = version + 1, updated_at = $10, " PVI_SITE_SEARCH_SET(
        "coalesce(nullif($7::bigint, 0), nullif($6::bigint, 0))",
        "$8") " WHERE id = $1 AND version = $2 RETURNING version");

enum pvi_code
pvi_site__row_store(struct pvi_tx *tx, struct site_row *row, int base_version)
{
    char id[24], ver[24], op[24], dr[24], pr[24], at[40];
    pvi_int_text(id, row->s.id);
    snprintf(ver, sizeof ver, "%d", base_version);
    pvi_int_text(op, row->s.operator_id);
    pvi_int_text(dr, row->draft_revision_id);
    pvi_int_text(pr, row->published_revision_id);
    pvi_time_format(at, pvi_now_us());
    const char *p[10] = {id,
                         ver,
                         pvi_state_name(row->s.state),
                         row->s.state_reason,
                         op,
                         dr,
                         pr,
                         row->s.business_name ? row->s.business_name : "",
                         row->s.charter,
                         at};
    PGresult *r = pvi_tx_exec(tx, &store_stmt, 10, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    enum pvi_code rc = PVI_CONFLICT;
    if (PQntuples(r) == 1) {
        row->s.version = (int)pvi_pg_get_ll(r, 0, "version", 0);
        rc = PVI_OK;
    }
    PQclear(r);
    return rc;
}
