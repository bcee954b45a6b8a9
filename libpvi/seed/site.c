/* site.c — pvi_seed_gen_site (pvi_seed.h): the next site of a generator —
 * its owner (a new client, or a client's second shop in another town), its
 * name, slug, state and content, validated by libpvi's own rules, its age
 * and the reason and operator of its state. */
#include "seed_internal.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const charters[] = {"classique", "azur", "terroir"};

void
pvi_seed__log_refusal(const char *what, size_t index, const struct pvi_errors *e)
{
    for (size_t i = 0; i < e->n; i++)
        pvi_error("seed: generated %s %zu refused: %s: %s", what, index, e->v[i].path,
                  pvi_code_name(e->v[i].code));
}

enum pvi_code
pvi_seed_gen_site(struct pvi_seed_site *out, struct pvi_seed_gen *g,
                  const struct pvi_seed_force *force)
{
    static const struct pvi_seed_force none = {.state = -1};
    const struct pvi_seed_force *f = force ? force : &none;
    struct pvi_errors errs = {0};
    json_t *doc = NULL;
    enum pvi_code rc = PVI_OK;
    size_t index = g->next_index;

    memset(out, 0, sizeof *out);
    out->op_index = -1;
    if (f->slug && (pvi_slug_check(f->slug) != PVI_OK || pvi_seed__strset_has(&g->slugs, f->slug)))
        return PVI_SLUG_TAKEN;
    g->next_index++;

    struct pvi_seed__rng r;
    pvi_seed__rng_init(&r, g->seed, 1, index);
    out->index = index;
    out->state = f->state >= 0 ? (enum pvi_site_state)f->state : pvi_seed__state_of(g, index);

    /* owner: a new client, or a client's second shop in another town */
    const char *activity = f->activity;
    if (activity == NULL && f->content)
        activity = json_string_value(json_object_get(f->content, "activity"));
    struct pvi_seed__identity id;
    if (index < g->n_clients || g->owners_n == 0) {
        out->client = index < g->n_clients ? index : 0;
        pvi_seed__draw_identity(&id, &r, g, activity);
        if (index < g->n_clients) {
            if (g->owners_n == g->owners_cap) {
                g->owners_cap = g->owners_cap ? g->owners_cap * 2 : 1024;
                g->owners = pvi_realloc(g->owners, g->owners_cap * sizeof *g->owners);
            }
            g->owners[g->owners_n++] = id;
        }
    } else {
        out->client = pvi_seed__below(&r, g->owners_n);
        id = g->owners[out->client];
        id.commune = pvi_seed__pick_commune(&r, g);
        if (activity && pvi_refdata_activity_exists(activity)) {
            id.activity = activity;
            id.family = pvi_seed__family_of(activity);
        }
    }
    snprintf(out->owner_first, sizeof out->owner_first, "%s", id.first);
    snprintf(out->owner_last, sizeof out->owner_last, "%s", id.last);

    char name[160];
    pvi_seed__business_name(name, sizeof name, &r, &id);
    if (index >= g->n_clients && g->owners_n > 0 &&
        !strstr(name, pvi_seed__communes[id.commune].name)) {
        char *branch = strstr(name, "—")
                           ? pvi_asprintf("%s (%s)", name, pvi_seed__communes[id.commune].name)
                           : pvi_asprintf("%s — %s", name, pvi_seed__communes[id.commune].name);
        if (pvi_utf8_length(branch) <= PVI_BUSINESS_NAME_MAX && strlen(branch) < sizeof name)
            memcpy(name, branch, strlen(branch) + 1);
        free(branch);
    }
    if (f->slug) {
        pvi_seed__strset_add(&g->slugs, f->slug);
        snprintf(out->slug, sizeof out->slug, "%s", f->slug);
    } else {
        char base[64];
        pvi_seed_slugify(base, name, 48);
        pvi_seed__claim_slug(g, out->slug, base);
    }

    const char *charter = f->charter ? f->charter : PVI_SEED__PICK(&r, charters);
    enum pvi_seed__depth depth = out->state == PVI_STATE_ORDERED      ? D_ORDER
                                 : out->state == PVI_STATE_COLLECTING ? D_PARTIAL
                                                                      : D_FULL;
    int with_domain = pvi_seed__chance(&r, 30);
    json_t *built = f->content ? json_deep_copy(f->content)
                               : pvi_seed__build_content(g, &r, &id, name, out->slug, charter,
                                                         depth, with_domain);
    if (f->content) {
        const json_t *domains = json_object_get(built, "domains");
        size_t i;
        json_t *d;
        json_array_foreach(domains, i, d) pvi_seed__strset_add(&g->hosts, json_string_value(d));
    }
    if (pvi_content_validate(&doc, built, &errs) != PVI_OK) {
        pvi_seed__log_refusal("site", index, &errs);
        rc = PVI_INTERNAL;
        goto cleanup;
    }
    if (depth == D_FULL && pvi_content_check_complete(doc, 1, &errs) != PVI_OK) {
        pvi_seed__log_refusal("site", index, &errs);
        rc = PVI_INTERNAL;
        goto cleanup;
    }

    switch (out->state) {
    case PVI_STATE_ORDERED:
        out->age_s = pvi_seed__range(&r, 0, 20) * 86400LL;
        break;
    case PVI_STATE_COLLECTING:
        out->age_s = pvi_seed__range(&r, 2, 60) * 86400LL;
        out->op_index = (int)(index % PVI_SEED_OPERATORS);
        if (pvi_seed__chance(&r, 25))
            out->state_reason = pvi_seed__pick(&r, &pvi_seed__reject_reasons);
        break;
    case PVI_STATE_REVIEW:
        out->age_s = pvi_seed__range(&r, 3, 45) * 86400LL;
        out->op_index = (int)(index % PVI_SEED_OPERATORS);
        break;
    case PVI_STATE_ONLINE:
        out->age_s = pvi_seed__range(&r, 20, 2500) * 86400LL;
        out->published = 1;
        break;
    case PVI_STATE_SUSPENDED:
        out->age_s = pvi_seed__range(&r, 200, 2500) * 86400LL;
        out->published = 1;
        out->state_reason = pvi_seed__pick(&r, &pvi_seed__suspend_reasons);
        break;
    case PVI_STATE_CLOSED:
        out->age_s = pvi_seed__range(&r, 200, 2500) * 86400LL;
        out->published = pvi_seed__chance(&r, 60);
        out->state_reason =
            pvi_seed__chance(&r, 70) ? pvi_seed__pick(&r, &pvi_seed__close_reasons) : NULL;
        break;
    }
    out->age_s += pvi_seed__range(&r, 0, 86399);
    out->idle_s = (int64_t)(pvi_seed__unit(&r) * (double)out->age_s);
    out->content = doc;
    doc = NULL;

cleanup:
    json_decref(built);
    json_decref(doc);
    pvi_errors_clear(&errs);
    return rc;
}

void
pvi_seed_site_clear(struct pvi_seed_site *s)
{
    if (s == NULL)
        return;
    json_decref(s->content);
    s->content = NULL;
}
