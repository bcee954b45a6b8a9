/* site_list.c — lists of sites (filters, keyset paging) and the count of
 * sites per state. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

static struct pvi_stmt site_list =
    PVI_STMT("SELECT coalesce(json_agg(x ORDER BY x.id DESC), '[]') FROM ("
             " SELECT s.id, s.slug, s.business_name, s.state, s.version, c.customer_number,"
             " o.display_name AS operator, " PVI_SQL_ISO(
                 "s.updated_at") " AS updated_at"
                                 " FROM sites s JOIN clients c ON c.id = s.client_id"
                                 " LEFT JOIN operators o ON o.id = s.operator_id"
                                 " WHERE ($1::text IS NULL OR s.state = $1)"
                                 " AND ($2::bigint = 0 OR s.operator_id = $2)"
                                 " AND ($3::bigint = 0 OR s.client_id = $3)"
                                 " AND ($4::bigint = 0 OR s.id < $4)"
                                 " AND ($5::text IS NULL OR s.business_name ILIKE '%' || $5 || '%' "
                                 "OR s.slug ILIKE '%' || $5"
                                 " || '%' OR c.customer_number = upper($5))"
                                 " ORDER BY s.id DESC LIMIT $6) x");

struct list_ctx {
    const struct pvi_actor *actor;
    const struct pvi_site_filter *f;
    json_t *out;
};

static char *
like_escape(const char *q)
{
    struct pvi_buf b = {0};
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            pvi_buf_append(&b, "\\", 1);
        pvi_buf_append(&b, p, 1);
    }
    return pvi_buf_steal(&b);
}

static enum pvi_code
site_list_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    const struct pvi_site_filter *f = c->f;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_LIST_SITES, NULL);
    if (rc != PVI_OK)
        return rc;
    long long client = f ? f->client_id : 0;
    /* a client lists only their own sites (no client has id -1) */
    if (pvi_perm_visibility(c->actor, PVI_ACT_LIST_SITES) == PVI_SEES_OWN)
        client = c->actor->id > 0 ? c->actor->id : -1;
    char op[24], cl[24], after[24], lim[24];
    pvi_int_text(op, f ? f->operator_id : 0);
    pvi_int_text(cl, client);
    pvi_int_text(after, f ? f->after_id : 0);
    int limit = f && f->limit > 0 ? (f->limit > 200 ? 200 : f->limit) : 50;
    pvi_int_text(lim, limit);
    char *q = f && f->q && *f->q ? like_escape(f->q) : NULL;
    const char *p[6] = {f && f->state >= 0 ? pvi_state_name((enum pvi_site_state)f->state) : NULL,
                        op,
                        cl,
                        after,
                        q,
                        lim};
    rc = pvi_tx_select_json(tx, &site_list, 6, p, &c->out);
    free(q);
    return rc;
}

enum pvi_code
pvi_site_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
              const struct pvi_site_filter *filter)
{
    struct list_ctx c = {.actor = actor, .f = filter};
    return pvi_db_run_json(db, site_list_tx, &c, &c.out, out);
}

static struct pvi_stmt count_by_state = PVI_STMT(
    "SELECT json_object_agg(st, coalesce(n, 0)) FROM unnest(ARRAY['ordered', 'collecting',"
    " 'review', 'online', 'suspended', 'closed']) st"
    " LEFT JOIN (SELECT state, count(*) AS n FROM sites GROUP BY state) c ON c.state = st");

static enum pvi_code
count_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_VIEW_STATS, NULL);
    if (rc != PVI_OK)
        return rc;
    return pvi_tx_select_json(tx, &count_by_state, 0, NULL, &c->out);
}

enum pvi_code
pvi_site_count_by_state(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    struct list_ctx c = {.actor = actor};
    return pvi_db_run_json(db, count_tx, &c, &c.out, out);
}
