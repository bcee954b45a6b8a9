/* main.c — pvictl, the administrators' command line: schema migrations,
 * accounts, clients and sites (create, import, show, workflow),
 * publication (republish, reconcile), the production's figures (stats)
 * and generated data. It acts as the
 * trusted "system" actor and every change it makes is audited like any
 * other. The commands live in cmd_*.c. */
#include "pvictl.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command {
    const char *name;
    const char *sub; /* NULL: any (the handler reads it) */
    int (*run)(struct ctx *, int, char **);
    const char *usage;
} commands[] = {
    {"migrate", NULL, pvictl_cmd_migrate,
     "migrate                          apply pending schema migrations"},
    {"admin", "create", pvictl_cmd_admin_create,
     "admin create --email E --name N [--password-stdin]   (or PVI_PASSWORD)"},
    {"client", "create", pvictl_cmd_client_create,
     "client create --number PJ12345678 --company C --siret S --email E --phone P "
     "[--password-stdin]"},
    {"site", "create", pvictl_cmd_site_create,
     "site create --client PJ12345678 --slug S [--content FILE.json] [--note N]"},
    {"site", "show", pvictl_cmd_site_show,
     "site show SLUG|ID               the site and its content, as JSON"},
    {"site", NULL, pvictl_cmd_site_transition,
     "site assign|submit|reject|approve|suspend|resume|close SLUG|ID [--operator UID] "
     "[--reason R]"},
    {"republish", NULL, pvictl_cmd_republish,
     "republish --all                  publish every online site again (progress, count)"},
    {"reconcile", NULL, pvictl_cmd_reconcile,
     "reconcile [--repair]             compare PostgreSQL with Redis and the content store"},
    {"import", NULL, pvictl_cmd_import,
     "import FILE.jsonl                {\"client\":{…},\"site\":{\"slug\",\"content\"}} per line"},
    {"stats", NULL, pvictl_cmd_stats,
     "stats [--json | --explain]       the dashboard's figures (sites, queue, reviews, …)"},
    {"seed", NULL, pvictl_cmd_seed,
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
            pvictl_print_field_error(&errs.v[i]);
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
