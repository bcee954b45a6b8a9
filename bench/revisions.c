/* revisions.c — pvi-bench-revisions: gives one site a history of N
 * revisions for the back office's benchmark (its page, its diff, its edit
 * form), through libpvi's own edit operation: each edit changes the tagline
 * and the description of the site's working content, as the system.
 *   pvi-bench-revisions SITE_ID N           (PVI_DB_URL from the environment) */
#include "pvi/pvi_db.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s SITE_ID N\n", argv[0]);
        return 2;
    }
    long long id = atoll(argv[1]);
    int n = atoi(argv[2]);
    const char *url = getenv("PVI_DB_URL");
    struct pvi_db *db = NULL;
    if (url == NULL || pvi_db_open(&db, url, 2, 30000) != PVI_OK) {
        fprintf(stderr, "cannot open the database (PVI_DB_URL)\n");
        return 1;
    }
    const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "pvi-bench-revisions"};
    int status = 0;
    for (int i = 1; i <= n && status == 0; i++) {
        struct pvi_site *s = NULL;
        if (pvi_site_get(&s, db, &sys, id) != PVI_OK) {
            fprintf(stderr, "site %lld not found\n", id);
            status = 1;
            break;
        }
        json_t *c = json_deep_copy(pvi_site_working_content(s));
        char tagline[64], text[160];
        snprintf(tagline, sizeof tagline, "Depuis 1987, édition %d", i);
        snprintf(text, sizeof text,
                 "Une équipe à votre écoute, du lundi au samedi. Révision %d de la description.", i);
        json_object_set_new(c, "tagline", json_string(tagline));
        json_object_set_new(c, "description", json_string(text));
        struct pvi_edit_result res;
        struct pvi_errors errs = {0};
        struct pvi_edit_opts opts = {.note = "bench"};
        enum pvi_code rc = pvi_site_edit(&res, db, &sys, id, s->version, c, &opts, &errs);
        if (rc != PVI_OK) {
            fprintf(stderr, "edit %d of site %lld: %s\n", i, id, pvi_code_name(rc));
            status = 1;
        }
        pvi_errors_clear(&errs);
        json_decref(c);
        pvi_site_free(s);
    }
    pvi_db_close(db);
    return status;
}
