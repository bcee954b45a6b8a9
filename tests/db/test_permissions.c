/* test_permissions.c — every public libpvi operation that takes an actor,
 * called as every kind of actor (admin, operator assigned or not, the
 * owning client or another one, integrators with each scope and without,
 * the system) on data that is theirs and on data that is not: the verdict
 * must be what the permission matrix says for the operation's action
 * (pvi_perm_check, pvi_perm_check_account), and a refusal must come before
 * anything is written. An operation that forgets its authorisation check,
 * or checks another action than its own, fails here; so does a public
 * operation with an actor that has no row in the table below.
 *
 * Two tables: the actors, and the operations (the libpvi function, the
 * action it must obey, what it acts on, and a function that runs it). */
#include "testenv.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_auth.h"
#include "pvi/pvi_batch.h"
#include "pvi/pvi_bulk.h"
#include "pvi/pvi_change_request.h"
#include "pvi/pvi_charter.h"
#include "pvi/pvi_client.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_operator_stats.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_publish_status.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_site_actions.h"
#include "pvi/pvi_stats.h"
#include "pvi/pvi_workflow.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLIENT_PW "client-password-1"

static struct pvi_db *db;
static struct pvi_redis *redis;
static struct pvi_store *store;
static struct pvi_publisher pub;
static struct pvi_charters *charters;
static char content_dir[64];
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "fixture"};

/* The data: admins #1 and #2, operators #101 (assigned to the site) and
 * #102, the site's owner and another client, the online site, an API key. */
enum { ADMIN_1 = 1, ADMIN_2 = 2, OP_A = 101, OP_B = 102 };
static long long owner_id, other_id; /* clients */
static long long site_id;            /* online, owned by owner_id, assigned to OP_A */
static long long key_id;
static int serial; /* makes slugs, numbers and e-mails unique */

/* ---- the actors ---- */

static struct {
    const char *name;
    struct pvi_actor actor;
} actors[] = {
    {"admin", {.role = PVI_ROLE_ADMIN, .id = ADMIN_1, .label = "admin1@pvi.test"}},
    {"operator (assigned)", {.role = PVI_ROLE_OPERATOR, .id = OP_A, .label = "perm.op.a"}},
    {"operator (not assigned)", {.role = PVI_ROLE_OPERATOR, .id = OP_B, .label = "perm.op.b"}},
    {"client (owner)", {.role = PVI_ROLE_CLIENT, .label = "PJ20000001"}},
    {"client (another)", {.role = PVI_ROLE_CLIENT, .label = "PJ20000002"}},
    {"integrator (all scopes)",
     {.role = PVI_ROLE_INTEGRATOR,
      .id = 901,
      .label = "api all",
      .scopes = PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW}},
    {"integrator (sites:read)",
     {.role = PVI_ROLE_INTEGRATOR, .id = 902, .label = "api read", .scopes = PVI_SCOPE_SITES_READ}},
    {"integrator (sites:write)",
     {.role = PVI_ROLE_INTEGRATOR,
      .id = 903,
      .label = "api write",
      .scopes = PVI_SCOPE_SITES_WRITE}},
    {"integrator (workflow)",
     {.role = PVI_ROLE_INTEGRATOR, .id = 904, .label = "api flow", .scopes = PVI_SCOPE_WORKFLOW}},
    {"integrator (no scope)", {.role = PVI_ROLE_INTEGRATOR, .id = 905, .label = "api none"}},
    {"system", {.role = PVI_ROLE_SYSTEM, .label = "system"}},
};

/* ---- what an operation acts on ---- */

struct target {
    long long site_id;                /* the site, or 0 */
    struct pvi_account_facts account; /* the account (role, id), or {0} */
    long long request_id;             /* a pending change request of the site */
};

enum object { NOTHING, SITE, ACCOUNT };

static struct pvi_site *
site_as_system(long long id)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    return s;
}

static void
on_nothing(struct target *t)
{
    (void)t;
}

/* the online site */
static void
on_the_site(struct target *t)
{
    t->site_id = site_id;
}

/* a new site of the owner, ordered (nobody assigned yet) */
static void
on_a_new_site(struct target *t)
{
    char slug[32];
    snprintf(slug, sizeof slug, "neuf-%d", ++serial);
    struct pvi_site_new in = {.client_id = owner_id, .slug = slug};
    assert_int_equal(pvi_site_create(&t->site_id, db, &sys, &in, NULL), PVI_OK);
}

/* the online site with a pending change request (the owner renames it) */
static void
on_a_change_request(struct target *t)
{
    struct pvi_site *s = site_as_system(site_id);
    json_t *c = json_deep_copy(pvi_site_working_content(s));
    char name[40];
    snprintf(name, sizeof name, "Plomberie Martin %d", ++serial);
    json_object_set_new(c, "business_name", json_string(name));
    struct pvi_actor owner = actors[3].actor;
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &owner, site_id, s->version, c, NULL, NULL), PVI_OK);
    assert_true(res.request_id > 0);
    json_decref(c);
    pvi_site_free(s);
    t->site_id = site_id;
    t->request_id = res.request_id;
}

static void
on_the_owners_account(struct target *t)
{
    t->account = (struct pvi_account_facts){PVI_ROLE_CLIENT, owner_id};
}

static void
on_admin_2(struct target *t)
{
    t->account = (struct pvi_account_facts){PVI_ROLE_ADMIN, ADMIN_2};
}

/* the admin column's own account */
static void
on_admin_1(struct target *t)
{
    t->account = (struct pvi_account_facts){PVI_ROLE_ADMIN, ADMIN_1};
}

static void
on_operator_a(struct target *t)
{
    t->account = (struct pvi_account_facts){PVI_ROLE_OPERATOR, OP_A};
}

/* ---- the operations, run as actor a on target t ---- */

static enum pvi_code
site_get(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_site *s = NULL;
    enum pvi_code rc = pvi_site_get(&s, db, a, t->site_id);
    pvi_site_free(s);
    return rc;
}

static enum pvi_code
site_get_by_slug(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_site *s = NULL;
    enum pvi_code rc = pvi_site_get_by_slug(&s, db, a, "plomberie-permissions");
    pvi_site_free(s);
    return rc;
}

/* The JSON readers: the JSON is dropped, the verdict kept. */
static enum pvi_code
json_verdict(enum pvi_code rc, json_t **j)
{
    json_decref(*j);
    return rc;
}

static enum pvi_code
revision_list(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_revision_list(&j, db, a, t->site_id);
    return json_verdict(rc, &j);
}

static enum pvi_code
revision_get(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_revision_get(&j, db, a, t->site_id, 1);
    return json_verdict(rc, &j);
}

static enum pvi_code
revision_diff(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_site *s = site_as_system(t->site_id);
    json_t *j = NULL;
    enum pvi_code rc = pvi_revision_diff(&j, db, a, t->site_id, 1, s->published_number);
    pvi_site_free(s);
    return json_verdict(rc, &j);
}

static enum pvi_code
site_provenance(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_site_provenance(&j, db, a, t->site_id);
    return json_verdict(rc, &j);
}

static enum pvi_code
call_log_list(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_call_log_list(&j, db, a, t->site_id);
    return json_verdict(rc, &j);
}

/* The verdicts of a site's decisions (any actor may ask; reading the site
 * is what it needs). */
static enum pvi_code
site_actions(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_site_actions acts;
    return pvi_site_actions(&acts, db, a, t->site_id);
}

static enum pvi_code
publish_status(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_publish_status(&j, &pub, a, t->site_id);
    return json_verdict(rc, &j);
}

static enum pvi_code
audit_list_of_the_site(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_audit_list(&j, db, a, t->site_id, 0, 10);
    return json_verdict(rc, &j);
}

static enum pvi_code
audit_list_of_everything(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_audit_list(&j, db, a, 0, 0, 10);
    return json_verdict(rc, &j);
}

static enum pvi_code
site_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    struct pvi_site_filter f = {.state = -1};
    enum pvi_code rc = pvi_site_list(&j, db, a, &f, NULL);
    return json_verdict(rc, &j);
}

static enum pvi_code
site_count_by_state(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_site_count_by_state(&j, db, a);
    return json_verdict(rc, &j);
}

static enum pvi_code
stats_get(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_stats_get(&j, db, a);
    return json_verdict(rc, &j);
}

static enum pvi_code
stats_explain(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_stats_explain(&j, db, a);
    return json_verdict(rc, &j);
}

/* a simple field (the tagline) changed on the current version */
static enum pvi_code
site_edit(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_site *s = site_as_system(t->site_id);
    json_t *c = json_deep_copy(pvi_site_working_content(s));
    char tagline[40];
    snprintf(tagline, sizeof tagline, "Dépannage %d", ++serial);
    json_object_set_new(c, "tagline", json_string(tagline));
    enum pvi_code rc = pvi_site_edit(NULL, db, a, t->site_id, s->version, c, NULL, NULL);
    json_decref(c);
    pvi_site_free(s);
    return rc;
}

static enum pvi_code
site_restore(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_site *s = site_as_system(t->site_id);
    enum pvi_code rc =
        pvi_site_restore(NULL, db, a, t->site_id, s->version, s->published_number, "retour", NULL);
    pvi_site_free(s);
    return rc;
}

static enum pvi_code
site_assign(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_transition_args args = {.operator_id = OP_A};
    return pvi_site_transition(NULL, db, a, t->site_id, 1, PVI_TR_ASSIGN, &args, NULL);
}

static enum pvi_code
site_close(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_transition_args args = {.reason = "fin du contrat"};
    return pvi_site_transition(NULL, db, a, t->site_id, 1, PVI_TR_CLOSE, &args, NULL);
}

static enum pvi_code
change_request_reject(const struct pvi_actor *a, const struct target *t)
{
    return pvi_change_request_decide(db, a, t->request_id, 0, "nom refusé", NULL);
}

/* the renaming rejected, with its reason */
static enum pvi_code
change_request_decide_fields(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_field_verdict v = {"business_name", 0, "nom refusé"};
    return pvi_change_request_decide_fields(NULL, db, a, t->request_id, &v, 1, NULL);
}

static enum pvi_code
change_request_get(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_change_request_get(&j, db, a, t->request_id);
    return json_verdict(rc, &j);
}

static enum pvi_code
change_request_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_change_request_list(&j, db, a, NULL);
    return json_verdict(rc, &j);
}

static enum pvi_code
change_request_outcomes(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_change_request_outcomes(&j, db, a, t->site_id, 10);
    return json_verdict(rc, &j);
}

static enum pvi_code
call_log_add(const struct pvi_actor *a, const struct target *t)
{
    return pvi_call_log_add(NULL, db, a, t->site_id, PVI_CALL_REACHED, 0, "joint", NULL);
}

static enum pvi_code
site_create(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    char slug[32];
    snprintf(slug, sizeof slug, "cree-%d", ++serial);
    struct pvi_site_new in = {.client_id = owner_id, .slug = slug};
    return pvi_site_create(NULL, db, a, &in, NULL);
}

static enum pvi_code
client_create(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    char number[16];
    snprintf(number, sizeof number, "PJ3%07d", ++serial);
    struct pvi_client_new in = {.customer_number = number,
                                .company_name = "Nouveau client",
                                .siret = "73282932000074",
                                .email = "contact@nouveau.test",
                                .phone = "02 99 00 00 00"};
    return pvi_client_create(NULL, db, a, &in, NULL);
}

static enum pvi_code
client_lookup(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    long long id = 0;
    return pvi_client_lookup(&id, db, a, "pj20000001");
}

static enum pvi_code
client_get(const struct pvi_actor *a, const struct target *t)
{
    json_t *j = NULL;
    enum pvi_code rc = pvi_client_get(&j, db, a, t->account.id);
    json_decref(j);
    return rc;
}

static enum pvi_code
operator_lookup(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    long long id = 0;
    return pvi_operator_lookup(&id, db, a, "perm.op.a");
}

static enum pvi_code
operator_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *list = NULL;
    enum pvi_code rc = pvi_operator_list(&list, db, a);
    json_decref(list);
    return rc;
}

static enum pvi_code
batch_count(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_site_filter f = {.state = -1};
    long long n = 0;
    return pvi_batch_count(&n, db, a, &f);
}

static enum pvi_code
batch_create(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_site_filter f = {.state = -1};
    struct pvi_batch_new in = {.kind = PVI_BATCH_REPUBLISH, .sites = &f};
    return pvi_batch_create(NULL, db, a, &in, NULL);
}

static enum pvi_code
batch_get(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    long long id = testenv_sql_ll("SELECT coalesce(max(id), 0) FROM batches");
    if (id == 0) { /* one to read, made by the system */
        struct pvi_site_filter f = {.state = -1};
        struct pvi_batch_new in = {.kind = PVI_BATCH_REPUBLISH, .sites = &f};
        assert_int_equal(pvi_batch_create(&id, db, &sys, &in, NULL), PVI_OK);
    }
    json_t *b = NULL;
    enum pvi_code rc = pvi_batch_get(&b, db, a, id);
    json_decref(b);
    return rc;
}

static enum pvi_code
batch_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *list = NULL;
    enum pvi_code rc = pvi_batch_list(&list, db, a);
    json_decref(list);
    return rc;
}

static enum pvi_code
publish_enqueue_site(const struct pvi_actor *a, const struct target *t)
{
    return pvi_publish_enqueue_site(db, a, t->site_id, NULL);
}

static enum pvi_code
operator_overview(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_operator_overview(&j, db, a);
    json_decref(j);
    return rc;
}

static enum pvi_code
operator_queue(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_operator_queue(&j, db, a, OP_A, 0, 10);
    json_decref(j);
    return rc;
}

static enum pvi_code
charter_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    json_t *j = NULL;
    enum pvi_code rc = pvi_charter_list(&j, db, a);
    json_decref(j);
    return rc;
}

static enum pvi_code
charter_preview(const struct pvi_actor *a, const struct target *t)
{
    char *html = NULL;
    size_t len = 0;
    const struct pvi_preview in = {.site_id = t->site_id,
                                   .charter = "azur",
                                   .page = "home",
                                   .link_prefix = "/apercu",
                                   .banner = "Aperçu",
                                   .platform_domain = "pvi.test"};
    enum pvi_code rc = pvi_charter_preview(&html, &len, db, a, charters, &in);
    free(html);
    return rc;
}

static enum pvi_code
admin_create(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    char email[40];
    snprintf(email, sizeof email, "admin%d@pvi.test", ++serial);
    return pvi_admin_create(NULL, db, a, email, "Nouvel admin", "admin-password-1", NULL);
}

static enum pvi_code
admin_enable(const struct pvi_actor *a, const struct target *t)
{
    return pvi_admin_set_active(db, a, t->account.id, 1);
}

static enum pvi_code
admin_disable(const struct pvi_actor *a, const struct target *t)
{
    return pvi_admin_set_active(db, a, t->account.id, 0);
}

static enum pvi_code
admin_set_password(const struct pvi_actor *a, const struct target *t)
{
    return pvi_admin_set_password(db, a, t->account.id, "admin-password-2", NULL);
}

static enum pvi_code
admin_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_admin_list *l = NULL;
    enum pvi_code rc = pvi_admin_list(&l, db, a);
    pvi_admin_list_free(l);
    return rc;
}

static enum pvi_code
admin_get(const struct pvi_actor *a, const struct target *t)
{
    struct pvi_admin_info *info = NULL;
    enum pvi_code rc = pvi_admin_get(&info, db, a, t->account.id);
    pvi_admin_info_free(info);
    return rc;
}

static enum pvi_code
admin_create_generated(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    char email[40];
    snprintf(email, sizeof email, "admin%d@pvi.test", ++serial);
    char *password = NULL;
    enum pvi_code rc = pvi_admin_create_generated(&password, NULL, db, a, email, "Généré", NULL);
    free(password);
    return rc;
}

static enum pvi_code
admin_reset_password(const struct pvi_actor *a, const struct target *t)
{
    char *password = NULL;
    enum pvi_code rc = pvi_admin_reset_password(&password, db, a, t->account.id);
    free(password);
    return rc;
}

static enum pvi_code
apikey_get(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_apikey_info *info = NULL;
    enum pvi_code rc = pvi_apikey_get(&info, db, a, key_id);
    pvi_apikey_info_free(info);
    return rc;
}

/* the same password again: the owner proves it, and can do it again */
static enum pvi_code
client_set_password(const struct pvi_actor *a, const struct target *t)
{
    return pvi_client_set_password(db, a, t->account.id, CLIENT_PW, CLIENT_PW, NULL);
}

static enum pvi_code
apikey_create(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    char *key = NULL;
    enum pvi_code rc = pvi_apikey_create(&key, NULL, db, a, "clé", PVI_SCOPE_SITES_READ, 60, NULL);
    free(key);
    return rc;
}

static enum pvi_code
apikey_revoke(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    return pvi_apikey_revoke(db, a, key_id);
}

static enum pvi_code
apikey_list(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_apikey_list *l = NULL;
    enum pvi_code rc = pvi_apikey_list(&l, db, a);
    pvi_apikey_list_free(l);
    return rc;
}

static enum pvi_code
publish_enqueue_all(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    long long first, last, count;
    return pvi_publish_enqueue_all(&first, &last, &count, db, a);
}

static enum pvi_code
reconcile(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_reconcile_report rep;
    return pvi_reconcile(&rep, &pub, a, 0);
}

static enum pvi_code
seed_load(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_seed_opts opts = {.sites = 0, .clients = 0, .seed = 1};
    return pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), a, &opts);
}

/* Opens a bulk load and abandons it (nothing is written). */
static enum pvi_code
bulk_open(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    struct pvi_bulk *b = NULL;
    struct pvi_bulk_opts opts = {.purpose = PVI_BULK_SEED};
    enum pvi_code rc = pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), a, &opts);
    pvi_bulk_close(b);
    return rc;
}

static enum pvi_code
seed_demo(const struct pvi_actor *a, const struct target *t)
{
    (void)t;
    return pvi_seed_demo(NULL, db, testenv_require("PVI_DB_URL"), a, NULL, NULL);
}

/* ---- the table of operations ---- */

static const struct operation {
    const char *function; /* the libpvi function, as in its header */
    enum pvi_action action;
    enum object object;
    void (*prepare)(struct target *t); /* makes the data it acts on (as the system) */
    enum pvi_code (*run)(const struct pvi_actor *a, const struct target *t);
    /* set when the matrix allows more than the operation can do: then an
     * allowed actor must not be refused, whatever else happens */
    const char *known_gap;
} operations[] = {
    /* reading a site */
    {"pvi_site_get", PVI_ACT_READ, SITE, on_the_site, site_get, NULL},
    {"pvi_site_get_by_slug", PVI_ACT_READ, SITE, on_the_site, site_get_by_slug, NULL},
    {"pvi_revision_list", PVI_ACT_READ, SITE, on_the_site, revision_list, NULL},
    {"pvi_revision_get", PVI_ACT_READ, SITE, on_the_site, revision_get, NULL},
    {"pvi_revision_diff", PVI_ACT_READ, SITE, on_the_site, revision_diff, NULL},
    {"pvi_site_provenance", PVI_ACT_READ, SITE, on_the_site, site_provenance, NULL},
    {"pvi_call_log_list", PVI_ACT_READ, SITE, on_the_site, call_log_list, NULL},
    {"pvi_site_actions", PVI_ACT_READ, SITE, on_the_site, site_actions, NULL},
    {"pvi_publish_status", PVI_ACT_READ, SITE, on_the_site, publish_status, NULL},
    {"pvi_charter_preview", PVI_ACT_ADMINISTER, SITE, on_the_site, charter_preview, NULL},
    {"pvi_audit_list", PVI_ACT_READ_AUDIT, SITE, on_the_site, audit_list_of_the_site, NULL},
    /* changing a site */
    {"pvi_site_edit", PVI_ACT_EDIT, SITE, on_the_site, site_edit, NULL},
    {"pvi_site_restore", PVI_ACT_EDIT, SITE, on_the_site, site_restore, NULL},
    {"pvi_site_transition", PVI_ACT_ASSIGN, SITE, on_a_new_site, site_assign, NULL},
    {"pvi_site_transition", PVI_ACT_DECIDE, SITE, on_a_new_site, site_close, NULL},
    {"pvi_change_request_decide", PVI_ACT_DECIDE, SITE, on_a_change_request, change_request_reject,
     NULL},
    {"pvi_change_request_decide_fields", PVI_ACT_DECIDE, SITE, on_a_change_request,
     change_request_decide_fields, NULL},
    {"pvi_change_request_get", PVI_ACT_DECIDE, SITE, on_a_change_request, change_request_get, NULL},
    {"pvi_change_request_outcomes", PVI_ACT_READ, SITE, on_a_change_request,
     change_request_outcomes, NULL},
    {"pvi_call_log_add", PVI_ACT_LOG_CALL, SITE, on_the_site, call_log_add,
     "a call is recorded under an operator (call_log.operator_id): an admin or the system is "
     "allowed by the matrix but cannot be recorded"},
    /* platform-wide */
    {"pvi_site_create", PVI_ACT_CREATE_SITE, NOTHING, on_nothing, site_create, NULL},
    {"pvi_client_create", PVI_ACT_ADMINISTER, NOTHING, on_nothing, client_create, NULL},
    {"pvi_site_list", PVI_ACT_LIST_SITES, NOTHING, on_nothing, site_list, NULL},
    {"pvi_site_count_by_state", PVI_ACT_VIEW_STATS, NOTHING, on_nothing, site_count_by_state, NULL},
    {"pvi_change_request_list", PVI_ACT_DECIDE, NOTHING, on_nothing, change_request_list, NULL},
    {"pvi_stats_get", PVI_ACT_VIEW_STATS, NOTHING, on_nothing, stats_get, NULL},
    {"pvi_stats_explain", PVI_ACT_VIEW_STATS, NOTHING, on_nothing, stats_explain, NULL},
    {"pvi_audit_list", PVI_ACT_READ_AUDIT, NOTHING, on_nothing, audit_list_of_everything, NULL},
    {"pvi_publish_enqueue_all", PVI_ACT_PUBLISH_ALL, NOTHING, on_nothing, publish_enqueue_all,
     NULL},
    {"pvi_reconcile", PVI_ACT_PUBLISH_ALL, NOTHING, on_nothing, reconcile, NULL},
    {"pvi_operator_overview", PVI_ACT_ASSIGN, NOTHING, on_nothing, operator_overview, NULL},
    {"pvi_operator_queue", PVI_ACT_ASSIGN, NOTHING, on_nothing, operator_queue, NULL},
    {"pvi_charter_list", PVI_ACT_ADMINISTER, NOTHING, on_nothing, charter_list, NULL},
    {"pvi_publish_enqueue_site", PVI_ACT_PUBLISH_ALL, SITE, on_the_site, publish_enqueue_site,
     NULL},
    {"pvi_batch_count", PVI_ACT_BATCH, NOTHING, on_nothing, batch_count, NULL},
    {"pvi_batch_create", PVI_ACT_BATCH, NOTHING, on_nothing, batch_create, NULL},
    {"pvi_batch_get", PVI_ACT_BATCH, NOTHING, on_nothing, batch_get, NULL},
    {"pvi_batch_list", PVI_ACT_BATCH, NOTHING, on_nothing, batch_list, NULL},
    /* accounts */
    {"pvi_client_lookup", PVI_ACT_LOOKUP, ACCOUNT, on_the_owners_account, client_lookup, NULL},
    {"pvi_client_get", PVI_ACT_LOOKUP, ACCOUNT, on_the_owners_account, client_get, NULL},
    {"pvi_operator_lookup", PVI_ACT_LOOKUP, ACCOUNT, on_operator_a, operator_lookup, NULL},
    {"pvi_operator_list", PVI_ACT_LOOKUP, ACCOUNT, on_operator_a, operator_list, NULL},
    {"pvi_admin_create", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, admin_create, NULL},
    {"pvi_admin_set_active", PVI_ACT_DISABLE_ACCOUNT, ACCOUNT, on_admin_2, admin_disable, NULL},
    {"pvi_admin_set_active", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_admin_2, admin_enable, NULL},
    {"pvi_admin_set_password", PVI_ACT_SET_PASSWORD, ACCOUNT, on_admin_2, admin_set_password, NULL},
    {"pvi_client_set_password", PVI_ACT_SET_PASSWORD, ACCOUNT, on_the_owners_account,
     client_set_password, NULL},
    {"pvi_apikey_create", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, apikey_create, NULL},
    {"pvi_apikey_revoke", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, apikey_revoke, NULL},
    {"pvi_apikey_list", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, apikey_list, NULL},
    {"pvi_admin_list", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, admin_list, NULL},
    {"pvi_admin_get", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_admin_2, admin_get, NULL},
    {"pvi_admin_create_generated", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing,
     admin_create_generated, NULL},
    {"pvi_admin_reset_password", PVI_ACT_SET_PASSWORD, ACCOUNT, on_admin_2, admin_reset_password,
     NULL},
    {"pvi_apikey_get", PVI_ACT_MANAGE_ACCOUNTS, NOTHING, on_nothing, apikey_get, NULL},
    /* the admin's own account last: the system disables it */
    {"pvi_admin_set_active", PVI_ACT_DISABLE_ACCOUNT, ACCOUNT, on_admin_1, admin_disable, NULL},
    /* the seed loader (the demo data last: it adds 300 sites) */
    {"pvi_seed_load", PVI_ACT_SEED, NOTHING, on_nothing, seed_load, NULL},
    {"pvi_seed_demo", PVI_ACT_SEED, NOTHING, on_nothing, seed_demo, NULL},
    {"pvi_bulk_open", PVI_ACT_SEED, NOTHING, on_nothing, bulk_open, NULL},
};

/* ---- the verdict ---- */

static const char *
action_name(enum pvi_action a)
{
    static const char *const names[] = {
        "READ",       "EDIT",         "DECIDE",          "ASSIGN",
        "LOG_CALL",   "ADMINISTER",   "READ_AUDIT",      "CREATE_SITE",
        "LIST_SITES", "VIEW_STATS",   "MANAGE_ACCOUNTS", "PUBLISH_ALL",
        "BATCH",      "SEED",         "SET_PASSWORD",    "DISABLE_ACCOUNT",
        "LOOKUP"};
    return (unsigned)a < PVI_COUNT_OF(names) ? names[a] : "?";
}

/* What the matrix says: an operation on a site needs to read it first. */
static enum pvi_code
matrix_verdict(const struct operation *op, const struct pvi_actor *a, const struct target *t)
{
    switch (op->object) {
    case SITE: {
        struct pvi_site *s = site_as_system(t->site_id);
        struct pvi_site_facts f = {
            .client_id = s->client_id, .operator_id = s->operator_id, .state = s->state};
        pvi_site_free(s);
        enum pvi_code rc = pvi_perm_check(a, PVI_ACT_READ, &f);
        if (rc == PVI_OK && op->action != PVI_ACT_READ)
            rc = pvi_perm_check(a, op->action, &f);
        return rc;
    }
    case ACCOUNT:
        return pvi_perm_check_account(a, op->action, &t->account);
    case NOTHING:
        break;
    }
    return pvi_perm_check(a, op->action, NULL);
}

/* Everything a refused call must have left as it was. */
static char *
footprint(void)
{
    return testenv_sql(
        "SELECT concat_ws(' ', (SELECT count(*) FROM audit_events),"
        " (SELECT count(*) FROM sites), (SELECT coalesce(sum(version), 0) FROM sites),"
        " (SELECT count(*) FROM site_revisions), (SELECT count(*) FROM domains),"
        " (SELECT count(*) FROM change_requests),"
        " (SELECT count(*) FROM change_requests WHERE state = 'pending'),"
        " (SELECT count(*) FROM change_request_fields),"
        " (SELECT count(*) FROM publication_jobs), (SELECT count(*) FROM call_log),"
        " (SELECT count(*) FROM clients), (SELECT coalesce(sum(version), 0) FROM clients),"
        " (SELECT md5(string_agg(coalesce(password_hash, '-'), ',' ORDER BY id)) FROM clients),"
        " (SELECT count(*) FROM admin_users), (SELECT coalesce(sum(version), 0) FROM admin_users),"
        " (SELECT md5(string_agg(password_hash || active::text, ',' ORDER BY id))"
        "  FROM admin_users),"
        " (SELECT count(*) FROM api_keys), (SELECT count(revoked_at) FROM api_keys),"
        " (SELECT count(*) FROM operators), (SELECT count(*) FROM sessions),"
        " (SELECT count(revoked_at) FROM sessions), (SELECT count(*) FROM login_failures))");
}

static int
is_refusal(enum pvi_code rc)
{
    return rc == PVI_FORBIDDEN || rc == PVI_NOT_FOUND;
}

static void
every_operation_obeys_the_matrix_for_every_actor(void **state)
{
    (void)state;
    int mismatches = 0, calls = 0;
    for (size_t o = 0; o < PVI_COUNT_OF(operations); o++) {
        const struct operation *op = &operations[o];
        for (size_t w = 0; w < PVI_COUNT_OF(actors); w++) {
            const struct pvi_actor *a = &actors[w].actor;
            struct target t = {0};
            op->prepare(&t);
            enum pvi_code want = matrix_verdict(op, a, &t);
            char *before = footprint();
            enum pvi_code got = op->run(a, &t);
            char *after = footprint();
            calls++;
            int right = want == PVI_OK ? (got == PVI_OK || (op->known_gap && !is_refusal(got)))
                                       : got == want && strcmp(before, after) == 0;
            if (!right) {
                mismatches++;
                print_error("%s (%s) as %s: got %s, the matrix says %s%s\n", op->function,
                            action_name(op->action), actors[w].name, pvi_code_name(got),
                            pvi_code_name(want),
                            want != PVI_OK && got == want ? ", but it wrote something" : "");
            } else if (want == PVI_OK && got != PVI_OK) {
                print_message("known gap, %s as %s: %s (%s)\n", op->function, actors[w].name,
                              pvi_code_name(got), op->known_gap);
            }
            free(before);
            free(after);
        }
    }
    print_message("%d calls, %d against the matrix\n", calls, mismatches);
    assert_int_equal(mismatches, 0);
}

/* Every verdict the table expects is met by someone: each operation is
 * allowed to at least one actor and refused to at least one (else its row
 * proves nothing). */
static void
every_operation_is_both_allowed_and_refused_to_someone(void **state)
{
    (void)state;
    for (size_t o = 0; o < PVI_COUNT_OF(operations); o++) {
        int allowed = 0, refused = 0;
        for (size_t w = 0; w < PVI_COUNT_OF(actors); w++) {
            struct target t = {.site_id = site_id, .account = {PVI_ROLE_CLIENT, owner_id}};
            if (operations[o].object == ACCOUNT)
                operations[o].prepare(&t);
            enum pvi_code v = matrix_verdict(&operations[o], &actors[w].actor, &t);
            allowed += v == PVI_OK;
            refused += v != PVI_OK;
        }
        if (!allowed || !refused)
            print_error("%s: allowed to %d, refused to %d\n", operations[o].function, allowed,
                        refused);
        assert_true(allowed > 0 && refused > 0);
    }
}

/* The public operations that take an actor, read from the headers: each
 * has a row above (the matrix's own functions aside). */
static void
every_public_operation_with_an_actor_has_a_row(void **state)
{
    (void)state;
    char *pattern = pvi_asprintf("%s/libpvi/include/pvi/*.h", testenv_require("PVI_SOURCE_DIR"));
    glob_t g;
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    free(pattern);
    int functions = 0, missing = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strstr(g.gl_pathv[i], "/pvi_workflow.h"))
            continue; /* the matrix itself */
        FILE *f = fopen(g.gl_pathv[i], "r");
        assert_non_null(f);
        struct pvi_buf text = {0};
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            pvi_buf_append(&text, chunk, n);
        fclose(f);
        pvi_buf_append(&text, "", 1);
        /* each prototype "enum pvi_code pvi_name(…);" whose parameters name an actor */
        const char *intro = "enum pvi_code ";
        for (char *p = strstr(text.data, intro); p; p = strstr(p + 1, intro)) {
            char *name = p + strlen(intro);
            size_t len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
            if (strncmp(name, "pvi_", 4) != 0 || name[len] != '(')
                continue;
            char *params = name + len, *q = params;
            for (int depth = 0; *q; q++) {
                depth += *q == '(';
                depth -= *q == ')';
                if (depth == 0)
                    break;
            }
            if (*q != ')' || memmem(params, (size_t)(q - params), "struct pvi_actor *",
                                    strlen("struct pvi_actor *")) == NULL)
                continue;
            char fn[64];
            snprintf(fn, sizeof fn, "%.*s", (int)len, name);
            int found = 0;
            for (size_t o = 0; o < PVI_COUNT_OF(operations); o++)
                found |= strcmp(operations[o].function, fn) == 0;
            if (!found) {
                print_error("%s takes an actor but has no row in the table\n", fn);
                missing++;
            }
            functions++;
        }
        pvi_buf_free(&text);
    }
    globfree(&g);
    print_message("%d public operations take an actor\n", functions);
    assert_true(functions >= 25);
    assert_int_equal(missing, 0);
}

/* ---- the data ---- */

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    free(testenv_sql("INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
                     " (1, 'admin1@pvi.test', 'Admin 1', 'x'), (2, 'admin2@pvi.test', 'Admin 2',"
                     " 'x'); SELECT setval('admin_users_id_seq', 2)"));
    free(testenv_sql("INSERT INTO operators (id, ldap_uid, ldap_dn, display_name) VALUES"
                     " (101, 'perm.op.a', 'uid=perm.op.a', 'Opératrice A'),"
                     " (102, 'perm.op.b', 'uid=perm.op.b', 'Opérateur B');"
                     " SELECT setval('operators_id_seq', 102)"));
    struct pvi_client_new owner = {.customer_number = "PJ20000001",
                                   .company_name = "Martin SARL",
                                   .siret = "73282932000074",
                                   .email = "gerant@martin.test",
                                   .phone = "06 12 34 56 78",
                                   .password = CLIENT_PW};
    assert_int_equal(pvi_client_create(&owner_id, db, &sys, &owner, NULL), PVI_OK);
    struct pvi_client_new other = owner;
    other.customer_number = "PJ20000002";
    other.password = NULL;
    assert_int_equal(pvi_client_create(&other_id, db, &sys, &other, NULL), PVI_OK);
    actors[3].actor.id = owner_id;
    actors[4].actor.id = other_id;

    /* the site, online: assigned to operator A, filled, submitted, approved */
    json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name",
                          "Plomberie Martin", "activity", "Plombier", "phones", "kind", "fixed",
                          "number", "02 99 12 34 56", "address", "street", "12 rue de Brest",
                          "postal_code", "35000", "city", "Rennes", "charter", "classique");
    struct pvi_site_new in = {.client_id = owner_id, .slug = "plomberie-permissions"};
    assert_int_equal(pvi_site_create(&site_id, db, &sys, &in, NULL), PVI_OK);
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = OP_A};
    assert_int_equal(pvi_site_transition(&v, db, &sys, site_id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &actors[1].actor, site_id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    json_decref(c);
    assert_int_equal(
        pvi_site_transition(&v, db, &actors[1].actor, site_id, v, PVI_TR_SUBMIT, NULL, NULL),
        PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &sys, site_id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    char *key = NULL;
    assert_int_equal(
        pvi_apikey_create(&key, &key_id, db, &sys, "à révoquer", PVI_SCOPE_SITES_READ, 60, NULL),
        PVI_OK);
    free(key);

    /* what reconcile compares with */
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"),
                                    atoi(testenv_require("PVI_REDIS_PORT")), 500),
                     PVI_OK);
    snprintf(content_dir, sizeof content_dir, "/tmp/pvi-permissions-XXXXXX");
    assert_non_null(mkdtemp(content_dir));
    assert_int_equal(pvi_store_open(&store, content_dir), PVI_OK);
    pub = (struct pvi_publisher){
        .db = db, .store = store, .redis = redis, .platform_domain = "pvi.test"};
    pvi_render_init();
    assert_int_equal(pvi_charters_load(&charters, testenv_require("PVI_XSL_DIR")), PVI_OK);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_charters_free(charters);
    pvi_store_close(store);
    pvi_redis_close(redis);
    pvi_db_close(db);
    char *cmd = pvi_asprintf("rm -rf '%s'", content_dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_public_operation_with_an_actor_has_a_row),
        cmocka_unit_test(every_operation_is_both_allowed_and_refused_to_someone),
        cmocka_unit_test(every_operation_obeys_the_matrix_for_every_actor),
    };
    return cmocka_run_group_tests_name("permissions", tests, setup, teardown);
}
