/* site_actions.c — pvi_site_actions(): which lifecycle decisions an actor
 * may take on a site now, through the checks pvi_site_transition runs
 * first (pvi_site__may_transition). */
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_site_actions.h"

#include <string.h>

struct actions_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    struct pvi_site_actions *out;
};

static enum pvi_code
actions_tx(struct pvi_tx *tx, void *arg)
{
    struct actions_ctx *c = arg;
    struct site_row row;
    enum pvi_code rc = pvi_site__authorize(tx, c->actor, c->site_id, PVI_ACT_READ, &row);
    if (rc == PVI_OK) {
        c->out->version = row.s.version;
        c->out->state = row.s.state;
        for (int t = 0; t < PVI_TRANSITION_COUNT; t++) {
            struct pvi_site_action *a = &c->out->v[t];
            a->transition = (enum pvi_transition)t;
            a->why = PVI_MSG_NONE;
            a->verdict = pvi_site__may_transition(&a->why, c->actor, &row, a->transition);
        }
    }
    pvi_site__row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_actions(struct pvi_site_actions *out, struct pvi_db *db, const struct pvi_actor *actor,
                 long long site_id)
{
    memset(out, 0, sizeof *out);
    struct actions_ctx c = {.actor = actor, .site_id = site_id, .out = out};
    enum pvi_code rc = pvi_db_run_tx(db, actions_tx, &c);
    if (rc != PVI_OK)
        memset(out, 0, sizeof *out);
    return rc;
}
