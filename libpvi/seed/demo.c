/* demo.c — the demo data set (pvi_seed_demo, make demo): the showcase site
 * "demo" with every field filled in, one online site per charter, about
 * 300 generated sites in every lifecycle state, and the administrator. */
#include "seed_internal.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <string.h>

#define DEMO_SITES 300
#define DEMO_CLIENTS 240
#define DEMO_SEED 2026

json_t *
pvi_seed_demo_content(void)
{
    static const char *const text =
        "{\"business_name\": \"Au Fournil de la Place\","
        " \"activity\": \"Boulangerie-pâtisserie\","
        " \"tagline\": \"Pains au levain et pâtisseries maison, place Sainte-Anne depuis 1987\","
        " \"description\": \"Au Fournil de la Place, Claire et Yann Le Gall pétrissent chaque "
        "nuit des pains au levain naturel, façonnés à la main et cuits au feu de bois.\\n\\n"
        "Nos farines viennent d'un moulin d'Ille-et-Vilaine, nos beurres et nos œufs de fermes "
        "voisines. Les pâtisseries suivent les saisons : fraisiers au printemps, tartes aux "
        "pommes de nos vergers à l'automne, galettes des rois en janvier.\\n\\n"
        "Pour vos réunions et vos fêtes, commandez la veille avant 18 heures : plateaux de "
        "viennoiseries, pièces montées et buffets salés. Parking gratuit place des Lices, à "
        "deux minutes à pied.\","
        " \"phones\": [{\"kind\": \"fixed\", \"number\": \"02 99 79 12 34\"},"
        " {\"kind\": \"mobile\", \"number\": \"06 12 34 56 78\"},"
        " {\"kind\": \"fax\", \"number\": \"02 99 79 12 35\"}],"
        " \"email\": \"bonjour@fournil-demo.localhost\","
        " \"address\": {\"street\": \"12 place Sainte-Anne\", \"postal_code\": \"35000\","
        " \"city\": \"Rennes\", \"geo\": {\"lat\": 48.11453, \"lon\": -1.68012}},"
        " \"hours\": {\"mon\": [],"
        " \"tue\": [{\"open\": \"07:00\", \"close\": \"13:30\"},"
        " {\"open\": \"15:30\", \"close\": \"19:30\"}],"
        " \"wed\": [{\"open\": \"07:00\", \"close\": \"13:30\"},"
        " {\"open\": \"15:30\", \"close\": \"19:30\"}],"
        " \"thu\": [{\"open\": \"07:00\", \"close\": \"13:30\"},"
        " {\"open\": \"15:30\", \"close\": \"19:30\"}],"
        " \"fri\": [{\"open\": \"07:00\", \"close\": \"19:30\"}],"
        " \"sat\": [{\"open\": \"07:00\", \"close\": \"19:30\"}],"
        " \"sun\": [{\"open\": \"07:30\", \"close\": \"13:00\"}]},"
        " \"closures\": [{\"from\": \"2026-08-10\", \"to\": \"2026-08-30\","
        " \"reason\": \"Congés d'été\"}],"
        " \"services\": ["
        "{\"title\": \"Baguette de tradition\","
        " \"description\": \"Levain naturel, 24 heures de fermentation.\", \"price_cents\": 130},"
        " {\"title\": \"Pain de campagne au levain\", \"description\": \"Le kilo, à la coupe.\","
        " \"price_cents\": 680},"
        " {\"title\": \"Croissant pur beurre\", \"price_cents\": 125},"
        " {\"title\": \"Kouign-amann\", \"description\": \"La spécialité de la maison.\","
        " \"price_cents\": 390},"
        " {\"title\": \"Far breton aux pruneaux\", \"description\": \"La part.\","
        " \"price_cents\": 320},"
        " {\"title\": \"Fraisier\", \"description\": \"Six parts, d'avril à septembre.\","
        " \"price_cents\": 2800},"
        " {\"title\": \"Plateau de viennoiseries\","
        " \"description\": \"Vingt pièces pour vos réunions, sur commande la veille.\","
        " \"price_cents\": 2400},"
        " {\"title\": \"Pièce montée\", \"description\": \"Sur devis, une semaine à l'avance.\"}],"
        " \"payment_methods\": [\"cb\", \"sans-contact\", \"especes\", \"cheque\","
        " \"ticket-restaurant\"],"
        " \"languages\": [\"fr\", \"en\", \"br\"],"
        " \"social_links\": [\"https://www.facebook.com/fournildelaplace\","
        " \"https://www.instagram.com/fournil_de_la_place/\"],"
        " \"seo_description\": \"Au Fournil de la Place, boulangerie-pâtisserie à Rennes : pains"
        " au levain, viennoiseries et pâtisseries maison, place Sainte-Anne.\","
        " \"domains\": [\"fournil-demo.localhost\"],"
        " \"charter\": \"classique\"}";
    json_error_t err;
    json_t *raw = json_loads(text, 0, &err);
    json_t *doc = NULL;
    struct pvi_errors errs = {0};
    if (raw == NULL) {
        pvi_error("seed: demo content: %s", err.text);
        return NULL;
    }
    if (pvi_content_validate(&doc, raw, &errs) != PVI_OK)
        pvi_seed__log_refusal("demo content", 0, &errs);
    pvi_errors_clear(&errs);
    json_decref(raw);
    return doc;
}

int
pvi_seed__demo_force(struct pvi_seed_force *out, size_t index, const json_t *demo_content)
{
    static const struct {
        const char *slug, *charter, *activity;
    } fixed[] = {
        {"demo", "classique", NULL},
        {"demo-classique", "classique", "Plombier"},
        {"demo-azur", "azur", "Crêperie"},
        {"demo-terroir", "terroir", "Vigneron"},
    };
    if (index >= PVI_COUNT_OF(fixed))
        return 0;
    *out = (struct pvi_seed_force){.slug = fixed[index].slug,
                                   .state = PVI_STATE_ONLINE,
                                   .charter = fixed[index].charter,
                                   .activity = fixed[index].activity,
                                   .content = index == 0 ? demo_content : NULL};
    return 1;
}

enum pvi_code
pvi_seed_demo(struct pvi_seed_report *out, struct pvi_db *db, const char *conninfo,
              const struct pvi_actor *actor,
              void (*progress)(void *ctx, const char *phase, size_t done, size_t total),
              void *progress_ctx)
{
    const struct pvi_seed_opts opts = {.sites = DEMO_SITES,
                                       .clients = DEMO_CLIENTS,
                                       .seed = DEMO_SEED,
                                       .progress = progress,
                                       .progress_ctx = progress_ctx};
    struct pvi_seed_report rep;
    if (out)
        memset(out, 0, sizeof *out);
    /* before the administrator: the bulk loader checks again */
    if (actor == NULL || pvi_perm_check(actor, PVI_ACT_SEED, NULL) != PVI_OK)
        return PVI_FORBIDDEN;

    int admin_created = 0;
    enum pvi_code rc = pvi_admin_create(NULL, db, actor, PVI_SEED_ADMIN_EMAIL,
                                        "Administrateur de démonstration", PVI_SEED_ADMIN_PASSWORD,
                                        NULL);
    if (rc == PVI_OK)
        admin_created = 1;
    else if (rc != PVI_DUPLICATE)
        return rc;

    rc = pvi_seed__run(&rep, conninfo, actor, &opts, &pvi_seed_mix_demo, 1);
    rep.admin_created = admin_created;
    if (rc == PVI_OK && out)
        *out = rep;
    return rc;
}
