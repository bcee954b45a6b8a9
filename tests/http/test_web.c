/* test_web.c — the web layer through each office (backoffice, operator-fo,
 * client-fo), served in this process so that an injected clock reaches
 * them: every refusal of the dispatch (404, 405, the login redirect, 403 for
 * a role, 403 for CSRF missing / from another session / expired, 400 naming
 * the field, 413 across chunks for both body kinds), the session cookie's
 * attributes, rotation at login, logout, idle and absolute expiry,
 * throttling, the security headers on every status, languages, flash
 * messages and safe redirects. */
#include "testenv.h"

#include "backoffice.h"
#include "client_fo.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_view.h"

#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_web"};

#define ADMIN_EMAIL "chef@pvi.test"
#define ADMIN_PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ20000001"
#define CLIENT_PASSWORD "client-password-2026"

enum { BO, OP, CL, NOFFICES };

static const struct office {
    const char *service;
    unsigned needs;
    const struct pvi_office *office;
    const char *id_field, *id, *password;
    const char *shown; /* who the header says is logged in */
} offices[NOFFICES] = {
    [BO] = {"backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office, "email", ADMIN_EMAIL,
            ADMIN_PASSWORD, ADMIN_EMAIL},
    [OP] = {"operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office, "uid", "op.martin",
            "demo-op.martin", "op.martin"},
    [CL] = {"client-fo", PVI_NEEDS_DB, &client_fo_office, "customer_number", CLIENT_NUMBER,
            CLIENT_PASSWORD, CLIENT_NUMBER},
};

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    long long id = 0;
    struct pvi_errors errs = {0};
    assert_int_equal(pvi_admin_create(&id, db, &sys, ADMIN_EMAIL, "Chef", ADMIN_PASSWORD, NULL),
                     PVI_OK);
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Boulangerie Test",
                               .siret = "73282932000074",
                               .email = "gerant@boulangerie.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&id, db, &sys, &c, &errs), PVI_OK);
    pvi_errors_clear(&errs);
    pvi_db_close(db);
    return 0;
}

/* Logins leave failures behind that would throttle the next tests. */
static void
forget_failures(void)
{
    free(testenv_sql("DELETE FROM login_failures"));
}

static void
expect_header(const struct testhttp *r, const char *name, const char *want)
{
    char buf[512];
    const char *got = testhttp_header(r, name, buf, sizeof buf);
    if (got == NULL || strcmp(got, want) != 0)
        print_error("%s: got \"%s\", want \"%s\"\n", name, got ? got : "(none)", want);
    assert_non_null(got);
    assert_string_equal(got, want);
}

/* Logs in through the form (GET /login for its token, then POST). */
static void
login(struct testweb *w, const struct office *o)
{
    testweb_login(w, o->id_field, o->id, o->password);
}

static void
expect_login_redirect(struct testweb *w, const char *path, const char *location)
{
    struct testhttp r;
    testweb_get(w, &r, path);
    assert_int_equal(r.status, 303);
    expect_header(&r, "Location", location);
    testhttp_free(&r);
}

/* ---- dispatch ---- */

static void
each_office_refuses_what_it_does_not_serve(void **state)
{
    (void)state;
    for (int i = 0; i < NOFFICES; i++) {
        const struct office *o = &offices[i];
        struct testoffice t;
        testenv_office_start(&t, o->service, o->needs, o->office, NULL);
        struct testweb w;
        testweb_init(&w, t.port);
        struct testhttp r;

        /* unknown path: the office's 404 page */
        testweb_get(&w, &r, "/nulle-part");
        assert_int_equal(r.status, 404);
        expect_header(&r, "Content-Type", "text/html; charset=utf-8");
        assert_true(testhttp_has(&r, "Page introuvable"));
        testhttp_free(&r);

        /* known path, wrong method: 405 with Allow */
        testenv_http(&r, t.port, "DELETE", "/login", NULL, NULL, 0);
        assert_int_equal(r.status, 405);
        expect_header(&r, "Allow", "GET, HEAD, POST");
        assert_true(testhttp_has(&r, "Méthode non autorisée"));
        testhttp_free(&r);

        /* behind the session: to the login page, keeping where the user was going */
        expect_login_redirect(&w, "/", "/login?next=%2F");
        expect_login_redirect(&w, "/compte", "/login?next=%2Fcompte");

        /* a field the route does not declare: 400 naming it, before any handler */
        testweb_get(&w, &r, "/login?admin=1");
        assert_int_equal(r.status, 400);
        assert_true(testhttp_has(&r, "« admin »"));
        testhttp_free(&r);

        /* logged in: the home page says who it is, the account page too */
        login(&w, o);
        testweb_get(&w, &r, "/");
        assert_int_equal(r.status, 200);
        assert_true(testhttp_has(&r, o->shown));
        assert_true(testhttp_has(&r, "href=\"/compte\""));
        testhttp_free(&r);
        testweb_get(&w, &r, "/compte");
        assert_int_equal(r.status, 200);
        assert_true(testhttp_has(&r, "<h1>Mon compte</h1>"));
        testhttp_free(&r);

        /* an undeclared body field of a POST, with a valid token: 400 naming it */
        testweb_post(&w, &r, "/langue", "lang=en&admin=1", 1);
        assert_int_equal(r.status, 400);
        assert_true(testhttp_has(&r, "« admin »"));
        testhttp_free(&r);
        /* a declared field with a value outside its type: 400 naming it */
        testweb_post(&w, &r, "/langue", "lang=de", 1);
        assert_int_equal(r.status, 400);
        assert_true(testhttp_has(&r, "« lang »"));
        testhttp_free(&r);
        /* text that is not UTF-8 */
        testweb_post(&w, &r, "/langue", "lang=en&next=%C3%28", 1);
        assert_int_equal(r.status, 400);
        assert_true(testhttp_has(&r, "« next »"));
        testhttp_free(&r);

        testenv_office_stop(&t);
        forget_failures();
    }
}

static void
an_error_page_keeps_the_browsers_secret_and_user(void **state)
{
    (void)state;
    /* a browser asks for /favicon.ico between loading a form and sending it */
    struct testoffice t;
    testenv_office_start(&t, "backoffice", offices[BO].needs, &backoffice_office, NULL);
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    testhttp_free(&r);
    char pre[128];
    snprintf(pre, sizeof pre, "%s", testweb_cookie(&w, "_pre"));
    char token[128];
    snprintf(token, sizeof token, "%s", w.csrf);
    testweb_get(&w, &r, "/favicon.ico");
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.head, "_pre="));
    testhttp_free(&r);
    assert_string_equal(pre, testweb_cookie(&w, "_pre"));
    snprintf(w.csrf, sizeof w.csrf, "%s", token); /* the form's, not the 404 page's */
    testweb_post(&w, &r, "/login", "email=" ADMIN_EMAIL "&password=" ADMIN_PASSWORD, 1);
    assert_int_equal(r.status, 303);
    testhttp_free(&r);
    /* logged in, a 404 page still says who is there */
    testweb_get(&w, &r, "/nulle-part");
    assert_int_equal(r.status, 404);
    assert_true(testhttp_has(&r, ADMIN_EMAIL));
    testhttp_free(&r);
    testenv_office_stop(&t);
    forget_failures();
}

static void
a_session_of_another_role_is_refused_with_403(void **state)
{
    (void)state;
    /* an operator's session presented to the back office and the client office */
    struct testoffice op;
    testenv_office_start(&op, "operator-fo", offices[OP].needs, &operator_fo_office, NULL);
    struct testweb w;
    testweb_init(&w, op.port);
    login(&w, &offices[OP]);
    char token[128];
    snprintf(token, sizeof token, "%s", testweb_cookie(&w, "_session"));
    testenv_office_stop(&op);

    for (int i = 0; i < NOFFICES; i += 2) { /* backoffice, client-fo */
        struct testoffice t;
        testenv_office_start(&t, offices[i].service, offices[i].needs, offices[i].office, NULL);
        struct testweb other;
        testweb_init(&other, t.port);
        char name[96];
        snprintf(name, sizeof name, "__Host-pvi_%s_session", offices[i].service);
        testweb_set_cookie(&other, name, token);
        struct testhttp r;
        testweb_get(&other, &r, "/compte");
        assert_int_equal(r.status, 403);
        assert_true(testhttp_has(&r, "Accès refusé"));
        testhttp_free(&r);
        testenv_office_stop(&t);
    }
    forget_failures();
}

/* ---- CSRF ---- */

static void
unsafe_methods_need_this_sessions_fresh_token(void **state)
{
    (void)state;
    const char *env[] = {"PVI_FORM_TTL_S=600", "PVI_SESSION_IDLE_S=86400", NULL};
    for (int i = 0; i < NOFFICES; i++) {
        const struct office *o = &offices[i];
        struct testoffice t;
        testenv_office_start(&t, o->service, o->needs, o->office, env);
        struct testweb a, b;
        testweb_init(&a, t.port);
        testweb_init(&b, t.port);
        login(&a, o);
        login(&b, o);
        struct testhttp r;

        /* missing */
        testweb_post(&a, &r, "/logout", "", 0);
        assert_int_equal(r.status, 403);
        assert_true(testhttp_has(&r, "Formulaire expiré"));
        testhttp_free(&r);
        /* from another session */
        testweb_get(&a, &r, "/compte");
        testhttp_free(&r);
        testweb_get(&b, &r, "/compte");
        testhttp_free(&r);
        char *form = pvi_asprintf("csrf=%s", b.csrf);
        testweb_post(&a, &r, "/logout", form, 0);
        free(form);
        assert_int_equal(r.status, 403);
        testhttp_free(&r);
        /* expired: the page was loaded more than PVI_FORM_TTL_S ago */
        testweb_get(&a, &r, "/compte");
        testhttp_free(&r);
        testenv_clock_advance_s(601);
        testweb_post(&a, &r, "/logout", "", 1);
        assert_int_equal(r.status, 403);
        testhttp_free(&r);
        /* the session itself survived all that: a fresh token logs out */
        testweb_get(&a, &r, "/compte");
        assert_int_equal(r.status, 200);
        testhttp_free(&r);
        testweb_post(&a, &r, "/logout", "", 1);
        assert_int_equal(r.status, 303);
        testhttp_free(&r);
        /* anonymous forms (login) need the browser's own token too */
        struct testweb c;
        testweb_init(&c, t.port);
        char *creds = pvi_asprintf("%s=%s&password=%s", o->id_field, o->id, o->password);
        testweb_post(&c, &r, "/login", creds, 0);
        assert_int_equal(r.status, 403);
        assert_null(testweb_cookie(&c, "_session"));
        testhttp_free(&r);
        free(creds);
        testenv_office_stop(&t);
        forget_failures();
    }
}

/* ---- sessions ---- */

static void
the_session_cookie_is_httponly_samesite_host_prefixed_and_rotated_at_login(void **state)
{
    (void)state;
    for (int i = 0; i < NOFFICES; i++) {
        const struct office *o = &offices[i];
        struct testoffice t;
        testenv_office_start(&t, o->service, o->needs, o->office, NULL);
        struct testweb w;
        testweb_init(&w, t.port);
        struct testhttp r;
        testweb_get(&w, &r, "/login");
        testhttp_free(&r);
        char *form = pvi_asprintf("%s=%s&password=%s", o->id_field, o->id, o->password);
        testweb_post(&w, &r, "/login", form, 1);
        assert_int_equal(r.status, 303);
        char cookie[512];
        assert_non_null(testhttp_header(&r, "Set-Cookie", cookie, sizeof cookie));
        char prefix[96];
        snprintf(prefix, sizeof prefix, "__Host-pvi_%s_session=", o->service);
        assert_non_null(strstr(r.head, prefix));
        const char *line = strstr(r.head, prefix);
        const char *eol = strstr(line, "\r\n");
        char *set = pvi_strndup(line, (size_t)(eol - line));
        assert_non_null(strstr(set, "; Path=/"));
        assert_non_null(strstr(set, "; HttpOnly"));
        assert_non_null(strstr(set, "; SameSite=Lax"));
        assert_non_null(strstr(set, "; Secure"));
        assert_non_null(strstr(set, "; Max-Age="));
        free(set);
        testhttp_free(&r);
        char first[128];
        snprintf(first, sizeof first, "%s", testweb_cookie(&w, "_session"));

        /* a second login from the same browser: a new token, the old one revoked */
        testweb_get(&w, &r, "/login?next=%2Fcompte"); /* logged in: sent on */
        assert_int_equal(r.status, 303);
        testhttp_free(&r);
        testweb_post(&w, &r, "/login", form, 1);
        assert_int_equal(r.status, 303);
        testhttp_free(&r);
        free(form);
        assert_string_not_equal(first, testweb_cookie(&w, "_session"));
        struct testweb old;
        testweb_init(&old, t.port);
        char name[96];
        snprintf(name, sizeof name, "__Host-pvi_%s_session", o->service);
        testweb_set_cookie(&old, name, first);
        expect_login_redirect(&old, "/compte", "/login?next=%2Fcompte");

        /* logout revokes the session: the cookie no longer opens anything */
        char kept[128];
        snprintf(kept, sizeof kept, "%s", testweb_cookie(&w, "_session"));
        testweb_get(&w, &r, "/compte");
        testhttp_free(&r);
        testweb_post(&w, &r, "/logout", "", 1);
        assert_int_equal(r.status, 303);
        expect_header(&r, "Location", "/login");
        testhttp_free(&r);
        assert_null(testweb_cookie(&w, "_session"));
        testweb_set_cookie(&old, name, kept);
        expect_login_redirect(&old, "/", "/login?next=%2F");
        /* and the login page says so, once */
        testweb_get(&w, &r, "/login");
        assert_true(testhttp_has(&r, "Vous êtes déconnecté."));
        testhttp_free(&r);
        testweb_get(&w, &r, "/login");
        assert_false(testhttp_has(&r, "Vous êtes déconnecté."));
        testhttp_free(&r);
        testenv_office_stop(&t);
        forget_failures();
    }
}

static void
plain_http_cookies_are_only_for_loopback(void **state)
{
    (void)state;
    const char *env[] = {"PVI_OFFICE_SCHEME=http", NULL};
    struct testoffice t;
    testenv_office_start(&t, "backoffice", offices[BO].needs, &backoffice_office, env);
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    assert_non_null(strstr(r.head, "Set-Cookie: pvi_backoffice_pre="));
    assert_null(strstr(r.head, "Secure"));
    assert_null(strstr(r.head, "Strict-Transport-Security"));
    testhttp_free(&r);
    testenv_office_stop(&t);
    /* over plain http, an office refuses to listen beyond loopback */
    const char *wide[] = {"PVI_OFFICE_SCHEME=http", "PVI_LISTEN_ADDR=0.0.0.0", NULL};
    char err[4096];
    int status = testenv_run_expect_exit("backoffice", wide, 5000, err, sizeof err);
    assert_int_not_equal(status, 0);
    assert_int_not_equal(status, -1);
    assert_non_null(strstr(err, "PVI_OFFICE_SCHEME"));
}

static void
sessions_end_after_idle_and_absolute_time(void **state)
{
    (void)state;
    const char *env[] = {"PVI_SESSION_IDLE_S=1800", "PVI_SESSION_ABSOLUTE_S=7200", NULL};
    for (int i = 0; i < NOFFICES; i++) {
        const struct office *o = &offices[i];
        struct testoffice t;
        testenv_office_start(&t, o->service, o->needs, o->office, env);
        struct testweb w;
        testweb_init(&w, t.port);
        struct testhttp r;

        /* idle: 29 minutes is fine, then 31 minutes without a request is not */
        login(&w, o);
        testenv_clock_advance_s(29 * 60);
        testweb_get(&w, &r, "/compte");
        assert_int_equal(r.status, 200);
        testhttp_free(&r);
        testenv_clock_advance_s(31 * 60);
        expect_login_redirect(&w, "/compte", "/login?next=%2Fcompte");
        testweb_get(&w, &r, "/login?next=%2Fcompte");
        assert_true(testhttp_has(&r, "Votre session a expiré"));
        testhttp_free(&r);

        /* absolute: active every 20 minutes, the session still ends 2 h after login */
        login(&w, o);
        for (int k = 0; k < 5; k++) { /* 100 minutes */
            testenv_clock_advance_s(20 * 60);
            testweb_get(&w, &r, "/compte");
            assert_int_equal(r.status, 200);
            testhttp_free(&r);
        }
        testenv_clock_advance_s(21 * 60); /* 121 minutes */
        expect_login_redirect(&w, "/compte", "/login?next=%2Fcompte");
        testenv_office_stop(&t);
        forget_failures();
    }
}

static void
failed_logins_are_throttled_with_libpvis_message(void **state)
{
    (void)state;
    for (int i = 0; i < NOFFICES; i++) {
        const struct office *o = &offices[i];
        struct testoffice t;
        testenv_office_start(&t, o->service, o->needs, o->office, NULL);
        struct testweb w;
        testweb_init(&w, t.port);
        struct testhttp r;
        testweb_get(&w, &r, "/login");
        testhttp_free(&r);
        char *bad = pvi_asprintf("%s=%s&password=not-the-password", o->id_field, o->id);
        for (int k = 0; k < PVI_LOGIN_ACCOUNT_THRESHOLD; k++) {
            testweb_post(&w, &r, "/login", bad, 1);
            assert_int_equal(r.status, 422);
            assert_true(testhttp_has(&r, "Identifiant ou mot de passe incorrect."));
            /* the identifier typed is kept, the password is not */
            char *kept = pvi_asprintf("value=\"%s\"", o->id);
            assert_true(testhttp_has(&r, kept));
            free(kept);
            assert_false(testhttp_has(&r, "not-the-password"));
            testhttp_free(&r);
        }
        /* the next one, even with the right password, waits */
        char *good = pvi_asprintf("%s=%s&password=%s", o->id_field, o->id, o->password);
        testweb_post(&w, &r, "/login", good, 1);
        assert_int_equal(r.status, 429);
        assert_true(testhttp_has(&r, "Trop de tentatives de connexion"));
        expect_header(&r, "Retry-After", "60");
        assert_null(testweb_cookie(&w, "_session"));
        testhttp_free(&r);
        free(good);
        free(bad);
        testenv_office_stop(&t);
        forget_failures();
    }
}

static void
a_login_form_shown_again_names_the_faulty_field(void **state)
{
    (void)state;
    struct testoffice t;
    testenv_office_start(&t, "backoffice", offices[BO].needs, &backoffice_office, NULL);
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    testhttp_free(&r);
    testweb_post(&w, &r, "/login", "email=" ADMIN_EMAIL "&password=", 1);
    assert_int_equal(r.status, 422);
    /* the summary links to the field, the field carries its message */
    assert_true(testhttp_has(&r, "href=\"#f-password\""));
    assert_true(testhttp_has(&r, "Le mot de passe est obligatoire."));
    assert_true(testhttp_has(&r, "aria-invalid=\"true\""));
    assert_true(testhttp_has(&r, "value=\"" ADMIN_EMAIL "\""));
    testhttp_free(&r);
    testenv_office_stop(&t);
    forget_failures();
}

/* ---- bodies ---- */

/* A chunked POST of /login whose body is bigger than the limit. */
static char *
chunked_request(int port, const char *content_type, size_t total)
{
    struct pvi_buf b = {0};
    pvi_buf_printf(&b,
                   "POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\n"
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                   port, content_type);
    char chunk[512];
    memset(chunk, 'x', sizeof chunk);
    int multipart = strncmp(content_type, "multipart", 9) == 0;
    const char *start =
        multipart
            ? "--pvi-test-7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n"
            : "email=";
    pvi_buf_printf(&b, "%zx\r\n%s\r\n", strlen(start), start);
    for (size_t sent = 0; sent < total; sent += sizeof chunk) {
        pvi_buf_printf(&b, "%zx\r\n", sizeof chunk);
        pvi_buf_append(&b, chunk, sizeof chunk);
        pvi_buf_puts(&b, "\r\n");
    }
    if (multipart) {
        const char *end = "\r\n--pvi-test-7MA4YWxkTrZu0gW--\r\n";
        pvi_buf_printf(&b, "%zx\r\n%s\r\n", strlen(end), end);
    }
    pvi_buf_puts(&b, "0\r\n\r\n");
    return pvi_buf_steal(&b);
}

static void
bodies_over_the_limit_get_413_across_chunks(void **state)
{
    (void)state;
    const char *env[] = {"PVI_MAX_BODY_BYTES=4096", NULL};
    struct testoffice t;
    testenv_office_start(&t, "client-fo", offices[CL].needs, &client_fo_office, env);
    static const char *const kinds[] = {"application/x-www-form-urlencoded",
                                        "multipart/form-data; boundary=pvi-test-7MA4YWxkTrZu0gW"};
    for (size_t k = 0; k < PVI_COUNT_OF(kinds); k++) {
        /* no Content-Length: only the chunks tell the size */
        char *req = chunked_request(t.port, kinds[k], 8 * 1024);
        struct testhttp r;
        testenv_http_raw(&r, t.port, req, strlen(req));
        if (r.status != 413)
            print_error("%s: %d %s\n", kinds[k], r.status, r.body);
        assert_int_equal(r.status, 413);
        assert_true(testhttp_has(&r, "Envoi trop volumineux"));
        testhttp_free(&r);
        free(req);
        /* under the limit, the same chunked body is read as a form: without
         * its CSRF token, it is refused for that */
        req = chunked_request(t.port, kinds[k], 1024);
        testenv_http_raw(&r, t.port, req, strlen(req));
        if (r.status != 403)
            print_error("%s: %d\n", kinds[k], r.status);
        assert_int_equal(r.status, 403);
        assert_true(testhttp_has(&r, "Formulaire expiré"));
        testhttp_free(&r);
        free(req);
    }
    /* a field over its own limit inside a small body: 413 naming it */
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    testhttp_free(&r);
    char pw[PVI_PASSWORD_MAX_BYTES + 100];
    memset(pw, 'p', sizeof pw - 1);
    pw[sizeof pw - 1] = '\0';
    char *form = pvi_asprintf("customer_number=%s&password=%s", CLIENT_NUMBER, pw);
    testweb_post(&w, &r, "/login", form, 1);
    assert_int_equal(r.status, 413);
    assert_true(testhttp_has(&r, "« password »"));
    testhttp_free(&r);
    free(form);
    testenv_office_stop(&t);
    forget_failures();
}

/* ---- headers, languages, redirects ---- */

static void
check_security_headers(const struct testhttp *r, int status)
{
    if (r->status != status)
        print_error("expected %d, got %d\n", status, r->status);
    assert_int_equal(r->status, status);
    expect_header(r, "Content-Security-Policy",
                  "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    expect_header(r, "X-Content-Type-Options", "nosniff");
    expect_header(r, "Referrer-Policy", "same-origin");
    expect_header(r, "X-Frame-Options", "DENY");
    expect_header(r, "Cache-Control", "no-store");
}

static void
every_status_carries_the_security_headers(void **state)
{
    (void)state;
    const char *env[] = {"PVI_MAX_BODY_BYTES=2048", NULL};
    struct testoffice t;
    testenv_office_start(&t, "backoffice", offices[BO].needs, &backoffice_office, env);
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    check_security_headers(&r, 200);
    testhttp_free(&r);
    testweb_get(&w, &r, "/");
    check_security_headers(&r, 303);
    testhttp_free(&r);
    testweb_get(&w, &r, "/login?x=1");
    check_security_headers(&r, 400);
    testhttp_free(&r);
    testweb_post(&w, &r, "/logout", "", 0);
    check_security_headers(&r, 303); /* anonymous: to the login page first */
    testhttp_free(&r);
    testweb_post(&w, &r, "/langue", "lang=en", 0);
    check_security_headers(&r, 403);
    testhttp_free(&r);
    testweb_get(&w, &r, "/nulle-part");
    check_security_headers(&r, 404);
    testhttp_free(&r);
    testenv_http(&r, t.port, "PUT", "/", NULL, "", 0);
    check_security_headers(&r, 405);
    testhttp_free(&r);
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    testweb_post(&w, &r, "/login", big, 1);
    check_security_headers(&r, 413);
    testhttp_free(&r);
    testweb_get(&w, &r, "/login");
    testhttp_free(&r);
    testweb_post(&w, &r, "/login", "email=" ADMIN_EMAIL "&password=wrong", 1);
    check_security_headers(&r, 422);
    testhttp_free(&r);
    for (int k = 1; k < PVI_LOGIN_ACCOUNT_THRESHOLD; k++) {
        testweb_post(&w, &r, "/login", "email=" ADMIN_EMAIL "&password=wrong", 1);
        testhttp_free(&r);
    }
    testweb_post(&w, &r, "/login", "email=" ADMIN_EMAIL "&password=wrong", 1);
    check_security_headers(&r, 429);
    testhttp_free(&r);
    forget_failures();
    login(&w, &offices[BO]);
    testenv_services("stop", "pg");
    testweb_get(&w, &r, "/compte");
    check_security_headers(&r, 503);
    assert_true(testhttp_has(&r, "Service indisponible"));
    testhttp_free(&r);
    testenv_services("start", "pg");
    assert_int_equal(testenv_wait_status(t.port, "/readyz", 200, 15000), 200);
    /* the static files are the only ones that may be cached */
    testweb_get(&w, &r, "/compte");
    const char *css = strstr(r.body, "/_static/office.");
    if (css == NULL)
        print_error("%d %s\n", r.status, r.body);
    assert_non_null(css);
    char path[64];
    snprintf(path, sizeof path, "%.*s", (int)strcspn(css, "\""), css);
    testhttp_free(&r);
    testweb_get(&w, &r, path);
    assert_int_equal(r.status, 200);
    expect_header(&r, "Content-Type", "text/css; charset=utf-8");
    expect_header(&r, "Cache-Control", "public, max-age=31536000, immutable");
    expect_header(&r, "X-Content-Type-Options", "nosniff");
    testhttp_free(&r);
    testenv_office_stop(&t);
    forget_failures();
}

static void
pages_speak_the_language_chosen_then_the_browsers(void **state)
{
    (void)state;
    struct testoffice t;
    testenv_office_start(&t, "operator-fo", offices[OP].needs, &operator_fo_office, NULL);
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/login");
    assert_true(testhttp_has(&r, "<html lang=\"fr\""));
    assert_true(testhttp_has(&r, "Se connecter"));
    testhttp_free(&r);
    snprintf(w.extra, sizeof w.extra, "Accept-Language: en-GB,en;q=0.9,fr;q=0.5\r\n");
    testweb_get(&w, &r, "/login");
    assert_true(testhttp_has(&r, "<html lang=\"en\""));
    assert_true(testhttp_has(&r, "Log in"));
    testhttp_free(&r);
    /* the user's choice wins over the browser's */
    testweb_post(&w, &r, "/langue", "lang=fr&next=%2Flogin", 1);
    assert_int_equal(r.status, 303);
    expect_header(&r, "Location", "/login");
    testhttp_free(&r);
    testweb_get(&w, &r, "/login");
    assert_true(testhttp_has(&r, "<html lang=\"fr\""));
    testhttp_free(&r);
    /* error pages too */
    testweb_post(&w, &r, "/langue", "lang=en", 1);
    testhttp_free(&r);
    testweb_get(&w, &r, "/nowhere");
    assert_int_equal(r.status, 404);
    assert_true(testhttp_has(&r, "Page not found"));
    testhttp_free(&r);
    testenv_office_stop(&t);
}

static void
redirects_after_login_stay_on_the_site(void **state)
{
    (void)state;
    static const struct {
        const char *next, *location;
    } rows[] = {
        {"%2Fcompte", "/compte"},
        {"%2F%2Fevil.example%2F", "/"},
        {"https%3A%2F%2Fevil.example%2F", "/"},
        {"%2F%5Cevil.example", "/"},
        {"%2Flogin", "/"},
    };
    struct testoffice t;
    testenv_office_start(&t, "client-fo", offices[CL].needs, &client_fo_office, NULL);
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++) {
        struct testweb w;
        testweb_init(&w, t.port);
        struct testhttp r;
        char *path = pvi_asprintf("/login?next=%s", rows[i].next);
        testweb_get(&w, &r, path);
        testhttp_free(&r);
        free(path);
        char *form = pvi_asprintf(
            "customer_number=" CLIENT_NUMBER "&password=" CLIENT_PASSWORD "&next=%s", rows[i].next);
        testweb_post(&w, &r, "/login", form, 1);
        free(form);
        assert_int_equal(r.status, 303);
        expect_header(&r, "Location", rows[i].location);
        testhttp_free(&r);
    }
    testenv_office_stop(&t);
    forget_failures();
}

/* ---- a test office: every view component, and uploads ---- */

/* GET /composants — a form with every component built from data, shown
 * again with errors on a slot of the hours and on a repeated row. */
static void
components_page(struct pvi_http_request *req)
{
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_HOME_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    struct pvi_vnode *f = pvi_view_form(v, m, "c", "/composants", "post");
    pvi_view_select_list(v, f, "kind", PVI_MSG_UI_LANGUAGE, PVI_REF_PHONE_KIND, "mobile", 0,
                         PVI_MSG_UI_NONE_CHOSEN);
    pvi_view_select_activity(v, f, "activity", PVI_MSG_UI_LANGUAGE, "Plombier",
                             PVI_MSG_UI_NONE_CHOSEN);
    json_t *paid = json_pack("[s,s]", "cb", "especes");
    pvi_view_checkboxes_list(v, f, "payment_methods", PVI_MSG_UI_LANGUAGE, PVI_REF_PAYMENT, paid);
    json_decref(paid);
    json_t *hours = json_pack("{s:[{s:s,s:s},{s:s,s:s}]}", "mon", "open", "09:00", "close", "12:00",
                              "open", "11:00", "close", "18:00");
    pvi_view_hours(v, f, "hours", PVI_MSG_UI_LANGUAGE, hours, 2);
    json_decref(hours);
    struct pvi_vnode *rep = pvi_view_repeat(v, f, "phones", PVI_MSG_UI_LANGUAGE);
    for (size_t i = 0; i < 2; i++) {
        struct pvi_vnode *row = pvi_view_repeat_row(v, rep, i, PVI_MSG_UI_HOME_HELLO);
        char name[32];
        snprintf(name, sizeof name, "phones.%zu.number", i);
        pvi_view_field(v, row, "text", name, PVI_MSG_UI_LANGUAGE, "tel", i ? "06 12" : "02 99");
        pvi_view_repeat_remove(v, row, PVI_MSG_UI_LOGOUT);
    }
    pvi_view_repeat_add(v, rep, PVI_MSG_UI_LOGIN_SUBMIT);
    pvi_view_submit(v, pvi_view_actions(f), PVI_MSG_UI_LOGIN_SUBMIT, "primary");
    struct pvi_errors errs = {0};
    pvi_errors_add_msg(&errs, "hours.mon.1", PVI_HOURS_OVERLAP, PVI_MSG_HOURS_SLOT_OVERLAP, NULL);
    pvi_errors_add(&errs, "phones.1.number", PVI_BAD_PHONE);
    pvi_errors_add(&errs, "nowhere", PVI_BAD_VALUE); /* no such field: form level */
    pvi_view_form_errors(v, f, &errs);
    pvi_errors_clear(&errs);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_HOME_TITLE);
    pvi_view_column(v, t, "name", PVI_MSG_UI_ACCOUNT_IDENTIFIER, "?sort=name&dir=desc", "asc", 0);
    pvi_view_column(v, t, "n", PVI_MSG_UI_ACCOUNT_ROLE, NULL, NULL, 1);
    struct pvi_vnode *row = pvi_view_row(t);
    pvi_view_cell(row, "Martin <&> fils", "/sites/1");
    pvi_view_cell(row, "12", NULL);
    pvi_view_paging(v, m, "?before=3", "?after=9", PVI_MSG_UI_HOME_HELLO, "name", "51–100", NULL);
    pvi_view_reply(req, v, 200);
}

static const struct pvi_http_field upload_fields[] = {
    {.name = "photo", .type = PVI_FIELD_FILE, .flags = PVI_FIELD_REQUIRED, .max_bytes = 1000},
    {.name = "caption", .type = PVI_FIELD_TEXT, .max_bytes = 100},
};

/* POST /envoi — says what it received, and where the file was. */
static void
upload(struct pvi_http_request *req)
{
    const struct pvi_http_upload *u = pvi_http_file(req, "photo");
    struct stat st;
    char *text = pvi_asprintf("size=%zu stat=%lld name=%s type=%s caption=%s path=%s\n", u->size,
                              stat(u->path, &st) == 0 ? (long long)st.st_size : -1LL, u->filename,
                              u->content_type, pvi_http_field(req, "caption"), u->path);
    pvi_http_reply_text(req, 200, "text/plain; charset=utf-8", text);
    free(text);
}

#define ANYONE .auth = PVI_AUTH_SESSION
/* clang-format off */
static const struct pvi_http_route test_routes[] = {
    {.method = "GET",  .path = "/composants", .handler = components_page, ANYONE},
    {.method = "POST", .path = "/envoi",      .handler = upload, ANYONE, PVI_FIELDS(upload_fields),
     .max_body_bytes = 64 * 1024},
};
/* clang-format on */
static const struct pvi_office test_office = {
    .name = "backoffice",
    .title = PVI_MSG_UI_OFFICE_BACKOFFICE,
    .realm = PVI_REALM_ADMINS,
    .routes = test_routes,
    .nroutes = PVI_COUNT_OF(test_routes),
};

static void
views_built_from_data_carry_every_component_and_its_errors(void **state)
{
    (void)state;
    struct testoffice t;
    testenv_office_start(&t, "backoffice", offices[BO].needs, &test_office, NULL);
    struct testweb w;
    testweb_init(&w, t.port);
    login(&w, &offices[BO]);
    struct testhttp r;
    testweb_get(&w, &r, "/composants");
    assert_int_equal(r.status, 200);
    static const char *const want[] = {
        /* a select of a reference list, its entry selected, an empty first choice */
        "<option value=\"mobile\" selected",
        "<option value=\"\">(aucun)</option>",
        /* the activities, by their labels */
        "<option value=\"Plombier\" selected",
        /* checkbox group of a list, the content's codes checked */
        "name=\"payment_methods\" value=\"cb\" checked",
        "Espèces",
        /* the hours grid: the content's slots and an empty one */
        "name=\"hours.mon.0.open\"",
        "value=\"09:00\"",
        "name=\"hours.tue.1.close\"",
        /* the error of slot mon.1 next to it and in the summary */
        "href=\"#f-hours.mon.1.open\"",
        "Cette plage horaire chevauche la précédente.",
        /* repeated rows: fields, remove and add buttons, the row's error */
        "name=\"phones.1.number\"",
        "value=\"phones.1\"",
        "name=\"_add\"",
        "href=\"#f-phones.1.number\"",
        /* an error of no field: at the top of the form */
        "Valeur invalide.",
        /* table: sort link, sorted column, escaped data, link cell, numeric column */
        "aria-sort=\"ascending\"",
        "?sort=name&amp;dir=desc",
        "Martin &lt;&amp;&gt; fils",
        "href=\"/sites/1\"",
        "href=\"?before=3\"",
        "href=\"?after=9\"",
        "Bonjour 51–100",
    };
    for (size_t i = 0; i < PVI_COUNT_OF(want); i++) {
        if (!testhttp_has(&r, want[i]))
            print_error("missing: %s\n", want[i]);
        assert_true(testhttp_has(&r, want[i]));
    }
    testhttp_free(&r);

    /* an upload: stored in a temporary file for the handler, removed after */
    testweb_get(&w, &r, "/composants"); /* a token of this session */
    testhttp_free(&r);
    static const char photo[] = "\x89PNG\r\n\x1a\n fake image bytes";
    struct pvi_buf body = {0};
    pvi_buf_printf(
        &body,
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nLa "
        "vitrine\r\n"
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"photo\"; "
        "filename=\"v.png\"\r\n"
        "Content-Type: image/png\r\n\r\n",
        w.csrf);
    pvi_buf_append(&body, photo, sizeof photo - 1);
    pvi_buf_puts(&body, "\r\n--pvi-test-boundary-0gW--\r\n");
    char headers[1024];
    snprintf(
        headers, sizeof headers,
        "Content-Type: multipart/form-data; boundary=pvi-test-boundary-0gW\r\nCookie: %s=%s\r\n",
        "__Host-pvi_backoffice_session", testweb_cookie(&w, "_session"));
    testenv_http(&r, t.port, "POST", "/envoi", headers, body.data, body.len);
    if (r.status != 200)
        print_error("%d %s\n", r.status,
                    strstr(r.body, "<main") ? strstr(r.body, "<main") : r.body);
    assert_int_equal(r.status, 200);
    char expect[128];
    snprintf(expect, sizeof expect,
             "size=%zu stat=%zu name=v.png type=image/png caption=La vitrine", sizeof photo - 1,
             sizeof photo - 1);
    assert_non_null(strstr(r.body, expect));
    const char *p = strstr(r.body, "path=");
    assert_non_null(p);
    char path[256];
    snprintf(path, sizeof path, "%.*s", (int)strcspn(p + 5, "\n"), p + 5);
    testhttp_free(&r);
    assert_int_not_equal(access(path, F_OK), 0); /* gone with the request */

    /* a file over its own limit: 413 naming it */
    struct pvi_buf big = {0};
    pvi_buf_printf(
        &big,
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"photo\"; "
        "filename=\"b.png\"\r\n"
        "Content-Type: image/png\r\n\r\n",
        w.csrf);
    for (int i = 0; i < 2000; i++)
        pvi_buf_append(&big, "x", 1);
    pvi_buf_puts(&big, "\r\n--pvi-test-boundary-0gW--\r\n");
    testenv_http(&r, t.port, "POST", "/envoi", headers, big.data, big.len);
    assert_int_equal(r.status, 413);
    assert_true(testhttp_has(&r, "« photo »"));
    testhttp_free(&r);
    /* a text where a file is declared, and the file missing: 400 naming it */
    struct pvi_buf text = {0};
    pvi_buf_printf(
        &text,
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
        "--pvi-test-boundary-0gW\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nnot a "
        "file\r\n"
        "--pvi-test-boundary-0gW--\r\n",
        w.csrf);
    testenv_http(&r, t.port, "POST", "/envoi", headers, text.data, text.len);
    assert_int_equal(r.status, 400);
    assert_true(testhttp_has(&r, "« photo »"));
    testhttp_free(&r);
    pvi_buf_free(&text);
    pvi_buf_free(&big);
    pvi_buf_free(&body);
    testenv_office_stop(&t);
    forget_failures();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_office_refuses_what_it_does_not_serve),
        cmocka_unit_test(an_error_page_keeps_the_browsers_secret_and_user),
        cmocka_unit_test(a_session_of_another_role_is_refused_with_403),
        cmocka_unit_test(unsafe_methods_need_this_sessions_fresh_token),
        cmocka_unit_test(
            the_session_cookie_is_httponly_samesite_host_prefixed_and_rotated_at_login),
        cmocka_unit_test(plain_http_cookies_are_only_for_loopback),
        cmocka_unit_test(sessions_end_after_idle_and_absolute_time),
        cmocka_unit_test(failed_logins_are_throttled_with_libpvis_message),
        cmocka_unit_test(a_login_form_shown_again_names_the_faulty_field),
        cmocka_unit_test(bodies_over_the_limit_get_413_across_chunks),
        cmocka_unit_test(every_status_carries_the_security_headers),
        cmocka_unit_test(pages_speak_the_language_chosen_then_the_browsers),
        cmocka_unit_test(redirects_after_login_stay_on_the_site),
        cmocka_unit_test(views_built_from_data_carry_every_component_and_its_errors),
    };
    return cmocka_run_group_tests_name("web", tests, setup, NULL);
}
