/* revision.c — a site's revisions: the list, one, the diff of two,
 * and the provenance of each field. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

static struct pvi_stmt rev_list = PVI_STMT(
    "SELECT coalesce(json_agg(json_build_object('number', r.number, 'author', r.author_label,"
    " 'role', r.author_kind, 'channel', r.channel, 'note', r.note, 'created_at', " PVI_SQL_ISO(
        "r.created_at") ", 'published', r.id = s.published_revision_id, 'draft', r.id = "
                        "s.draft_revision_id)"
                        " ORDER BY r.number DESC), '[]')"
                        " FROM site_revisions r JOIN sites s ON s.id = r.site_id WHERE r.site_id = "
                        "$1");
static struct pvi_stmt rev_one = PVI_STMT(
    "SELECT json_build_object('number', number, 'content', content, 'provenance', provenance,"
    " 'author', author_label, 'role', author_kind, 'channel', channel, 'note', note,"
    " 'created_at', " PVI_SQL_ISO(
        "created_at") ")"
                      " FROM site_revisions WHERE site_id = $1 AND number = $2");

enum pvi_code
pvi_revision_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long site_id)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id, .st = &rev_list};
    return pvi_db_run_json(db, pvi_site__select_tx, &c, &c.out, out);
}

static enum pvi_code
rev_get(struct pvi_tx *tx, long long site_id, int number, json_t **out)
{
    char sid[24], num[24];
    pvi_int_text(sid, site_id);
    pvi_int_text(num, number);
    const char *p[2] = {sid, num};
    return pvi_tx_select_json(tx, &rev_one, 2, p, out);
}

static enum pvi_code
rev_get_tx(struct pvi_tx *tx, void *arg)
{
    struct pvi_site__read *c = arg;
    enum pvi_code rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc != PVI_OK)
        return rc;
    return rev_get(tx, c->site_id, c->a, &c->out);
}

enum pvi_code
pvi_revision_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                 int number)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id, .a = number};
    return pvi_db_run_json(db, rev_get_tx, &c, &c.out, out);
}

static enum pvi_code
rev_diff_tx(struct pvi_tx *tx, void *arg)
{
    struct pvi_site__read *c = arg;
    json_t *ra = NULL, *rb = NULL;
    enum pvi_code rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc == PVI_OK)
        rc = rev_get(tx, c->site_id, c->a, &ra);
    if (rc == PVI_OK)
        rc = rev_get(tx, c->site_id, c->b, &rb);
    if (rc == PVI_OK) {
        const json_t *ca = json_object_get(ra, "content"), *cb = json_object_get(rb, "content");
        json_t *fields = pvi_site__changed_fields(ca, cb);
        c->out = json_array();
        size_t i;
        json_t *f;
        json_array_foreach(fields, i, f)
        {
            const char *k = json_string_value(f);
            json_t *va = json_object_get(ca, k), *vb = json_object_get(cb, k);
            json_array_append_new(c->out,
                                  json_pack("{s:s, s:O, s:O}", "field", k, "before",
                                            va ? va : json_null(), "after", vb ? vb : json_null()));
        }
        json_decref(fields);
    }
    json_decref(ra);
    json_decref(rb);
    return rc;
}

enum pvi_code
pvi_revision_diff(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                  int a, int b)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id, .a = a, .b = b};
    return pvi_db_run_json(db, rev_diff_tx, &c, &c.out, out);
}

static enum pvi_code
provenance_tx(struct pvi_tx *tx, void *arg)
{
    struct pvi_site__read *c = arg;
    struct site_row row;
    enum pvi_code rc = pvi_site__authorize(tx, c->actor, c->site_id, PVI_ACT_READ, &row);
    if (rc == PVI_OK) {
        const json_t *p;
        if (row.s.state == PVI_STATE_ONLINE || row.s.state == PVI_STATE_SUSPENDED)
            p = row.s.pending ? row.pending_provenance : row.published_provenance;
        else
            p = row.draft_provenance;
        c->out = p ? json_deep_copy(p) : json_object();
    }
    pvi_site__row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_provenance(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                    long long site_id)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id};
    return pvi_db_run_json(db, provenance_tx, &c, &c.out, out);
}
