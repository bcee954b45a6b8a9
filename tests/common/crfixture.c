/* crfixture.c — the data of the change-request tests (crfixture.h). */
#include "testenv.h"
#include "crfixture.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *complete_json =
    "{\"business_name\": \"Plomberie Martin\", \"activity\": \"Plombier\","
    " \"tagline\": \"Dépannage rapide\", \"phones\": [{\"kind\": \"fixed\", \"number\":"
    " \"02 99 12 34 56\"}], \"address\": {\"street\": \"12 rue de Brest\", \"postal_code\":"
    " \"35000\", \"city\": \"Rennes\"}, \"charter\": \"classique\"}";

void
crfix_setup(struct crfix *f, struct pvi_db *db)
{
    memset(f, 0, sizeof *f);
    f->sys = (struct pvi_actor){.role = PVI_ROLE_SYSTEM, .label = "crfixture"};
    f->admin1 = (struct pvi_actor){.role = PVI_ROLE_ADMIN, .label = CRFIX_ADMIN1};
    f->admin2 = (struct pvi_actor){.role = PVI_ROLE_ADMIN, .label = CRFIX_ADMIN2};
    assert_int_equal(pvi_admin_create(&f->admin1.id, db, &f->sys, CRFIX_ADMIN1, "Admin 1",
                                      CRFIX_ADMIN_PASSWORD, NULL),
                     PVI_OK);
    assert_int_equal(pvi_admin_create(&f->admin2.id, db, &f->sys, CRFIX_ADMIN2, "Admin 2",
                                      CRFIX_ADMIN_PASSWORD, NULL),
                     PVI_OK);
    /* operators come from the directory at their first login: as that login does */
    f->op = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .label = "op.petit"};
    f->op.id = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                              " ('op.petit', 'uid=op.petit', 'Léa Petit') RETURNING id");
    struct pvi_client_new c = {.customer_number = CRFIX_CLIENT,
                               .company_name = "Martin SARL",
                               .siret = "73282932000074",
                               .email = "gerant@martin.test",
                               .phone = "06 12 34 56 78",
                               .password = CRFIX_CLIENT_PASSWORD};
    f->client = (struct pvi_actor){.role = PVI_ROLE_CLIENT, .label = CRFIX_CLIENT};
    assert_int_equal(pvi_client_create(&f->client.id, db, &f->sys, &c, NULL), PVI_OK);
}

long long
crfix_online_site(struct crfix *f, struct pvi_db *db, const char *slug, const char *domain)
{
    long long id = 0;
    struct pvi_site_new in = {.client_id = f->client.id, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &f->sys, &in, NULL), PVI_OK);
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = f->op.id};
    assert_int_equal(pvi_site_transition(&v, db, &f->admin1, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = json_loads(complete_json, 0, NULL);
    assert_non_null(c);
    if (domain)
        json_object_set_new(c, "domains", json_pack("[s]", domain));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &f->op, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    v = res.version;
    assert_int_equal(pvi_site_transition(&v, db, &f->op, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &f->admin1, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    return id;
}

long long
crfix_request(struct pvi_db *db, const struct pvi_actor *who, long long site, const char *changes)
{
    static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "crfixture"};
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, site), PVI_OK);
    json_t *c = json_deep_copy(pvi_site_working_content(s));
    json_t *ch = json_loads(changes, 0, NULL);
    assert_non_null(ch);
    json_object_update(c, ch);
    struct pvi_edit_result res;
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_site_edit(&res, db, who, site, s->version, c, NULL, &e);
    if (rc != PVI_OK)
        print_error("crfix_request: %s (%s)\n", pvi_code_name(rc), e.n ? e.v[0].path : "no field");
    assert_int_equal(rc, PVI_OK);
    assert_true(res.request_id > 0);
    pvi_errors_clear(&e);
    json_decref(c);
    json_decref(ch);
    pvi_site_free(s);
    return res.request_id;
}

json_t *
crfix_published(struct crfix *f, struct pvi_db *db, long long site, int *version)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &f->sys, site), PVI_OK);
    json_t *p = json_incref(s->published);
    if (version)
        *version = s->version;
    pvi_site_free(s);
    return p;
}
