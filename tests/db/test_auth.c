/* test_auth.c — authentication against the real database: admin and client
 * logins, rehash at login, throttling by account and by address, session
 * expiry driven by the fake clock, logout and revocation, API keys, and one
 * audit event per attempt. The tables are inspected with plain libpq. */
#include "testenv.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEC ((int64_t)1000000)
#define MIN (60 * SEC)
#define HOUR (60 * MIN)
#define T0 ((int64_t)1767607200 * SEC) /* 2026-01-05 10:00:00 UTC */

#define ALICE "alice@pvi.test"
#define ALICE_PW "alice-password-1"
#define CLIENT_NO "PJ12345678"
#define CLIENT_PW "client-password-1"

static int64_t fake_now;
static struct pvi_db *db;
static PGconn *pg;
static long long alice_id;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};

static int64_t
fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now;
}

/* ---- plain SQL on the test database (test constants only) ---- */

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

static long long q_ll(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long long
q_ll(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char sql[2048];
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    PGresult *r = q("%s", sql);
    assert_int_equal(PQntuples(r), 1);
    long long v = PQgetisnull(r, 0, 0) ? -1 : strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

/* The text of the first column of the first row (caller frees); NULL for SQL NULL. */
static char *q_str(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
q_str(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char sql[2048];
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    PGresult *r = q("%s", sql);
    assert_int_equal(PQntuples(r), 1);
    char *v = PQgetisnull(r, 0, 0) ? NULL : pvi_strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    return v;
}

static long long
audit_count(const char *action)
{
    return q_ll("SELECT count(*) FROM audit_events WHERE action = '%s'", action);
}

static long long
failures_of(const char *account)
{
    return q_ll("SELECT count(*) FROM login_failures WHERE account = '%s'", account);
}

/* ---- fixtures ---- */

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
    PQclear(q("SET TIME ZONE 'UTC'"));
    fake_now = T0;
    pvi_clock_set(fake_clock, NULL);
    pvi_auth_policy_set(NULL);
    assert_int_equal(pvi_admin_create(&alice_id, db, &sys, ALICE, "Alice Admin", ALICE_PW, NULL),
                     PVI_OK);
    assert_true(alice_id > 0);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_clock_set(NULL, NULL);
    PQfinish(pg);
    pg = NULL;
    pvi_db_close(db);
    db = NULL;
    return 0;
}

static struct pvi_actor
alice_actor(void)
{
    struct pvi_actor a = {
        .role = PVI_ROLE_ADMIN, .id = alice_id, .label = ALICE, .address = "192.0.2.1"};
    return a;
}

/* A field error expected at path with code. */
struct want_error {
    const char *path;
    enum pvi_code code;
};

/* Checks that e holds exactly the errors of want (ended by a NULL path), in
 * any order. */
static void
expect_errors(const char *what, const struct pvi_errors *e, const struct want_error *want)
{
    size_t n = 0;
    for (; want[n].path; n++) {
        const struct pvi_field_error *fe = pvi_errors_find(e, want[n].path);
        if (fe == NULL || fe->code != want[n].code)
            print_error("%s: at \"%s\" want %s, got %s\n", what, want[n].path,
                        pvi_code_name(want[n].code), fe ? pvi_code_name(fe->code) : "nothing");
        assert_non_null(fe);
        assert_int_equal(fe->code, want[n].code);
        assert_int_not_equal(fe->msg, PVI_MSG_NONE);
    }
    if (e->n != n)
        for (size_t i = 0; i < e->n; i++)
            print_error("%s: error %zu at \"%s\": %s\n", what, i, e->v[i].path,
                        pvi_code_name(e->v[i].code));
    assert_int_equal(e->n, n);
}

/* Logs in and expects code; returns the session (or NULL) for the caller to
 * free. The field errors agree: none on success; the outcome at "" with its
 * own message, or the faulty fields. */
static struct pvi_session *
login_admin(const char *email, const char *pw, const char *address, enum pvi_code expect)
{
    struct pvi_session *s = (struct pvi_session *)1;
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_login_admin(&s, db, email, pw, address, &e);
    if (rc != expect)
        print_error("login %s/%s from %s: got %s, expected %s\n", email, pw,
                    address ? address : "-", pvi_code_name(rc), pvi_code_name(expect));
    assert_int_equal(rc, expect);
    if (expect == PVI_OK) {
        assert_non_null(s);
        assert_int_equal(e.n, 0);
    } else {
        assert_null(s);
        assert_true(e.n > 0);
        if (expect != PVI_VALIDATION && expect != PVI_EMPTY_PASSWORD) {
            assert_int_equal(e.n, 1);
            assert_string_equal(e.v[0].path, "");
            assert_int_equal(e.v[0].code, expect);
            assert_int_equal(e.v[0].msg, pvi_code_msg(expect));
        }
    }
    pvi_errors_clear(&e);
    return s;
}

static void
check_session(const char *token, enum pvi_code expect)
{
    struct pvi_principal *p = (struct pvi_principal *)1;
    enum pvi_code rc = pvi_session_check(&p, db, token, "192.0.2.1");
    if (rc != expect)
        print_error("session check at T0%+llds: got %s, expected %s\n",
                    (long long)((fake_now - T0) / SEC), pvi_code_name(rc), pvi_code_name(expect));
    assert_int_equal(rc, expect);
    if (expect == PVI_OK)
        assert_non_null(p);
    else
        assert_null(p);
    pvi_principal_free(p);
}

static long long
insert_client(const char *number)
{
    return q_ll("INSERT INTO clients (customer_number, company_name, siret, email, phone)"
                " VALUES ('%s', 'Plomberie Test', '73282932000074', 'contact@plomberie.test',"
                " '+33299123456') RETURNING id",
                number);
}

/* ---- admin accounts and logins ---- */

static void
admin_login_succeeds_with_the_right_password_only(void **state)
{
    (void)state;
    static const struct {
        const char *email;
        const char *password;
        enum pvi_code expect;
    } cases[] = {
        {ALICE, ALICE_PW, PVI_OK},
        {"  Alice@PVI.test ", ALICE_PW, PVI_OK}, /* trimmed, case-insensitive */
        {ALICE, "alice-password-2", PVI_BAD_CREDENTIALS},
        {ALICE, "ALICE-PASSWORD-1", PVI_BAD_CREDENTIALS},
        {ALICE, "", PVI_EMPTY_PASSWORD},
        {ALICE, NULL, PVI_EMPTY_PASSWORD},
        {"", ALICE_PW, PVI_VALIDATION},
        {NULL, ALICE_PW, PVI_VALIDATION},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_session *s =
            login_admin(cases[i].email, cases[i].password, NULL, cases[i].expect);
        if (s == NULL)
            continue;
        assert_true(pvi_token_well_formed(s->token));
        assert_int_equal(s->principal.role, PVI_ROLE_ADMIN);
        assert_int_equal(s->principal.id, alice_id);
        assert_string_equal(s->principal.label, ALICE);
        assert_true(pvi_token_well_formed(s->principal.csrf_token));
        assert_string_not_equal(s->token, s->principal.csrf_token);
        assert_int_equal(s->absolute_expires_at_us, T0 + 12 * HOUR);
        assert_int_equal(s->principal.expires_at_us, T0 + 30 * MIN);
        /* only the SHA-256 of the token is stored */
        char hex[65];
        pvi_secret_digest_hex(hex, s->token);
        char *stored = q_str("SELECT encode(token_hash, 'hex') FROM sessions WHERE id = %lld",
                             s->principal.session_id);
        assert_string_equal(stored, hex);
        free(stored);
        assert_int_equal(
            q_ll("SELECT count(*) FROM sessions s WHERE position('%s' IN s::text) > 0", s->token),
            0);
        check_session(s->token, PVI_OK);
        pvi_session_free(s);
    }
    /* two successful logins: two distinct sessions */
    assert_int_equal(q_ll("SELECT count(DISTINCT token_hash) FROM sessions"), 2);
}

static void
admin_create_reports_every_faulty_field_and_checks_its_actor(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    struct pvi_actor op = {.role = PVI_ROLE_OPERATOR, .id = 1, .label = "op.martin"};
    struct pvi_actor integ = {.role = PVI_ROLE_INTEGRATOR, .id = 1, .label = "partner"};
    static char long_name[200];
    memset(long_name, 'n', 121);
    static char long_password[PVI_PASSWORD_MAX_BYTES + 2];
    memset(long_password, 'p', PVI_PASSWORD_MAX_BYTES + 1);
    static const struct {
        int actor; /* 0 alice, 1 operator, 2 integrator, 3 none */
        const char *email;
        const char *name;
        const char *password;
        enum pvi_code expect;
        struct want_error errors[4];
    } cases[] = {
        {0, "Bob@PVI.test", "Bob", "bob-password-1", PVI_OK, {{0}}},
        {0,
         "bob@pvi.test",
         "Bob again",
         "bob-password-1",
         PVI_DUPLICATE,
         {{"email", PVI_DUPLICATE}, {0}}},
        {1, "carol@pvi.test", "Carol", "carol-password-1", PVI_FORBIDDEN, {{0}}},
        {2, "carol@pvi.test", "Carol", "carol-password-1", PVI_FORBIDDEN, {{0}}},
        {3, "carol@pvi.test", "Carol", "carol-password-1", PVI_FORBIDDEN, {{0}}},
        /* refused before the fields are looked at */
        {1, "carol@", "", "", PVI_FORBIDDEN, {{0}}},
        /* every faulty field at once */
        {0,
         "carol@",
         "   ",
         "short",
         PVI_VALIDATION,
         {{"email", PVI_BAD_EMAIL},
          {"display_name", PVI_REQUIRED},
          {"password", PVI_WEAK_PASSWORD},
          {0}}},
        {0,
         NULL,
         long_name,
         "",
         PVI_VALIDATION,
         {{"email", PVI_BAD_EMAIL},
          {"display_name", PVI_TOO_LONG},
          {"password", PVI_EMPTY_PASSWORD},
          {0}}},
        {0,
         "carol",
         "Car\xC3ol",
         NULL,
         PVI_VALIDATION,
         {{"email", PVI_BAD_EMAIL},
          {"display_name", PVI_BAD_VALUE},
          {"password", PVI_EMPTY_PASSWORD},
          {0}}},
        {0,
         "carol@pvi.test",
         NULL,
         long_password,
         PVI_VALIDATION,
         {{"display_name", PVI_REQUIRED}, {"password", PVI_TOO_LONG}, {0}}},
        /* one field alone is still a validation error, at its path */
        {0, "carol@", "Carol", "carol-password-1", PVI_VALIDATION, {{"email", PVI_BAD_EMAIL}, {0}}},
        {0,
         "carol@pvi.test",
         long_name,
         "carol-password-1",
         PVI_VALIDATION,
         {{"display_name", PVI_TOO_LONG}, {0}}},
        {0,
         "carol@pvi.test",
         "Carol",
         "short",
         PVI_VALIDATION,
         {{"password", PVI_WEAK_PASSWORD}, {0}}},
    };
    const struct pvi_actor *actors[] = {&alice, &op, &integ, NULL};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        long long id = -1;
        struct pvi_errors e = {0};
        long long events = audit_count("admin.create");
        enum pvi_code rc = pvi_admin_create(&id, db, actors[cases[i].actor], cases[i].email,
                                            cases[i].name, cases[i].password, &e);
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        if (rc != cases[i].expect)
            print_error("%s: got %s\n", what, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        assert_true(rc == PVI_OK ? id > 0 : id == 0);
        expect_errors(what, &e, cases[i].errors);
        assert_int_equal(audit_count("admin.create"), events + (rc == PVI_OK));
        pvi_errors_clear(&e);
    }
    /* the messages say what to do: the limits are named */
    struct pvi_errors e = {0};
    assert_int_equal(
        pvi_admin_create(NULL, db, &alice, "carol@pvi.test", long_name, long_password, &e),
        PVI_VALIDATION);
    const struct pvi_field_error *fe = pvi_errors_find(&e, "display_name");
    assert_int_equal(fe->msg, PVI_MSG_TEXT_MAX_CHARS);
    assert_string_equal(testenv_error_fr(fe), "120 caractères au maximum.");
    fe = pvi_errors_find(&e, "password");
    assert_int_equal(fe->msg, PVI_MSG_PASSWORD_TOO_LONG);
    assert_non_null(strstr(testenv_error_fr(fe), "1024"));
    pvi_errors_clear(&e);
    assert_int_equal(
        pvi_admin_create(NULL, db, &alice, "BOB@pvi.test", "Bob", "bob-password-1", &e),
        PVI_DUPLICATE);
    assert_int_equal(pvi_errors_find(&e, "email")->msg, PVI_MSG_ACCOUNT_EMAIL_TAKEN);
    pvi_errors_clear(&e);
    /* errs may be NULL: the same verdict */
    assert_int_equal(pvi_admin_create(NULL, db, &alice, "carol@", "", "", NULL), PVI_VALIDATION);

    assert_int_equal(q_ll("SELECT count(*) FROM admin_users"), 2);
    char *email = q_str("SELECT email FROM admin_users WHERE display_name = 'Bob'");
    assert_string_equal(email, "bob@pvi.test");
    free(email);
    assert_int_equal(audit_count("admin.create"), 2); /* alice (setup) and bob */
    /* the audit trail never holds a password or its hash */
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE concat(before, after)"
                          " LIKE '%%password-1%%' OR concat(before, after) LIKE '%%argon2%%'"),
                     0);
    pvi_session_free(login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_OK));
}

#define NBSP "\xC2\xA0"      /* U+00A0 no-break space */
#define NNBSP "\xE2\x80\xAF" /* U+202F narrow no-break space */

/* The two logins by password, with every faulty field named at once: a
 * blank identifier or an empty password records nothing at all; any
 * other refusal is one error for the whole form. */
static void
logins_name_every_faulty_field_and_record_nothing_for_them(void **state)
{
    (void)state;
    long long client = insert_client(CLIENT_NO);
    assert_int_equal(pvi_client_set_password(db, &sys, client, NULL, CLIENT_PW, NULL), PVI_OK);
    static const struct {
        int client; /* 0 admin login, 1 client login */
        const char *identifier;
        const char *password;
        enum pvi_code expect;
        struct want_error errors[3];
    } cases[] = {
        {0,
         "",
         "",
         PVI_VALIDATION,
         {{"email", PVI_REQUIRED}, {"password", PVI_EMPTY_PASSWORD}, {0}}},
        {0,
         " \t" NBSP NNBSP,
         NULL,
         PVI_VALIDATION,
         {{"email", PVI_REQUIRED}, {"password", PVI_EMPTY_PASSWORD}, {0}}},
        {0, NULL, ALICE_PW, PVI_VALIDATION, {{"email", PVI_REQUIRED}, {0}}},
        {0, NBSP, ALICE_PW, PVI_VALIDATION, {{"email", PVI_REQUIRED}, {0}}},
        {0, ALICE, "", PVI_EMPTY_PASSWORD, {{"password", PVI_EMPTY_PASSWORD}, {0}}},
        {0, ALICE, "not-the-password", PVI_BAD_CREDENTIALS, {{"", PVI_BAD_CREDENTIALS}, {0}}},
        {1,
         NNBSP,
         "",
         PVI_VALIDATION,
         {{"customer_number", PVI_REQUIRED}, {"password", PVI_EMPTY_PASSWORD}, {0}}},
        {1, "", CLIENT_PW, PVI_VALIDATION, {{"customer_number", PVI_REQUIRED}, {0}}},
        {1, CLIENT_NO, NULL, PVI_EMPTY_PASSWORD, {{"password", PVI_EMPTY_PASSWORD}, {0}}},
        {1, "PJ99999999", CLIENT_PW, PVI_BAD_CREDENTIALS, {{"", PVI_BAD_CREDENTIALS}, {0}}},
        {1, NBSP CLIENT_NO NNBSP, CLIENT_PW, PVI_OK, {{0}}},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_session *s = (struct pvi_session *)1;
        struct pvi_errors e = {0};
        enum pvi_code rc =
            cases[i].client
                ? pvi_login_client(&s, db, cases[i].identifier, cases[i].password, "192.0.2.9", &e)
                : pvi_login_admin(&s, db, cases[i].identifier, cases[i].password, "192.0.2.9", &e);
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        if (rc != cases[i].expect)
            print_error("%s: got %s\n", what, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        assert_true(rc == PVI_OK ? s != NULL : s == NULL);
        expect_errors(what, &e, cases[i].errors);
        for (size_t k = 0; k < e.n; k++)
            assert_int_equal(e.v[k].msg, pvi_code_msg(e.v[k].code)); /* the code's own message */
        pvi_errors_clear(&e);
        pvi_session_free(rc == PVI_OK ? s : NULL);
    }
    /* only the two wrong passwords were attempts: counted and audited */
    assert_int_equal(q_ll("SELECT count(*) FROM login_failures"), 2);
    assert_int_equal(audit_count("login.failure"), 2);
    assert_int_equal(audit_count("login.success"), 1);
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE actor_label = ''"), 0);
}

/* One rule for blanks (pvi_text.h): an e-mail padded with a no-break space
 * and a narrow no-break space is the same e-mail for a client, for an
 * administrator and at login. */
static void
a_padded_email_gets_the_same_verdict_everywhere(void **state)
{
    (void)state;
    const char *padded = NBSP "Dora@PVI.test" NNBSP;
    struct pvi_client_new cl = {.customer_number = "PJ55555555",
                                .company_name = "Dora SARL",
                                .siret = "73282932000074",
                                .email = padded,
                                .phone = "02 99 12 34 56"};
    struct pvi_errors e = {0};
    long long client = 0;
    assert_int_equal(pvi_client_create(&client, db, &sys, &cl, &e), PVI_OK);
    assert_int_equal(e.n, 0);
    char *stored = q_str("SELECT email FROM clients WHERE id = %lld", client);
    assert_string_equal(stored, "Dora@pvi.test");
    free(stored);

    long long admin = 0;
    assert_int_equal(pvi_admin_create(&admin, db, &sys, padded, "Dora", "dora-password-1", &e),
                     PVI_OK);
    assert_int_equal(e.n, 0);
    stored = q_str("SELECT email FROM admin_users WHERE id = %lld", admin);
    assert_string_equal(stored, "dora@pvi.test");
    free(stored);

    struct pvi_session *s = login_admin(padded, "dora-password-1", NULL, PVI_OK);
    assert_int_equal(s->principal.id, admin);
    pvi_session_free(s);
    /* and the account key of a failure is the trimmed e-mail too */
    login_admin(padded, "not-dora-password", NULL, PVI_BAD_CREDENTIALS);
    assert_int_equal(failures_of("dora@pvi.test"), 1);
}

static void
weak_hash_is_replaced_at_the_next_successful_login(void **state)
{
    (void)state;
    char weak[crypto_pwhash_STRBYTES];
    assert_int_equal(crypto_pwhash_str_alg(weak, ALICE_PW, strlen(ALICE_PW),
                                           crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                                           crypto_pwhash_ALG_ARGON2ID13),
                     0);
    PQclear(q("UPDATE admin_users SET password_hash = '%s' WHERE id = %lld", weak, alice_id));

    /* a failed login leaves the weak hash alone */
    login_admin(ALICE, "not-the-password", NULL, PVI_BAD_CREDENTIALS);
    char *stored = q_str("SELECT password_hash FROM admin_users WHERE id = %lld", alice_id);
    assert_string_equal(stored, weak);
    free(stored);

    pvi_session_free(login_admin(ALICE, ALICE_PW, NULL, PVI_OK));
    stored = q_str("SELECT password_hash FROM admin_users WHERE id = %lld", alice_id);
    assert_string_not_equal(stored, weak);
    assert_true(strncmp(stored, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0);
    int rehash = -1;
    assert_int_equal(pvi_password_verify(&rehash, stored, ALICE_PW), PVI_OK);
    assert_int_equal(rehash, 0);

    /* a strong hash is not rewritten at the next login */
    pvi_session_free(login_admin(ALICE, ALICE_PW, NULL, PVI_OK));
    char *again = q_str("SELECT password_hash FROM admin_users WHERE id = %lld", alice_id);
    assert_string_equal(again, stored);
    free(again);
    free(stored);
}

static void
unknown_account_gets_the_wrong_password_answer_and_is_recorded(void **state)
{
    (void)state;
    login_admin("nobody@pvi.test", "some-password-9", "198.51.100.7", PVI_BAD_CREDENTIALS);
    login_admin(ALICE, "some-password-9", "198.51.100.7", PVI_BAD_CREDENTIALS);
    assert_int_equal(failures_of("nobody@pvi.test"), 1);
    assert_int_equal(failures_of(ALICE), 1);
    assert_int_equal(q_ll("SELECT count(*) FROM login_failures WHERE realm = 'admin'"
                          " AND address = '198.51.100.7' AND at = '2026-01-05T10:00:00Z'"),
                     2);
    /* both audited alike, without the password */
    assert_int_equal(audit_count("login.failure"), 2);
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE action = 'login.failure'"
                          " AND actor_kind = 'anonymous' AND address = '198.51.100.7'"
                          " AND after->>'reason' = 'bad_credentials'"
                          " AND actor_label IN ('nobody@pvi.test', '%s')",
                          ALICE),
                     2);
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE concat(actor_label, before,"
                          " after) LIKE '%%some-password%%'"),
                     0);
    assert_int_equal(q_ll("SELECT count(*) FROM sessions"), 0);
}

static int64_t
mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void
unknown_account_costs_about_as_much_time_as_a_wrong_password(void **state)
{
    (void)state;
    enum { N = 3 };
    int64_t known[N], unknown[N];
    /* warm-up: the first unknown account also builds the dummy hash */
    login_admin("warm-up@pvi.test", "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
    for (int i = 0; i < N; i++) {
        char email[64];
        snprintf(email, sizeof email, "nobody%d@pvi.test", i);
        int64_t t = mono_us();
        login_admin(email, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
        unknown[i] = mono_us() - t;
        t = mono_us();
        login_admin(ALICE, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
        known[i] = mono_us() - t;
    }
    qsort(known, N, sizeof *known, by_value);
    qsort(unknown, N, sizeof *unknown, by_value);
    int64_t k = known[N / 2], u = unknown[N / 2];
    print_message("median wrong password %lld µs, unknown account %lld µs\n", (long long)k,
                  (long long)u);
    /* both are dominated by one argon2id verification */
    assert_true(u * 2 > k);
    assert_true(k * 2 > u);
}

static void
five_failures_throttle_the_account_even_with_the_right_password(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++)
        login_admin(ALICE, "wrong-password-x", "198.51.100.1", PVI_BAD_CREDENTIALS);
    /* from another address too: the account is what is throttled */
    login_admin(ALICE, ALICE_PW, "198.51.100.2", PVI_LOGIN_THROTTLED);
    login_admin(ALICE, ALICE_PW, NULL, PVI_LOGIN_THROTTLED);
    /* refused attempts are not counted and the password was not looked at */
    assert_int_equal(failures_of(ALICE), 5);
    assert_int_equal(audit_count("login.throttled"), 2);
    assert_int_equal(audit_count("login.failure"), 5);

    static const struct {
        int64_t at;
        const char *password;
        enum pvi_code expect;
    } steps[] = {
        {999999, ALICE_PW, PVI_LOGIN_THROTTLED},            /* 5 failures: 1 s */
        {1 * SEC, "wrong-password-x", PVI_BAD_CREDENTIALS}, /* the 6th, at T0+1 s */
        {2 * SEC, ALICE_PW, PVI_LOGIN_THROTTLED},           /* 6 failures: 2 s */
        {3 * SEC - 1, ALICE_PW, PVI_LOGIN_THROTTLED},
        {3 * SEC, ALICE_PW, PVI_OK},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(steps); i++) {
        fake_now = T0 + steps[i].at;
        pvi_session_free(login_admin(ALICE, steps[i].password, "198.51.100.1", steps[i].expect));
    }
    /* success clears the account's failures */
    assert_int_equal(failures_of(ALICE), 0);
    login_admin(ALICE, "wrong-password-x", "198.51.100.1", PVI_BAD_CREDENTIALS);
    pvi_session_free(login_admin(ALICE, ALICE_PW, "198.51.100.1", PVI_OK));
}

static void
failures_older_than_the_window_no_longer_count(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++)
        login_admin(ALICE, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
    fake_now = T0 + 15 * MIN + 1;
    /* 5 more failures now: the five old ones are forgotten, so only the 10th
     * attempt overall reaches the threshold again */
    for (int i = 0; i < 5; i++)
        login_admin(ALICE, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
    login_admin(ALICE, ALICE_PW, NULL, PVI_LOGIN_THROTTLED);
    fake_now += SEC;
    pvi_session_free(login_admin(ALICE, ALICE_PW, NULL, PVI_OK));
}

static void
twenty_failures_from_one_address_throttle_every_account_from_it(void **state)
{
    (void)state;
    for (int i = 0; i < 20; i++) {
        char email[64];
        snprintf(email, sizeof email, "guess%02d@pvi.test", i);
        login_admin(email, "guess-password-1", "203.0.113.9", PVI_BAD_CREDENTIALS);
    }
    assert_int_equal(q_ll("SELECT count(*) FROM login_failures WHERE address = '203.0.113.9'"), 20);
    /* the right password of an account never guessed, from that address: refused */
    login_admin(ALICE, ALICE_PW, "203.0.113.9", PVI_LOGIN_THROTTLED);
    /* also in the client realm: the address counts across realms */
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_client(&s, db, CLIENT_NO, CLIENT_PW, "203.0.113.9", NULL),
                     PVI_LOGIN_THROTTLED);
    /* from another address: fine */
    pvi_session_free(login_admin(ALICE, ALICE_PW, "203.0.113.10", PVI_OK));
    /* 20 failures: one second after the last one, the address may try again */
    fake_now = T0 + SEC;
    pvi_session_free(login_admin(ALICE, ALICE_PW, "203.0.113.9", PVI_OK));
}

/* ---- sessions ---- */

static void
idle_session_expires_after_thirty_minutes_without_a_request(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    struct pvi_session *quiet = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    static const struct {
        int64_t at;
        enum pvi_code expect;
    } steps[] = {
        {29 * MIN, PVI_OK},     /* refreshes last_seen */
        {58 * MIN, PVI_OK},     /* 29 min after the last request */
        {88 * MIN - 1, PVI_OK}, /* just under 30 min */
        {88 * MIN - 1 + 30 * MIN, PVI_SESSION_EXPIRED},
        {89 * MIN + 30 * MIN, PVI_SESSION_EXPIRED}, /* and it stays expired */
    };
    for (size_t i = 0; i < PVI_COUNT_OF(steps); i++) {
        fake_now = T0 + steps[i].at;
        check_session(s->token, steps[i].expect);
    }
    /* the session that saw no request expired 30 minutes after the login */
    fake_now = T0 + 30 * MIN;
    check_session(quiet->token, PVI_SESSION_EXPIRED);
    pvi_session_free(s);
    pvi_session_free(quiet);
}

static void
last_seen_is_refreshed_at_most_once_a_minute(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    long long id = s->principal.session_id;
    static const struct {
        int64_t at;
        int64_t seen; /* last_seen_at after the check */
    } steps[] = {
        {30 * SEC, 0},         {59 * SEC, 0},          {60 * SEC, 60 * SEC},
        {100 * SEC, 60 * SEC}, {125 * SEC, 125 * SEC},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(steps); i++) {
        fake_now = T0 + steps[i].at;
        struct pvi_principal *p = NULL;
        assert_int_equal(pvi_session_check(&p, db, s->token, "192.0.2.1"), PVI_OK);
        assert_int_equal(p->expires_at_us, T0 + steps[i].seen + 30 * MIN);
        assert_string_equal(p->address, "192.0.2.1");
        assert_string_equal(p->csrf_token, s->principal.csrf_token);
        pvi_principal_free(p);
        assert_int_equal(q_ll("SELECT (extract(epoch FROM last_seen_at) * 1000000)::bigint"
                              " FROM sessions WHERE id = %lld",
                              id),
                         T0 + steps[i].seen);
    }
    pvi_session_free(s);
}

static void
absolute_expiry_ends_even_a_busy_session_after_twelve_hours(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    for (int64_t t = 20 * MIN; t < 12 * HOUR; t += 20 * MIN) {
        fake_now = T0 + t;
        check_session(s->token, PVI_OK);
    }
    fake_now = T0 + 12 * HOUR - 1;
    check_session(s->token, PVI_OK);
    fake_now = T0 + 12 * HOUR;
    check_session(s->token, PVI_SESSION_EXPIRED);
    pvi_session_free(s);
}

static void
session_policy_can_be_shortened(void **state)
{
    (void)state;
    struct pvi_auth_policy p = {.session_idle_us = 5 * MIN, .session_absolute_us = HOUR};
    pvi_auth_policy_set(&p);
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    assert_int_equal(s->absolute_expires_at_us, T0 + HOUR);
    fake_now = T0 + 5 * MIN;
    check_session(s->token, PVI_SESSION_EXPIRED);
    pvi_auth_policy_set(NULL);
    pvi_session_free(s);
}

static void
unknown_and_malformed_tokens_are_unauthenticated(void **state)
{
    (void)state;
    char other[PVI_TOKEN_CHARS + 1];
    pvi_token_new(other);
    static const char *const bad[] = {"", "abc", "not a token at all, with spaces in it......"};
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++)
        check_session(bad[i], PVI_UNAUTHENTICATED);
    check_session(NULL, PVI_UNAUTHENTICATED);
    check_session(other, PVI_UNAUTHENTICATED);
    /* a token one character off a real one is unknown too */
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    char off[PVI_TOKEN_CHARS + 1];
    memcpy(off, s->token, sizeof off);
    off[10] = off[10] == 'A' ? 'B' : 'A';
    check_session(off, PVI_UNAUTHENTICATED);
    check_session(s->token, PVI_OK);
    pvi_session_free(s);
}

static void
logout_revokes_the_session_once(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    struct pvi_session *other = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    assert_int_equal(pvi_session_logout(db, s->token), PVI_OK);
    check_session(s->token, PVI_SESSION_EXPIRED);
    check_session(other->token, PVI_OK); /* only that browser's session ends */
    assert_int_equal(audit_count("logout"), 1);
    /* logging out again, or with rubbish, succeeds and writes nothing */
    assert_int_equal(pvi_session_logout(db, s->token), PVI_OK);
    assert_int_equal(pvi_session_logout(db, "rubbish"), PVI_OK);
    assert_int_equal(pvi_session_logout(db, NULL), PVI_OK);
    assert_int_equal(audit_count("logout"), 1);
    assert_int_equal(q_ll("SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL"), 1);
    pvi_session_free(s);
    pvi_session_free(other);
}

static void
rotation_issues_a_new_token_and_ends_the_old_one(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    fake_now = T0 + 10 * MIN;
    struct pvi_session *r = NULL;
    assert_int_equal(pvi_session_rotate(&r, db, s->token, "192.0.2.1"), PVI_OK);
    assert_string_not_equal(r->token, s->token);
    assert_string_not_equal(r->principal.csrf_token, s->principal.csrf_token);
    assert_int_equal(r->principal.id, alice_id);
    assert_int_equal(r->absolute_expires_at_us, T0 + 10 * MIN + 12 * HOUR);
    check_session(s->token, PVI_SESSION_EXPIRED);
    check_session(r->token, PVI_OK);
    struct pvi_session *again = (struct pvi_session *)1;
    assert_int_equal(pvi_session_rotate(&again, db, s->token, NULL), PVI_SESSION_EXPIRED);
    assert_null(again);
    assert_int_equal(audit_count("session.rotate"), 1);
    pvi_session_free(s);
    pvi_session_free(r);
}

static void
disabling_an_admin_revokes_its_sessions_and_bars_its_logins(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    long long bob = 0;
    assert_int_equal(
        pvi_admin_create(&bob, db, &alice, "bob@pvi.test", "Bob", "bob-password-1", NULL), PVI_OK);
    struct pvi_session *s1 = login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_OK);
    struct pvi_session *s2 = login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_OK);
    struct pvi_session *mine = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);

    struct pvi_actor op = {.role = PVI_ROLE_OPERATOR, .id = 1, .label = "op"};
    assert_int_equal(pvi_admin_set_active(db, &op, bob, 0), PVI_FORBIDDEN);
    assert_int_equal(pvi_admin_set_active(db, &alice, alice_id, 0), PVI_SELF_DISABLE);
    assert_int_equal(pvi_admin_set_active(db, &alice, 999999, 0), PVI_NOT_FOUND);
    assert_int_equal(pvi_admin_set_active(db, &alice, bob, 0), PVI_OK);

    check_session(s1->token, PVI_SESSION_EXPIRED);
    check_session(s2->token, PVI_SESSION_EXPIRED);
    check_session(mine->token, PVI_OK);
    assert_int_equal(q_ll("SELECT count(*) FROM sessions WHERE principal_id = %lld"
                          " AND revoked_at IS NULL AND principal_kind = 'admin'",
                          bob),
                     0);
    assert_int_equal(q_ll("SELECT (after->>'sessions_revoked')::int FROM audit_events"
                          " WHERE action = 'admin.disable'"),
                     2);
    /* right password: told the account is locked; wrong one: nothing learnt */
    login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_ACCOUNT_LOCKED);
    login_admin("bob@pvi.test", "bob-password-2", NULL, PVI_BAD_CREDENTIALS);
    /* disabling twice changes nothing and writes nothing */
    assert_int_equal(pvi_admin_set_active(db, &alice, bob, 0), PVI_OK);
    assert_int_equal(audit_count("admin.disable"), 1);

    assert_int_equal(pvi_admin_set_active(db, &alice, bob, 1), PVI_OK);
    assert_int_equal(audit_count("admin.enable"), 1);
    pvi_session_free(login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_OK));

    /* an account disabled behind libpvi's back: the session check catches it */
    struct pvi_session *s3 = login_admin("bob@pvi.test", "bob-password-1", NULL, PVI_OK);
    PQclear(q("UPDATE admin_users SET active = false WHERE id = %lld", bob));
    check_session(s3->token, PVI_ACCOUNT_LOCKED);
    check_session(s3->token, PVI_SESSION_EXPIRED); /* it was revoked */
    assert_int_equal(audit_count("session.revoke"), 1);

    pvi_session_free(s1);
    pvi_session_free(s2);
    pvi_session_free(s3);
    pvi_session_free(mine);
}

static void
changing_an_admin_password_ends_its_sessions(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    struct pvi_errors e = {0};
    static const struct want_error weak[] = {{"password", PVI_WEAK_PASSWORD}, {0}};
    assert_int_equal(pvi_admin_set_password(db, &alice, alice_id, "short", &e), PVI_VALIDATION);
    expect_errors("short password", &e, weak);
    pvi_errors_clear(&e);
    static const struct want_error empty[] = {{"password", PVI_EMPTY_PASSWORD}, {0}};
    assert_int_equal(pvi_admin_set_password(db, &alice, alice_id, NULL, &e), PVI_VALIDATION);
    expect_errors("no password", &e, empty);
    pvi_errors_clear(&e);
    struct pvi_actor client = {.role = PVI_ROLE_CLIENT, .id = 1, .label = CLIENT_NO};
    assert_int_equal(pvi_admin_set_password(db, &client, alice_id, "new-password-12", &e),
                     PVI_FORBIDDEN);
    assert_int_equal(e.n, 0);
    assert_int_equal(pvi_admin_set_password(db, &alice, 999999, "new-password-12", NULL),
                     PVI_NOT_FOUND);
    assert_int_equal(pvi_admin_set_password(db, &alice, alice_id, "new-password-12", NULL), PVI_OK);
    check_session(s->token, PVI_SESSION_EXPIRED);
    login_admin(ALICE, ALICE_PW, NULL, PVI_BAD_CREDENTIALS);
    pvi_session_free(login_admin(ALICE, "new-password-12", NULL, PVI_OK));
    assert_int_equal(audit_count("admin.password"), 1);
    pvi_session_free(s);
}

/* ---- clients ---- */

static void
client_logs_in_by_customer_number_in_any_case(void **state)
{
    (void)state;
    long long id = insert_client(CLIENT_NO);
    /* no password yet: like an unknown account */
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_client(&s, db, CLIENT_NO, CLIENT_PW, NULL, NULL),
                     PVI_BAD_CREDENTIALS);
    assert_int_equal(pvi_client_set_password(db, &sys, id, NULL, CLIENT_PW, NULL), PVI_OK);
    static const struct {
        const char *number;
        const char *password;
        enum pvi_code expect;
    } cases[] = {
        {"pj12345678", CLIENT_PW, PVI_OK},
        {" PJ12345678 ", CLIENT_PW, PVI_OK},
        {"Pj12345678", CLIENT_PW, PVI_OK},
        {"PJ12345679", CLIENT_PW, PVI_BAD_CREDENTIALS},
        {"12345678", CLIENT_PW, PVI_BAD_CREDENTIALS},
        {"pj12345678", "client-password-2", PVI_BAD_CREDENTIALS},
        {"pj12345678", "", PVI_EMPTY_PASSWORD},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        s = (struct pvi_session *)1;
        enum pvi_code rc = pvi_login_client(&s, db, cases[i].number, cases[i].password, NULL, NULL);
        if (rc != cases[i].expect)
            print_error("case %zu: got %s\n", i, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        if (rc == PVI_OK) {
            assert_int_equal(s->principal.role, PVI_ROLE_CLIENT);
            assert_int_equal(s->principal.id, id);
            assert_string_equal(s->principal.label, CLIENT_NO);
        }
        pvi_session_free(rc == PVI_OK ? s : NULL);
    }
    /* the attempt before the password was set was cleared by the first
     * success; the wrong password after it counts */
    assert_int_equal(failures_of(CLIENT_NO), 1);
    assert_int_equal(failures_of("PJ12345679"), 1);
    assert_int_equal(q_ll("SELECT failed_logins FROM clients WHERE id = %lld", id), 1);
    s = NULL;
    assert_int_equal(pvi_login_client(&s, db, CLIENT_NO, CLIENT_PW, NULL, NULL), PVI_OK);
    assert_int_equal(q_ll("SELECT failed_logins FROM clients WHERE id = %lld", id), 0);

    /* locked: the right password says so, a wrong one does not */
    PQclear(q("UPDATE clients SET locked = true WHERE id = %lld", id));
    struct pvi_session *t = (struct pvi_session *)1;
    assert_int_equal(pvi_login_client(&t, db, CLIENT_NO, CLIENT_PW, NULL, NULL),
                     PVI_ACCOUNT_LOCKED);
    assert_null(t);
    assert_int_equal(pvi_login_client(&t, db, CLIENT_NO, "client-password-2", NULL, NULL),
                     PVI_BAD_CREDENTIALS);
    /* and the session opened before the lock is refused and revoked */
    check_session(s->token, PVI_ACCOUNT_LOCKED);
    check_session(s->token, PVI_SESSION_EXPIRED);
    /* inactive is refused the same way */
    PQclear(q("UPDATE clients SET locked = false, active = false WHERE id = %lld", id));
    assert_int_equal(pvi_login_client(&t, db, CLIENT_NO, CLIENT_PW, NULL, NULL),
                     PVI_ACCOUNT_LOCKED);
    PQclear(q("UPDATE clients SET active = true WHERE id = %lld", id));
    assert_int_equal(pvi_login_client(&t, db, "pj12345678", CLIENT_PW, NULL, NULL), PVI_OK);
    pvi_session_free(t);
    pvi_session_free(s);
}

static void
client_changes_own_password_with_the_current_one(void **state)
{
    (void)state;
    long long id = insert_client(CLIENT_NO);
    long long other = insert_client("PJ87654321");
    assert_int_equal(pvi_client_set_password(db, &sys, id, NULL, CLIENT_PW, NULL), PVI_OK);
    struct pvi_session *s = NULL;
    assert_int_equal(pvi_login_client(&s, db, CLIENT_NO, CLIENT_PW, "192.0.2.5", NULL), PVI_OK);
    struct pvi_actor me = pvi_principal_actor(&s->principal);
    struct pvi_actor op = {.role = PVI_ROLE_OPERATOR, .id = 1, .label = "op"};
    static const struct {
        int who; /* 0 the client, 1 an operator, 2 the system */
        int other;
        const char *current;
        const char *new_pw;
        enum pvi_code expect;
        struct want_error errors[3];
    } cases[] = {
        {1, 0, CLIENT_PW, "brand-new-pass-1", PVI_FORBIDDEN, {{0}}},
        {0, 1, CLIENT_PW, "brand-new-pass-1", PVI_NOT_FOUND, {{0}}},
        /* both fields wrong: both named, nothing checked against the account */
        {0,
         0,
         "",
         "short",
         PVI_VALIDATION,
         {{"current_password", PVI_EMPTY_PASSWORD}, {"new_password", PVI_WEAK_PASSWORD}, {0}}},
        {0,
         0,
         NULL,
         NULL,
         PVI_VALIDATION,
         {{"current_password", PVI_EMPTY_PASSWORD}, {"new_password", PVI_EMPTY_PASSWORD}, {0}}},
        {0,
         0,
         "",
         "brand-new-pass-1",
         PVI_VALIDATION,
         {{"current_password", PVI_EMPTY_PASSWORD}, {0}}},
        {0, 0, CLIENT_PW, "short", PVI_VALIDATION, {{"new_password", PVI_WEAK_PASSWORD}, {0}}},
        /* the system needs no current password, but a good new one */
        {2, 0, NULL, "", PVI_VALIDATION, {{"new_password", PVI_EMPTY_PASSWORD}, {0}}},
        {0,
         0,
         "not-my-password",
         "brand-new-pass-1",
         PVI_BAD_CREDENTIALS,
         {{"current_password", PVI_BAD_CREDENTIALS}, {0}}},
        {0, 0, CLIENT_PW, "brand-new-pass-1", PVI_OK, {{0}}},
    };
    const struct pvi_actor *actors[] = {&me, &op, &sys};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_errors e = {0};
        enum pvi_code rc =
            pvi_client_set_password(db, actors[cases[i].who], cases[i].other ? other : id,
                                    cases[i].current, cases[i].new_pw, &e);
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        if (rc != cases[i].expect)
            print_error("%s: got %s\n", what, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        expect_errors(what, &e, cases[i].errors);
        pvi_errors_clear(&e);
    }
    /* validation problems were not counted as failed attempts: only the wrong password */
    assert_int_equal(audit_count("login.failure"), 1);
    assert_int_equal(audit_count("client.password"), 2); /* system's and the client's */
    check_session(s->token, PVI_SESSION_EXPIRED);
    struct pvi_session *t = NULL;
    assert_int_equal(pvi_login_client(&t, db, CLIENT_NO, CLIENT_PW, NULL, NULL),
                     PVI_BAD_CREDENTIALS);
    assert_int_equal(pvi_login_client(&t, db, CLIENT_NO, "brand-new-pass-1", NULL, NULL), PVI_OK);
    pvi_session_free(t);
    pvi_session_free(s);
}

/* ---- API keys ---- */

static void
api_key_is_shown_once_stored_hashed_and_checked_with_its_scopes(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    char *key = NULL;
    long long id = 0;
    assert_int_equal(pvi_apikey_create(&key, &id, db, &alice, "  Partenaire annuaire ",
                                       PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW, 120, NULL),
                     PVI_OK);
    assert_non_null(key);
    assert_int_equal(strlen(key), PVI_APIKEY_CHARS);
    char prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    assert_int_equal(pvi_apikey_parse(prefix, key), PVI_OK);

    /* stored: the prefix and the SHA-256 of the whole key, never the secret */
    char hex[65];
    pvi_secret_digest_hex(hex, key);
    char *stored = q_str("SELECT encode(key_hash, 'hex') FROM api_keys WHERE id = %lld", id);
    assert_string_equal(stored, hex);
    free(stored);
    char *p = q_str("SELECT prefix FROM api_keys WHERE id = %lld", id);
    assert_string_equal(p, prefix);
    free(p);
    assert_int_equal(
        q_ll("SELECT count(*) FROM api_keys k WHERE position('%s' IN k::text) > 0", key + 17), 0);
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE position('%s' IN"
                          " concat(before, after)) > 0",
                          key + 17),
                     0);

    struct pvi_principal *pr = NULL;
    assert_int_equal(pvi_apikey_check(&pr, db, key), PVI_OK);
    assert_int_equal(pr->role, PVI_ROLE_INTEGRATOR);
    assert_int_equal(pr->id, id);
    assert_string_equal(pr->label, "Partenaire annuaire");
    assert_int_equal(pr->scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    assert_int_equal(pr->rate_per_minute, 120);
    assert_null(pr->csrf_token);
    struct pvi_actor actor = pvi_principal_actor(pr);
    assert_int_equal(actor.scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    pvi_principal_free(pr);
    assert_int_equal(q_ll("SELECT (extract(epoch FROM last_used_at) * 1000000)::bigint"
                          " FROM api_keys WHERE id = %lld",
                          id),
                     T0);

    /* tampered keys: the secret, the prefix, the tag */
    static const size_t flip[] = {PVI_APIKEY_CHARS - 1, 20, 5};
    for (size_t i = 0; i < PVI_COUNT_OF(flip); i++) {
        char bad[PVI_APIKEY_CHARS + 1];
        memcpy(bad, key, sizeof bad);
        bad[flip[i]] = bad[flip[i]] == 'a' ? 'b' : 'a';
        pr = (struct pvi_principal *)1;
        assert_int_equal(pvi_apikey_check(&pr, db, bad), PVI_UNAUTHENTICATED);
        assert_null(pr);
    }
    assert_int_equal(pvi_apikey_check(&pr, db, "pvi_"), PVI_UNAUTHENTICATED);
    assert_int_equal(pvi_apikey_check(&pr, db, NULL), PVI_UNAUTHENTICATED);

    /* listed without the secret */
    struct pvi_apikey_list *list = NULL;
    assert_int_equal(pvi_apikey_list(&list, db, &alice), PVI_OK);
    assert_int_equal(list->n, 1);
    assert_string_equal(list->v[0].prefix, prefix);
    assert_int_equal(list->v[0].created_by, alice_id);
    assert_int_equal(list->v[0].scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    assert_int_equal(list->v[0].revoked_at_us, 0);
    pvi_apikey_list_free(list);

    /* revoked: refused from then on */
    fake_now += MIN;
    assert_int_equal(pvi_apikey_revoke(db, &alice, id), PVI_OK);
    assert_int_equal(pvi_apikey_check(&pr, db, key), PVI_UNAUTHENTICATED);
    assert_null(pr);
    assert_int_equal(pvi_apikey_revoke(db, &alice, id), PVI_OK); /* again: nothing written */
    assert_int_equal(pvi_apikey_revoke(db, &alice, 999999), PVI_NOT_FOUND);
    assert_int_equal(audit_count("apikey.create"), 1);
    assert_int_equal(audit_count("apikey.revoke"), 1);
    assert_int_equal(pvi_apikey_list(&list, db, &alice), PVI_OK);
    assert_int_equal(list->v[0].revoked_at_us, T0 + MIN);
    pvi_apikey_list_free(list);
    free(key);
}

static void
api_key_creation_is_for_admins_and_names_every_faulty_field(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    struct pvi_actor integ = {.role = PVI_ROLE_INTEGRATOR,
                              .id = 1,
                              .label = "k",
                              .scopes = PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE |
                                        PVI_SCOPE_WORKFLOW};
    struct pvi_actor client = {.role = PVI_ROLE_CLIENT, .id = 1, .label = CLIENT_NO};
    static char long_name[100];
    memset(long_name, 'k', PVI_APIKEY_NAME_MAX + 1);
    static const struct {
        int who; /* 0 alice, 1 integrator, 2 client */
        const char *name;
        unsigned scopes;
        int rate;
        enum pvi_code expect;
        struct want_error errors[4];
    } cases[] = {
        {1, "k", PVI_SCOPE_SITES_READ, 60, PVI_FORBIDDEN, {{0}}},
        {2, "", 0, 0, PVI_FORBIDDEN, {{0}}},
        {0, "", PVI_SCOPE_SITES_READ, 60, PVI_VALIDATION, {{"name", PVI_REQUIRED}, {0}}},
        {0, "k", 0, 60, PVI_VALIDATION, {{"scopes", PVI_BAD_VALUE}, {0}}},
        {0, "k", 1u << 7, 60, PVI_VALIDATION, {{"scopes", PVI_BAD_VALUE}, {0}}},
        {0,
         "k",
         PVI_SCOPE_SITES_READ,
         0,
         PVI_VALIDATION,
         {{"rate_per_minute", PVI_BAD_VALUE}, {0}}},
        {0,
         "k",
         PVI_SCOPE_SITES_READ,
         PVI_APIKEY_RATE_MAX + 1,
         PVI_VALIDATION,
         {{"rate_per_minute", PVI_BAD_VALUE}, {0}}},
        /* every faulty field at once */
        {0,
         " \t ",
         0,
         -1,
         PVI_VALIDATION,
         {{"name", PVI_REQUIRED},
          {"scopes", PVI_BAD_VALUE},
          {"rate_per_minute", PVI_BAD_VALUE},
          {0}}},
        {0,
         long_name,
         PVI_SCOPE_WORKFLOW | (1u << 9),
         PVI_APIKEY_RATE_MAX + 1,
         PVI_VALIDATION,
         {{"name", PVI_TOO_LONG},
          {"scopes", PVI_BAD_VALUE},
          {"rate_per_minute", PVI_BAD_VALUE},
          {0}}},
        {0,
         "k\xFF",
         PVI_SCOPE_SITES_READ,
         0,
         PVI_VALIDATION,
         {{"name", PVI_BAD_VALUE}, {"rate_per_minute", PVI_BAD_VALUE}, {0}}},
        {0,
         "k",
         PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW,
         60,
         PVI_OK,
         {{0}}},
    };
    const struct pvi_actor *actors[] = {&alice, &integ, &client};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        char *key = (char *)1;
        struct pvi_errors e = {0};
        enum pvi_code rc = pvi_apikey_create(&key, NULL, db, actors[cases[i].who], cases[i].name,
                                             cases[i].scopes, cases[i].rate, &e);
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        if (rc != cases[i].expect)
            print_error("%s: got %s\n", what, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        assert_true(rc == PVI_OK ? key != NULL : key == NULL);
        expect_errors(what, &e, cases[i].errors);
        pvi_errors_clear(&e);
        free(rc == PVI_OK ? key : NULL);
    }
    assert_int_equal(audit_count("apikey.create"), 1);
    /* the messages name the limits */
    struct pvi_errors e = {0};
    char *key = NULL;
    assert_int_equal(pvi_apikey_create(&key, NULL, db, &alice, long_name, 0, 0, &e),
                     PVI_VALIDATION);
    assert_string_equal(testenv_error_fr(pvi_errors_find(&e, "name")), "80 caractères au maximum.");
    assert_int_equal(pvi_errors_find(&e, "scopes")->msg, PVI_MSG_APIKEY_SCOPES);
    assert_non_null(strstr(testenv_error_fr(pvi_errors_find(&e, "rate_per_minute")), "100000"));
    pvi_errors_clear(&e);
    struct pvi_apikey_list *list = NULL;
    assert_int_equal(pvi_apikey_list(&list, db, &integ), PVI_FORBIDDEN);
    assert_null(list);
    assert_int_equal(pvi_apikey_revoke(db, &client, 1), PVI_FORBIDDEN);
}

/* ---- audit ---- */

static void
every_attempt_and_change_leaves_exactly_one_audit_event(void **state)
{
    (void)state;
    struct pvi_actor alice = alice_actor();
    static const char *const actions[] = {"login.success", "login.failure", "login.throttled",
                                          "logout",        "apikey.create", "apikey.revoke"};
    enum { N = PVI_COUNT_OF(actions) };
    long long before[N];
    for (int i = 0; i < N; i++)
        before[i] = audit_count(actions[i]);

    struct pvi_session *s = login_admin(ALICE, ALICE_PW, "192.0.2.44", PVI_OK);
    assert_int_equal(audit_count("login.success") - before[0], 1);
    assert_int_equal(q_ll("SELECT count(*) FROM audit_events WHERE action = 'login.success'"
                          " AND actor_kind = 'admin' AND actor_id = %lld AND address = '192.0.2.44'"
                          " AND object_id = %lld",
                          alice_id, s->principal.session_id),
                     1);
    login_admin(ALICE, "wrong-password-x", "192.0.2.44", PVI_BAD_CREDENTIALS);
    assert_int_equal(audit_count("login.failure") - before[1], 1);
    assert_int_equal(pvi_session_logout(db, s->token), PVI_OK);
    assert_int_equal(audit_count("logout") - before[3], 1);
    char *key = NULL;
    long long id = 0;
    assert_int_equal(pvi_apikey_create(&key, &id, db, &alice, "k", PVI_SCOPE_SITES_READ, 60, NULL),
                     PVI_OK);
    assert_int_equal(audit_count("apikey.create") - before[4], 1);
    assert_int_equal(pvi_apikey_revoke(db, &alice, id), PVI_OK);
    assert_int_equal(audit_count("apikey.revoke") - before[5], 1);
    for (int i = 0; i < 4; i++)
        login_admin(ALICE, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
    login_admin(ALICE, ALICE_PW, NULL, PVI_LOGIN_THROTTLED);
    assert_int_equal(audit_count("login.throttled") - before[2], 1);
    /* in total: exactly the events of what was done */
    assert_int_equal(audit_count("login.success") - before[0], 1);
    assert_int_equal(audit_count("login.failure") - before[1], 5);
    free(key);
    pvi_session_free(s);
}

static void
prune_removes_ended_sessions_and_old_failures(void **state)
{
    (void)state;
    struct pvi_session *s = login_admin(ALICE, ALICE_PW, NULL, PVI_OK);
    login_admin(ALICE, "wrong-password-x", NULL, PVI_BAD_CREDENTIALS);
    long long ns = -1, nf = -1;
    assert_int_equal(pvi_auth_prune(&ns, &nf, db), PVI_OK);
    assert_int_equal(ns, 0);
    assert_int_equal(nf, 0);
    fake_now = T0 + 12 * HOUR + 25 * HOUR;
    assert_int_equal(pvi_auth_prune(&ns, &nf, db), PVI_OK);
    assert_int_equal(ns, 1);
    assert_int_equal(nf, 1);
    pvi_session_free(s);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(admin_login_succeeds_with_the_right_password_only),
        T(admin_create_reports_every_faulty_field_and_checks_its_actor),
        T(logins_name_every_faulty_field_and_record_nothing_for_them),
        T(a_padded_email_gets_the_same_verdict_everywhere),
        T(weak_hash_is_replaced_at_the_next_successful_login),
        T(unknown_account_gets_the_wrong_password_answer_and_is_recorded),
        T(unknown_account_costs_about_as_much_time_as_a_wrong_password),
        T(five_failures_throttle_the_account_even_with_the_right_password),
        T(failures_older_than_the_window_no_longer_count),
        T(twenty_failures_from_one_address_throttle_every_account_from_it),
        T(idle_session_expires_after_thirty_minutes_without_a_request),
        T(last_seen_is_refreshed_at_most_once_a_minute),
        T(absolute_expiry_ends_even_a_busy_session_after_twelve_hours),
        T(session_policy_can_be_shortened),
        T(unknown_and_malformed_tokens_are_unauthenticated),
        T(logout_revokes_the_session_once),
        T(rotation_issues_a_new_token_and_ends_the_old_one),
        T(disabling_an_admin_revokes_its_sessions_and_bars_its_logins),
        T(changing_an_admin_password_ends_its_sessions),
        T(client_logs_in_by_customer_number_in_any_case),
        T(client_changes_own_password_with_the_current_one),
        T(api_key_is_shown_once_stored_hashed_and_checked_with_its_scopes),
        T(api_key_creation_is_for_admins_and_names_every_faulty_field),
        T(every_attempt_and_change_leaves_exactly_one_audit_event),
        T(prune_removes_ended_sessions_and_old_failures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
