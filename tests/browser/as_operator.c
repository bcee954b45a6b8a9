/* as_operator.c — pvi-test-as-operator: what an operator does with a site
 * assigned to them, for the browser tests of the back office until the
 * operators' office has its pages: through libpvi, as that operator, fills
 * the site's content in (the demo's showcase content under the site's own
 * business name, charter and domains kept) and submits it for review.
 *   pvi-test-as-operator SLUG UID          (PVI_DB_URL from the environment)
 * Prints the site's new version; exits 1 with libpvi's code on a refusal. */
#include "pvi/pvi_db.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int
refused(const char *what, enum pvi_code rc)
{
    fprintf(stderr, "pvi-test-as-operator: %s: %s\n", what, pvi_code_name(rc));
    return 1;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s SLUG UID\n", argv[0]);
        return 2;
    }
    const char *url = getenv("PVI_DB_URL");
    struct pvi_db *db = NULL;
    if (url == NULL || pvi_db_open(&db, url, 2, 30000) != PVI_OK)
        return refused("database (PVI_DB_URL)", PVI_UNAVAILABLE);
    const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "pvi-test-as-operator"};
    struct pvi_actor op = {.role = PVI_ROLE_OPERATOR, .label = argv[2]};
    struct pvi_site *site = NULL;
    int status = 0;
    enum pvi_code rc = pvi_operator_lookup(&op.id, db, &sys, argv[2]);
    if (rc != PVI_OK)
        status = refused("operator", rc);
    if (status == 0 && (rc = pvi_site_get_by_slug(&site, db, &op, argv[1])) != PVI_OK)
        status = refused("site", rc);
    if (status == 0) {
        json_t *content = pvi_seed_demo_content();
        const json_t *now = pvi_site_working_content(site);
        static const char *const kept[] = {"business_name", "charter", "domains"};
        for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
            json_t *v = json_object_get(now, kept[i]);
            if (v)
                json_object_set(content, kept[i], v);
            else
                json_object_del(content, kept[i]);
        }
        struct pvi_edit_result res;
        struct pvi_edit_opts opts = {.note = "Fiche complétée au téléphone"};
        struct pvi_errors errs = {0};
        rc = pvi_site_edit(&res, db, &op, site->id, site->version, content, &opts, &errs);
        for (size_t i = 0; i < errs.n; i++)
            fprintf(stderr, "  %s: %s\n", errs.v[i].path, pvi_code_name(errs.v[i].code));
        pvi_errors_clear(&errs);
        json_decref(content);
        int version = res.version;
        if (rc != PVI_OK)
            status = refused("edit", rc);
        else if ((rc = pvi_site_transition(&version, db, &op, site->id, version, PVI_TR_SUBMIT,
                                           NULL, NULL)) != PVI_OK)
            status = refused("submit", rc);
        else
            printf("%d\n", version);
    }
    pvi_site_free(site);
    pvi_db_close(db);
    return status;
}
