/* charter.c — the charters the database knows (pvi_charter.h): name,
 * label, description, whether sites may choose them. */
#include "pg.h"

#include "pvi/pvi_charter.h"
#include "pvi/pvi_workflow.h"

static struct pvi_stmt charter_list =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('name', name, 'label', label,"
             " 'description', description, 'active', active) ORDER BY label, name), '[]')"
             " FROM charters");

struct charter_ctx {
    json_t *out;
};

static enum pvi_code
charter_list_tx(struct pvi_tx *tx, void *arg)
{
    struct charter_ctx *c = arg;
    return pvi_tx_select_json(tx, &charter_list, 0, NULL, &c->out);
}

enum pvi_code
pvi_charter_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_ADMINISTER, NULL);
    if (rc != PVI_OK)
        return rc;
    struct charter_ctx c = {0};
    return pvi_db_run_json(db, charter_list_tx, &c, &c.out, out);
}
