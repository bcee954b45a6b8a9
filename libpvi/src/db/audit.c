/* audit.c — the append-only audit trail, written in the caller's transaction. */
#include "audit.h"

#include "pvi/pvi_clock.h"

#include <stdio.h>
#include <stdlib.h>

static struct pvi_stmt append_stmt =
    PVI_STMT("INSERT INTO audit_events (at, actor_kind, actor_id, actor_label, action, object_kind,"
             " object_id, site_id, before, after, address)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");

static enum pvi_code
append(struct pvi_tx *tx, const char *kind, const char *actor_id, const char *label,
       const char *address, const char *action, const char *object_kind, const char *object_id,
       const char *site_id, const json_t *before, const json_t *after)
{
    char at[40];
    pvi_time_format(at, pvi_now_us());
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    const char *p[11] = {at,     kind,        actor_id,  label ? label : "",
                         action, object_kind, object_id, site_id,
                         b,      a,           address};
    PGresult *r = pvi_tx_exec(tx, &append_stmt, 11, p);
    free(b);
    free(a);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_audit_append(struct pvi_tx *tx, const struct pvi_actor *actor, const char *action,
                 const char *object_kind, long long object_id, long long site_id,
                 const json_t *before, const json_t *after)
{
    char aid[24], oid[24], sid[24];
    pvi_int_text(aid, actor->id);
    pvi_int_text(oid, object_id);
    pvi_int_text(sid, site_id);
    return append(tx, pvi_role_name(actor->role), actor->id ? aid : NULL, actor->label,
                  actor->address, action, object_kind, object_id ? oid : NULL, site_id ? sid : NULL,
                  before, after);
}

enum pvi_code
pvi_audit_append_anonymous(struct pvi_tx *tx, const char *label, const char *address,
                           const char *action, const char *object_kind, const json_t *detail)
{
    return append(tx, "anonymous", NULL, label, address, action, object_kind, NULL, NULL, NULL,
                  detail);
}
