/* test_bo_accounts.c — the back office's administrators' accounts and API
 * keys, served in this process and used through a cookie jar as a browser
 * would: every route allowed to an admin and refused to an operator's or a
 * client's session (403) and to an anonymous user (303 to the login page);
 * every POST refused without this session's CSRF token; input outside the
 * declared fields refused with 400 naming the field; unknown ids 404. Then
 * what the pages are for: an admin created in the form logs in with the
 * password shown once; a disabled admin's open session is refused at its
 * next request; an admin cannot disable themself and is told why; a reset
 * password replaces the old one; a key is shown once, in the creation
 * response only, works, and is refused as soon as it is revoked. */
#include "testenv.h"

#include "backoffice.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHEF "chef@pvi.test"
#define CHEF_FORM "chef%40pvi.test"
#define CHEF_PW "chef-password-2026"
#define SPARE_PW "spare-password-2026"
#define CLIENT_NUMBER "PJ20000001"
#define CLIENT_PW "client-password-2026"
#define SESSION_COOKIE "__Host-pvi_backoffice_session"

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_accounts"};
static struct testoffice bo;
static struct pvi_db *db;
static long long chef_id;
static int serial;

static long long
new_admin(const char *email)
{
    long long id = 0;
    assert_int_equal(pvi_admin_create(&id, db, &sys, email, "Admin de test", SPARE_PW, NULL),
                     PVI_OK);
    return id;
}

static long long
new_key(void)
{
    char *key = NULL;
    long long id = 0;
    assert_int_equal(
        pvi_apikey_create(&key, &id, db, &sys, "clé de test", PVI_SCOPE_SITES_READ, 60, NULL),
        PVI_OK);
    free(key);
    return id;
}

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_admin_create(&chef_id, db, &sys, CHEF, "Chef", CHEF_PW, NULL), PVI_OK);
    long long id = 0;
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Boulangerie Test",
                               .siret = "73282932000074",
                               .email = "gerant@boulangerie.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PW};
    assert_int_equal(pvi_client_create(&id, db, &sys, &c, NULL), PVI_OK);
    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS | PVI_NEEDS_LDAP,
                         &backoffice_office, NULL);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    pvi_db_close(db);
    return 0;
}

static void
expect_status(const struct testhttp *r, int status, const char *what)
{
    if (r->status != status)
        print_error("%s: %d, want %d\n%s\n", what, r->status, status, r->body ? r->body : "");
    assert_int_equal(r->status, status);
}

static void
expect_location(const struct testhttp *r, const char *prefix)
{
    char buf[512];
    const char *loc = testhttp_header(r, "Location", buf, sizeof buf);
    if (loc == NULL || strncmp(loc, prefix, strlen(prefix)) != 0)
        print_error("Location: %s, want %s…\n", loc ? loc : "(none)", prefix);
    assert_non_null(loc);
    assert_int_equal(strncmp(loc, prefix, strlen(prefix)), 0);
}

/* Logs in through the form; the password as typed (URL-encoded). */
static void
login_as(struct testweb *w, const char *email_form, const char *password)
{
    struct testhttp r;
    testweb_init(w, bo.port);
    testweb_get(w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("email=%s&password=%s", email_form, password);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    expect_status(&r, 303, "login");
    testhttp_free(&r);
    testenv_forget_login_failures();
}

/* The status of a login attempt through the form. */
static int
login_status(const char *email_form, const char *password)
{
    struct testweb w;
    struct testhttp r;
    testweb_init(&w, bo.port);
    testweb_get(&w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("email=%s&password=%s", email_form, password);
    testweb_post(&w, &r, "/login", form, 1);
    free(form);
    int status = r.status;
    testhttp_free(&r);
    testenv_forget_login_failures();
    return status;
}

/* A session of another realm, made by libpvi, presented to the back office. */
static void
jar_with_session(struct testweb *w, const char *token)
{
    testweb_init(w, bo.port);
    testweb_set_cookie(w, SESSION_COOKIE, token);
}

/* The secret of a page that shows one (<code id="secret">…</code>), or "". */
static void
secret_of(char *out, size_t cap, const struct testhttp *r)
{
    out[0] = '\0';
    const char *p = r->body ? strstr(r->body, "<code id=\"secret\">") : NULL;
    if (p == NULL)
        return;
    p += strlen("<code id=\"secret\">");
    const char *end = strstr(p, "</code>");
    if (end && (size_t)(end - p) < cap)
        snprintf(out, cap, "%.*s", (int)(end - p), p);
}

static void
expect_no_store(const struct testhttp *r)
{
    char buf[128];
    const char *cc = testhttp_header(r, "Cache-Control", buf, sizeof buf);
    assert_non_null(cc);
    assert_non_null(strstr(cc, "no-store"));
}

/* What a refused request must leave as it was. */
static char *
footprint(void)
{
    return testenv_sql("SELECT concat_ws(' ', (SELECT count(*) FROM audit_events),"
                       " (SELECT count(*) FROM admin_users),"
                       " (SELECT sum(version) FROM admin_users),"
                       " (SELECT count(*) FROM api_keys), (SELECT count(revoked_at) FROM api_keys),"
                       " (SELECT count(revoked_at) FROM sessions))");
}

/* Fails unless the footprint is still before (freed). */
static void
expect_unchanged(char *before)
{
    char *after = footprint();
    if (strcmp(before, after) != 0)
        print_error("something changed: %s -> %s\n", before, after);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* ---- every route: who may use it ---- */

struct route {
    const char *method;
    char path[64];
    char form[128];   /* POST body, without the token */
    int admin_status; /* what an admin gets */
};

#define NROUTES 13

/* Every route of these pages, on data made for each call: an admin's POST
 * changes what it acts on. */
static void
make_routes(struct route out[static NROUTES])
{
    char email[48];
    snprintf(email, sizeof email, "spare%d@pvi.test", ++serial);
    long long spare = new_admin(email);
    snprintf(email, sizeof email, "off%d@pvi.test", ++serial);
    long long off = new_admin(email);
    assert_int_equal(pvi_admin_set_active(db, &sys, off, 0), PVI_OK);
    long long key = new_key();
    int n = ++serial;
    struct route r[NROUTES] = {
        {"GET", "/comptes", "", 200},
        {"GET", "/comptes/nouveau", "", 200},
        {"POST", "/comptes/nouveau", "", 200},
        {"GET", "", "", 200},
        {"POST", "", "", 303},
        {"POST", "", "", 303},
        {"GET", "", "", 200},
        {"POST", "", "", 200},
        {"GET", "/cles", "", 200},
        {"GET", "/cles/nouvelle", "", 200},
        {"POST", "/cles/nouvelle", "name=Cl%C3%A9+de+route&scopes=sites%3Aread&rate_per_minute=60",
         200},
        {"GET", "", "", 200},
        {"POST", "", "", 303},
    };
    snprintf(r[2].form, sizeof r[2].form, "email=nouveau%d%%40pvi.test&display_name=Nouveau", n);
    snprintf(r[3].path, sizeof r[3].path, "/comptes/%lld", spare);
    snprintf(r[4].path, sizeof r[4].path, "/comptes/%lld/desactiver", spare);
    snprintf(r[5].path, sizeof r[5].path, "/comptes/%lld/activer", off);
    snprintf(r[6].path, sizeof r[6].path, "/comptes/%lld/mot-de-passe", spare);
    snprintf(r[7].path, sizeof r[7].path, "/comptes/%lld/mot-de-passe", spare);
    snprintf(r[11].path, sizeof r[11].path, "/cles/%lld/revoquer", key);
    snprintf(r[12].path, sizeof r[12].path, "/cles/%lld/revoquer", key);
    memcpy(out, r, sizeof r);
}

static void
send(struct testweb *w, struct testhttp *out, const struct route *rt, int with_csrf)
{
    if (strcmp(rt->method, "GET") == 0)
        testweb_get(w, out, rt->path);
    else
        testweb_post(w, out, rt->path, rt->form, with_csrf);
}

static void
the_table_lists_every_route_of_these_pages(void **state)
{
    (void)state;
    size_t mine = 0;
    for (size_t i = 0; i < backoffice_office.nroutes; i++) {
        const char *p = backoffice_office.routes[i].path;
        mine += strncmp(p, "/comptes", 8) == 0 || strncmp(p, "/cles", 5) == 0;
    }
    assert_int_equal(mine, NROUTES);
    /* and the navigation leads to both lists */
    int nav = 0;
    for (size_t i = 0; i < backoffice_office.nnav; i++)
        nav += strcmp(backoffice_office.nav[i].href, "/comptes") == 0 ||
               strcmp(backoffice_office.nav[i].href, "/cles") == 0;
    assert_int_equal(nav, 2);
}

static void
every_route_is_for_admins_only(void **state)
{
    (void)state;
    struct pvi_session *op = NULL, *cl = NULL;
    assert_int_equal(
        pvi_login_operator(&op, db, &bo.svc->ldap, "op.martin", "demo-op.martin", NULL, NULL),
        PVI_OK);
    assert_int_equal(pvi_login_client(&cl, db, CLIENT_NUMBER, CLIENT_PW, NULL, NULL), PVI_OK);
    struct route rt[NROUTES];
    make_routes(rt);
    for (size_t i = 0; i < NROUTES; i++) {
        struct testhttp r;
        char *before = footprint();
        /* anonymous: to the login page */
        struct testweb anon;
        testweb_init(&anon, bo.port);
        send(&anon, &r, &rt[i], 0);
        expect_status(&r, 303, rt[i].path);
        expect_location(&r, "/login");
        testhttp_free(&r);
        /* an operator's and a client's session: 403 */
        const char *tokens[] = {op->token, cl->token};
        for (int k = 0; k < 2; k++) {
            struct testweb other;
            jar_with_session(&other, tokens[k]);
            send(&other, &r, &rt[i], 1);
            expect_status(&r, 403, rt[i].path);
            assert_true(testhttp_has(&r, "Accès refusé"));
            testhttp_free(&r);
        }
        expect_unchanged(before);
    }
    /* an admin: each one allowed */
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    for (size_t i = 0; i < NROUTES; i++) {
        struct testhttp r;
        if (strcmp(rt[i].method, "POST") == 0) { /* a page of the office gives the token */
            testweb_get(&w, &r, "/comptes");
            testhttp_free(&r);
        }
        send(&w, &r, &rt[i], 1);
        expect_status(&r, rt[i].admin_status, rt[i].path);
        testhttp_free(&r);
    }
    pvi_session_free(op);
    pvi_session_free(cl);
    testenv_forget_login_failures();
}

static void
every_post_needs_this_sessions_token(void **state)
{
    (void)state;
    struct route rt[NROUTES];
    make_routes(rt);
    struct testweb a, b;
    login_as(&a, CHEF_FORM, CHEF_PW);
    login_as(&b, CHEF_FORM, CHEF_PW);
    for (size_t i = 0; i < NROUTES; i++) {
        if (strcmp(rt[i].method, "POST") != 0)
            continue;
        struct testhttp r;
        char *before = footprint();
        /* none */
        testweb_get(&a, &r, "/comptes");
        testhttp_free(&r);
        send(&a, &r, &rt[i], 0);
        expect_status(&r, 403, rt[i].path);
        assert_true(testhttp_has(&r, "Formulaire expiré"));
        testhttp_free(&r);
        /* the token of another session */
        testweb_get(&b, &r, "/comptes");
        testhttp_free(&r);
        char *form = pvi_asprintf("csrf=%s%s%s", b.csrf, rt[i].form[0] ? "&" : "", rt[i].form);
        testweb_post(&a, &r, rt[i].path, form, 0);
        free(form);
        expect_status(&r, 403, rt[i].path);
        testhttp_free(&r);
        expect_unchanged(before);
    }
}

static void
input_outside_the_declared_fields_is_400_naming_it(void **state)
{
    (void)state;
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    char *before = footprint();
    static const struct {
        const char *method, *path, *form, *field;
    } cases[] = {
        {"GET", "/comptes?apres=3", NULL, "apres"},
        {"GET", "/cles?tri=nom", NULL, "tri"},
        {"POST", "/comptes/nouveau", "email=x%40pvi.test", "display_name"},
        {"POST", "/comptes/nouveau", "email=x%40pvi.test&display_name=X&password=secret-secret",
         "password"},
        {"POST", "/cles/nouvelle", "name=Cl%C3%A9&scopes=admin&rate_per_minute=60", "scopes"},
        {"POST", "/cles/nouvelle", "name=Cl%C3%A9&scopes=sites%3Aread", "rate_per_minute"},
        {"POST", "/cles/nouvelle", "name=%C3%28&scopes=sites%3Aread&rate_per_minute=60", "name"},
        {"POST", "/cles/1/revoquer", "confirm=1", "confirm"},
        {"POST", "/comptes/1/desactiver", "x=1", "x"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct testhttp r;
        if (cases[i].form == NULL) {
            testweb_get(&w, &r, cases[i].path);
        } else {
            testweb_get(&w, &r, "/comptes");
            testhttp_free(&r);
            testweb_post(&w, &r, cases[i].path, cases[i].form, 1);
        }
        expect_status(&r, 400, cases[i].path);
        char *named = pvi_asprintf("«\u00a0%s\u00a0»", cases[i].field);
        char *plain = pvi_asprintf("« %s »", cases[i].field);
        if (!testhttp_has(&r, named) && !testhttp_has(&r, plain))
            print_error("%s: the page does not name « %s »\n%s\n", cases[i].path, cases[i].field,
                        r.body);
        assert_true(testhttp_has(&r, named) || testhttp_has(&r, plain));
        free(named);
        free(plain);
        testhttp_free(&r);
    }
    expect_unchanged(before);
}

static void
unknown_ids_are_404(void **state)
{
    (void)state;
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    static const struct {
        const char *method, *path;
    } cases[] = {
        {"GET", "/comptes/999999"},
        {"POST", "/comptes/999999/desactiver"},
        {"POST", "/comptes/999999/activer"},
        {"GET", "/comptes/999999/mot-de-passe"},
        {"POST", "/comptes/999999/mot-de-passe"},
        {"GET", "/cles/999999/revoquer"},
        {"POST", "/cles/999999/revoquer"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct testhttp r;
        if (strcmp(cases[i].method, "GET") == 0) {
            testweb_get(&w, &r, cases[i].path);
        } else {
            testweb_get(&w, &r, "/comptes");
            testhttp_free(&r);
            testweb_post(&w, &r, cases[i].path, "", 1);
        }
        expect_status(&r, 404, cases[i].path);
        testhttp_free(&r);
    }
}

/* ---- what the pages are for ---- */

static void
an_admin_created_in_the_form_logs_in_with_the_password_shown_once(void **state)
{
    (void)state;
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    struct testhttp r;
    /* two faulty fields: both named, the input kept, nothing created */
    char *before = footprint();
    testweb_get(&w, &r, "/comptes/nouveau");
    expect_status(&r, 200, "form");
    assert_true(testhttp_has(&r, "id=\"admin-new\""));
    assert_null(strstr(r.body, "type=\"password\"")); /* the password is not typed */
    testhttp_free(&r);
    testweb_post(&w, &r, "/comptes/nouveau", "email=pas-une-adresse&display_name=+++", 1);
    expect_status(&r, 422, "invalid form");
    assert_true(testhttp_has(&r, "Adresse e-mail invalide."));
    assert_true(testhttp_has(&r, "Ce champ est obligatoire."));
    assert_true(testhttp_has(&r, "value=\"pas-une-adresse\""));
    assert_true(testhttp_has(&r, "href=\"#f-email\""));
    assert_true(testhttp_has(&r, "href=\"#f-display_name\""));
    testhttp_free(&r);
    expect_unchanged(before);
    /* a taken e-mail, at its field */
    testweb_post(&w, &r, "/comptes/nouveau", "email=" CHEF_FORM "&display_name=Autre", 1);
    expect_status(&r, 422, "taken");
    assert_true(testhttp_has(&r, "déjà celle d'un autre administrateur"));
    testhttp_free(&r);

    /* created: the password once, on a page nobody keeps */
    testweb_post(&w, &r, "/comptes/nouveau",
                 "email=+Claire.Martin%40PVI.test+&display_name=Claire+Martin", 1);
    expect_status(&r, 200, "created");
    expect_no_store(&r);
    assert_true(testhttp_has(&r, "claire.martin@pvi.test"));
    assert_true(testhttp_has(&r, "il ne sera plus jamais affiché"));
    char pw[64];
    secret_of(pw, sizeof pw, &r);
    assert_int_equal(strlen(pw), 23);
    assert_null(strstr(r.head, pw)); /* not in a header, a cookie, a Location */
    testhttp_free(&r);
    long long id =
        testenv_sql_ll("SELECT id FROM admin_users WHERE email = 'claire.martin@pvi.test'");
    char *sql = pvi_asprintf(
        "SELECT count(*) FROM audit_events WHERE position('%s' IN coalesce(after::text, '')) > 0",
        pw);
    assert_int_equal(testenv_sql_ll(sql), 0);
    free(sql);

    /* the new admin logs in with it; the list and the account page show them */
    struct testweb c;
    login_as(&c, "claire.martin%40pvi.test", pw);
    testweb_get(&c, &r, "/");
    expect_status(&r, 200, "new admin's home");
    assert_true(testhttp_has(&r, "claire.martin@pvi.test"));
    testhttp_free(&r);
    testweb_get(&w, &r, "/comptes");
    char *href = pvi_asprintf("href=\"/comptes/%lld\"", id);
    assert_true(testhttp_has(&r, href));
    assert_true(testhttp_has(&r, "Claire Martin"));
    assert_null(strstr(r.body, pw));
    free(href);
    testhttp_free(&r);
    char *path = pvi_asprintf("/comptes/%lld", id);
    testweb_get(&w, &r, path);
    expect_status(&r, 200, "account page");
    assert_true(testhttp_has(&r, "<h1>Claire Martin</h1>"));
    assert_true(testhttp_has(&r, "id=\"disable\""));
    assert_null(strstr(r.body, pw));
    testhttp_free(&r);
    free(path);
}

static void
a_disabled_admins_open_session_is_refused_at_its_next_request(void **state)
{
    (void)state;
    long long id = new_admin("bruno@pvi.test");
    struct testweb chef, bruno;
    login_as(&chef, CHEF_FORM, CHEF_PW);
    login_as(&bruno, "bruno%40pvi.test", SPARE_PW);
    struct testhttp r;
    testweb_get(&bruno, &r, "/comptes");
    expect_status(&r, 200, "bruno's list");
    testhttp_free(&r);

    char *page = pvi_asprintf("/comptes/%lld", id);
    char *off = pvi_asprintf("/comptes/%lld/desactiver", id);
    char *on = pvi_asprintf("/comptes/%lld/activer", id);
    testweb_get(&chef, &r, page);
    testhttp_free(&r);
    testweb_post(&chef, &r, off, "", 1);
    expect_status(&r, 303, "disable");
    expect_location(&r, page);
    testhttp_free(&r);
    testweb_get(&chef, &r, page);
    assert_true(testhttp_has(&r, "Le compte est désactivé, et ses sessions sont fermées."));
    assert_true(testhttp_has(&r, "Désactivé"));
    assert_true(testhttp_has(&r, "id=\"enable\""));
    testhttp_free(&r);

    /* bruno's next request: the session is over */
    testweb_get(&bruno, &r, "/comptes");
    expect_status(&r, 303, "bruno after");
    expect_location(&r, "/login");
    testhttp_free(&r);
    assert_int_equal(login_status("bruno%40pvi.test", SPARE_PW), 403);

    /* enabled again: he logs in */
    testweb_post(&chef, &r, on, "", 1);
    expect_status(&r, 303, "enable");
    testhttp_free(&r);
    assert_int_equal(login_status("bruno%40pvi.test", SPARE_PW), 303);
    free(page);
    free(off);
    free(on);
}

static void
an_admin_cannot_disable_themself_and_is_told_why(void **state)
{
    (void)state;
    static const char reason[] =
        "Vous ne pouvez pas désactiver votre propre compte\u00a0: demandez-le à un autre "
        "administrateur.";
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    char *page = pvi_asprintf("/comptes/%lld", chef_id);
    char *off = pvi_asprintf("/comptes/%lld/desactiver", chef_id);
    char *form = pvi_asprintf("action=\"%s\"", off);
    struct testhttp r;
    testweb_get(&w, &r, page);
    expect_status(&r, 200, "own page");
    assert_true(testhttp_has(&r, reason));
    assert_null(strstr(r.body, form)); /* no button that would be refused */
    testhttp_free(&r);
    char *before = footprint();
    testweb_post(&w, &r, off, "", 1);
    expect_status(&r, 403, "own disable");
    assert_true(testhttp_has(&r, reason));
    testhttp_free(&r);
    expect_unchanged(before);
    testweb_get(&w, &r, "/comptes");
    expect_status(&r, 200, "still in");
    testhttp_free(&r);
    free(page);
    free(off);
    free(form);
}

static void
a_password_reset_makes_the_old_password_fail_and_the_new_one_work(void **state)
{
    (void)state;
    long long id = new_admin("denise@pvi.test");
    struct testweb chef, denise;
    login_as(&chef, CHEF_FORM, CHEF_PW);
    login_as(&denise, "denise%40pvi.test", SPARE_PW);
    char *path = pvi_asprintf("/comptes/%lld/mot-de-passe", id);
    struct testhttp r;
    /* the confirmation page says what will happen */
    testweb_get(&chef, &r, path);
    expect_status(&r, 200, "confirmation");
    assert_true(testhttp_has(&r, "denise@pvi.test"));
    assert_true(testhttp_has(&r, "l'ancien cessera aussitôt de fonctionner"));
    assert_true(testhttp_has(&r, "id=\"admin-reset\""));
    testhttp_free(&r);
    testweb_post(&chef, &r, path, "", 1);
    expect_status(&r, 200, "reset");
    expect_no_store(&r);
    char pw[64];
    secret_of(pw, sizeof pw, &r);
    assert_int_equal(strlen(pw), 23);
    testhttp_free(&r);

    testweb_get(&denise, &r, "/comptes");
    expect_status(&r, 303, "denise's old session");
    testhttp_free(&r);
    assert_int_equal(login_status("denise%40pvi.test", SPARE_PW), 422);
    assert_int_equal(login_status("denise%40pvi.test", pw), 303);
    free(path);

    /* one's own password: the page says so, and this session ends too */
    long long me = new_admin("moi@pvi.test");
    struct testweb w;
    login_as(&w, "moi%40pvi.test", SPARE_PW);
    path = pvi_asprintf("/comptes/%lld/mot-de-passe", me);
    testweb_get(&w, &r, path);
    assert_true(testhttp_has(&r, "C'est votre propre compte\u00a0: vous serez déconnecté"));
    testhttp_free(&r);
    testweb_post(&w, &r, path, "", 1);
    expect_status(&r, 200, "own reset");
    secret_of(pw, sizeof pw, &r);
    assert_int_equal(strlen(pw), 23);
    assert_true(testhttp_has(&r, "href=\"/login\""));
    testhttp_free(&r);
    testweb_get(&w, &r, "/comptes");
    expect_status(&r, 303, "after own reset");
    expect_location(&r, "/login");
    testhttp_free(&r);
    assert_int_equal(login_status("moi%40pvi.test", pw), 303);
    free(path);
}

static void
a_key_is_shown_once_works_and_is_refused_once_revoked(void **state)
{
    (void)state;
    struct testweb w;
    login_as(&w, CHEF_FORM, CHEF_PW);
    struct testhttp r;
    /* three faulty fields: each named, what was typed kept */
    testweb_get(&w, &r, "/cles/nouvelle");
    expect_status(&r, 200, "key form");
    assert_true(testhttp_has(&r, "Consulter les sites, leur contenu"));
    assert_true(testhttp_has(&r, "value=\"600\""));
    testhttp_free(&r);
    char *before = footprint();
    testweb_post(&w, &r, "/cles/nouvelle", "name=+&rate_per_minute=beaucoup", 1);
    expect_status(&r, 422, "invalid key");
    assert_true(testhttp_has(&r, "Ce champ est obligatoire."));
    assert_true(testhttp_has(&r, "Choisissez au moins une permission"));
    assert_true(testhttp_has(&r, "Limite invalide"));
    assert_true(testhttp_has(&r, "value=\"beaucoup\""));
    testhttp_free(&r);
    expect_unchanged(before);

    /* created: the key in this response only */
    testweb_post(&w, &r, "/cles/nouvelle",
                 "name=Agence+Ouest&scopes=sites%3Aread&scopes=workflow&rate_per_minute=120", 1);
    expect_status(&r, 200, "key created");
    expect_no_store(&r);
    assert_true(testhttp_has(&r, "sites:read, workflow"));
    char key[128];
    secret_of(key, sizeof key, &r);
    assert_int_equal(strlen(key), PVI_APIKEY_CHARS);
    assert_int_equal(strncmp(key, "pvi_", 4), 0);
    assert_null(strstr(r.head, key));
    assert_null(strstr(r.head, key + 17)); /* nor its secret part */
    testhttp_free(&r);
    struct pvi_principal *p = NULL;
    assert_int_equal(pvi_apikey_check(&p, db, key), PVI_OK);
    assert_int_equal(p->scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    assert_int_equal(p->rate_per_minute, 120);
    long long id = p->id;
    pvi_principal_free(p);
    /* not stored in clear, not audited */
    char *sql = pvi_asprintf("SELECT count(*) FROM api_keys WHERE position('%s' IN concat_ws(' ', "
                             "prefix, name, encode(key_hash, 'hex'))) > 0",
                             key + 17);
    assert_int_equal(testenv_sql_ll(sql), 0);
    free(sql);
    sql = pvi_asprintf("SELECT count(*) FROM audit_events WHERE position('%s' IN "
                       "coalesce(before::text, '') || coalesce(after::text, '')) > 0",
                       key + 17);
    assert_int_equal(testenv_sql_ll(sql), 0);
    free(sql);
    /* never again: the list and the confirmation page show its prefix only */
    char prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    snprintf(prefix, sizeof prefix, "%.*s", PVI_APIKEY_PREFIX_CHARS, key + 4);
    char *revoke = pvi_asprintf("/cles/%lld/revoquer", id);
    testweb_get(&w, &r, "/cles");
    expect_status(&r, 200, "list");
    assert_true(testhttp_has(&r, "Agence Ouest"));
    assert_true(testhttp_has(&r, prefix));
    assert_null(strstr(r.body, key + 17));
    testhttp_free(&r);
    testweb_get(&w, &r, revoke);
    expect_status(&r, 200, "confirmation");
    assert_true(testhttp_has(&r, "Toute requête faite avec elle sera refusée dès maintenant."));
    assert_true(testhttp_has(&r, "id=\"apikey-revoke\""));
    assert_null(strstr(r.body, key + 17));
    testhttp_free(&r);

    /* revoked: refused at once */
    testweb_post(&w, &r, revoke, "", 1);
    expect_status(&r, 303, "revoke");
    expect_location(&r, "/cles");
    testhttp_free(&r);
    assert_int_equal(pvi_apikey_check(&p, db, key), PVI_UNAUTHENTICATED);
    assert_null(p);
    testweb_get(&w, &r, "/cles");
    assert_true(testhttp_has(&r, "La clé est révoquée\u00a0: elle est refusée dès maintenant."));
    assert_true(testhttp_has(&r, "Révoquée le"));
    assert_null(strstr(r.body, key + 17));
    testhttp_free(&r);
    testweb_get(&w, &r, revoke);
    assert_true(testhttp_has(&r, "Cette clé est révoquée depuis le"));
    assert_null(strstr(r.body, "id=\"apikey-revoke\""));
    testhttp_free(&r);
    free(revoke);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_lists_every_route_of_these_pages),
        cmocka_unit_test(every_route_is_for_admins_only),
        cmocka_unit_test(every_post_needs_this_sessions_token),
        cmocka_unit_test(input_outside_the_declared_fields_is_400_naming_it),
        cmocka_unit_test(unknown_ids_are_404),
        cmocka_unit_test(an_admin_created_in_the_form_logs_in_with_the_password_shown_once),
        cmocka_unit_test(a_disabled_admins_open_session_is_refused_at_its_next_request),
        cmocka_unit_test(an_admin_cannot_disable_themself_and_is_told_why),
        cmocka_unit_test(a_password_reset_makes_the_old_password_fail_and_the_new_one_work),
        cmocka_unit_test(a_key_is_shown_once_works_and_is_refused_once_revoked),
    };
    return cmocka_run_group_tests_name("bo_accounts", tests, setup, teardown);
}
