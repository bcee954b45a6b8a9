/* cmd_import.c — pvictl import FILE.jsonl: one client and its site per
 * line, each through libpvi's rules; bad lines are reported and skipped. */
#include "pvictl.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* import FILE: one JSON object per line,
 *   {"client": {"number","company","siret","email","phone"},
 *    "site": {"slug", "content": {…}}}
 * Each line is applied on its own; errors are reported with the line number
 * and the import goes on. Exit status 1 when any line failed. */
int
pvictl_cmd_import(struct ctx *c, int argc, char **argv)
{
    if (argc < 2 || pvictl_open_db(c)) {
        fprintf(stderr, "usage: pvictl import FILE.jsonl\n");
        return 2;
    }
    FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, ok = 0, failed = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[strspn(line, " \t\r\n")] == '\0')
            continue;
        json_error_t jerr;
        json_t *j = json_loads(line, 0, &jerr);
        if (j == NULL) {
            fprintf(stderr, "line %d: invalid JSON: %s\n", lineno, jerr.text);
            failed++;
            continue;
        }
        struct pvi_errors e = {0};
        enum pvi_code rc = PVI_OK;
        long long client = 0;
        json_t *cl = json_object_get(j, "client");
        const char *number = json_string_value(json_object_get(cl, "number"));
        if (pvi_client_lookup(&client, c->db, &c->actor, number) != PVI_OK) {
            struct pvi_client_new in = {
                .customer_number = number,
                .company_name = json_string_value(json_object_get(cl, "company")),
                .siret = json_string_value(json_object_get(cl, "siret")),
                .email = json_string_value(json_object_get(cl, "email")),
                .phone = json_string_value(json_object_get(cl, "phone")),
            };
            rc = pvi_client_create(&client, c->db, &c->actor, &in, &e);
        }
        json_t *site = json_object_get(j, "site");
        if (rc == PVI_OK && site) {
            struct pvi_site_new in = {.client_id = client,
                                      .slug = json_string_value(json_object_get(site, "slug")),
                                      .content = json_object_get(site, "content"),
                                      .note = "Import"};
            rc = pvi_site_create(NULL, c->db, &c->actor, &in, &e);
        }
        if (rc == PVI_OK) {
            ok++;
        } else {
            failed++;
            fprintf(stderr, "line %d: %s\n", lineno, pvictl_code_text(rc));
            for (size_t i = 0; i < e.n; i++)
                pvictl_print_field_error(&e.v[i]);
        }
        pvi_errors_clear(&e);
        json_decref(j);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    printf("%d line(s) imported, %d failed\n", ok, failed);
    return failed ? 1 : 0;
}
