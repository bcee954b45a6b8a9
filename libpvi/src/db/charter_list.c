/* charter_list.c — the charters sites can use (pvi_charter_list, pvi_site_list.h). */
#include "pg.h"

#include "pvi/pvi_site_list.h"
#include "pvi/pvi_workflow.h"

static struct pvi_stmt charters =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('name', name, 'label', label,"
             " 'active', active) ORDER BY label, name), '[]') FROM charters");

struct charter_ctx {
    const struct pvi_actor *actor;
    json_t *out;
};

static enum pvi_code
charter_list_tx(struct pvi_tx *tx, void *arg)
{
    struct charter_ctx *c = arg;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_LIST_SITES, NULL);
    if (rc != PVI_OK)
        return rc;
    return pvi_tx_select_json(tx, &charters, 0, NULL, &c->out);
}

enum pvi_code
pvi_charter_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    struct charter_ctx c = {.actor = actor};
    return pvi_db_run_json(db, charter_list_tx, &c, &c.out, out);
}
