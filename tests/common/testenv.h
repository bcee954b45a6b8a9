/* testenv.h — what every test program includes: cmocka, and access to the
 * servers and programs that `make check` started (see scripts/check.sh).
 * Every helper fails the current test (never skips) when what it needs is
 * missing or unreachable. */
#ifndef PVI_TESTENV_H
#define PVI_TESTENV_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/types.h>

struct pvi_db;

/* The value of an environment variable that the test run must provide. */
const char *testenv_require(const char *name);

/* The French text of a field error, arguments filled in (a static buffer,
 * valid until the next call). */
struct pvi_field_error;
const char *testenv_error_fr(const struct pvi_field_error *fe);

/* ---- servers ---- */

/* Runs `scripts/services.sh ACTION WHICH` (start|stop, pg|redis|ldap|all);
 * fails the test if it exits non-zero. */
void testenv_services(const char *action, const char *which);

/* A pool on the test database (PVI_DB_URL). */
struct pvi_db *testenv_db_open(void);
/* Drops every table of the test database (an empty public schema). */
void testenv_db_wipe(void);
/* Forgets every login failure recorded (the logins of one test would
 * throttle those of the next). */
void testenv_forget_login_failures(void);
/* Drops every table of the test database and applies the migrations again. */
void testenv_db_reset(struct pvi_db *db);

/* Runs one SQL statement on the test database (fixtures and checks that no
 * libpvi function offers, e.g. counting audit rows) and returns the first
 * column of the first row as a new string ("" when no row); fails the test on
 * error. Test code only: the product's SQL lives in libpvi. */
char *testenv_sql(const char *sql);
long long testenv_sql_ll(const char *sql);

/* ---- services as processes ---- */

struct testproc {
    pid_t pid;
    int port;
};

/* A TCP port on 127.0.0.1 that nothing listens on right now. */
int testenv_free_port(void);
/* Starts build/<dir>/pvi-<service> on a free port with the test environment
 * plus extra "KEY=value" strings (NULL-terminated list, may be NULL), and
 * waits until GET /healthz answers 200 (fails the test after 10 s). */
void testenv_start(struct testproc *p, const char *service, const char *const *extra_env);
/* Starts the process without waiting; returns its exit status (or -1 if
 * still running) after at most wait_ms. For configuration-error tests. */
int testenv_run_expect_exit(const char *service, const char *const *extra_env, int wait_ms,
                            char *stderr_out, size_t stderr_cap);
/* SIGTERM and wait; returns the exit status (fails after 15 s). */
int testenv_stop(struct testproc *p);

/* ---- a minimal HTTP/1.1 client ---- */

struct testhttp {
    int status;
    char *head; /* status line + headers, as received */
    char *body;
    size_t body_len;
};

/* Sends one request (Connection: close) to 127.0.0.1:port. extra_headers is
 * "Name: value\r\n…" or NULL; body may be NULL. Fails the test on I/O error. */
void testenv_http(struct testhttp *out, int port, const char *method, const char *path,
                  const char *extra_headers, const char *body, size_t body_len);
/* GET helper. */
void testenv_get(struct testhttp *out, int port, const char *path);
/* Value of a response header (case-insensitive name), copied into buf, or NULL. */
const char *testhttp_header(const struct testhttp *r, const char *name, char *buf, size_t cap);
void testhttp_free(struct testhttp *r);
/* Fails the test, printing the status and the body, unless the body holds s. */
void testhttp_expect_has(const struct testhttp *r, const char *s);
/* Whether the body of r holds s. */
int testhttp_has(const struct testhttp *r, const char *s);

/* Polls GET path until it answers status, for at most ms; returns the last status. */
int testenv_wait_status(int port, const char *path, int status, int ms);

/* Sends request (a whole request as bytes: head and body, written by the
 * test) and reads the response until the server closes. Fails the test on
 * I/O error. */
void testenv_http_raw(struct testhttp *out, int port, const char *request, size_t len);

/* ---- a browser: a cookie jar over the HTTP client ---- */

#define TESTWEB_COOKIES 12
struct testweb {
    int port;
    struct {
        char name[96];
        char value[320];
    } cookies[TESTWEB_COOKIES];
    size_t n;
    char csrf[128];  /* the first CSRF token of the last page received */
    char extra[512]; /* headers sent with every request ("Name: v\r\n…") */
};

void testweb_init(struct testweb *w, int port);
/* GET path with the cookies of the jar; keeps the Set-Cookie headers of the
 * response and the page's first CSRF token. */
void testweb_get(struct testweb *w, struct testhttp *out, const char *path);
/* POST form (urlencoded, already encoded) with the jar, preceded by
 * "csrf=<the last page's token>&" when with_csrf. */
void testweb_post(struct testweb *w, struct testhttp *out, const char *path, const char *form,
                  int with_csrf);
/* Logs in through the office's form: GET /login (its token), POST the
 * identifier field (id_field=id) and the password; fails the test unless
 * the office answers 303 with a session cookie. Values are sent as given
 * (URL-encode them first if they need it). */
void testweb_login(struct testweb *w, const char *id_field, const char *id, const char *password);
/* The value of the cookie whose name ends with suffix ("_session"), or NULL. */
const char *testweb_cookie(const struct testweb *w, const char *suffix);
/* Sets (value non-NULL) or removes a cookie of the jar. */
void testweb_set_cookie(struct testweb *w, const char *name, const char *value);

/* ---- offices served in this process (an injected clock reaches them) ---- */

struct pvi_office;
struct pvi_service;
struct testoffice {
    int port;
    struct pvi_service *svc;
    const struct pvi_office *office;
    unsigned long thread;
    int status;
    char *env[8]; /* the variables set for it, removed at stop */
};

/* Serves office as service (its configuration from the environment plus
 * extra "KEY=value" strings) on a free port in a thread of this process;
 * waits for /healthz. needs: PVI_NEEDS_* of pvi_service.h. */
void testenv_office_start(struct testoffice *t, const char *service, unsigned needs,
                          const struct pvi_office *office, const char *const *extra_env);
/* SIGTERM to its thread; waits for it; checks that it stopped cleanly. */
void testenv_office_stop(struct testoffice *t);

/* The clock of libpvi becomes the real time plus an offset that the test
 * moves forward (expiry without sleeping). */
void testenv_clock_install(void);
void testenv_clock_advance_s(long long seconds);

/* ---- a publisher of this process ---- */

/* A publisher over db: the test Redis (PVI_REDIS_HOST, PVI_REDIS_PORT),
 * emptied, and a content store in a new temporary folder; every site
 * answers on <slug>.<platform_domain> (borrowed). */
struct pvi_publisher;
void testenv_publisher_open(struct pvi_publisher *out, struct pvi_db *db,
                            const char *platform_domain);
/* Closes its Redis and store and removes the folder. */
void testenv_publisher_close(struct pvi_publisher *p);

#endif
