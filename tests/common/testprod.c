/* testprod.c — a small production made through libpvi (testprod.h). */
#include "testenv.h"
#include "testprod.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_ldap.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_redis.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "testprod"};

/* Content complete enough to be submitted. */
static json_t *
complete_content(const char *name)
{
    return json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name", name,
                     "activity", "Plombier", "phones", "kind", "fixed", "number", "0299123456",
                     "address", "street", "1 rue de Brest", "postal_code", "35000", "city",
                     "Rennes", "charter", "classique");
}

/* A client and its site, ordered; *client_out its owner. */
static long long
new_site(struct pvi_db *db, const char *slug, const char *name, long long *client_out)
{
    static int n;
    char number[16];
    snprintf(number, sizeof number, "PJ5%07d", ++n);
    struct pvi_client_new cl = {.customer_number = number,
                                .company_name = name,
                                .siret = "73282932000074",
                                .email = "gerant@entreprise.test",
                                .phone = "0299000000"};
    long long client = 0, id = 0;
    assert_int_equal(pvi_client_create(&client, db, &sys, &cl, NULL), PVI_OK);
    json_t *c = complete_content(name);
    struct pvi_site_new sn = {.client_id = client, .slug = slug, .content = c};
    assert_int_equal(pvi_site_create(&id, db, &sys, &sn, NULL), PVI_OK);
    json_decref(c);
    if (client_out)
        *client_out = client;
    return id;
}

static void
step(struct pvi_db *db, const struct pvi_actor *a, long long id, int *v, enum pvi_transition t,
     const struct pvi_transition_args *args)
{
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_site_transition(v, db, a, id, *v, t, args, &e);
    if (rc != PVI_OK)
        print_error("transition %d of site %lld: %s\n", (int)t, id, pvi_code_name(rc));
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&e);
}

void
testprod_make(struct testprod *p, struct pvi_db *db)
{
    *p = (struct testprod){0};
    assert_int_equal(pvi_admin_create(&p->admin_id, db, &sys, "stats.admin@pvi.test",
                                      "Admin des chiffres", "stats-admin-password-2026", NULL),
                     PVI_OK);
    const struct pvi_actor admin = {
        .role = PVI_ROLE_ADMIN, .id = p->admin_id, .label = "stats.admin@pvi.test"};
    /* the operator appears at their first login */
    struct pvi_ldap_config ldap = {
        .uri = testenv_require("PVI_LDAP_URI"),
        .base_dn = testenv_require("PVI_LDAP_BASE_DN"),
        .bind_dn = testenv_require("PVI_LDAP_BIND_DN"),
        .bind_password = testenv_require("PVI_LDAP_BIND_PASSWORD"),
        .group_dn = testenv_require("PVI_LDAP_GROUP_DN"),
        .timeout_ms = 3000,
    };
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_operator(&s, db, &ldap, "op.martin", "demo-op.martin", NULL, NULL),
                     PVI_OK);
    pvi_session_free(s);
    assert_int_equal(pvi_operator_lookup(&p->operator_id, db, &sys, "op.martin"), PVI_OK);
    const struct pvi_actor op = {
        .role = PVI_ROLE_OPERATOR, .id = p->operator_id, .label = "op.martin"};
    const struct pvi_transition_args assign = {.operator_id = p->operator_id};

    p->ordered[0] = new_site(db, "commande-un", "Commande Un", NULL);
    p->ordered[1] = new_site(db, "commande-deux", "Commande Deux", NULL);
    int v = 1;
    p->collecting = new_site(db, "collecte", "Collecte en cours", NULL);
    step(db, &admin, p->collecting, &v, PVI_TR_ASSIGN, &assign);

    v = 1;
    p->review_old = new_site(db, "validation-ancienne", "Validation ancienne", NULL);
    step(db, &admin, p->review_old, &v, PVI_TR_ASSIGN, &assign);
    step(db, &op, p->review_old, &v, PVI_TR_SUBMIT, NULL);
    testenv_clock_advance_s(60);
    v = 1;
    p->review_new = new_site(db, "validation-recente", "Validation récente", NULL);
    step(db, &admin, p->review_new, &v, PVI_TR_ASSIGN, &assign);
    step(db, &op, p->review_new, &v, PVI_TR_SUBMIT, NULL);

    v = 1;
    long long owner = 0;
    p->online = new_site(db, "en-ligne", "Plomberie en ligne", &owner);
    step(db, &admin, p->online, &v, PVI_TR_ASSIGN, &assign);
    step(db, &op, p->online, &v, PVI_TR_SUBMIT, NULL);
    step(db, &admin, p->online, &v, PVI_TR_APPROVE, NULL);
    /* the owner renames the business: a sensitive field, a change request */
    const struct pvi_actor client = {.role = PVI_ROLE_CLIENT, .id = owner, .label = "owner"};
    json_t *c = complete_content("Plomberie renommée");
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &client, p->online, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    assert_true(res.request_id > 0);
    p->request_id = res.request_id;

    v = 1;
    p->closed = new_site(db, "fermee", "Entreprise fermée", NULL);
    const struct pvi_transition_args why = {.reason = "Contrat résilié"};
    step(db, &admin, p->closed, &v, PVI_TR_CLOSE, &why);
}

static int
run_publisher(struct pvi_db *db, int with_store)
{
    char dir[] = "/tmp/pvi-testprod-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct pvi_store *store = NULL;
    assert_int_equal(pvi_store_open(&store, dir), PVI_OK);
    struct pvi_redis *redis = NULL;
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"),
                                    atoi(testenv_require("PVI_REDIS_PORT")), 500),
                     PVI_OK);
    char *rm = pvi_asprintf("rm -rf '%s'", dir);
    if (!with_store) /* the store's folder is gone: every write fails */
        assert_int_equal(system(rm), 0);
    struct pvi_publisher pub = {
        .db = db, .store = store, .redis = redis, .platform_domain = "pvi.test"};
    int total = 0, done = 0, retried = 0;
    if (!with_store) { /* one pass: the failed jobs are not due again yet */
        assert_int_equal(pvi_publish_run(&done, &retried, &pub, 100), PVI_OK);
        assert_int_equal(done, 0);
        total = retried;
    } else {
        do {
            assert_int_equal(pvi_publish_run(&done, &retried, &pub, 100), PVI_OK);
            assert_int_equal(retried, 0);
            total += done;
        } while (done > 0);
    }
    pvi_redis_close(redis);
    pvi_store_close(store);
    assert_int_equal(system(rm), 0);
    free(rm);
    return total;
}

int
testprod_fail_jobs(struct pvi_db *db)
{
    return run_publisher(db, 0);
}

int
testprod_publish(struct pvi_db *db)
{
    testenv_clock_advance_s(600); /* past the longest back-off (5 min) */
    return run_publisher(db, 1);
}
