/* main.c — pvi-publisher, the platform's worker: applies the publication
 * outbox (pvi_publish.h) to the content store and Redis, retrying failed
 * jobs with back-off, and the batch actions of the back office
 * (pvi_batch.h) one site at a time; woken by LISTEN/NOTIFY. Several may run
 * at once. Serves /healthz, /readyz and /metrics on PVI_PUBLISHER_PORT;
 * stops cleanly on SIGTERM. */
#include "pvi/pvi_batch.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_service.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

struct worker {
    struct pvi_service *svc;
    struct pvi_publisher pub;
    atomic_int stop;
};

static void *
work(void *arg)
{
    struct worker *w = arg;
    struct pvi_listener *l = NULL;
    pvi_listener_open(&l, w->svc->cfg.db_url);
    while (!atomic_load(&w->stop)) {
        int done = 0, retried = 0;
        enum pvi_code rc = pvi_publish_run(&done, &retried, &w->pub, 200);
        if (rc == PVI_OK && done > 0)
            pvi_info("published %d job(s)", done);
        /* then a few sites of the batch actions, so that publications
         * (theirs included) never wait behind a long batch */
        int applied = 0;
        if (pvi_batch_run(&applied, w->svc->db, 20) == PVI_OK && applied > 0)
            pvi_info("batch actions: %d site(s)", applied);
        if (rc == PVI_OK && done + retried + applied > 0)
            continue; /* more may be due */
        double due = -1;
        if (rc == PVI_OK)
            pvi_publish_next_due(&due, w->svc->db);
        int wait_ms = due < 0 || due > 1 ? 1000 : (int)(due * 1000) + 1;
        pvi_listener_wait(l, wait_ms);
    }
    pvi_listener_close(l);
    return NULL;
}

int
main(void)
{
    struct pvi_service svc;
    struct pvi_store *store = NULL;
    int status = EXIT_FAILURE;
    if (pvi_service_init(&svc, "publisher", PVI_NEEDS_DB | PVI_NEEDS_REDIS) != 0 ||
        pvi_store_open(&store, svc.cfg.content_dir) != PVI_OK)
        goto cleanup;
    struct worker w = {.svc = &svc,
                       .pub = {.db = svc.db,
                               .store = store,
                               .redis = svc.redis,
                               .platform_domain = svc.cfg.platform_domain}};
    /* the worker must not take the signals meant for the main thread */
    sigset_t set, old;
    sigfillset(&set);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    pthread_t t;
    pthread_create(&t, NULL, work, &w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    status = pvi_service_serve(&svc, NULL, 0, NULL, NULL); /* /healthz, /readyz, /metrics */
    atomic_store(&w.stop, 1);
    pthread_join(t, NULL);
cleanup:
    pvi_store_close(store);
    pvi_service_fini(&svc);
    return status;
}
