/* common.c — what every pvictl command shares: arguments (positional
 * words, then --name value pairs), passwords from stdin or PVI_PASSWORD,
 * error reports, the database and the publisher opened on demand, JSON
 * output. */
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

/* ---- arguments: positional words, then --name value pairs ---- */

const char *
pvictl_opt(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
            return argv[i + 1];
    return NULL;
}

int
pvictl_flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
            return 1;
    return 0;
}

int
pvictl_need(const char *value, const char *name)
{
    if (value && *value)
        return 0;
    fprintf(stderr, "pvictl: --%s is required\n", name);
    return -1;
}

void
pvictl_print_errors(const char *what, enum pvi_code rc, const struct pvi_errors *e)
{
    fprintf(stderr, "pvictl: %s: %s\n", what, pvictl_code_text(rc));
    for (size_t i = 0; i < e->n; i++)
        pvictl_print_field_error(&e->v[i]);
}

/* A password from --password-stdin (first line of standard input) or from
 * the environment variable PVI_PASSWORD; never from the command line. */
char *
pvictl_read_password(int argc, char **argv)
{
    if (pvictl_flag(argc, argv, "password-stdin")) {
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

int
pvictl_open_db(struct ctx *c)
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
int
pvictl_open_publisher(struct ctx *c, struct pvi_publisher *out)
{
    if (pvictl_open_db(c) != 0)
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

void
pvictl_print_json(const json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
    puts(s);
    free(s);
}

json_t *
pvictl_load_json_file(const char *path)
{
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (j == NULL)
        fprintf(stderr, "pvictl: %s:%d: %s\n", path, err.line, err.text);
    return j;
}

enum pvi_lang
pvictl_lang(void)
{
    enum pvi_lang lang = PVI_LANG_FR;
    const char *env = getenv("LC_ALL") && *getenv("LC_ALL") ? getenv("LC_ALL") : getenv("LANG");
    if (env && pvi_lang_parse(&lang, env) != 0)
        lang = PVI_LANG_FR;
    return lang;
}

const char *
pvictl_code_text(enum pvi_code rc)
{
    return pvi_msg_text(pvictl_lang(), pvi_code_msg(rc));
}

void
pvictl_print_field_error(const struct pvi_field_error *fe)
{
    char *text = pvi_field_error_text(fe, pvictl_lang());
    fprintf(stderr, "  %s: %s\n", fe->path[0] ? fe->path : "-", text);
    free(text);
}
