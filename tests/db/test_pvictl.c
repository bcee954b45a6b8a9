/* test_pvictl.c — the admin command line against the real database:
 * migrate is idempotent, accounts, clients and sites are created through
 * libpvi's rules (and refused with every field named), import reports bad
 * lines and goes on, show prints the site, workflow commands apply, stats
 * prints the dashboard's figures. */
#include "testenv.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Runs pvictl with args (a shell fragment), stdin from `input` (may be NULL);
 * returns the exit status, output (stdout+stderr) in *out (caller frees). */
static int
pvictl(char **out, const char *input, const char *args)
{
    char tmpl[] = "/tmp/pvictl-in-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    if (input)
        fputs(input, f);
    fclose(f);
    char *cmd = pvi_asprintf("'%s/pvictl/pvictl' %s < %s 2>&1", testenv_require("PVI_BUILD_DIR"),
                             args, tmpl);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct pvi_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        pvi_buf_append(&b, chunk, n);
    int st = pclose(p);
    free(cmd);
    remove(tmpl);
    *out = pvi_buf_steal(&b);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
setup(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    pvi_db_close(db);
    return 0;
}

static void
migrate_twice_applies_nothing_the_second_time(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(pvictl(&out, NULL, "migrate"), 0);
    assert_non_null(strstr(out, "0 migration(s) applied"));
    free(out);
}

static void
admin_create_takes_the_password_from_stdin_and_enforces_rules(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(pvictl(&out, "un-mot-de-passe-solide\n",
                            "admin create --email Chef@PVI.test --name 'Chef' --password-stdin"),
                     0);
    free(out);
    char *email = testenv_sql("SELECT email FROM admin_users");
    assert_string_equal(email, "chef@pvi.test");
    free(email);
    /* too short a password: refused, nothing written */
    assert_int_equal(pvictl(&out, "court\n", "admin create --email b@pvi.test --name B"
                                             " --password-stdin"),
                     1);
    free(out);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM admin_users"), 1);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events WHERE action ="
                                    " 'admin.create' AND actor_label LIKE 'pvictl:%'"),
                     1);
}

static void
client_and_site_creation_name_every_bad_field(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(pvictl(&out, NULL, "client create --number X --siret 123"), 1);
    assert_non_null(strstr(out, "customer_number:"));
    assert_non_null(strstr(out, "siret:"));
    assert_non_null(strstr(out, "email:"));
    assert_non_null(strstr(out, "phone:"));
    free(out);
    assert_int_equal(pvictl(&out, NULL,
                            "client create --number PJ20000001 --company 'Fleurs Petit'"
                            " --siret 73282932000074 --email fleurs@petit.fr --phone 0299887766"),
                     0);
    free(out);
    assert_int_equal(pvictl(&out, NULL, "site create --client PJ20000001 --slug 'Bad Slug'"), 1);
    assert_non_null(strstr(out, "slug:"));
    free(out);
    assert_int_equal(pvictl(&out, NULL, "site create --client PJ20000001 --slug fleurs-petit"), 0);
    free(out);
    assert_int_equal(pvictl(&out, NULL, "site show fleurs-petit"), 0);
    json_t *j = json_loads(out, 0, NULL);
    free(out);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "state")), "ordered");
    assert_string_equal(json_string_value(json_object_get(j, "client")), "PJ20000001");
    json_decref(j);
    /* a workflow command refused by the rules says why */
    assert_int_equal(pvictl(&out, NULL, "site approve fleurs-petit"), 1);
    assert_non_null(strstr(out, "Seul un site en attente de validation"));
    free(out);
    assert_int_equal(pvictl(&out, NULL, "site close fleurs-petit"), 0);
    free(out);
    assert_int_equal(pvictl(&out, NULL, "site show fleurs-petit"), 0);
    assert_non_null(strstr(out, "\"state\": \"closed\""));
    free(out);
}

static void
import_applies_good_lines_and_reports_bad_ones(void **state)
{
    (void)state;
    const char *lines =
        "{\"client\": {\"number\": \"PJ30000001\", \"company\": \"Garage A\", \"siret\":"
        " \"55203253400646\", \"email\": \"a@garage.fr\", \"phone\": \"02 99 00 00 01\"},"
        " \"site\": {\"slug\": \"garage-a\", \"content\": {\"business_name\": \"Garage A\","
        " \"activity\": \"Garage automobile\"}}}\n"
        "not json\n"
        "{\"client\": {\"number\": \"PJ30000002\", \"company\": \"B\", \"siret\": \"1\","
        " \"email\": \"b@b.fr\", \"phone\": \"0299000002\"}}\n"
        "\n"
        "{\"client\": {\"number\": \"PJ30000001\"}, \"site\": {\"slug\": \"garage-a-bis\","
        " \"content\": {\"phones\": [{\"kind\": \"fixed\", \"number\": \"0899000000\"}]}}}\n";
    char *out;
    assert_int_equal(pvictl(&out, lines, "import -"), 1);
    assert_non_null(strstr(out, "line 2: invalid JSON"));
    assert_non_null(strstr(out, "line 3:"));
    assert_non_null(strstr(out, "siret:"));
    assert_non_null(strstr(out, "line 5:"));
    assert_non_null(strstr(out, "phones.0.number:"));
    assert_non_null(strstr(out, "1 line(s) imported, 3 failed"));
    free(out);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM sites WHERE slug LIKE 'garage-a%'"), 1);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM clients WHERE customer_number ="
                                    " 'PJ30000002'"), 0);
}

/* stats: one "name value" line per figure, every state counted as the
 * database counts it; --json the same figures as a document. */
static void
stats_prints_the_figures_as_lines_and_as_json(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(pvictl(&out, NULL, "stats"), 0);
    static const char *const states[] = {"ordered", "collecting", "review",
                                         "online",  "suspended",  "closed"};
    for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
        char *sql = pvi_asprintf("SELECT count(*) FROM sites WHERE state = '%s'", states[i]);
        char *line = pvi_asprintf("\nsites.%s %lld\n", states[i], testenv_sql_ll(sql));
        if (strstr(out, line) == NULL)
            print_error("no line \"%s\" in:\n%s\n", line + 1, out);
        assert_non_null(strstr(out, line));
        free(line);
        free(sql);
    }
    char *pending = pvi_asprintf("\nqueue.pending %lld\n",
                                 testenv_sql_ll("SELECT count(*) FROM publication_jobs"
                                                " WHERE state = 'pending'"));
    assert_non_null(strstr(out, pending));
    free(pending);
    assert_non_null(strstr(out, "\nqueue.failing 0\n"));
    assert_non_null(strstr(out, "\nchange_requests.pending "));
    assert_non_null(strstr(out, "\nreview.count "));
    int days = 0;
    for (const char *p = out; (p = strstr(p, "\npublications.")) != NULL; p++)
        days++;
    assert_int_equal(days, 30);
    free(out);

    assert_int_equal(pvictl(&out, NULL, "stats --json"), 0);
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "sites"), "ordered")),
                     testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'ordered'"));
    assert_int_equal(json_array_size(json_object_get(j, "publications")), 30);
    json_decref(j);
    free(out);

    assert_int_equal(pvictl(&out, NULL, "stats --explain"), 0);
    j = json_loads(out, 0, &err);
    assert_non_null(j);
    assert_non_null(json_object_get(json_array_get(j, 0), "Plan"));
    json_decref(j);
    free(out);

    assert_int_equal(pvictl(&out, NULL, "stats --all"), 2);
    assert_non_null(strstr(out, "--all"));
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrate_twice_applies_nothing_the_second_time),
        cmocka_unit_test(admin_create_takes_the_password_from_stdin_and_enforces_rules),
        cmocka_unit_test(client_and_site_creation_name_every_bad_field),
        cmocka_unit_test(import_applies_good_lines_and_reports_bad_ones),
        cmocka_unit_test(stats_prints_the_figures_as_lines_and_as_json),
    };
    return cmocka_run_group_tests_name("pvictl", tests, setup, NULL);
}
