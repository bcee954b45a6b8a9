/* client.c — creating a client account (customer number, company, SIRET,
 * contact; an optional password). */
#include "audit.h"
#include "auth.h"
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

/* ---- clients ---- */

static struct pvi_stmt client_insert = PVI_STMT(
    "INSERT INTO clients (customer_number, company_name, siret, email, phone, password_hash,"
    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id");

struct client_ctx {
    const struct pvi_actor *actor;
    const char *p[6];
    long long id;
    json_t *after;
};

static enum pvi_code
client_create_tx(struct pvi_tx *tx, void *arg)
{
    struct client_ctx *c = arg;
    char at[40];
    pvi_time_format(at, pvi_now_us());
    const char *p[7] = {c->p[0], c->p[1], c->p[2], c->p[3], c->p[4], c->p[5], at};
    PGresult *r = pvi_tx_exec(tx, &client_insert, 7, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    return pvi_audit_append(tx, c->actor, "client.create", "client", c->id, 0, NULL, c->after);
}

enum pvi_code
pvi_client_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                  const struct pvi_client_new *in, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_ADMINISTER, NULL);
    if (rc != PVI_OK)
        goto cleanup;

    char number[11], siret[15], email[255], phone[16];
    if (pvi_customer_number_normalize(number, in->customer_number) != PVI_OK)
        pvi_errors_add(e, "customer_number", PVI_BAD_CUSTOMER_NUMBER);
    if (pvi_siret_normalize(siret, in->siret) != PVI_OK)
        pvi_errors_add(e, "siret", PVI_BAD_SIRET);
    if (pvi_email_normalize(email, in->email) != PVI_OK)
        pvi_errors_add(e, "email", PVI_BAD_EMAIL);
    enum pvi_code prc = pvi_phone_normalize(phone, in->phone);
    if (prc != PVI_OK)
        pvi_errors_add(e, "phone", prc);
    size_t name_len = in->company_name ? pvi_utf8_length(in->company_name) : 0;
    if (name_len == 0)
        pvi_errors_add(e, "company_name", PVI_REQUIRED);
    else if (name_len > 120)
        pvi_errors_add_msg(e, "company_name", PVI_TOO_LONG, PVI_MSG_TEXT_MAX_CHARS, "max", "120",
                           NULL);
    char *hash = NULL;
    if (in->password_hash) {
        hash = pvi_strdup(in->password_hash);
    } else if (in->password) {
        /* a password chosen by a person: the policy, then the hash */
        size_t n = e->n;
        pvi_auth__password_check(e, "password", in->password);
        if (e->n == n) {
            hash = pvi_malloc(PVI_PASSWORD_HASH_SIZE);
            enum pvi_code hrc = pvi_password_hash(hash, in->password);
            if (hrc != PVI_OK)
                pvi_errors_add(e, "password", hrc);
        }
    }
    if (e->n > before) {
        free(hash);
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    json_t *after =
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "customer_number", number, "company_name",
                  in->company_name, "siret", siret, "email", email, "phone", phone);
    struct client_ctx c = {
        .actor = actor, .p = {number, in->company_name, siret, email, phone, hash}, .after = after};
    rc = pvi_db_run_tx(db, client_create_tx, &c);
    json_decref(after);
    free(hash);
    if (rc == PVI_CONFLICT)
        pvi_errors_add_msg(e, "customer_number", PVI_CONFLICT, PVI_MSG_CLIENT_NUMBER_TAKEN, NULL);
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
cleanup:
    pvi_errors_clear(&local);
    return rc;
}
