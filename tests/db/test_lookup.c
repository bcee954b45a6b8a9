/* test_lookup.c — finding accounts: the list of operators an admin picks
 * from (assignment, filters). Who may call it is in test_permissions.c. */
#include "testenv.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin@test"};

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    return 0;
}

static void
the_operator_list_holds_active_operators_by_name(void **state)
{
    (void)state;
    free(testenv_sql("INSERT INTO operators (ldap_uid, ldap_dn, display_name, active) VALUES"
                     " ('op.zoe', 'uid=op.zoe,ou=people,dc=pvi,dc=test', 'Zoé Roux', true),"
                     " ('op.ali', 'uid=op.ali,ou=people,dc=pvi,dc=test', 'Ali Benard', true),"
                     " ('op.old', 'uid=op.old,ou=people,dc=pvi,dc=test', 'Ancien Opérateur', false)"));
    json_t *list = NULL;
    assert_int_equal(pvi_operator_list(&list, db, &admin), PVI_OK);
    assert_non_null(list);
    assert_int_equal(json_array_size(list), 2);
    json_t *first = json_array_get(list, 0), *second = json_array_get(list, 1);
    assert_string_equal(json_string_value(json_object_get(first, "uid")), "op.ali");
    assert_string_equal(json_string_value(json_object_get(first, "name")), "Ali Benard");
    assert_true(json_integer_value(json_object_get(first, "id")) > 0);
    assert_string_equal(json_string_value(json_object_get(second, "uid")), "op.zoe");
    json_decref(list);
}

static void
an_empty_directory_gives_an_empty_list(void **state)
{
    (void)state;
    free(testenv_sql("DELETE FROM operators"));
    json_t *list = NULL;
    assert_int_equal(pvi_operator_list(&list, db, &admin), PVI_OK);
    assert_true(json_is_array(list));
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_operator_list_holds_active_operators_by_name),
        cmocka_unit_test(an_empty_directory_gives_an_empty_list),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
