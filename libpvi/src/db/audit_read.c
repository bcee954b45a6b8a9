/* audit_read.c — reading the audit trail: the whole log (admins), an
 * operator's own actions, a site's trail. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

static struct pvi_stmt audit_list =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('id', id, 'at', " PVI_SQL_ISO(
        "at") ", 'actor_kind',"
              " actor_kind, 'actor', actor_label, 'action', action, 'object', object_kind, "
              "'object_id',"
              " object_id, 'site_id', site_id, 'before', before, 'after', after, 'address', "
              "address)"
              " ORDER BY id DESC), '[]') FROM (SELECT * FROM audit_events"
              " WHERE ($1::bigint = 0 OR site_id = $1)"
              " AND ($2::text IS NULL OR (actor_kind = $2 AND actor_id = $3::bigint))"
              " AND ($4::bigint = 0 OR id < $4) ORDER BY id DESC LIMIT $5) e");

struct audit_ctx {
    const struct pvi_actor *actor;
    long long site_id, before_id;
    int limit;
    json_t *out;
};

static enum pvi_code
audit_list_tx(struct pvi_tx *tx, void *arg)
{
    struct audit_ctx *c = arg;
    enum pvi_code rc;
    const char *only_kind = NULL;
    if (c->site_id) {
        rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ_AUDIT);
    } else {
        rc = pvi_perm_check(c->actor, PVI_ACT_READ_AUDIT, NULL);
        /* an operator reads the events of their own actions */
        if (rc == PVI_OK && pvi_perm_visibility(c->actor, PVI_ACT_READ_AUDIT) == PVI_SEES_OWN)
            only_kind = pvi_role_name(c->actor->role);
    }
    if (rc != PVI_OK)
        return rc;
    char sid[24], aid[24], bid[24], lim[24];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(aid, c->actor->id);
    pvi_int_text(bid, c->before_id);
    pvi_int_text(lim, c->limit > 0 && c->limit <= 500 ? c->limit : 100);
    const char *p[5] = {sid, only_kind, aid, bid, lim};
    return pvi_tx_select_json(tx, &audit_list, 5, p, &c->out);
}

enum pvi_code
pvi_audit_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
               long long before_id, int limit)
{
    struct audit_ctx c = {
        .actor = actor, .site_id = site_id, .before_id = before_id, .limit = limit};
    return pvi_db_run_json(db, audit_list_tx, &c, &c.out, out);
}
