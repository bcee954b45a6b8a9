/* test_accounts.c — what the back office's account pages rely on, against
 * the real database (pvi_accounts.h): generated passwords, an admin created
 * with one who can log in with it, the list and one account (last login,
 * open sessions), a password reset (the old password fails, the new one
 * works, the sessions end), disabling (its sessions revoked in the same
 * transaction, never one's own account), one API key as listed, and the
 * last logins migration 006 finds in the audit trail. The clock is faked
 * so that times are known. */
#include "testenv.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEC ((int64_t)1000000)
#define T0 ((int64_t)1767607200 * SEC) /* 2026-01-05 10:00:00 UTC */
#define CHEF "chef@pvi.test"
#define CHEF_PW "chef-password-2026"

static int64_t fake_now;
static struct pvi_db *db;
static long long chef_id;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_accounts"};
static struct pvi_actor chef; /* the admin acting, set up below */

static int64_t
fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now;
}

static int
setup(void **state)
{
    (void)state;
    fake_now = T0;
    pvi_clock_set(fake_clock, NULL);
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_admin_create(&chef_id, db, &sys, CHEF, "Chef", CHEF_PW, NULL), PVI_OK);
    chef = (struct pvi_actor){.role = PVI_ROLE_ADMIN, .id = chef_id, .label = CHEF};
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    pvi_clock_set(NULL, NULL);
    return 0;
}

static enum pvi_code
login(struct pvi_session **out, const char *email, const char *password)
{
    struct pvi_session *s = NULL;
    enum pvi_code rc = pvi_login_admin(&s, db, email, password, "192.0.2.1", NULL);
    if (out)
        *out = s;
    else
        pvi_session_free(s);
    free(testenv_sql("DELETE FROM login_failures"));
    return rc;
}

static enum pvi_code
check(const char *token)
{
    struct pvi_principal *p = NULL;
    enum pvi_code rc = pvi_session_check(&p, db, token, NULL);
    pvi_principal_free(p);
    return rc;
}

static void
generated_passwords_are_four_groups_of_five_unambiguous_signs(void **state)
{
    (void)state;
    char a[PVI_GENERATED_PASSWORD_CHARS + 1], b[PVI_GENERATED_PASSWORD_CHARS + 1];
    for (int round = 0; round < 200; round++) {
        pvi_password_generate(a);
        assert_int_equal(strlen(a), 23);
        for (int i = 0; i < 23; i++) {
            if (i % 6 == 5)
                assert_int_equal(a[i], '-');
            else
                assert_non_null(strchr("abcdefghjkmnpqrstuvwxyz23456789", a[i]));
        }
        assert_int_equal(pvi_password_policy_check(a), PVI_OK);
        pvi_password_generate(b);
        assert_string_not_equal(a, b);
    }
}

static void
an_admin_created_with_a_generated_password_logs_in_with_it(void **state)
{
    (void)state;
    char *pw = NULL;
    long long id = 0;
    long long events = testenv_sql_ll("SELECT count(*) FROM audit_events");
    assert_int_equal(pvi_admin_create_generated(&pw, &id, db, &chef, "  Claire@PVI.test ",
                                                "Claire Martin", NULL),
                     PVI_OK);
    assert_non_null(pw);
    assert_true(id > 0);
    assert_int_equal(pvi_password_policy_check(pw), PVI_OK);
    /* stored only as its hash; audited without it */
    char *sql = pvi_asprintf("SELECT count(*) FROM admin_users WHERE password_hash LIKE "
                             "'$argon2id$%%' AND position('%s' IN password_hash) = 0 AND id = %lld",
                             pw, id);
    assert_int_equal(testenv_sql_ll(sql), 1);
    free(sql);
    sql = pvi_asprintf("SELECT count(*) FROM audit_events WHERE position('%s' IN "
                       "coalesce(before::text, '') || coalesce(after::text, '')) > 0",
                       pw);
    assert_int_equal(testenv_sql_ll(sql), 0);
    free(sql);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events"), events + 1);
    assert_int_equal(login(NULL, "claire@pvi.test", pw), PVI_OK);
    assert_int_equal(login(NULL, "claire@pvi.test", "claire-password-9"), PVI_BAD_CREDENTIALS);
    free(pw);

    /* the fields, every one at once, nothing written; a taken e-mail */
    struct pvi_errors errs = {0};
    long long admins = testenv_sql_ll("SELECT count(*) FROM admin_users");
    assert_int_equal(
        pvi_admin_create_generated(&pw, NULL, db, &chef, "pas-une-adresse", "  ", &errs),
        PVI_VALIDATION);
    assert_null(pw);
    assert_non_null(pvi_errors_find(&errs, "email"));
    assert_non_null(pvi_errors_find(&errs, "display_name"));
    assert_null(pvi_errors_find(&errs, "password"));
    pvi_errors_clear(&errs);
    assert_int_equal(pvi_admin_create_generated(&pw, NULL, db, &chef, CHEF, "Autre", &errs),
                     PVI_DUPLICATE);
    assert_null(pw);
    assert_int_equal(pvi_errors_find(&errs, "email")->code, PVI_DUPLICATE);
    pvi_errors_clear(&errs);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM admin_users"), admins);
}

static void
the_list_and_one_account_show_last_login_and_open_sessions(void **state)
{
    (void)state;
    fake_now = T0 + 3600 * SEC;
    long long id = 0;
    assert_int_equal(
        pvi_admin_create(&id, db, &chef, "bruno@pvi.test", "Bruno", "bruno-password-1", NULL),
        PVI_OK);
    struct pvi_admin_info *a = NULL;
    assert_int_equal(pvi_admin_get(&a, db, &chef, id), PVI_OK);
    assert_string_equal(a->email, "bruno@pvi.test");
    assert_string_equal(a->display_name, "Bruno");
    assert_true(a->active);
    assert_int_equal(a->created_at_us, T0 + 3600 * SEC);
    assert_int_equal(a->last_login_at_us, 0);
    assert_int_equal(a->open_sessions, 0);
    pvi_admin_info_free(a);

    /* two logins, then one logout: the last login's time, one session open */
    struct pvi_session *s1 = NULL, *s2 = NULL;
    fake_now = T0 + 7200 * SEC;
    assert_int_equal(login(&s1, "bruno@pvi.test", "bruno-password-1"), PVI_OK);
    fake_now = T0 + 7260 * SEC;
    assert_int_equal(login(&s2, "bruno@pvi.test", "bruno-password-1"), PVI_OK);
    assert_int_equal(pvi_session_logout(db, s1->token), PVI_OK);
    assert_int_equal(pvi_admin_get(&a, db, &chef, id), PVI_OK);
    assert_int_equal(a->last_login_at_us, T0 + 7260 * SEC);
    assert_int_equal(a->open_sessions, 1);
    pvi_admin_info_free(a);
    /* idle for longer than the policy allows: not open any more */
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    fake_now += pol.session_idle_us + SEC;
    assert_int_equal(pvi_admin_get(&a, db, &chef, id), PVI_OK);
    assert_int_equal(a->open_sessions, 0);
    pvi_admin_info_free(a);
    pvi_session_free(s1);
    pvi_session_free(s2);

    /* the list: every admin, by e-mail, disabled ones included */
    assert_int_equal(pvi_admin_set_active(db, &chef, id, 0), PVI_OK);
    struct pvi_admin_list *l = NULL;
    assert_int_equal(pvi_admin_list(&l, db, &chef), PVI_OK);
    assert_int_equal((long long)l->n, testenv_sql_ll("SELECT count(*) FROM admin_users"));
    for (size_t i = 1; i < l->n; i++)
        assert_true(strcmp(l->v[i - 1].email, l->v[i].email) < 0);
    int seen = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].id == id) {
            seen++;
            assert_false(l->v[i].active);
            assert_int_equal(l->v[i].last_login_at_us, T0 + 7260 * SEC);
        }
    assert_int_equal(seen, 1);
    pvi_admin_list_free(l);

    assert_int_equal(pvi_admin_get(&a, db, &chef, 999999), PVI_NOT_FOUND);
    assert_null(a);
    fake_now = T0;
}

static void
a_reset_makes_the_old_password_fail_and_ends_the_sessions(void **state)
{
    (void)state;
    long long id = 0;
    assert_int_equal(
        pvi_admin_create(&id, db, &chef, "denise@pvi.test", "Denise", "denise-password-1", NULL),
        PVI_OK);
    struct pvi_session *s = NULL;
    assert_int_equal(login(&s, "denise@pvi.test", "denise-password-1"), PVI_OK);
    assert_int_equal(check(s->token), PVI_OK);
    char *pw = NULL;
    assert_int_equal(pvi_admin_reset_password(&pw, db, &chef, id), PVI_OK);
    assert_non_null(pw);
    assert_int_equal(check(s->token), PVI_SESSION_EXPIRED);
    assert_int_equal(login(NULL, "denise@pvi.test", "denise-password-1"), PVI_BAD_CREDENTIALS);
    assert_int_equal(login(NULL, "denise@pvi.test", pw), PVI_OK);
    char *sql = pvi_asprintf("SELECT count(*) FROM audit_events WHERE action = 'admin.password'"
                             " AND object_id = %lld AND actor_id = %lld",
                             id, chef_id);
    assert_int_equal(testenv_sql_ll(sql), 1);
    free(sql);
    free(pw);
    pvi_session_free(s);
    assert_int_equal(pvi_admin_reset_password(&pw, db, &chef, 999999), PVI_NOT_FOUND);
    assert_null(pw);
}

static void
disabling_revokes_the_sessions_in_the_same_transaction_never_ones_own(void **state)
{
    (void)state;
    long long id = 0;
    assert_int_equal(
        pvi_admin_create(&id, db, &chef, "emile@pvi.test", "Émile", "emile-password-1", NULL),
        PVI_OK);
    struct pvi_session *s1 = NULL, *s2 = NULL;
    assert_int_equal(login(&s1, "emile@pvi.test", "emile-password-1"), PVI_OK);
    assert_int_equal(login(&s2, "emile@pvi.test", "emile-password-1"), PVI_OK);
    assert_int_equal(pvi_admin_set_active(db, &chef, id, 0), PVI_OK);
    /* the account and both sessions were written by one transaction */
    char *sql = pvi_asprintf(
        "SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM admin_users WHERE id = %lld"
        " UNION ALL SELECT xmin::text FROM sessions WHERE principal_kind = 'admin'"
        " AND principal_id = %lld) t",
        id, id);
    assert_int_equal(testenv_sql_ll(sql), 1);
    free(sql);
    sql = pvi_asprintf("SELECT count(*) FROM sessions WHERE principal_kind = 'admin'"
                       " AND principal_id = %lld AND revoked_at IS NOT NULL",
                       id);
    assert_int_equal(testenv_sql_ll(sql), 2);
    free(sql);
    assert_int_equal(check(s1->token), PVI_SESSION_EXPIRED);
    assert_int_equal(check(s2->token), PVI_SESSION_EXPIRED);
    assert_int_equal(login(NULL, "emile@pvi.test", "emile-password-1"), PVI_ACCOUNT_LOCKED);
    pvi_session_free(s1);
    pvi_session_free(s2);

    /* one's own account: refused with its own reason, nothing written */
    long long events = testenv_sql_ll("SELECT count(*) FROM audit_events");
    assert_int_equal(pvi_admin_set_active(db, &chef, chef_id, 0), PVI_SELF_DISABLE);
    assert_int_equal(pvi_code_http(PVI_SELF_DISABLE), 403);
    assert_string_equal(pvi_msg_text(PVI_LANG_FR, pvi_code_msg(PVI_SELF_DISABLE)),
                        "Vous ne pouvez pas désactiver votre propre compte\u00a0: demandez-le à "
                        "un autre administrateur.");
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events"), events);
    sql = pvi_asprintf("SELECT count(*) FROM admin_users WHERE id = %lld AND active", chef_id);
    assert_int_equal(testenv_sql_ll(sql), 1);
    free(sql);
}

static void
one_api_key_is_listed_without_its_secret(void **state)
{
    (void)state;
    char *key = NULL;
    long long id = 0;
    fake_now = T0 + 60 * SEC;
    assert_int_equal(pvi_apikey_create(&key, &id, db, &chef, "Agence Ouest",
                                       PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW, 120, NULL),
                     PVI_OK);
    struct pvi_apikey_info *k = NULL;
    assert_int_equal(pvi_apikey_get(&k, db, &chef, id), PVI_OK);
    assert_int_equal(k->id, id);
    assert_string_equal(k->name, "Agence Ouest");
    assert_int_equal(strncmp(key + 4, k->prefix, PVI_APIKEY_PREFIX_CHARS), 0);
    assert_int_equal(k->scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    assert_int_equal(k->rate_per_minute, 120);
    assert_int_equal(k->created_by, chef_id);
    assert_int_equal(k->created_at_us, T0 + 60 * SEC);
    assert_int_equal(k->last_used_at_us, 0);
    assert_int_equal(k->revoked_at_us, 0);
    pvi_apikey_info_free(k);
    /* used, then revoked: both times shown, and the key refused at once */
    struct pvi_principal *p = NULL;
    fake_now = T0 + 120 * SEC;
    assert_int_equal(pvi_apikey_check(&p, db, key), PVI_OK);
    pvi_principal_free(p);
    fake_now = T0 + 180 * SEC;
    assert_int_equal(pvi_apikey_revoke(db, &chef, id), PVI_OK);
    assert_int_equal(pvi_apikey_check(&p, db, key), PVI_UNAUTHENTICATED);
    assert_null(p);
    assert_int_equal(pvi_apikey_get(&k, db, &chef, id), PVI_OK);
    assert_int_equal(k->last_used_at_us, T0 + 120 * SEC);
    assert_int_equal(k->revoked_at_us, T0 + 180 * SEC);
    pvi_apikey_info_free(k);
    assert_int_equal(pvi_apikey_get(&k, db, &chef, 999999), PVI_NOT_FOUND);
    assert_null(k);
    free(key);
    fake_now = T0;
}

/* Migration 006 on a database that had admins: each one's last login is
 * the newest "login.success" of the audit trail (another action after it
 * does not count), none for an admin who never logged in. The data is
 * written as it was before 006, in plain SQL. Wipes the database: last. */
static void
the_last_login_column_is_filled_from_the_audit_trail(void **state)
{
    (void)state;
    testenv_db_wipe();
    char tmpl[] = "/tmp/pvi-accounts-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char *cmd = pvi_asprintf("for f in '%s'/[0-9][0-9][0-9]_*.sql; do case $(basename \"$f\") in "
                             "00[0-5]_*) cp \"$f\" '%s'/ ;; esac; done",
                             testenv_require("PVI_SCHEMA_DIR"), tmpl);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    assert_int_equal(pvi_db_migrate(NULL, db, tmpl), PVI_OK);
    free(testenv_sql(
        "INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
        " (41, 'ancien@pvi.test', 'Ancien', 'x'), (42, 'jamais@pvi.test', 'Jamais', 'x');"
        " INSERT INTO audit_events (at, actor_kind, actor_id, actor_label, action, object_kind)"
        " VALUES ('2026-01-02 08:00:00+00', 'admin', 41, 'ancien@pvi.test', 'login.success',"
        " 'session'), ('2026-01-03 09:30:00+00', 'admin', 41, 'ancien@pvi.test', 'login.success',"
        " 'session'), ('2026-01-04 10:00:00+00', 'admin', 41, 'ancien@pvi.test', 'site.edit',"
        " 'site'), ('2026-01-05 10:00:00+00', 'anonymous', NULL, 'jamais@pvi.test',"
        " 'login.failure', 'session')"));
    assert_int_equal(pvi_db_migrate(NULL, db, testenv_require("PVI_SCHEMA_DIR")), PVI_OK);
    char *t = testenv_sql("SELECT to_char(last_login_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
                          " FROM admin_users WHERE id = 41");
    assert_string_equal(t, "2026-01-03 09:30");
    free(t);
    assert_int_equal(
        testenv_sql_ll("SELECT count(*) FROM admin_users WHERE id = 42 AND last_login_at IS NULL"),
        1);
    cmd = pvi_asprintf("rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(generated_passwords_are_four_groups_of_five_unambiguous_signs),
        cmocka_unit_test(an_admin_created_with_a_generated_password_logs_in_with_it),
        cmocka_unit_test(the_list_and_one_account_show_last_login_and_open_sessions),
        cmocka_unit_test(a_reset_makes_the_old_password_fail_and_ends_the_sessions),
        cmocka_unit_test(disabling_revokes_the_sessions_in_the_same_transaction_never_ones_own),
        cmocka_unit_test(one_api_key_is_listed_without_its_secret),
        cmocka_unit_test(the_last_login_column_is_filled_from_the_audit_trail),
    };
    return cmocka_run_group_tests_name("accounts", tests, setup, teardown);
}
