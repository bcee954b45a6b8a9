/* test_bo_charters.c — the back office's charters pages, served in this
 * process (data: bo_fixture.h): the charters and their description, a site
 * chosen by slug or number with a preview link per charter, an unknown one
 * (404, the input kept); the preview of a site in each charter (its business
 * name, the banner and title naming the charter, the charter's CSS linked
 * and served, the preview's own CSP, the site's links kept in the preview,
 * another page of the site, a page it does not have, a site with nothing to
 * show). Refusals of these routes are in test_bo_ops.c. */
#include "bo_fixture.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const charters[] = {"classique", "azur", "terroir"};
static const char *const labels[] = {"Classique", "Azur", "Terroir"}; /* schema 001 */

static void
the_charters_page_lists_them_and_links_a_sites_previews(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    get(&w, &r, "/chartes", 200);
    assert_true(testhttp_has(&r, "Azur"));
    assert_true(testhttp_has(&r, "Aéré et lumineux"));
    assert_true(testhttp_has(&r, "id=\"charte-site\""));
    assert_false(testhttp_has(&r, "/apercu/"));
    testhttp_free(&r);
    /* by slug and by number: a preview link per charter */
    char *by_id = pvi_asprintf("/chartes?site=%lld", alpha);
    const char *paths[] = {"/chartes?site=boulangerie-alpha", by_id};
    for (size_t k = 0; k < 2; k++) {
        get(&w, &r, paths[k], 200);
        assert_true(testhttp_has(&r, "Boulangerie Alpha"));
        for (size_t i = 0; i < PVI_COUNT_OF(charters); i++) {
            char *href = pvi_asprintf("href=\"/chartes/%s/apercu/%lld/\"", charters[i], alpha);
            assert_true(testhttp_has(&r, href));
            free(href);
        }
        testhttp_free(&r);
    }
    free(by_id);
    /* an unknown site: 404, the input kept, the field marked */
    get(&w, &r, "/chartes?site=nulle-part", 404);
    assert_true(testhttp_has(&r, "value=\"nulle-part\""));
    assert_true(testhttp_has(&r, "f-site-error"));
    assert_true(testhttp_has(&r, "Aucun site ne porte ce numéro"));
    testhttp_free(&r);
}

static void
a_site_previews_in_each_charter_with_its_css(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    for (size_t i = 0; i < PVI_COUNT_OF(charters); i++) {
        struct testhttp r;
        char *path = pvi_asprintf("/chartes/%s/apercu/%lld/", charters[i], alpha);
        get(&w, &r, path, 200);
        assert_true(testhttp_has(&r, "Boulangerie Alpha"));
        assert_true(testhttp_has(&r, "class=\"pvi-preview\""));
        char *banner = pvi_asprintf("Aperçu dans la charte %s", labels[i]);
        assert_true(testhttp_has(&r, banner)); /* in the banner and the title */
        assert_int_equal(count_of(&r, banner), 2);
        free(banner);
        char *body_class = pvi_asprintf("<body class=\"%s ", charters[i]);
        assert_true(testhttp_has(&r, body_class));
        free(body_class);
        /* the charter's CSS, linked and served here */
        char *css = pvi_asprintf("href=\"/_charte/%s.", charters[i]);
        const char *at = strstr(r.body, css);
        assert_non_null(at);
        char href[128];
        at += strlen("href=\"");
        snprintf(href, sizeof href, "%.*s", (int)strcspn(at, "\""), at);
        free(css);
        /* its own policy: the CSS and nothing else; never framed */
        char csp[256];
        assert_non_null(testhttp_header(&r, "Content-Security-Policy", csp, sizeof csp));
        assert_non_null(strstr(csp, "style-src 'self'"));
        assert_non_null(strstr(csp, "frame-ancestors 'none'"));
        assert_null(strstr(csp, "script-src"));
        /* the site's own links stay in the preview */
        char *home = pvi_asprintf("href=\"/chartes/%s/apercu/%lld/\"", charters[i], alpha);
        assert_true(testhttp_has(&r, home));
        free(home);
        testhttp_free(&r);
        struct testhttp c;
        get(&w, &c, href, 200);
        char type[64];
        assert_string_equal(testhttp_header(&c, "Content-Type", type, sizeof type),
                            "text/css; charset=utf-8");
        assert_true(testhttp_has(&c, ".pvi-preview"));
        testhttp_free(&c);
        /* the contact page too; a page no site has is not found */
        char *contact = pvi_asprintf("/chartes/%s/apercu/%lld/contact", charters[i], alpha);
        get(&w, &r, contact, 200);
        assert_true(testhttp_has(&r, "Rennes"));
        testhttp_free(&r);
        free(contact);
        char *nowhere = pvi_asprintf("/chartes/%s/apercu/%lld/nulle-part", charters[i], alpha);
        get(&w, &r, nowhere, 404);
        testhttp_free(&r);
        free(nowhere);
        free(path);
    }
    /* a site with nothing to show yet */
    char *path = pvi_asprintf("/chartes/azur/apercu/%lld/", empty_site);
    struct testhttp r;
    get(&w, &r, path, 422);
    testhttp_free(&r);
    free(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_charters_page_lists_them_and_links_a_sites_previews),
        cmocka_unit_test(a_site_previews_in_each_charter_with_its_css),
    };
    return cmocka_run_group_tests(tests, bo_fixture_setup, bo_fixture_teardown);
}
