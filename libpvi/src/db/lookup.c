/* lookup.c — finding clients by customer number, operators by uid, and the
 * list of operators. */
#include "pg.h"

#include "pvi/pvi_site.h"
#include "pvi/pvi_validate.h"

#include <string.h>

static struct pvi_stmt client_by_number =
    PVI_STMT("SELECT id FROM clients WHERE customer_number = $1");
static struct pvi_stmt operator_by_uid =
    PVI_STMT("SELECT id FROM operators WHERE ldap_uid = $1 AND active");
static struct pvi_stmt operator_list =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('id', id, 'uid', ldap_uid, 'name',"
             " display_name) ORDER BY display_name, id), '[]') FROM operators WHERE active");

struct lookup_ctx {
    struct pvi_stmt *st;
    const char *key;
    long long id;
};

static enum pvi_code
lookup_tx(struct pvi_tx *tx, void *arg)
{
    struct lookup_ctx *c = arg;
    const char *p[1] = {c->key};
    PGresult *r = pvi_tx_exec(tx, c->st, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    enum pvi_code rc = PQntuples(r) == 1 ? PVI_OK : PVI_NOT_FOUND;
    if (rc == PVI_OK)
        c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    return rc;
}

enum pvi_code
pvi_client_lookup(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                  const char *customer_number)
{
    *id_out = 0;
    char number[11];
    struct lookup_ctx c = {.st = &client_by_number, .key = number};
    enum pvi_code rc = PVI_NOT_FOUND;
    if (pvi_customer_number_normalize(number, customer_number) == PVI_OK)
        rc = pvi_db_run_tx(db, lookup_tx, &c);
    if (rc != PVI_OK && rc != PVI_NOT_FOUND)
        return rc;
    /* Decided on the account found (a client may find only themself), with
     * the same answer whether it exists or not for those who may not see it. */
    struct pvi_account_facts found = {.role = PVI_ROLE_CLIENT, .id = rc == PVI_OK ? c.id : 0};
    enum pvi_code perm = pvi_perm_check_account(actor, PVI_ACT_LOOKUP, &found);
    if (perm != PVI_OK)
        return perm;
    if (rc == PVI_OK)
        *id_out = c.id;
    return rc;
}

enum pvi_code
pvi_operator_lookup(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                    const char *uid)
{
    *id_out = 0;
    /* who may look operators up does not depend on which one */
    struct pvi_account_facts any = {.role = PVI_ROLE_OPERATOR, .id = 0};
    enum pvi_code rc = pvi_perm_check_account(actor, PVI_ACT_LOOKUP, &any);
    if (rc != PVI_OK)
        return rc;
    struct lookup_ctx c = {.st = &operator_by_uid, .key = uid ? uid : ""};
    rc = pvi_db_run_tx(db, lookup_tx, &c);
    if (rc == PVI_OK)
        *id_out = c.id;
    return rc;
}

struct operator_list_ctx {
    json_t *out;
};

static enum pvi_code
operator_list_tx(struct pvi_tx *tx, void *arg)
{
    struct operator_list_ctx *c = arg;
    return pvi_tx_select_json(tx, &operator_list, 0, NULL, &c->out);
}

enum pvi_code
pvi_operator_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *out = NULL;
    struct pvi_account_facts any = {.role = PVI_ROLE_OPERATOR, .id = 0};
    enum pvi_code rc = pvi_perm_check_account(actor, PVI_ACT_LOOKUP, &any);
    if (rc != PVI_OK)
        return rc;
    struct operator_list_ctx c = {0};
    return pvi_db_run_json(db, operator_list_tx, &c, &c.out, out);
}
