/* client_read.c — reading a client account (pvi_client_get). */
#include "pg.h"

#include "pvi/pvi_client.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_workflow.h"

static struct pvi_stmt client_get = PVI_STMT(
    "SELECT json_build_object('id', c.id, 'customer_number', c.customer_number, 'company_name',"
    " c.company_name, 'siret', c.siret, 'email', c.email, 'phone', c.phone, 'active', c.active,"
    " 'locked', c.locked, 'can_log_in', c.password_hash IS NOT NULL, 'site_count',"
    " (SELECT count(*) FROM sites s WHERE s.client_id = c.id), 'created_at', " PVI_SQL_ISO(
        "c.created_at") ") FROM clients c WHERE c.id = $1");

struct client_get_ctx {
    long long id;
    json_t *out;
};

static enum pvi_code
client_get_tx(struct pvi_tx *tx, void *arg)
{
    struct client_get_ctx *c = arg;
    char id[PVI_INT_TEXT_SIZE];
    pvi_int_text(id, c->id);
    const char *p[1] = {id};
    return pvi_tx_select_json(tx, &client_get, 1, p, &c->out);
}

enum pvi_code
pvi_client_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long client_id)
{
    *out = NULL;
    /* decided on the account asked for, before anything is read: a client
     * asking for another one is told it does not exist */
    struct pvi_account_facts acc = {.role = PVI_ROLE_CLIENT, .id = client_id > 0 ? client_id : 0};
    enum pvi_code rc = pvi_perm_check_account(actor, PVI_ACT_LOOKUP, &acc);
    if (rc != PVI_OK)
        return rc;
    struct client_get_ctx c = {.id = client_id};
    return pvi_db_run_json(db, client_get_tx, &c, &c.out, out);
}
