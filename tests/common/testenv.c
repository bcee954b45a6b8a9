/* testenv.c — shared helpers for the test programs: servers, service
 * processes and a small HTTP client. */
#include "testenv.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_config.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *
testenv_require(const char *name)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        print_error("environment variable %s is not set: run the tests with `make check`\n", name);
        fail();
    }
    return v;
}

const char *
testenv_error_fr(const struct pvi_field_error *fe)
{
    static char buf[2048];
    char *t = pvi_field_error_text(fe, PVI_LANG_FR);
    snprintf(buf, sizeof buf, "%s", t);
    free(t);
    return buf;
}

void
testenv_services(const char *action, const char *which)
{
    char *cmd = pvi_asprintf("'%s' %s %s >/dev/null 2>&1", testenv_require("PVI_SERVICES_SCRIPT"),
                             action, which);
    int rc = system(cmd);
    free(cmd);
    if (rc != 0) {
        print_error("services.sh %s %s failed (%d)\n", action, which, rc);
        fail();
    }
}

struct pvi_db *
testenv_db_open(void)
{
    struct pvi_db *db = NULL;
    assert_int_equal(pvi_db_open(&db, testenv_require("PVI_DB_URL"), 4, 30000), 0);
    assert_int_equal(pvi_db_ping(db), 0);
    return db;
}

void
testenv_db_wipe(void)
{
    /* Test-only: wiping the database is not something the product may do,
     * so it is done here with plain libpq rather than through libpvi. */
    PGconn *c = PQconnectdb(testenv_require("PVI_DB_URL"));
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SET client_min_messages = warning;"
                            "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        print_error("reset failed: %s\n", PQerrorMessage(c));
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(c);
}

void
testenv_db_reset(struct pvi_db *db)
{
    testenv_db_wipe();
    int applied = 0;
    assert_int_equal(pvi_db_migrate(&applied, db, testenv_require("PVI_SCHEMA_DIR")), 0);
    assert_true(applied > 0);
}

char *
testenv_sql(const char *sql)
{
    PGconn *c = PQconnectdb(testenv_require("PVI_DB_URL"));
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        print_error("SQL failed: %s: %s\n", sql, PQerrorMessage(c));
    assert_true(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK);
    char *v = pvi_strdup(st == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    PQfinish(c);
    return v;
}

long long
testenv_sql_ll(const char *sql)
{
    char *v = testenv_sql(sql);
    long long n = strtoll(v, NULL, 10);
    free(v);
    return n;
}

int
testenv_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* Children still running when the test program ends (a failed assertion
 * jumps over testenv_stop) are killed, so that none outlives its test. */
static pid_t children[64];

static void
kill_children(void)
{
    for (size_t i = 0; i < PVI_COUNT_OF(children); i++)
        if (children[i] > 0) {
            kill(children[i], SIGKILL);
            waitpid(children[i], NULL, 0);
        }
}

static void
remember(pid_t pid, int add)
{
    static int registered;
    if (!registered) {
        atexit(kill_children);
        registered = 1;
    }
    for (size_t i = 0; i < PVI_COUNT_OF(children); i++)
        if (add ? children[i] == 0 : children[i] == pid) {
            children[i] = add ? pid : 0;
            return;
        }
}

static pid_t
spawn(const char *service, int port, const char *const *extra_env, int stderr_fd)
{
    /* the publisher is built with the back office */
    char *bin = pvi_asprintf("%s/%s/pvi-%s", testenv_require("PVI_BUILD_DIR"), service, service);
    char portbuf[16];
    snprintf(portbuf, sizeof portbuf, "%d", port);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv(pvi_config_port_var(service), portbuf, 1);
        setenv("PVI_SHUTDOWN_GRACE_S", "5", 0);
        for (size_t i = 0; extra_env && extra_env[i]; i++)
            putenv((char *)extra_env[i]);
        if (stderr_fd >= 0)
            dup2(stderr_fd, STDERR_FILENO);
        execl(bin, bin, (char *)NULL);
        _exit(127);
    }
    free(bin);
    remember(pid, 1);
    return pid;
}

void
testenv_start(struct testproc *p, const char *service, const char *const *extra_env)
{
    p->port = testenv_free_port();
    p->pid = spawn(service, p->port, extra_env, -1);
    if (testenv_wait_status(p->port, "/healthz", 200, 10000) != 200) {
        kill(p->pid, SIGKILL);
        waitpid(p->pid, NULL, 0);
        print_error("%s did not come up on port %d\n", service, p->port);
        fail();
    }
}

int
testenv_run_expect_exit(const char *service, const char *const *extra_env, int wait_ms,
                        char *stderr_out, size_t stderr_cap)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = spawn(service, testenv_free_port(), extra_env, fds[1]);
    close(fds[1]);
    int status = -1;
    for (int waited = 0; waited <= wait_ms; waited += 20) {
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            remember(pid, 0);
            status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            break;
        }
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (status < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        remember(pid, 0);
    }
    size_t got = 0;
    ssize_t n;
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    while (stderr_cap > 1 && got < stderr_cap - 1 &&
           (n = read(fds[0], stderr_out + got, stderr_cap - 1 - got)) > 0)
        got += (size_t)n;
    if (stderr_cap)
        stderr_out[got] = '\0';
    close(fds[0]);
    return status;
}

int
testenv_stop(struct testproc *p)
{
    if (p->pid <= 0)
        return -1;
    kill(p->pid, SIGTERM);
    for (int waited = 0; waited < 15000; waited += 20) {
        int st;
        if (waitpid(p->pid, &st, WNOHANG) == p->pid) {
            remember(p->pid, 0);
            p->pid = 0;
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    kill(p->pid, SIGKILL);
    waitpid(p->pid, NULL, 0);
    remember(p->pid, 0);
    p->pid = 0;
    print_error("process did not stop within 15 s of SIGTERM\n");
    fail();
    return -1;
}

static int
try_http(struct testhttp *out, int port, const char *method, const char *path,
         const char *extra_headers, const char *body, size_t body_len)
{
    memset(out, 0, sizeof *out);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    struct pvi_buf req = {0};
    pvi_buf_printf(&req, "%s %s HTTP/1.1\r\nConnection: close\r\n", method, path);
    if (extra_headers == NULL || strcasestr(extra_headers, "Host:") == NULL)
        pvi_buf_printf(&req, "Host: 127.0.0.1:%d\r\n", port);
    if (extra_headers)
        pvi_buf_puts(&req, extra_headers);
    if (body)
        pvi_buf_printf(&req, "Content-Length: %zu\r\n", body_len);
    pvi_buf_puts(&req, "\r\n");
    if (body)
        pvi_buf_append(&req, body, body_len);
    size_t off = 0;
    while (off < req.len) {
        ssize_t n = send(fd, req.data + off, req.len - off, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may answer (413) before reading everything */
        off += (size_t)n;
    }
    pvi_buf_free(&req);
    struct pvi_buf resp = {0};
    char chunk[16384];
    ssize_t n;
    while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
        pvi_buf_append(&resp, chunk, (size_t)n);
    close(fd);
    if (resp.len == 0) {
        pvi_buf_free(&resp);
        return -1;
    }
    char *sep = strstr(resp.data, "\r\n\r\n");
    if (sep == NULL || sscanf(resp.data, "HTTP/1.%*d %d", &out->status) != 1) {
        pvi_buf_free(&resp);
        return -1;
    }
    out->head = pvi_strndup(resp.data, (size_t)(sep - resp.data) + 2);
    out->body_len = resp.len - (size_t)(sep + 4 - resp.data);
    out->body = pvi_malloc(out->body_len + 1);
    memcpy(out->body, sep + 4, out->body_len);
    out->body[out->body_len] = '\0';
    pvi_buf_free(&resp);
    return 0;
}

void
testenv_http(struct testhttp *out, int port, const char *method, const char *path,
             const char *extra_headers, const char *body, size_t body_len)
{
    if (try_http(out, port, method, path, extra_headers, body, body_len) != 0) {
        print_error("HTTP %s %s on port %d failed\n", method, path, port);
        fail();
    }
}

void
testenv_get(struct testhttp *out, int port, const char *path)
{
    testenv_http(out, port, "GET", path, NULL, NULL, 0);
}

const char *
testhttp_header(const struct testhttp *r, const char *name, char *buf, size_t cap)
{
    size_t nlen = strlen(name);
    for (const char *line = strstr(r->head, "\r\n"); line && line[2];
         line = strstr(line + 2, "\r\n")) {
        const char *h = line + 2;
        if (strncasecmp(h, name, nlen) == 0 && h[nlen] == ':') {
            const char *v = h + nlen + 1;
            while (*v == ' ')
                v++;
            const char *end = strstr(v, "\r\n");
            size_t len = end ? (size_t)(end - v) : strlen(v);
            if (len >= cap)
                len = cap - 1;
            memcpy(buf, v, len);
            buf[len] = '\0';
            return buf;
        }
    }
    return NULL;
}

int
testhttp_has(const struct testhttp *r, const char *s)
{
    return r->body && strstr(r->body, s) != NULL;
}

void
testhttp_expect_has(const struct testhttp *r, const char *s)
{
    if (!testhttp_has(r, s))
        print_error("the page (%d) lacks \"%s\":\n%s\n", r->status, s, r->body ? r->body : "");
    assert_true(testhttp_has(r, s));
}

void
testhttp_free(struct testhttp *r)
{
    free(r->head);
    free(r->body);
    memset(r, 0, sizeof *r);
}

void
testenv_forget_login_failures(void)
{
    free(testenv_sql("DELETE FROM login_failures"));
}

int
testenv_wait_status(int port, const char *path, int status, int ms)
{
    int last = -1;
    for (int waited = 0; waited <= ms; waited += 50) {
        struct testhttp r;
        if (try_http(&r, port, "GET", path, NULL, NULL, 0) == 0) {
            last = r.status;
            testhttp_free(&r);
            if (last == status)
                return last;
        }
        struct timespec nap = {0, 50 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    return last;
}

/* ---- raw requests ---- */

void
testenv_http_raw(struct testhttp *out, int port, const char *request, size_t len)
{
    memset(out, 0, sizeof *out);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    for (size_t off = 0; off < len;) {
        ssize_t n = send(fd, request + off, len - off, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may answer and close before reading it all */
        off += (size_t)n;
    }
    struct pvi_buf resp = {0};
    char chunk[16384];
    ssize_t n;
    while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
        pvi_buf_append(&resp, chunk, (size_t)n);
    close(fd);
    char *sep = resp.data ? strstr(resp.data, "\r\n\r\n") : NULL;
    if (sep == NULL || sscanf(resp.data, "HTTP/1.%*d %d", &out->status) != 1) {
        print_error("no HTTP response to a raw request on port %d\n", port);
        pvi_buf_free(&resp);
        fail();
    }
    out->head = pvi_strndup(resp.data, (size_t)(sep - resp.data) + 2);
    out->body_len = resp.len - (size_t)(sep + 4 - resp.data);
    out->body = pvi_strndup(sep + 4, out->body_len);
    pvi_buf_free(&resp);
}

/* ---- the cookie jar ---- */

void
testweb_init(struct testweb *w, int port)
{
    memset(w, 0, sizeof *w);
    w->port = port;
}

void
testweb_set_cookie(struct testweb *w, const char *name, const char *value)
{
    size_t i;
    for (i = 0; i < w->n; i++)
        if (strcmp(w->cookies[i].name, name) == 0)
            break;
    if (value == NULL) {
        if (i < w->n)
            w->cookies[i] = w->cookies[--w->n];
        return;
    }
    if (i == w->n) {
        assert_true(w->n < TESTWEB_COOKIES);
        w->n++;
    }
    snprintf(w->cookies[i].name, sizeof w->cookies[i].name, "%s", name);
    snprintf(w->cookies[i].value, sizeof w->cookies[i].value, "%s", value);
}

const char *
testweb_cookie(const struct testweb *w, const char *suffix)
{
    size_t n = strlen(suffix);
    for (size_t i = 0; i < w->n; i++) {
        size_t l = strlen(w->cookies[i].name);
        if (l >= n && strcmp(w->cookies[i].name + l - n, suffix) == 0)
            return w->cookies[i].value;
    }
    return NULL;
}

/* Keeps the cookies a response sets (Max-Age=0 removes) and its first token. */
static void
jar_take(struct testweb *w, const struct testhttp *r)
{
    for (const char *line = strstr(r->head, "\r\n"); line && line[2];
         line = strstr(line + 2, "\r\n")) {
        const char *h = line + 2;
        if (strncasecmp(h, "Set-Cookie:", 11) != 0)
            continue;
        h += 11;
        while (*h == ' ')
            h++;
        const char *eq = strchr(h, '=');
        const char *end = strpbrk(h, ";\r");
        if (eq == NULL || end == NULL || eq > end)
            continue;
        char name[96], value[320];
        snprintf(name, sizeof name, "%.*s", (int)(eq - h), h);
        snprintf(value, sizeof value, "%.*s", (int)(end - eq - 1), eq + 1);
        const char *eol = strstr(h, "\r\n");
        const char *gone = strstr(h, "Max-Age=0");
        testweb_set_cookie(w, name, gone && (eol == NULL || gone < eol) ? NULL : value);
    }
    const char *t = r->body ? strstr(r->body, "name=\"csrf\" value=\"") : NULL;
    if (t) {
        t += strlen("name=\"csrf\" value=\"");
        snprintf(w->csrf, sizeof w->csrf, "%.*s", (int)strcspn(t, "\""), t);
    }
}

static char *
jar_headers(const struct testweb *w, const char *more)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, w->extra);
    if (w->n) {
        pvi_buf_puts(&b, "Cookie: ");
        for (size_t i = 0; i < w->n; i++)
            pvi_buf_printf(&b, "%s%s=%s", i ? "; " : "", w->cookies[i].name, w->cookies[i].value);
        pvi_buf_puts(&b, "\r\n");
    }
    if (more)
        pvi_buf_puts(&b, more);
    if (b.data == NULL)
        pvi_buf_puts(&b, "");
    return pvi_buf_steal(&b);
}

void
testweb_get(struct testweb *w, struct testhttp *out, const char *path)
{
    char *h = jar_headers(w, NULL);
    testenv_http(out, w->port, "GET", path, h, NULL, 0);
    free(h);
    jar_take(w, out);
}

void
testweb_post(struct testweb *w, struct testhttp *out, const char *path, const char *form,
             int with_csrf)
{
    char *h = jar_headers(w, "Content-Type: application/x-www-form-urlencoded\r\n");
    char *body = with_csrf ? pvi_asprintf("csrf=%s&%s", w->csrf, form) : pvi_strdup(form);
    testenv_http(out, w->port, "POST", path, h, body, strlen(body));
    free(body);
    free(h);
    jar_take(w, out);
}

void
testweb_login(struct testweb *w, const char *id_field, const char *id, const char *password)
{
    struct testhttp r;
    testweb_get(w, &r, "/login");
    assert_int_equal(r.status, 200);
    testhttp_free(&r);
    char *form = pvi_asprintf("%s=%s&password=%s", id_field, id, password);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    if (r.status != 303)
        print_error("login as %s: %d\n%s\n", id, r.status, r.body ? r.body : "");
    assert_int_equal(r.status, 303);
    assert_non_null(testweb_cookie(w, "_session"));
    testhttp_free(&r);
}

/* ---- offices in process ---- */

static void *
office_main(void *arg)
{
    struct testoffice *t = arg;
    t->status = pvi_office_serve(t->svc, t->office);
    return NULL;
}

void
testenv_office_start(struct testoffice *t, const char *service, unsigned needs,
                     const struct pvi_office *office, const char *const *extra_env)
{
    memset(t, 0, sizeof *t);
    t->office = office;
    t->port = testenv_free_port();
    size_t ne = 0;
    t->env[ne++] = pvi_asprintf("%s=%d", pvi_config_port_var(service), t->port);
    for (size_t i = 0; extra_env && extra_env[i] && ne < PVI_COUNT_OF(t->env); i++)
        t->env[ne++] = pvi_strdup(extra_env[i]);
    for (size_t i = 0; i < ne; i++)
        putenv(t->env[i]);
    t->svc = pvi_calloc(1, sizeof *t->svc);
    if (pvi_service_init(t->svc, service, needs) != 0) {
        print_error("%s: invalid configuration\n", service);
        fail();
    }
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, office_main, t), 0);
    t->thread = (unsigned long)th;
    if (testenv_wait_status(t->port, "/healthz", 200, 10000) != 200) {
        print_error("%s did not come up in process on port %d\n", service, t->port);
        fail();
    }
}

void
testenv_office_stop(struct testoffice *t)
{
    pthread_t th = (pthread_t)t->thread;
    pthread_kill(th, SIGTERM);
    pthread_join(th, NULL);
    assert_int_equal(t->status, 0);
    /* pvi_service_fini would also clean libxml2 up, which later offices need */
    pvi_db_close(t->svc->db);
    pvi_redis_close(t->svc->redis);
    pvi_config_free(&t->svc->cfg);
    free(t->svc);
    for (size_t i = 0; i < PVI_COUNT_OF(t->env) && t->env[i]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(t->env[i], "="), t->env[i]);
        unsetenv(name);
        free(t->env[i]);
    }
    memset(t, 0, sizeof *t);
}

/* ---- the clock ---- */

static atomic_llong clock_offset_us;

static int64_t
test_clock(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 + atomic_load(&clock_offset_us);
}

void
testenv_clock_install(void)
{
    pvi_clock_set(test_clock, NULL);
}

void
testenv_clock_advance_s(long long seconds)
{
    atomic_fetch_add(&clock_offset_us, seconds * 1000000);
}

/* ---- a publisher of this process ---- */

static char publisher_dir[64]; /* one publisher per test program */

void
testenv_publisher_open(struct pvi_publisher *out, struct pvi_db *db, const char *platform_domain)
{
    struct pvi_redis *redis = NULL;
    struct pvi_store *store = NULL;
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"),
                                    atoi(testenv_require("PVI_REDIS_PORT")), 5000),
                     PVI_OK);
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "FLUSHDB");
    assert_non_null(r);
    freeReplyObject(r);
    snprintf(publisher_dir, sizeof publisher_dir, "/tmp/pvi-publisher-XXXXXX");
    assert_non_null(mkdtemp(publisher_dir));
    assert_int_equal(pvi_store_open(&store, publisher_dir), PVI_OK);
    *out = (struct pvi_publisher){
        .db = db, .store = store, .redis = redis, .platform_domain = platform_domain};
}

void
testenv_publisher_close(struct pvi_publisher *p)
{
    pvi_store_close(p->store);
    pvi_redis_close(p->redis);
    char *cmd = pvi_asprintf("rm -rf '%s'", publisher_dir);
    int rc = system(cmd);
    free(cmd);
    assert_int_equal(rc, 0);
    memset(p, 0, sizeof *p);
}
