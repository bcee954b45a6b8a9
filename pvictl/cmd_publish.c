/* cmd_publish.c — pvictl republish --all and pvictl reconcile [--repair]:
 * publication jobs queued, then applied by four workers, with progress. */
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

static void
progress(long long done, long long total, double elapsed)
{
    int width = 40;
    int filled = total ? (int)(width * done / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %lld/%lld  %.1f s", filled,
            "########################################", width - filled, "", done, total, elapsed);
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
        if (pvi_publish_run(&done, &retried, w->p, 1000) != PVI_OK || done == 0) {
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
        if (pvi_publish_pending(&pending, c->db, first, last) != PVI_OK) {
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
            fprintf(stderr,
                    "\npvictl: %lld job(s) keep failing; they stay queued and the"
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

int
pvictl_cmd_republish(struct ctx *c, int argc, char **argv)
{
    struct pvi_publisher p;
    if (!pvictl_flag(argc, argv, "all")) {
        fprintf(stderr, "usage: pvictl republish --all\n");
        return 2;
    }
    if (pvictl_open_publisher(c, &p) != 0)
        return 1;
    long long first, last, count;
    enum pvi_code rc = pvi_publish_enqueue_all(&first, &last, &count, c->db, &c->actor);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: republish: %s\n", pvictl_code_text(rc));
        return 1;
    }
    int64_t t0 = pvi_now_us();
    int status = count ? publish_until_done(c, &p, first, last, count) : 0;
    printf("%lld site(s) republished in %.1f s\n", count, (double)(pvi_now_us() - t0) / 1e6);
    return status;
}

int
pvictl_cmd_reconcile(struct ctx *c, int argc, char **argv)
{
    struct pvi_publisher p;
    if (pvictl_open_publisher(c, &p) != 0)
        return 1;
    int repair = pvictl_flag(argc, argv, "repair");
    struct pvi_reconcile_report r;
    enum pvi_code rc = pvi_reconcile(&r, &p, &c->actor, repair);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: reconcile: %s\n", pvictl_code_text(rc));
        return 1;
    }
    printf("%lld published site(s) checked: %lld document(s) missing, %lld wrong route(s),"
           " %lld stray route(s)\n",
           r.sites_checked, r.missing_documents, r.wrong_routes, r.stray_routes);
    if (!repair)
        return r.missing_documents + r.wrong_routes + r.stray_routes ? 1 : 0;
    int done = 0, total = 0;
    do {
        if (pvi_publish_run(&done, NULL, &p, 500) != PVI_OK)
            return 1;
        total += done;
    } while (done > 0);
    printf("repaired: %lld job(s) queued, %lld route(s) removed, %d job(s) applied now\n",
           r.jobs_queued, r.routes_removed, total);
    return 0;
}
