/* test_migrate.c — `pvictl migrate`'s engine against the real database:
 * applies every file once, in order, records it, and refuses edited history. */
#include "testenv.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
count_migration_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 8 && e->d_name[3] == '_' && strcmp(e->d_name + len - 4, ".sql") == 0)
            n++;
    }
    closedir(d);
    return n;
}

static void
migrate_applies_every_file_once_then_nothing(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db); /* drops everything and migrates once */
    int applied = -1;
    assert_int_equal(pvi_db_migrate(&applied, db, testenv_require("PVI_SCHEMA_DIR")), PVI_OK);
    assert_int_equal(applied, 0);
    pvi_db_close(db);
}

static void
fresh_database_gets_all_files(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_wipe();
    const char *dir = testenv_require("PVI_SCHEMA_DIR");
    int applied = -1;
    assert_int_equal(pvi_db_migrate(&applied, db, dir), PVI_OK);
    assert_int_equal(applied, count_migration_files(dir));
    pvi_db_close(db);
}

static void
edited_migration_is_refused(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    char tmpl[] = "/tmp/pvi-migrate-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char *cmd = pvi_asprintf("cp '%s'/*.sql '%s'/ && for f in '%s'/001_*.sql; do "
                             "echo '-- edited' >> \"$f\"; done",
                             testenv_require("PVI_SCHEMA_DIR"), tmpl, tmpl);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    int applied = -1;
    assert_int_equal(pvi_db_migrate(&applied, db, tmpl), PVI_CONFIG);
    assert_int_equal(applied, 0);
    cmd = pvi_asprintf("rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    pvi_db_close(db);
}

static void
missing_directory_is_a_configuration_error(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    assert_int_equal(pvi_db_migrate(NULL, db, "/nonexistent/schema"), PVI_CONFIG);
    pvi_db_close(db);
}

static void
unreachable_server_is_unavailable_not_a_crash(void **state)
{
    (void)state;
    struct pvi_db *db = NULL;
    assert_int_equal(pvi_db_open(&db, "host=127.0.0.1 port=1 dbname=x connect_timeout=2", 1, 1000),
                     PVI_OK);
    assert_int_equal(pvi_db_ping(db), PVI_UNAVAILABLE);
    pvi_db_close(db);
    assert_int_equal(pvi_db_open(&db, "this is = not a conninfo '", 1, 1000), PVI_CONFIG);
    assert_null(db);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrate_applies_every_file_once_then_nothing),
        cmocka_unit_test(fresh_database_gets_all_files),
        cmocka_unit_test(edited_migration_is_refused),
        cmocka_unit_test(missing_directory_is_a_configuration_error),
        cmocka_unit_test(unreachable_server_is_unavailable_not_a_crash),
    };
    return cmocka_run_group_tests_name("migrate", tests, NULL, NULL);
}
