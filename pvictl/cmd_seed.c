/* cmd_seed.c — pvictl seed: generated businesses (--sites N --clients M)
 * or the demo data set (--demo). */
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

#include "pvi/pvi_seed.h"

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

int
pvictl_cmd_seed(struct ctx *c, int argc, char **argv)
{
    struct pvi_seed_report rep;
    enum pvi_code rc;
    if (c->cfg.db_url == NULL) {
        fprintf(stderr, "pvictl: PVI_DB_URL is not set\n");
        return 2;
    }
    if (pvictl_flag(argc, argv, "demo")) {
        if (pvictl_open_db(c))
            return 2;
        rc = pvi_seed_demo(&rep, c->db, c->cfg.db_url, &c->actor, seed_progress, NULL);
    } else {
        const char *v[3] = {pvictl_opt(argc, argv, "sites"), pvictl_opt(argc, argv, "clients"),
                            pvictl_opt(argc, argv, "seed")};
        unsigned long long n[3] = {0, 0, 1};
        for (int i = 0; i < 3; i++) {
            char *end = NULL;
            if (v[i] && (*v[i] < '0' || *v[i] > '9' || (n[i] = strtoull(v[i], &end, 10), *end))) {
                fprintf(stderr, "pvictl: seed: not a number: %s\n", v[i]);
                return 2;
            }
        }
        if (pvictl_need(v[0], "sites") || pvictl_need(v[1], "clients"))
            return 2;
        struct pvi_seed_opts o = {.sites = n[0],
                                  .clients = n[1],
                                  .seed = n[2],
                                  .no_jobs = pvictl_flag(argc, argv, "no-jobs"),
                                  .progress = seed_progress};
        rc = pvi_seed_load(&rep, c->cfg.db_url, &c->actor, &o);
    }
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: seed failed: %s\n", pvictl_code_text(rc));
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
