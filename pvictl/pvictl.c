/* pvictl.c — the administrators' command line: migrations and, as the
 * platform grows, accounts, import, publication and statistics. */
#include "pvi/pvi_config.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    struct pvi_config cfg;
    struct pvi_db *db;
};

static int
open_db(struct ctx *c)
{
    if (c->cfg.db_url == NULL) {
        fprintf(stderr, "pvictl: PVI_DB_URL is not set\n");
        return -1;
    }
    if (pvi_db_open(&c->db, c->cfg.db_url, 2, c->cfg.db_statement_timeout_ms) != PVI_OK) {
        fprintf(stderr, "pvictl: invalid PVI_DB_URL\n");
        return -1;
    }
    return 0;
}

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

static const struct {
    const char *name;
    int (*run)(struct ctx *, int, char **);
    const char *usage;
} commands[] = {
    {"migrate", cmd_migrate, "migrate                 apply the pending schema migrations"},
};

static void
usage(FILE *f)
{
    fprintf(f, "usage: pvictl COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
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
    int status = -1;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            status = commands[i].run(&c, argc - 1, argv + 1);
    if (status < 0) {
        fprintf(stderr, "pvictl: unknown command '%s'\n", argv[1]);
        usage(stderr);
        status = 2;
    }
    pvi_db_close(c.db);
    pvi_config_free(&c.cfg);
    return status;
}
