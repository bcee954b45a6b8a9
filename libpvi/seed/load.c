/* load.c — pvi_seed_load (pvi_seed.h): the generator's sites and clients
 * streamed into libpvi's bulk loader (pvi_bulk.h), which holds every SQL
 * statement; also the run shared with the demo data set (demo.c).
 *
 * The generator and PostgreSQL work at the same time: each site is handed
 * to the loader as soon as it is drawn, and the loader streams it. */
#include "seed_internal.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_bulk.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"

#include <stdio.h>
#include <string.h>

#define PLAIN_CUSTOMER_FLOOR 10000000LL /* a plain seed numbers its clients above PJ10000000 */
#define LAST_CUSTOMER 99999999LL

struct run {
    struct pvi_bulk *bulk;
    struct pvi_seed_gen *g;
    const struct pvi_seed_opts *opts;
    int demo;
    int demo_there; /* a site "demo" exists */
    int64_t now_us;
    char hash[PVI_PASSWORD_HASH_SIZE]; /* every generated client shares it */
    long long first_number;            /* customer number of client 0 */
    long long next_number;             /* of client 1, 2, … (demo: client 0 is fixed) */
};

static void
reserve_slug(void *ctx, const char *slug)
{
    struct run *R = ctx;
    pvi_seed_gen_reserve_slug(R->g, slug);
    if (R->demo && strcmp(slug, "demo") == 0)
        R->demo_there = 1;
}

static void
reserve_host(void *ctx, const char *host)
{
    struct run *R = ctx;
    pvi_seed_gen_reserve_host(R->g, host);
}

static long long
client_number(const struct run *R, size_t index)
{
    if (index == 0)
        return R->first_number;
    return R->next_number + (long long)index - 1;
}

static enum pvi_code
add_client(struct run *R, size_t index, const struct pvi_seed_site *first_site, int64_t created_us)
{
    struct pvi_seed_client c;
    pvi_seed_gen_client(&c, R->g, index, client_number(R, index), first_site);
    const struct pvi_bulk_client row = {.customer_number = c.customer_number,
                                        .company_name = c.company_name,
                                        .siret = c.siret,
                                        .email = c.email,
                                        .phone = c.phone,
                                        .password_hash = R->hash,
                                        .created_at_us = created_us};
    return pvi_bulk_client_add(R->bulk, &row);
}

/* One generated site (and, at its first site, its client). */
static enum pvi_code
add_site(struct run *R, const struct pvi_seed_site *s)
{
    int64_t created = R->now_us - s->age_s * 1000000LL;
    const struct pvi_seed_operator *op = pvi_seed_operator_at(s->op_index);
    /* collecting and review sites were entered by their operator, on the phone */
    int by_operator = op && (s->state == PVI_STATE_COLLECTING || s->state == PVI_STATE_REVIEW);
    if (s->client == s->index) {
        enum pvi_code rc = add_client(R, s->index, s, created);
        if (rc != PVI_OK)
            return rc;
    }
    char number[16];
    snprintf(number, sizeof number, "PJ%08d", (int)(client_number(R, s->client) % 100000000LL));
    const struct pvi_bulk_site row = {
        .customer_number = number,
        .slug = s->slug,
        .state = s->state,
        .state_reason = s->state_reason,
        .operator_uid = op ? op->uid : NULL,
        .published = s->published,
        .content = s->content,
        .author_operator_uid = by_operator ? op->uid : NULL,
        .channel = by_operator ? PVI_CHANNEL_PHONE : PVI_CHANNEL_IMPORT,
        .note = by_operator ? "Saisie au téléphone avec le gérant"
                            : "Chargement des données de démonstration (pvictl seed)",
        .created_at_us = created,
        .updated_at_us = R->now_us - s->idle_s * 1000000LL,
    };
    return pvi_bulk_site_add(R->bulk, &row);
}

static void
progress(const struct run *R, const char *phase, size_t done, size_t total)
{
    if (R->opts->progress)
        R->opts->progress(R->opts->progress_ctx, phase, done, total);
}

/* Draws and hands over every site, then the clients without a site. */
static enum pvi_code
generate(struct run *R)
{
    size_t n_sites = R->opts->sites, n_clients = R->opts->clients;
    json_t *demo_content = R->demo ? pvi_seed_demo_content() : NULL;
    if (R->demo && demo_content == NULL)
        return PVI_INTERNAL;
    enum pvi_code rc = PVI_OK;
    size_t step = n_sites / 10 ? n_sites / 10 : 1;
    for (size_t i = 0; i < n_sites && rc == PVI_OK; i++) {
        struct pvi_seed_force f;
        struct pvi_seed_site s;
        int forced = R->demo && pvi_seed__demo_force(&f, i, demo_content);
        rc = pvi_seed_gen_site(&s, R->g, forced ? &f : NULL);
        if (rc == PVI_SLUG_TAKEN) {
            pvi_error("seed: the slug %s is already taken", forced ? f.slug : "?");
            rc = PVI_CONFLICT;
        }
        if (rc != PVI_OK)
            break;
        if (R->demo && i == 0) {
            snprintf(s.owner_first, sizeof s.owner_first, "Claire");
            snprintf(s.owner_last, sizeof s.owner_last, "Le Gall");
        }
        rc = add_site(R, &s);
        pvi_seed_site_clear(&s);
        if ((i + 1) % step == 0 || i + 1 == n_sites)
            progress(R, "generate", i + 1, n_sites);
    }
    for (size_t i = n_sites; i < n_clients && rc == PVI_OK; i++)
        rc = add_client(R, i, NULL, R->now_us - (int64_t)(i % 1000) * 86400LL * 1000000LL);
    json_decref(demo_content);
    return rc;
}

/* Customer numbers after what exists; the demo's checks. PVI_OK with
 * R->demo_there set means: nothing to do. */
static enum pvi_code
prepare(struct run *R, long long max_number)
{
    if (R->demo) {
        R->first_number = 1;
        R->next_number = (max_number > 1 ? max_number : 1) + 1;
    } else {
        R->first_number =
            (max_number > PLAIN_CUSTOMER_FLOOR ? max_number : PLAIN_CUSTOMER_FLOOR) + 1;
        R->next_number = R->first_number + 1;
    }
    if (R->next_number + (long long)R->opts->clients > LAST_CUSTOMER) {
        pvi_error("seed: no customer numbers left after PJ%08lld", max_number);
        return PVI_BAD_REQUEST;
    }
    if (!R->demo || R->demo_there)
        return PVI_OK;
    int taken = 0;
    enum pvi_code rc = pvi_bulk_client_exists(&taken, R->bulk, PVI_SEED_DEMO_CUSTOMER);
    if (rc == PVI_OK && taken) {
        pvi_error("seed: customer number %s is taken by another client: the demo needs it",
                  PVI_SEED_DEMO_CUSTOMER);
        rc = PVI_CONFLICT;
    }
    return rc;
}

/* The load, on an open bulk loader. */
static enum pvi_code
load(struct pvi_seed_report *out, struct run *R, const struct pvi_seed_mix *mix)
{
    enum pvi_code rc = pvi_password_hash(R->hash, PVI_SEED_CLIENT_PASSWORD);
    for (int i = 0; i < PVI_SEED_OPERATORS && rc == PVI_OK; i++) {
        const struct pvi_seed_operator *op = pvi_seed_operator_at(i);
        const struct pvi_bulk_operator bo = {op->uid, op->dn, op->display_name, op->email};
        rc = pvi_bulk_operator_ensure(R->bulk, &bo);
    }
    if (rc != PVI_OK)
        return rc;
    R->g = pvi_seed_gen_new(R->opts->seed, mix, R->opts->clients);
    long long max_number = 0;
    rc = pvi_bulk_taken(&max_number, R->bulk, reserve_slug, reserve_host, R);
    if (rc == PVI_OK)
        rc = prepare(R, max_number);
    if (rc != PVI_OK)
        return rc;
    if (R->demo_there) {
        out->already_there = 1; /* nothing written: closing rolls back */
        return PVI_OK;
    }
    struct pvi_bulk_report rep;
    rc = generate(R);
    if (rc == PVI_OK)
        rc = pvi_bulk_insert(&rep, R->bulk);
    if (rc != PVI_OK)
        return rc;
    json_t *extra = json_pack("{s:s, s:I}", "mode", R->demo ? "demo" : "seed", "seed",
                              (json_int_t)R->opts->seed);
    rc = pvi_bulk_commit(R->bulk, extra);
    json_decref(extra);
    if (rc != PVI_OK)
        return rc;
    out->sites = rep.sites;
    out->clients = rep.clients;
    memcpy(out->by_state, rep.by_state, sizeof out->by_state);
    out->domains = rep.domains;
    out->jobs = rep.jobs;
    memcpy(out->first_customer, rep.first_customer, sizeof out->first_customer);
    memcpy(out->last_customer, rep.last_customer, sizeof out->last_customer);
    return PVI_OK;
}

enum pvi_code
pvi_seed__run(struct pvi_seed_report *out, const char *conninfo, const struct pvi_actor *actor,
              const struct pvi_seed_opts *opts, const struct pvi_seed_mix *mix, int demo)
{
    struct run R = {.opts = opts, .demo = demo, .now_us = pvi_now_us()};
    memset(out, 0, sizeof *out);
    const struct pvi_bulk_opts bo = {.purpose = PVI_BULK_SEED,
                                     .queue_jobs = !opts->no_jobs,
                                     .progress = opts->progress,
                                     .progress_ctx = opts->progress_ctx};
    enum pvi_code rc = pvi_bulk_open(&R.bulk, conninfo, actor, &bo);
    if (rc == PVI_OK)
        rc = load(out, &R, mix);
    pvi_bulk_close(R.bulk);
    pvi_seed_gen_free(R.g);
    return rc;
}

enum pvi_code
pvi_seed_load(struct pvi_seed_report *out, const char *conninfo, const struct pvi_actor *actor,
              const struct pvi_seed_opts *opts)
{
    struct pvi_seed_report rep;
    if (out)
        memset(out, 0, sizeof *out);
    if (opts == NULL || opts->sites > PVI_SEED_MAX_SITES || opts->clients > PVI_SEED_MAX_CLIENTS ||
        (opts->sites > 0 && opts->clients == 0))
        return PVI_BAD_REQUEST;
    enum pvi_code rc = pvi_seed__run(&rep, conninfo, actor, opts, &pvi_seed_mix_default, 0);
    if (rc == PVI_OK && out)
        *out = rep;
    return rc;
}
