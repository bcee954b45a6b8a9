/* generator.c — the generator itself (pvi_seed.h): the lifecycle mixes,
 * the demo directory's operators, a struct pvi_seed_gen and what it
 * remembers (slugs and hosts handed out or reserved, who owns each client's
 * first site), the state of site i, and who runs a business and where. */
#include "seed_internal.h"

#include "pvi/pvi_refdata.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>

const struct pvi_seed_mix pvi_seed_mix_default = {
    .weight = {[PVI_STATE_ORDERED] = 2,
               [PVI_STATE_COLLECTING] = 4,
               [PVI_STATE_REVIEW] = 4,
               [PVI_STATE_ONLINE] = 85,
               [PVI_STATE_SUSPENDED] = 3,
               [PVI_STATE_CLOSED] = 2},
};
const struct pvi_seed_mix pvi_seed_mix_demo = {
    .weight = {[PVI_STATE_ORDERED] = 8,
               [PVI_STATE_COLLECTING] = 12,
               [PVI_STATE_REVIEW] = 12,
               [PVI_STATE_ONLINE] = 56,
               [PVI_STATE_SUSPENDED] = 7,
               [PVI_STATE_CLOSED] = 5},
};

static const struct pvi_seed_operator operators[PVI_SEED_OPERATORS] = {
    {"op.martin", "uid=op.martin,ou=people,dc=pvi,dc=test", "Claire Martin",
     "claire.martin@pvi.test"},
    {"op.durand", "uid=op.durand,ou=people,dc=pvi,dc=test", "Julien Durand",
     "julien.durand@pvi.test"},
    {"op.petit", "uid=op.petit,ou=people,dc=pvi,dc=test", "Sophie Petit", "sophie.petit@pvi.test"},
};

const struct pvi_seed_operator *
pvi_seed_operator_at(int i)
{
    return i >= 0 && i < PVI_SEED_OPERATORS ? &operators[i] : NULL;
}

struct pvi_seed_gen *
pvi_seed_gen_new(uint64_t seed, const struct pvi_seed_mix *mix, size_t n_clients)
{
    struct pvi_seed_gen *g = pvi_calloc(1, sizeof *g);
    g->seed = seed;
    g->mix = mix ? *mix : pvi_seed_mix_default;
    for (size_t i = 0; i < PVI_COUNT_OF(g->mix.weight); i++)
        g->mix_total += g->mix.weight[i];
    if (g->mix_total == 0) {
        g->mix = pvi_seed_mix_default;
        for (size_t i = 0; i < PVI_COUNT_OF(g->mix.weight); i++)
            g->mix_total += g->mix.weight[i];
    }
    uint64_t x = seed;
    g->mix_offset = (double)(pvi_seed__splitmix64(&x) >> 11) * (1.0 / 9007199254740992.0);
    g->n_clients = n_clients ? n_clients : 1;
    for (size_t i = 0; i < pvi_seed__n_communes; i++)
        g->commune_weights += (unsigned)pvi_seed__communes[i].weight;
    return g;
}

void
pvi_seed_gen_free(struct pvi_seed_gen *g)
{
    if (g == NULL)
        return;
    pvi_seed__strset_free(&g->slugs);
    pvi_seed__strset_free(&g->hosts);
    free(g->owners);
    free(g);
}

void
pvi_seed_gen_reserve_slug(struct pvi_seed_gen *g, const char *slug)
{
    if (slug)
        pvi_seed__strset_add(&g->slugs, slug);
}

void
pvi_seed_gen_reserve_host(struct pvi_seed_gen *g, const char *host)
{
    if (host)
        pvi_seed__strset_add(&g->hosts, host);
}

/* The state of site i: a low-discrepancy walk over the mix, so that any
 * run of sites has very nearly the mix's proportions. */
enum pvi_site_state
pvi_seed__state_of(const struct pvi_seed_gen *g, size_t index)
{
    double u = g->mix_offset + (double)index * 0.6180339887498949;
    u -= (double)(uint64_t)u;
    double acc = 0;
    for (size_t s = 0; s < PVI_COUNT_OF(g->mix.weight); s++) {
        acc += (double)g->mix.weight[s] / g->mix_total;
        if (u < acc && g->mix.weight[s] > 0)
            return (enum pvi_site_state)s;
    }
    return PVI_STATE_ONLINE;
}

size_t
pvi_seed__pick_commune(struct pvi_seed__rng *r, const struct pvi_seed_gen *g)
{
    unsigned x = (unsigned)pvi_seed__below(r, g->commune_weights);
    for (size_t i = 0; i < pvi_seed__n_communes; i++) {
        if (x < (unsigned)pvi_seed__communes[i].weight)
            return i;
        x -= (unsigned)pvi_seed__communes[i].weight;
    }
    return 0;
}

static const char *
pick_activity(struct pvi_seed__rng *r)
{
    if (pvi_seed__chance(r, 50))
        return pvi_seed__pick(r, &pvi_seed__popular);
    return pvi_refdata_activity_at(pvi_seed__below(r, pvi_refdata_activity_count()));
}

void
pvi_seed__draw_identity(struct pvi_seed__identity *id, struct pvi_seed__rng *r,
                        const struct pvi_seed_gen *g, const char *activity)
{
    id->activity = activity && pvi_refdata_activity_exists(activity) ? activity : pick_activity(r);
    id->family = pvi_seed__family_of(id->activity);
    id->commune = pvi_seed__pick_commune(r, g);
    char dept[4];
    pvi_postal_code_check(dept, pvi_seed__communes[id->commune].postal_code);
    id->female = pvi_seed__chance(r, 48);
    id->first =
        id->female ? pvi_seed__pick(r, &pvi_seed__first_f) : pvi_seed__pick(r, &pvi_seed__first_m);
    id->last = pvi_seed__surname(r, pvi_seed__region_of(dept));
}
