/* test_ldap_login.c — operator login against the project's slapd and the
 * real database: search with an escaped filter, bind as the entry, group
 * membership, provisioning of the operators row, refusals, and an
 * unreachable directory. */
#include "testenv.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_ldap.h"
#include "pvi/pvi_mem.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARTIN_DN "uid=op.martin,ou=people,dc=pvi,dc=test"

static struct pvi_db *db;
static PGconn *pg;
static struct pvi_ldap_config cfg;

static PGresult *q(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static PGresult *
q(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char sql[2048];
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    PGresult *r = PQexec(pg, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        print_error("SQL failed: %s\n%s\n", sql, PQerrorMessage(pg));
        fail();
    }
    return r;
}

static long long
count(const char *sql)
{
    PGresult *r = q("%s", sql);
    long long v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

static int
setup(void **state)
{
    (void)state;
    if (sodium_init() < 0)
        return -1;
    db = testenv_db_open();
    testenv_db_reset(db);
    pg = PQconnectdb(testenv_require("PVI_DB_URL"));
    assert_int_equal(PQstatus(pg), CONNECTION_OK);
    cfg = (struct pvi_ldap_config){
        .uri = testenv_require("PVI_LDAP_URI"),
        .base_dn = testenv_require("PVI_LDAP_BASE_DN"),
        .bind_dn = testenv_require("PVI_LDAP_BIND_DN"),
        .bind_password = testenv_require("PVI_LDAP_BIND_PASSWORD"),
        .group_dn = testenv_require("PVI_LDAP_GROUP_DN"),
        .timeout_ms = 3000,
    };
    /* the directory must be there: a missing server is a failure */
    assert_int_equal(pvi_ldap_ping(&cfg), PVI_OK);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    PQfinish(pg);
    pg = NULL;
    pvi_db_close(db);
    db = NULL;
    return 0;
}

static int64_t
mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
operator_in_the_group_logs_in_and_is_provisioned(void **state)
{
    (void)state;
    struct pvi_session *s = NULL;
    assert_int_equal(
        pvi_login_operator(&s, db, &cfg, "op.martin", "demo-op.martin", "192.0.2.3", NULL), PVI_OK);
    assert_non_null(s);
    assert_int_equal(s->principal.role, PVI_ROLE_OPERATOR);
    assert_string_equal(s->principal.label, "op.martin");
    assert_true(pvi_token_well_formed(s->token));

    PGresult *r = q("SELECT id, ldap_uid, ldap_dn, display_name, email, last_login_at IS NOT NULL"
                    " FROM operators");
    assert_int_equal(PQntuples(r), 1);
    assert_int_equal(strtoll(PQgetvalue(r, 0, 0), NULL, 10), s->principal.id);
    assert_string_equal(PQgetvalue(r, 0, 1), "op.martin");
    assert_string_equal(PQgetvalue(r, 0, 2), MARTIN_DN);
    assert_string_equal(PQgetvalue(r, 0, 3), "Claire Martin");
    assert_string_equal(PQgetvalue(r, 0, 4), "claire.martin@pvi.test");
    assert_string_equal(PQgetvalue(r, 0, 5), "t");
    PQclear(r);

    /* the session works; a second login (typed in upper case) reuses the row */
    struct pvi_principal *p = NULL;
    assert_int_equal(pvi_session_check(&p, db, s->token, NULL), PVI_OK);
    assert_int_equal(p->role, PVI_ROLE_OPERATOR);
    pvi_principal_free(p);
    struct pvi_session *s2 = NULL;
    assert_int_equal(pvi_login_operator(&s2, db, &cfg, " OP.MARTIN ", "demo-op.martin", NULL, NULL),
                     PVI_OK);
    assert_int_equal(s2->principal.id, s->principal.id);
    assert_string_equal(s2->principal.label, "op.martin");
    assert_int_equal(count("SELECT count(*) FROM operators"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'operator.provision'"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'login.success'"
                           " AND actor_kind = 'operator'"),
                     2);
    pvi_session_free(s);
    pvi_session_free(s2);
}

static void
refused_operator_logins_give_the_right_code_and_provision_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *uid;
        const char *password;
        enum pvi_code expect;
    } cases[] = {
        {"op.martin", "wrong-password", PVI_BAD_CREDENTIALS},
        {"op.martin", "demo-op.durand", PVI_BAD_CREDENTIALS}, /* another's password */
        {"op.martin", "", PVI_EMPTY_PASSWORD},
        {"op.martin", NULL, PVI_EMPTY_PASSWORD},
        {"*)(uid=*", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"*", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"op.*", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"op.martin)(|(uid=*", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"op.martin\\2a", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"nobody", "demo-op.martin", PVI_BAD_CREDENTIALS},
        {"", "demo-op.martin", PVI_VALIDATION},
        {NULL, "demo-op.martin", PVI_VALIDATION},
        {"ex.bernard", "demo-ex.bernard", PVI_NOT_IN_GROUP},
        {"ex.bernard", "wrong-password", PVI_BAD_CREDENTIALS},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        char address[32];
        snprintf(address, sizeof address, "198.51.100.%zu", i + 1);
        struct pvi_session *s = (struct pvi_session *)1;
        enum pvi_code rc =
            pvi_login_operator(&s, db, &cfg, cases[i].uid, cases[i].password, address, NULL);
        if (rc != cases[i].expect)
            print_error("case %zu (%s): got %s, expected %s\n", i,
                        cases[i].uid ? cases[i].uid : "NULL", pvi_code_name(rc),
                        pvi_code_name(cases[i].expect));
        assert_int_equal(rc, cases[i].expect);
        assert_null(s);
    }
    assert_int_equal(count("SELECT count(*) FROM operators"), 0);
    assert_int_equal(count("SELECT count(*) FROM sessions"), 0);
    /* an empty password or a blank uid is refused before anything is recorded */
    assert_int_equal(count("SELECT count(*) FROM login_failures"), 10);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'login.failure'"), 10);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'login.failure'"
                           " AND after->>'reason' = 'not_in_group'"
                           " AND actor_label = 'ex.bernard'"),
                     1);
}

/* Every faulty field at once, and every refusal as one error for the form:
 * the paths and codes an office marks. Blank fields are refused before the
 * directory or the database is asked (an unreachable directory would
 * answer PVI_DIRECTORY_DOWN). */
static void
operator_login_names_every_faulty_field_and_each_refusal(void **state)
{
    (void)state;
    struct pvi_ldap_config down = cfg;
    down.uri = "ldap://127.0.0.1:1";
    static const struct {
        int directory_down;
        const char *uid;
        const char *password;
        enum pvi_code expect;
        struct {
            const char *path;
            enum pvi_code code;
        } errors[3];
    } cases[] = {
        {1, "", "", PVI_VALIDATION, {{"uid", PVI_REQUIRED}, {"password", PVI_EMPTY_PASSWORD}, {0}}},
        {1,
         " \xC2\xA0\t\xE2\x80\xAF",
         NULL,
         PVI_VALIDATION,
         {{"uid", PVI_REQUIRED}, {"password", PVI_EMPTY_PASSWORD}, {0}}},
        {1, NULL, "demo-op.martin", PVI_VALIDATION, {{"uid", PVI_REQUIRED}, {0}}},
        {1, "op.martin", "", PVI_EMPTY_PASSWORD, {{"password", PVI_EMPTY_PASSWORD}, {0}}},
        {0, "op.martin", "wrong-password", PVI_BAD_CREDENTIALS, {{"", PVI_BAD_CREDENTIALS}, {0}}},
        {0, "ex.bernard", "demo-ex.bernard", PVI_NOT_IN_GROUP, {{"", PVI_NOT_IN_GROUP}, {0}}},
        {1, "op.martin", "demo-op.martin", PVI_DIRECTORY_DOWN, {{"", PVI_DIRECTORY_DOWN}, {0}}},
        {0, "op.martin", "demo-op.martin", PVI_OK, {{0}}},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_session *s = (struct pvi_session *)1;
        struct pvi_errors e = {0};
        enum pvi_code rc = pvi_login_operator(&s, db, cases[i].directory_down ? &down : &cfg,
                                              cases[i].uid, cases[i].password, NULL, &e);
        if (rc != cases[i].expect)
            print_error("case %zu: got %s, expected %s\n", i, pvi_code_name(rc),
                        pvi_code_name(cases[i].expect));
        assert_int_equal(rc, cases[i].expect);
        assert_true(rc == PVI_OK ? s != NULL : s == NULL);
        size_t n = 0;
        for (; cases[i].errors[n].path; n++) {
            const struct pvi_field_error *fe = pvi_errors_find(&e, cases[i].errors[n].path);
            if (fe == NULL || fe->code != cases[i].errors[n].code)
                print_error("case %zu: nothing right at \"%s\"\n", i, cases[i].errors[n].path);
            assert_non_null(fe);
            assert_int_equal(fe->code, cases[i].errors[n].code);
            assert_int_equal(fe->msg, pvi_code_msg(fe->code));
        }
        assert_int_equal(e.n, n);
        pvi_errors_clear(&e);
        pvi_session_free(rc == PVI_OK ? s : NULL);
    }
    /* the blank fields were not attempts; the wrong password and the
     * non-member were (the success cleared op.martin's), the outage was not
     * held against anyone */
    assert_int_equal(count("SELECT count(*) FROM login_failures"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'login.failure'"), 3);
    /* throttled: the message libpvi gives, for the whole form */
    for (int i = 0; i < 5; i++)
        assert_int_equal(pvi_login_operator(&(struct pvi_session *){NULL}, db, &cfg, "op.durand",
                                            "wrong-password", NULL, NULL),
                         PVI_BAD_CREDENTIALS);
    struct pvi_session *s = NULL;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_login_operator(&s, db, &cfg, "op.durand", "demo-op.durand", NULL, &e),
                     PVI_LOGIN_THROTTLED);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.v[0].path, "");
    assert_int_equal(e.v[0].code, PVI_LOGIN_THROTTLED);
    assert_int_equal(e.v[0].msg, PVI_MSG_ERR_LOGIN_THROTTLED);
    pvi_errors_clear(&e);
}

static void
direct_authentication_escapes_the_filter_and_reads_the_entry(void **state)
{
    (void)state;
    struct pvi_ldap_person *p = NULL;
    assert_int_equal(pvi_ldap_authenticate(&p, &cfg, "op.durand", "demo-op.durand"), PVI_OK);
    assert_string_equal(p->dn, "uid=op.durand,ou=people,dc=pvi,dc=test");
    assert_string_equal(p->uid, "op.durand");
    assert_string_equal(p->display_name, "Julien Durand");
    assert_string_equal(p->email, "julien.durand@pvi.test");
    pvi_ldap_person_free(p);
    /* wildcards and filter syntax in the uid match nothing, whatever the password */
    static const char *const uids[] = {"*", "*)(uid=*", "op.*", "*)(objectClass=*",
                                       "op.durand)(|(uid=*"};
    for (size_t i = 0; i < PVI_COUNT_OF(uids); i++) {
        p = (struct pvi_ldap_person *)1;
        assert_int_equal(pvi_ldap_authenticate(&p, &cfg, uids[i], "demo-op.durand"),
                         PVI_BAD_CREDENTIALS);
        assert_null(p);
    }
    pvi_ldap_person_free(NULL);
}

static void
empty_password_is_refused_before_any_network_call(void **state)
{
    (void)state;
    struct pvi_ldap_config down = cfg;
    down.uri = "ldap://127.0.0.1:1";
    struct pvi_session *s = NULL;
    /* an unreachable directory would say DIRECTORY_DOWN: it is never asked */
    assert_int_equal(pvi_login_operator(&s, db, &down, "op.martin", "", NULL, NULL),
                     PVI_EMPTY_PASSWORD);
    struct pvi_ldap_person *p = NULL;
    assert_int_equal(pvi_ldap_authenticate(&p, &down, "op.martin", NULL), PVI_EMPTY_PASSWORD);
    assert_int_equal(count("SELECT count(*) FROM login_failures"), 0);
    assert_int_equal(count("SELECT count(*) FROM audit_events"), 0);
}

static void
unreachable_directory_is_reported_quickly_and_not_held_against_the_user(void **state)
{
    (void)state;
    struct pvi_ldap_config down = cfg;
    down.uri = "ldap://127.0.0.1:1";
    struct pvi_session *s = NULL;
    int64_t t0 = mono_ms();
    assert_int_equal(pvi_login_operator(&s, db, &down, "op.martin", "demo-op.martin", NULL, NULL),
                     PVI_DIRECTORY_DOWN);
    int64_t took = mono_ms() - t0;
    assert_true(took < down.timeout_ms);
    assert_null(s);
    assert_int_equal(pvi_ldap_ping(&down), PVI_DIRECTORY_DOWN);
    assert_int_equal(count("SELECT count(*) FROM login_failures"), 0);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'login.failure'"
                           " AND after->>'reason' = 'directory_unavailable'"),
                     1);
}

static void
refused_service_account_is_a_configuration_error(void **state)
{
    (void)state;
    struct pvi_ldap_config bad = cfg;
    bad.bind_password = "not-the-secret";
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_operator(&s, db, &bad, "op.martin", "demo-op.martin", NULL, NULL),
                     PVI_CONFIG);
    bad = cfg;
    bad.group_dn = "cn=nosuchgroup,ou=groups,dc=pvi,dc=test";
    assert_int_equal(pvi_login_operator(&s, db, &bad, "op.martin", "demo-op.martin", NULL, NULL),
                     PVI_CONFIG);
    assert_null(s);
    assert_int_equal(count("SELECT count(*) FROM login_failures"), 0);
}

static void
operator_disabled_in_pvi_is_locked_out_and_its_sessions_end(void **state)
{
    (void)state;
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_operator(&s, db, &cfg, "op.petit", "demo-op.petit", NULL, NULL),
                     PVI_OK);
    PQclear(q("UPDATE operators SET active = false WHERE ldap_uid = 'op.petit'"));
    struct pvi_principal *p = NULL;
    assert_int_equal(pvi_session_check(&p, db, s->token, NULL), PVI_ACCOUNT_LOCKED);
    assert_int_equal(pvi_session_check(&p, db, s->token, NULL), PVI_SESSION_EXPIRED);
    struct pvi_session *t = NULL;
    assert_int_equal(pvi_login_operator(&t, db, &cfg, "op.petit", "demo-op.petit", NULL, NULL),
                     PVI_ACCOUNT_LOCKED);
    assert_null(t);
    pvi_session_free(s);
}

static void
operator_account_is_throttled_after_five_failures(void **state)
{
    (void)state;
    struct pvi_session *s = NULL;
    for (int i = 0; i < 5; i++)
        assert_int_equal(
            pvi_login_operator(&s, db, &cfg, "op.durand", "wrong-password", NULL, NULL),
            PVI_BAD_CREDENTIALS);
    /* the directory is not even asked: the right password is refused too */
    assert_int_equal(pvi_login_operator(&s, db, &cfg, "OP.DURAND", "demo-op.durand", NULL, NULL),
                     PVI_LOGIN_THROTTLED);
    assert_null(s);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(operator_in_the_group_logs_in_and_is_provisioned),
        T(refused_operator_logins_give_the_right_code_and_provision_nothing),
        T(operator_login_names_every_faulty_field_and_each_refusal),
        T(direct_authentication_escapes_the_filter_and_reads_the_entry),
        T(empty_password_is_refused_before_any_network_call),
        T(unreachable_directory_is_reported_quickly_and_not_held_against_the_user),
        T(refused_service_account_is_a_configuration_error),
        T(operator_disabled_in_pvi_is_locked_out_and_its_sessions_end),
        T(operator_account_is_throttled_after_five_failures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
