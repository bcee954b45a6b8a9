/* pvictl.c — the administrators' command line: schema migrations, accounts,
 * clients and sites (create, import, show, workflow). It acts as the trusted
 * "system" actor and every change it makes is audited like any other. */
#include "pvi/pvi_auth.h"
#include "pvi/pvi_config.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ctx {
    struct pvi_config cfg;
    struct pvi_db *db;
    struct pvi_store *store;
    struct pvi_redis *redis;
    struct pvi_actor actor;
    char label[64];
};

/* ---- arguments: positional words, then --name value pairs ---- */

static const char *
opt(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
            return argv[i + 1];
    return NULL;
}

static int
flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
            return 1;
    return 0;
}

static int
need(const char *value, const char *name)
{
    if (value && *value)
        return 0;
    fprintf(stderr, "pvictl: --%s is required\n", name);
    return -1;
}

static void
print_errors(const char *what, enum pvi_code rc, const struct pvi_errors *e)
{
    fprintf(stderr, "pvictl: %s: %s\n", what, pvi_code_message(rc));
    for (size_t i = 0; i < e->n; i++)
        fprintf(stderr, "  %s: %s\n", e->v[i].path[0] ? e->v[i].path : "-", e->v[i].message);
}

/* A password from --password-stdin (first line of standard input) or from
 * the environment variable PVI_PASSWORD; never from the command line. */
static char *
read_password(int argc, char **argv)
{
    if (flag(argc, argv, "password-stdin")) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n = getline(&line, &cap, stdin);
        if (n <= 0) {
            free(line);
            return NULL;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        return line;
    }
    const char *env = getenv("PVI_PASSWORD");
    return env ? pvi_strdup(env) : NULL;
}

static int
open_db(struct ctx *c)
{
    if (c->db)
        return 0;
    if (c->cfg.db_url == NULL) {
        fprintf(stderr, "pvictl: PVI_DB_URL is not set\n");
        return -1;
    }
    /* one connection per publication worker, and one for the progress */
    if (pvi_db_open(&c->db, c->cfg.db_url, 6, c->cfg.db_statement_timeout_ms) != PVI_OK) {
        fprintf(stderr, "pvictl: invalid PVI_DB_URL\n");
        return -1;
    }
    return 0;
}

/* The database, the content store and Redis, for publishing commands. */
static int
open_publisher(struct ctx *c, struct pvi_publisher *out)
{
    if (open_db(c) != 0)
        return -1;
    if (c->store == NULL && pvi_store_open(&c->store, c->cfg.content_dir) != PVI_OK) {
        fprintf(stderr, "pvictl: cannot use the content store %s (PVI_CONTENT_DIR)\n",
                c->cfg.content_dir);
        return -1;
    }
    if (c->redis == NULL &&
        pvi_redis_open(&c->redis, c->cfg.redis_host, c->cfg.redis_port,
                       c->cfg.redis_timeout_ms > 2000 ? c->cfg.redis_timeout_ms : 2000) != PVI_OK)
        return -1;
    *out = (struct pvi_publisher){.db = c->db,
                                  .store = c->store,
                                  .redis = c->redis,
                                  .platform_domain = c->cfg.platform_domain};
    return 0;
}

static void
progress(long long done, long long total, double elapsed)
{
    int width = 40;
    int filled = total ? (int)(width * done / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %lld/%lld  %.1f s", filled,
            "########################################", width - filled, "", done, total,
            elapsed);
    fflush(stderr);
}

/* Publication workers: several transactions take disjoint jobs at once
 * (SKIP LOCKED), so the waits on PostgreSQL, Redis and the disk overlap. */
#define PUBLISH_WORKERS 4

struct publish_worker {
    struct pvi_publisher *p;
    atomic_int *stop;
    atomic_int failing;
};

static void *
publish_worker(void *arg)
{
    struct publish_worker *w = arg;
    while (!atomic_load(w->stop)) {
        int done = 0, retried = 0;
        if (pvi_publish_run(w->p, 1000, &done, &retried) != PVI_OK || done == 0) {
            atomic_store(&w->failing, retried > 0);
            usleep(100 * 1000);
        } else {
            atomic_store(&w->failing, 0);
        }
    }
    return NULL;
}

/* Runs publication jobs until those in [first, last] are applied. */
static int
publish_until_done(struct ctx *c, struct pvi_publisher *p, long long first, long long last,
                   long long total)
{
    int64_t t0 = pvi_now_us();
    long long pending = total;
    int stalled = 0, tty = isatty(STDERR_FILENO), status = 0;
    long long shown = -1;
    atomic_int stop = 0;
    struct publish_worker w[PUBLISH_WORKERS];
    pthread_t t[PUBLISH_WORKERS];
    for (int i = 0; i < PUBLISH_WORKERS; i++) {
        w[i] = (struct publish_worker){.p = p, .stop = &stop};
        pthread_create(&t[i], NULL, publish_worker, &w[i]);
    }
    while (pending > 0) {
        usleep(200 * 1000);
        long long before = pending;
        if (pvi_publish_pending(c->db, first, last, &pending) != PVI_OK) {
            fprintf(stderr, "\npvictl: database unavailable\n");
            status = 1;
            break;
        }
        double elapsed = (double)(pvi_now_us() - t0) / 1e6;
        long long applied = total - pending;
        if (tty || applied * 10 / (total ? total : 1) != shown) {
            progress(applied, total, elapsed);
            if (!tty)
                fputc('\n', stderr);
            shown = applied * 10 / (total ? total : 1);
        }
        int failing = 0;
        for (int i = 0; i < PUBLISH_WORKERS; i++)
            failing |= atomic_load(&w[i].failing);
        stalled = pending == before && failing ? stalled + 1 : 0;
        if (stalled > 50) {
            fprintf(stderr, "\npvictl: %lld job(s) keep failing; they stay queued and the"
                            " publisher will retry them\n",
                    pending);
            status = 1;
            break;
        }
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < PUBLISH_WORKERS; i++)
        pthread_join(t[i], NULL);
    if (tty)
        fputc('\n', stderr);
    return status;
}

static int
cmd_republish(struct ctx *c, int argc, char **argv)
{
    struct pvi_publisher p;
    if (!flag(argc, argv, "all")) {
        fprintf(stderr, "usage: pvictl republish --all\n");
        return 2;
    }
    if (open_publisher(c, &p) != 0)
        return 1;
    long long first, last, count;
    enum pvi_code rc = pvi_publish_enqueue_all(c->db, &c->actor, &first, &last, &count);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: republish: %s\n", pvi_code_message(rc));
        return 1;
    }
    int64_t t0 = pvi_now_us();
    int status = count ? publish_until_done(c, &p, first, last, count) : 0;
    printf("%lld site(s) republished in %.1f s\n", count, (double)(pvi_now_us() - t0) / 1e6);
    return status;
}

static int
cmd_reconcile(struct ctx *c, int argc, char **argv)
{
    struct pvi_publisher p;
    if (open_publisher(c, &p) != 0)
        return 1;
    int repair = flag(argc, argv, "repair");
    struct pvi_reconcile_report r;
    enum pvi_code rc = pvi_reconcile(&p, &c->actor, repair, &r);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: reconcile: %s\n", pvi_code_message(rc));
        return 1;
    }
    printf("%lld published site(s) checked: %lld document(s) missing, %lld wrong route(s),"
           " %lld stray route(s)\n",
           r.sites_checked, r.missing_documents, r.wrong_routes, r.stray_routes);
    if (!repair)
        return r.missing_documents + r.wrong_routes + r.stray_routes ? 1 : 0;
    int done = 0, total = 0;
    do {
        if (pvi_publish_run(&p, 500, &done, NULL) != PVI_OK)
            return 1;
        total += done;
    } while (done > 0);
    printf("repaired: %lld job(s) queued, %lld route(s) removed, %d job(s) applied now\n",
           r.jobs_queued, r.routes_removed, total);
    return 0;
}

static void
print_json(const json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
    puts(s);
    free(s);
}

/* ---- commands ---- */

static int
cmd_migrate(struct ctx *c, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (open_db(c) != 0)
        return 1;
    int applied = 0;
    enum pvi_code rc = pvi_db_migrate(c->db, c->cfg.schema_dir, &applied);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: migrate failed: %s\n", pvi_code_message(rc));
        return 1;
    }
    printf("%d migration(s) applied, schema up to date\n", applied);
    return 0;
}

static int
cmd_admin_create(struct ctx *c, int argc, char **argv)
{
    const char *email = opt(argc, argv, "email"), *name = opt(argc, argv, "name");
    if (need(email, "email") || need(name, "name") || open_db(c))
        return 2;
    char *password = read_password(argc, argv);
    if (password == NULL) {
        fprintf(stderr, "pvictl: give the password with --password-stdin or PVI_PASSWORD\n");
        return 2;
    }
    long long id = 0;
    enum pvi_code rc = pvi_admin_create(c->db, &id, &c->actor, email, name, password);
    sodium_memzero(password, strlen(password));
    free(password);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: admin create: %s\n", pvi_code_message(rc));
        return 1;
    }
    printf("admin %lld created (%s)\n", id, email);
    return 0;
}

static int
cmd_client_create(struct ctx *c, int argc, char **argv)
{
    struct pvi_client_new in = {
        .customer_number = opt(argc, argv, "number"),
        .company_name = opt(argc, argv, "company"),
        .siret = opt(argc, argv, "siret"),
        .email = opt(argc, argv, "email"),
        .phone = opt(argc, argv, "phone"),
    };
    if (open_db(c))
        return 2;
    char *password = flag(argc, argv, "password-stdin") || getenv("PVI_PASSWORD")
                         ? read_password(argc, argv)
                         : NULL;
    in.password = password;
    struct pvi_errors e = {0};
    long long id = 0;
    enum pvi_code rc = pvi_client_create(c->db, &c->actor, &in, &id, &e);
    if (password) {
        sodium_memzero(password, strlen(password));
        free(password);
    }
    if (rc != PVI_OK) {
        print_errors("client create", rc, &e);
        pvi_errors_clear(&e);
        return 1;
    }
    printf("client %lld created\n", id);
    return 0;
}

static json_t *
load_json_file(const char *path)
{
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (j == NULL)
        fprintf(stderr, "pvictl: %s:%d: %s\n", path, err.line, err.text);
    return j;
}

static int
cmd_site_create(struct ctx *c, int argc, char **argv)
{
    const char *number = opt(argc, argv, "client"), *slug = opt(argc, argv, "slug");
    const char *file = opt(argc, argv, "content");
    if (need(number, "client") || need(slug, "slug") || open_db(c))
        return 2;
    long long client = 0;
    if (pvi_client_lookup(c->db, &c->actor, number, &client) != PVI_OK) {
        fprintf(stderr, "pvictl: no client %s\n", number);
        return 1;
    }
    json_t *content = file ? load_json_file(file) : NULL;
    if (file && content == NULL)
        return 1;
    struct pvi_site_new in = {.client_id = client, .slug = slug, .content = content,
                              .note = opt(argc, argv, "note")};
    struct pvi_errors e = {0};
    long long id = 0;
    enum pvi_code rc = pvi_site_create(c->db, &c->actor, &in, &id, &e);
    json_decref(content);
    if (rc != PVI_OK) {
        print_errors("site create", rc, &e);
        pvi_errors_clear(&e);
        return 1;
    }
    printf("site %lld created (%s)\n", id, slug);
    return 0;
}

static enum pvi_code
find_site(struct ctx *c, const char *ref, struct pvi_site **out)
{
    char *end;
    long long id = strtoll(ref, &end, 10);
    if (*ref && *end == '\0')
        return pvi_site_get(c->db, &c->actor, id, out);
    return pvi_site_get_by_slug(c->db, &c->actor, ref, out);
}

static int
cmd_site_show(struct ctx *c, int argc, char **argv)
{
    if (argc < 2 || open_db(c)) {
        fprintf(stderr, "usage: pvictl site show SLUG|ID\n");
        return 2;
    }
    struct pvi_site *s = NULL;
    enum pvi_code rc = find_site(c, argv[1], &s);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: site %s: %s\n", argv[1], pvi_code_message(rc));
        return 1;
    }
    json_t *out = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:s?, s:s?, s:s?, s:O}", "id",
        (json_int_t)s->id, "slug", s->slug, "state", pvi_state_name(s->state), "client",
        s->customer_number, "business_name", s->business_name, "version", s->version,
        "draft_revision", s->draft_number, "published_revision", s->published_number, "charter",
        s->charter, "operator", s->operator_name, "state_reason", s->state_reason, "content",
        (json_t *)pvi_site_working_content(s));
    if (s->pending_request_id)
        json_object_set_new(out, "pending_change_request", json_integer(s->pending_request_id));
    print_json(out);
    json_decref(out);
    pvi_site_free(s);
    return 0;
}

static int
cmd_site_transition(struct ctx *c, int argc, char **argv)
{
    enum pvi_transition t;
    if (argc < 2 || pvi_transition_parse(&t, argv[0]) != 0 || open_db(c)) {
        fprintf(stderr, "usage: pvictl site TRANSITION SLUG|ID [--reason R] [--operator UID]\n");
        return 2;
    }
    struct pvi_site *s = NULL;
    enum pvi_code rc = find_site(c, argv[1], &s);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: site %s: %s\n", argv[1], pvi_code_message(rc));
        return 1;
    }
    struct pvi_transition_args args = {.reason = opt(argc, argv, "reason")};
    const char *uid = opt(argc, argv, "operator");
    if (uid && pvi_operator_lookup(c->db, &c->actor, uid, &args.operator_id) != PVI_OK) {
        fprintf(stderr, "pvictl: no active operator %s (operators appear at their first login)\n",
                uid);
        pvi_site_free(s);
        return 1;
    }
    struct pvi_errors e = {0};
    int version = 0;
    rc = pvi_site_transition(c->db, &c->actor, s->id, s->version, t, &args, &version, &e);
    if (rc != PVI_OK) {
        print_errors(argv[0], rc, &e);
        pvi_errors_clear(&e);
        pvi_site_free(s);
        return 1;
    }
    printf("site %s: %s → %s\n", s->slug, pvi_state_name(s->state),
           pvi_state_name(pvi_transition_target(t)));
    pvi_site_free(s);
    return 0;
}

/* import FILE: one JSON object per line,
 *   {"client": {"number","company","siret","email","phone"},
 *    "site": {"slug", "content": {…}}}
 * Each line is applied on its own; errors are reported with the line number
 * and the import goes on. Exit status 1 when any line failed. */
static int
cmd_import(struct ctx *c, int argc, char **argv)
{
    if (argc < 2 || open_db(c)) {
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
        if (pvi_client_lookup(c->db, &c->actor, number, &client) != PVI_OK) {
            struct pvi_client_new in = {
                .customer_number = number,
                .company_name = json_string_value(json_object_get(cl, "company")),
                .siret = json_string_value(json_object_get(cl, "siret")),
                .email = json_string_value(json_object_get(cl, "email")),
                .phone = json_string_value(json_object_get(cl, "phone")),
            };
            rc = pvi_client_create(c->db, &c->actor, &in, &client, &e);
        }
        json_t *site = json_object_get(j, "site");
        if (rc == PVI_OK && site) {
            struct pvi_site_new in = {.client_id = client,
                                      .slug = json_string_value(json_object_get(site, "slug")),
                                      .content = json_object_get(site, "content"),
                                      .note = "Import"};
            rc = pvi_site_create(c->db, &c->actor, &in, NULL, &e);
        }
        if (rc == PVI_OK) {
            ok++;
        } else {
            failed++;
            fprintf(stderr, "line %d: %s\n", lineno, pvi_code_message(rc));
            for (size_t i = 0; i < e.n; i++)
                fprintf(stderr, "  %s: %s\n", e.v[i].path, e.v[i].message);
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

/* seed: generated businesses (pvi_seed.h), for demos and load tests. */
static void
seed_progress(void *ctx, const char *phase, size_t done, size_t total)
{
    (void)ctx;
    if (strcmp(phase, "generate") == 0)
        fprintf(stderr, "seed: %zu/%zu sites generated (%zu %%)\n", done, total,
                total ? done * 100 / total : 100);
    else if (done == total)
        fprintf(stderr, "seed: %s done (%zu)\n", phase, total);
}

static int
cmd_seed(struct ctx *c, int argc, char **argv)
{
    struct pvi_seed_report rep;
    enum pvi_code rc;
    if (c->cfg.db_url == NULL) {
        fprintf(stderr, "pvictl: PVI_DB_URL is not set\n");
        return 2;
    }
    if (flag(argc, argv, "demo")) {
        if (open_db(c))
            return 2;
        rc = pvi_seed_demo(c->db, c->cfg.db_url, &c->actor, seed_progress, NULL, &rep);
    } else {
        const char *v[3] = {opt(argc, argv, "sites"), opt(argc, argv, "clients"),
                            opt(argc, argv, "seed")};
        unsigned long long n[3] = {0, 0, 1};
        for (int i = 0; i < 3; i++) {
            char *end = NULL;
            if (v[i] && (*v[i] < '0' || *v[i] > '9' || (n[i] = strtoull(v[i], &end, 10), *end))) {
                fprintf(stderr, "pvictl: seed: not a number: %s\n", v[i]);
                return 2;
            }
        }
        if (need(v[0], "sites") || need(v[1], "clients"))
            return 2;
        struct pvi_seed_opts o = {.sites = n[0], .clients = n[1], .seed = n[2],
                                  .no_jobs = flag(argc, argv, "no-jobs"),
                                  .progress = seed_progress};
        rc = pvi_seed_load(c->cfg.db_url, &c->actor, &o, &rep);
    }
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: seed failed: %s\n", pvi_code_message(rc));
        return 1;
    }
    if (rep.already_there) {
        printf("demo data already there (site \"demo\" exists): nothing loaded\n");
        return 0;
    }
    printf("%zu sites (%zu online, %zu suspended, %zu review, %zu collecting, %zu ordered, "
           "%zu closed), %zu clients (%s–%s), %zu domains, %zu publication jobs\n",
           rep.sites, rep.by_state[PVI_STATE_ONLINE], rep.by_state[PVI_STATE_SUSPENDED],
           rep.by_state[PVI_STATE_REVIEW], rep.by_state[PVI_STATE_COLLECTING],
           rep.by_state[PVI_STATE_ORDERED], rep.by_state[PVI_STATE_CLOSED], rep.clients,
           rep.first_customer, rep.last_customer, rep.domains, rep.jobs);
    return 0;
}

static const struct command {
    const char *name;
    const char *sub; /* NULL: any (the handler reads it) */
    int (*run)(struct ctx *, int, char **);
    const char *usage;
} commands[] = {
    {"migrate", NULL, cmd_migrate, "migrate                          apply pending schema migrations"},
    {"admin", "create", cmd_admin_create,
     "admin create --email E --name N [--password-stdin]   (or PVI_PASSWORD)"},
    {"client", "create", cmd_client_create,
     "client create --number PJ12345678 --company C --siret S --email E --phone P "
     "[--password-stdin]"},
    {"site", "create", cmd_site_create,
     "site create --client PJ12345678 --slug S [--content FILE.json] [--note N]"},
    {"site", "show", cmd_site_show, "site show SLUG|ID               the site and its content, as JSON"},
    {"site", NULL, cmd_site_transition,
     "site assign|submit|reject|approve|suspend|resume|close SLUG|ID [--operator UID] "
     "[--reason R]"},
    {"republish", NULL, cmd_republish,
     "republish --all                  publish every online site again (progress, count)"},
    {"reconcile", NULL, cmd_reconcile,
     "reconcile [--repair]             compare PostgreSQL with Redis and the content store"},
    {"import", NULL, cmd_import,
     "import FILE.jsonl                {\"client\":{…},\"site\":{\"slug\",\"content\"}} per line"},
    {"seed", NULL, cmd_seed,
     "seed --sites N --clients M [--seed S] [--no-jobs] | seed --demo   generated businesses"},
};

static void
usage(FILE *f)
{
    fprintf(f, "usage: pvictl COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < PVI_COUNT_OF(commands); i++)
        fprintf(f, "  %s\n", commands[i].usage);
    fprintf(f, "\nConfiguration comes from the environment (PVI_DB_URL, PVI_SCHEMA_DIR, …).\n");
}

int
main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    pvi_log_set_service("pvictl");
    if (sodium_init() < 0)
        return 1;
    struct ctx c = {0};
    struct pvi_errors errs = {0};
    if (pvi_config_load(&c.cfg, "pvictl", &errs) != PVI_OK) {
        for (size_t i = 0; i < errs.n; i++)
            fprintf(stderr, "pvictl: %s\n", errs.v[i].message);
        pvi_errors_clear(&errs);
        pvi_config_free(&c.cfg);
        return 1;
    }
    const char *user = getenv("SUDO_USER") ? getenv("SUDO_USER") : getenv("USER");
    snprintf(c.label, sizeof c.label, "pvictl:%s", user ? user : "?");
    c.actor = (struct pvi_actor){.role = PVI_ROLE_SYSTEM, .label = c.label};

    int status = -1;
    for (size_t i = 0; i < PVI_COUNT_OF(commands) && status < 0; i++) {
        const struct command *cmd = &commands[i];
        if (strcmp(argv[1], cmd->name) != 0)
            continue;
        /* a group command ("site …") hands its handler the word after the group */
        int group = strcmp(cmd->name, "admin") == 0 || strcmp(cmd->name, "client") == 0 ||
                    strcmp(cmd->name, "site") == 0;
        if (group && (argc < 3 || (cmd->sub && strcmp(argv[2], cmd->sub) != 0)))
            continue;
        status = group ? cmd->run(&c, argc - 2, argv + 2) : cmd->run(&c, argc - 1, argv + 1);
    }
    if (status < 0) {
        fprintf(stderr, "pvictl: unknown command\n");
        usage(stderr);
        status = 2;
    }
    pvi_db_close(c.db);
    pvi_store_close(c.store);
    pvi_redis_close(c.redis);
    pvi_config_free(&c.cfg);
    return status;
}
