/* site.c — creating a site (state "ordered", its first draft) and
 * reading one, by id or slug. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- creating and reading sites ---- */

static struct pvi_stmt site_insert = PVI_STMT(
    "INSERT INTO sites (client_id, slug, business_name, charter_id, created_at, updated_at)"
    " SELECT c.id, $2, $3, (SELECT id FROM charters WHERE name = $4), $5, $5"
    " FROM clients c WHERE c.id = $1 RETURNING id");
static struct pvi_stmt site_set_draft =
    PVI_STMT("UPDATE sites s SET draft_revision_id = $2, " PVI_SITE_SEARCH_SET(
        "$2::bigint", "s.business_name") " WHERE id = $1");

struct create_ctx {
    const struct pvi_actor *actor;
    const struct pvi_site_new *in;
    const json_t *content;
    struct pvi_errors *e;
    long long id;
};

static enum pvi_code
site_create_tx(struct pvi_tx *tx, void *arg)
{
    struct create_ctx *c = arg;
    char cid[24], at[40];
    pvi_int_text(cid, c->in->client_id);
    pvi_time_format(at, pvi_now_us());
    const char *name = json_string_value(json_object_get(c->content, "business_name"));
    const char *p[5] = {cid, c->in->slug, name ? name : "",
                        json_string_value(json_object_get(c->content, "charter")), at};
    enum pvi_code rc = pvi_site__check_references(tx, 0, c->content, c->e);
    if (rc != PVI_OK)
        return rc;
    PGresult *r = pvi_tx_exec(tx, &site_insert, 5, p);
    if (r == NULL) {
        if (strcmp(tx->sqlstate, "23505") == 0) {
            pvi_errors_add(c->e, "slug", PVI_SLUG_TAKEN);
            return PVI_SLUG_TAKEN;
        }
        return pvi_tx_failure(tx);
    }
    if (PQntuples(r) == 0) {
        PQclear(r);
        pvi_errors_add_msg(c->e, "client_id", PVI_NOT_FOUND, PVI_MSG_SITE_CLIENT_UNKNOWN, NULL);
        return PVI_NOT_FOUND;
    }
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    long long rev_id;
    int number;
    rc = pvi_site__revision_insert(tx, c->id, c->content, NULL, NULL, 0, c->actor,
                                   pvi_role_channel(c->actor->role), c->in->note, NULL, &rev_id,
                                   &number);
    if (rc != PVI_OK)
        return rc;
    char sid[24], rid[24];
    pvi_int_text(sid, c->id);
    pvi_int_text(rid, rev_id);
    const char *p2[2] = {sid, rid};
    if ((r = pvi_tx_exec(tx, &site_set_draft, 2, p2)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    json_t *after = json_pack("{s:s, s:I, s:s}", "slug", c->in->slug, "client_id",
                              (json_int_t)c->in->client_id, "state", "ordered");
    rc = pvi_audit_append(tx, c->actor, "site.create", "site", c->id, c->id, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_site_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                const struct pvi_site_new *in, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    json_t *content = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_CREATE_SITE, NULL);
    if (rc != PVI_OK)
        goto cleanup;
    size_t before = e->n;
    if (pvi_slug_check(in->slug) != PVI_OK)
        pvi_errors_add(e, "slug", PVI_BAD_SLUG);
    json_t *empty = json_object();
    if (pvi_content_validate(&content, in->content ? in->content : empty, e) != PVI_OK)
        rc = PVI_VALIDATION;
    json_decref(empty);
    if (e->n > before) {
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    struct create_ctx c = {.actor = actor, .in = in, .content = content, .e = e};
    rc = pvi_db_run_tx(db, site_create_tx, &c);
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
cleanup:
    json_decref(content);
    pvi_errors_clear(&local);
    return rc;
}

struct get_ctx {
    const struct pvi_actor *actor;
    long long id;
    const char *slug;
    struct pvi_site *out;
};

static enum pvi_code
site_get_tx(struct pvi_tx *tx, void *arg)
{
    struct get_ctx *g = arg;
    struct site_row row;
    enum pvi_code rc = g->slug ? pvi_site__row_load_by_slug(tx, &row, g->slug)
                               : pvi_site__row_load(tx, &row, g->id, 0);
    if (rc == PVI_OK) {
        struct pvi_site_facts f = pvi_site__row_facts(&row);
        rc = pvi_perm_check(g->actor, PVI_ACT_READ, &f);
    }
    if (rc == PVI_OK)
        g->out = pvi_site__row_steal(&row);
    pvi_site__row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_get(struct pvi_site **out, struct pvi_db *db, const struct pvi_actor *actor, long long id)
{
    struct get_ctx g = {.actor = actor, .id = id};
    *out = NULL;
    enum pvi_code rc = pvi_db_run_tx(db, site_get_tx, &g);
    if (rc == PVI_OK)
        *out = g.out;
    return rc;
}

enum pvi_code
pvi_site_get_by_slug(struct pvi_site **out, struct pvi_db *db, const struct pvi_actor *actor,
                     const char *slug)
{
    struct get_ctx g = {.actor = actor, .slug = slug ? slug : ""};
    *out = NULL;
    enum pvi_code rc = pvi_db_run_tx(db, site_get_tx, &g);
    if (rc == PVI_OK)
        *out = g.out;
    return rc;
}
