/* test_bo_edit_refusals.c — every route of the back office's editing
 * pages: allowed for an admin; 403 for an operator's or a client's session;
 * 303 to /login for nobody; 403 for a POST without CSRF or with another
 * session's token, nothing written; 404 for an unknown id; 400 naming an
 * undeclared or malformed field. */
#include "bo_edit_env.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- refusals ---- */

static const struct route {
    const char *method;
    const char *path; /* {id}: an existing id */
    const char *body; /* POST: a valid body (without csrf) */
} routes[] = {
    {"GET", "/clients/nouveau", NULL},
    {"POST", "/clients/nouveau", "customer_number=PJ40000001&company_name=X&siret=73282932000074"
                                 "&email=a%40b.fr&phone=0299123456"},
    {"GET", "/clients/{id}", NULL},
    {"GET", "/sites/nouveau?client={id}", NULL},
    {"POST", "/sites/nouveau", "client={id}&slug=refus"},
    {"GET", "/sites/{id}/modifier", NULL},
    {"POST", "/sites/{id}/modifier", "version=1&business_name=X"},
};

/* tmpl with "{id}" replaced by id. */
static void
subst(char *out, size_t cap, const char *tmpl, long long id)
{
    const char *at = strstr(tmpl, "{id}");
    if (at == NULL)
        snprintf(out, cap, "%s", tmpl);
    else
        snprintf(out, cap, "%.*s%lld%s", (int)(at - tmpl), tmpl, id, at + 4);
}

static void
send(struct testweb *w, struct testhttp *r, const struct route *rt, long long id, int with_csrf)
{
    char path[96];
    subst(path, sizeof path, rt->path, id);
    if (strcmp(rt->method, "GET") == 0) {
        testweb_get(w, r, path);
        return;
    }
    char body[256];
    subst(body, sizeof body, rt->body, id);
    testweb_post(w, r, path, body, with_csrf);
}

static void
every_route_refuses_other_roles_anonymous_users_and_forged_forms(void **state)
{
    (void)state;
    long long site = make_site(NULL);
    for (size_t i = 0; i < PVI_COUNT_OF(routes); i++) {
        const struct route *rt = &routes[i];
        long long id = strstr(rt->path, "sites/{id}") ? site : client_id;
        struct testhttp r;
        /* anonymous: to the login page, keeping where a GET was going */
        struct testweb anon;
        testweb_init(&anon, bo.port);
        testweb_get(&anon, &r, "/login");
        testhttp_free(&r);
        send(&anon, &r, rt, id, 1);
        expect_status(&r, 303);
        char buf[256];
        assert_non_null(testhttp_header(&r, "Location", buf, sizeof buf));
        if (strcmp(rt->method, "GET") == 0)
            assert_true(strncmp(buf, "/login?next=%2F", 15) == 0);
        else
            assert_string_equal(buf, "/login");
        testhttp_free(&r);
        /* an operator's and a client's sessions: 403 */
        const char *tokens[] = {op_token, client_token};
        for (int k = 0; k < 2; k++) {
            struct testweb other;
            testweb_init(&other, bo.port);
            testweb_set_cookie(&other, "__Host-pvi_backoffice_session", tokens[k]);
            send(&other, &r, rt, id, 0);
            expect_status(&r, 403);
            testhttp_free(&r);
        }
        if (strcmp(rt->method, "POST") == 0) {
            /* no token, another session's token: 403, nothing written */
            struct testweb a, b;
            admin(&a);
            admin(&b);
            char *before = testenv_sql("SELECT count(*) || ' ' || (SELECT count(*) FROM sites)"
                                       " || ' ' || (SELECT sum(version) FROM sites) FROM clients");
            send(&a, &r, rt, id, 0);
            expect_status(&r, 403);
            testhttp_free(&r);
            testweb_get(&b, &r, "/compte");
            testhttp_free(&r);
            snprintf(a.csrf, sizeof a.csrf, "%s", b.csrf);
            testweb_get(&a, &r, "/nulle-part"); /* a's page, b's token kept below */
            testhttp_free(&r);
            snprintf(a.csrf, sizeof a.csrf, "%s", b.csrf);
            send(&a, &r, rt, id, 1);
            expect_status(&r, 403);
            testhttp_free(&r);
            char *after = testenv_sql("SELECT count(*) || ' ' || (SELECT count(*) FROM sites)"
                                      " || ' ' || (SELECT sum(version) FROM sites) FROM clients");
            assert_string_equal(before, after);
            free(before);
            free(after);
        }
    }
}

static void
unknown_ids_are_404_and_bad_fields_400(void **state)
{
    (void)state;
    long long site = make_site(NULL);
    struct testweb w;
    admin(&w);
    struct testhttp r;
    static const char *const missing[] = {"/clients/987654", "/sites/987654/modifier",
                                          "/sites/nouveau?client=987654"};
    for (size_t i = 0; i < PVI_COUNT_OF(missing); i++) {
        testweb_get(&w, &r, missing[i]);
        expect_status(&r, 404);
        testhttp_free(&r);
    }
    testweb_get(&w, &r, "/compte");
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites/987654/modifier", "version=1", 1);
    expect_status(&r, 404);
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites/nouveau", "client=987654&slug=perdu", 1);
    expect_status(&r, 404);
    testhttp_free(&r);

    char path[96];
    struct {
        const char *method, *path, *body, *field;
    } bad[] = {
        {"GET", "/clients/nouveau?admin=1", NULL, "admin"},
        {"GET", "/sites/nouveau", NULL, "client"},
        {"GET", "/sites/nouveau?client=abc", NULL, "client"},
        {"GET", "/sites/{id}/modifier?version=1", NULL, "version"},
        {"POST", "/sites/{id}/modifier", "version=abc&business_name=X", "version"},
        {"POST", "/sites/{id}/modifier", "business_name=X", "version"},
        {"POST", "/sites/{id}/modifier", "version=1&photos.0.media=x", "photos.0.media"},
        {"POST", "/sites/{id}/modifier", "version=1&_add=pas%20un%20jeton", "_add"},
        {"POST", "/clients/nouveau", "customer_number=PJ1&role=admin", "role"},
        {"POST", "/sites/nouveau", "client=0&slug=x", "client"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++) {
        subst(path, sizeof path, bad[i].path, site);
        if (strcmp(bad[i].method, "GET") == 0) {
            testweb_get(&w, &r, path);
        } else {
            struct testhttp page;
            testweb_get(&w, &page, "/compte");
            testhttp_free(&page);
            testweb_post(&w, &r, path, bad[i].body, 1);
        }
        char named[96];
        snprintf(named, sizeof named, "« %s »", bad[i].field);
        if (r.status != 400 || !testhttp_has(&r, named))
            print_error("%s %s: %d\n", bad[i].method, path, r.status);
        expect_status(&r, 400);
        testhttp_expect_has(&r, named);
        testhttp_free(&r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_route_refuses_other_roles_anonymous_users_and_forged_forms),
        cmocka_unit_test(unknown_ids_are_404_and_bad_fields_400),
    };
    return cmocka_run_group_tests_name("bo_edit_refusals", tests, setup, teardown);
}
