/* seed_internal.h — what the files of the seed library (libpvi/seed/)
 * share and nobody else sees. Functions and objects here are named
 * pvi_seed__… (double underscore: internal to the library).
 *
 * The files:
 *   data_communes.c   the real communes and the streets of addresses
 *   data_zones.c      telephone zones and regions by département
 *   data_names.c      first names, surnames, words of business names
 *   data_activities.c headings → families, trade names, popular headings
 *   data_services.c   services and prices of each trade
 *   data_texts.c      taglines, paragraphs, reasons, closures, payments
 *   rng.c             the PRNG and the set of strings handed out
 *   names.c           French names of places, people and businesses
 *   slugs.c           slugs and host names, unique
 *   phones.c          telephone numbers of a zone
 *   hours.c           opening hours of a trade
 *   content.c         a site's whole content document
 *   generator.c       the generator: mixes, operators, who runs a business
 *   site.c, client.c  pvi_seed_gen_site, pvi_seed_gen_client
 *   load.c, demo.c    pvi_seed_load, pvi_seed_demo over the bulk loader
 *
 * Determinism: every draw comes from a struct pvi_seed__rng seeded by the
 * seed, a kind (1: site, 2: client) and the index; nothing reads the
 * clock, the environment or a global that changes. */
#ifndef PVI_SEED_INTERNAL_H
#define PVI_SEED_INTERNAL_H

#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the PRNG (rng.c): splitmix64 seeds xoshiro256** ---- */

struct pvi_seed__rng {
    uint64_t s[4];
};

/* The next value of a splitmix64 sequence whose state is *x. */
uint64_t pvi_seed__splitmix64(uint64_t *x);
/* A stream that depends only on (seed, kind, index). */
void pvi_seed__rng_init(struct pvi_seed__rng *r, uint64_t seed, uint64_t kind, uint64_t index);
/* Uniform in [0, n) (n ≥ 1; the multiply-shift bias is below 2^-32). */
size_t pvi_seed__below(struct pvi_seed__rng *r, size_t n);
/* Uniform in [lo, hi]. */
int pvi_seed__range(struct pvi_seed__rng *r, int lo, int hi);
/* 1 with percent % chance. */
int pvi_seed__chance(struct pvi_seed__rng *r, unsigned percent);
/* Uniform in [0, 1). */
double pvi_seed__unit(struct pvi_seed__rng *r);

/* A list of words or texts of a data file. */
struct pvi_seed__words {
    const char *const *v;
    size_t n;
};
#define PVI_SEED__WORDS(a)                                                                         \
    {                                                                                              \
        (a), PVI_COUNT_OF(a)                                                                       \
    }
/* One of w, drawn uniformly. */
const char *pvi_seed__pick(struct pvi_seed__rng *r, const struct pvi_seed__words *w);
/* One element of an array of this file, drawn uniformly. */
#define PVI_SEED__PICK(r, a) ((a)[pvi_seed__below((r), PVI_COUNT_OF(a))])

/* A set of strings (open addressing), zero-initialised; copies what it holds. */
struct pvi_seed__strset {
    char **slot;
    size_t cap; /* power of two */
    size_t n;
};
int pvi_seed__strset_has(const struct pvi_seed__strset *set, const char *s);
void pvi_seed__strset_add(struct pvi_seed__strset *set, const char *s); /* no-op when present */
void pvi_seed__strset_free(struct pvi_seed__strset *set);

/* ---- places (data_communes.c, data_zones.c) ---- */

/* A real commune: name, postal code (a real one of the commune), approximate
 * coordinates of the centre, and a weight (≈ how many businesses). */
struct pvi_seed__commune {
    const char *name;
    const char *postal_code;
    double lat, lon;
    int weight;
};
extern const struct pvi_seed__commune pvi_seed__communes[];
extern const size_t pvi_seed__n_communes;

/* Street names (the part after the kind of way), kinds of way, roads
 * outside towns, business parks. */
extern const struct pvi_seed__words pvi_seed__street_names, pvi_seed__street_kinds,
    pvi_seed__road_names, pvi_seed__business_parks;

/* A telephone zone: the national prefix of fixed lines and the two digits
 * that follow in the département's main towns; overseas, the fixed and
 * mobile prefixes of their own numbering. */
struct pvi_seed__zone {
    const char *dept;
    const char *fixed;  /* "02", or "0590" overseas */
    const char *areas;  /* "99" or "40 51": the digits after "0Z" (metropolitan) */
    const char *mobile; /* overseas mobile prefixes ("0690"), NULL: 06/07 */
};
/* The zone of département dept ("35", "2A", "974"), or NULL. */
const struct pvi_seed__zone *pvi_seed__zone_of(const char *dept);

/* Regions that colour names and spoken languages. */
enum pvi_seed__region {
    R_OTHER,
    R_BRETAGNE,
    R_ALSACE,
    R_CORSE,
    R_BASQUE,
    R_SUD,
    R_NORD,
    R_CATALAN,
    R_REUNION,
    R_ANTILLES,
    R_GUYANE,
    R_MAYOTTE,
    R__COUNT
};
enum pvi_seed__region pvi_seed__region_of(const char *dept);

/* ---- people and business names (data_names.c) ---- */

extern const struct pvi_seed__words pvi_seed__first_f, pvi_seed__first_m, pvi_seed__surnames;
/* Regional surnames (R_OTHER: none), used for half of the businesses of
 * their region. */
extern const struct pvi_seed__words pvi_seed__regional_surnames[R__COUNT];
/* "du Centre", "de la Gare": where a business is, for its name. */
extern const struct pvi_seed__words pvi_seed__localities;
/* Names of restaurants and bars, pizzerias, crêperies, places (hotels,
 * campsites, tea rooms), beauty salons. */
extern const struct pvi_seed__words pvi_seed__resto_names, pvi_seed__italian_names,
    pvi_seed__breton_names, pvi_seed__place_names, pvi_seed__beauty_names;

/* ---- trades (data_activities.c, data_services.c) ---- */

/* Families of headings: each has its naming, hours, services and texts. */
enum pvi_seed__family {
    F_FOOD,      /* food shops and producers */
    F_RESTO,     /* restaurants */
    F_BAR,       /* bars, cafés */
    F_DOCTOR,    /* "Dr Sophie Lefèvre — Chirurgien-dentiste" */
    F_CARE,      /* practitioners known by their name (paramedical, therapists) */
    F_PERSON,    /* other professionals known by their name (photographer, DJ…) */
    F_PHARMA,    /* pharmacies, opticians, hearing aids, laboratories */
    F_LAW,       /* lawyers, notaries, bailiffs: "Maître …" */
    F_PRO,       /* offices: accounting, architecture, agencies, insurance, bank */
    F_TRADE,     /* building and craft trades */
    F_AUTO,      /* cars, motorbikes, bicycles */
    F_TRANSPORT, /* taxis, ambulances, removals, transport */
    F_BEAUTY,    /* hairdressers, beauty salons */
    F_RETAIL,    /* shops */
    F_SERVICE,   /* services to people and companies */
    F_HOTEL,     /* hotels, campsites, gîtes */
    F_LEISURE,   /* sport, culture, leisure */
    F_EDU,       /* schools, courses, nurseries */
    F_ANIMAL,    /* vets, grooming, boarding */
    F__COUNT
};
/* The family of a heading of pvi_refdata (F_RETAIL when no rule matches). */
enum pvi_seed__family pvi_seed__family_of(const char *activity);
/* What a business of this heading calls itself ("Plombier" → "Plomberie"). */
const char *pvi_seed__stem_of(const char *activity);
/* The headings most small businesses have. */
extern const struct pvi_seed__words pvi_seed__popular;

/* A service template: title, description, price range in cents (0–0: no price). */
struct pvi_seed__service {
    const char *title;
    const char *desc; /* may be NULL */
    int lo, hi;
};
/* The services of a heading (its own list, else its family's), ended by a
 * NULL title. */
const struct pvi_seed__service *pvi_seed__services_of(const char *activity,
                                                      enum pvi_seed__family f);

/* ---- texts (data_texts.c): {name} {city} {at_city} {of_city} {act} {Act}
 * {first} {last} {tagline} {year} are replaced (content.c) ---- */

extern const char *const pvi_seed__taglines[F__COUNT][4];
extern const char *const pvi_seed__family_paragraphs[F__COUNT][3];
extern const struct pvi_seed__words pvi_seed__intro_paragraphs;
/* For businesses named after a person ("Dr Sophie Lefèvre — Dermatologue"). */
extern const struct pvi_seed__words pvi_seed__person_intro_paragraphs;
extern const struct pvi_seed__words pvi_seed__practical_paragraphs, pvi_seed__area_paragraphs;
/* SEO descriptions; the second has no {tagline}. */
extern const struct pvi_seed__words pvi_seed__seo_templates;
/* Reasons of a suspension, a closing, a rejection (back to collecting). */
extern const struct pvi_seed__words pvi_seed__suspend_reasons, pvi_seed__close_reasons,
    pvi_seed__reject_reasons;

/* A closing period. */
struct pvi_seed__closure {
    const char *from, *to, *reason;
};
extern const struct pvi_seed__closure pvi_seed__closures[];
extern const size_t pvi_seed__n_closures;

/* Payment methods of each family: "code" always, "code?P" with P % chance. */
extern const char *const pvi_seed__family_payments[F__COUNT];
/* Mail providers of the addresses of those without a domain name. */
extern const struct pvi_seed__words pvi_seed__mail_providers;

/* ---- the generator (generator.c) ---- */

/* Who runs a business and where: what a client's second site inherits. */
struct pvi_seed__identity {
    const char *activity;
    enum pvi_seed__family family;
    size_t commune;
    int female;
    const char *first;
    const char *last;
};

struct pvi_seed_gen {
    uint64_t seed;
    struct pvi_seed_mix mix;
    unsigned mix_total;
    double mix_offset;
    size_t n_clients;
    size_t next_index;
    unsigned commune_weights;
    struct pvi_seed__strset slugs;
    struct pvi_seed__strset hosts;
    struct pvi_seed__identity
        *owners; /* identity of client i, known once its first site is drawn */
    size_t owners_n, owners_cap;
};

/* The state of site index: a low-discrepancy walk over the mix, so that
 * any run of sites has very nearly the mix's proportions. */
enum pvi_site_state pvi_seed__state_of(const struct pvi_seed_gen *g, size_t index);
/* A commune, drawn by weight. */
size_t pvi_seed__pick_commune(struct pvi_seed__rng *r, const struct pvi_seed_gen *g);
/* Draws who runs a business and where; activity (a heading, or NULL) is
 * kept when it is one of pvi_refdata's. */
void pvi_seed__draw_identity(struct pvi_seed__identity *id, struct pvi_seed__rng *r,
                             const struct pvi_seed_gen *g, const char *activity);

/* ---- names (names.c) ---- */

/* "à Rennes", "au Mans", "aux Sables-d'Olonne". */
void pvi_seed__city_at(char *out, size_t cap, const char *city);
/* "de Rennes", "d'Angers", "du Mans", "des Abymes". */
void pvi_seed__city_of(char *out, size_t cap, const char *city);
/* "Électricien" → "électricien", "Plombier" → "plombier". */
void pvi_seed__lower_first(char *out, size_t cap, const char *s);
/* A surname, regional half of the time in a region that has its own. */
const char *pvi_seed__surname(struct pvi_seed__rng *r, enum pvi_seed__region region);
/* The business name, ≤ PVI_BUSINESS_NAME_MAX characters. */
void pvi_seed__business_name(char *out, size_t cap, struct pvi_seed__rng *r,
                             const struct pvi_seed__identity *id);

/* ---- slugs and host names (slugs.c) ---- */

/* Claims a unique slug from base ("base", "base-2", "base-3", …). */
void pvi_seed__claim_slug(struct pvi_seed_gen *g, char out[64], const char *base);
/* Claims a unique "www.<label>.fr" from the name (then with the town, then numbered). */
void pvi_seed__claim_host(struct pvi_seed_gen *g, char out[128], const char *name,
                          const char *city);
/* A mailbox at a provider: "boulangerie.martin35@orange.fr" (postal_code
 * "" : without digits). */
void pvi_seed__provider_email(char out[128], struct pvi_seed__rng *r, const char *slug,
                              const char *postal_code);

/* ---- phones (phones.c) ---- */

/* n random digits and a NUL. */
void pvi_seed__digits(char *out, struct pvi_seed__rng *r, int n);
/* A fixed line of the zone, "02 99 12 34 56". */
void pvi_seed__fixed_phone(char out[16], struct pvi_seed__rng *r, const struct pvi_seed__zone *z);
/* A mobile of the zone (z NULL: metropolitan 06/07). */
void pvi_seed__mobile_phone(char out[16], struct pvi_seed__rng *r, const struct pvi_seed__zone *z);

/* ---- hours (hours.c) ---- */

/* Opening hours typical of the trade, as a content "hours" object. New reference. */
json_t *pvi_seed__hours(struct pvi_seed__rng *r, const struct pvi_seed__identity *id);

/* ---- the content document (content.c) ---- */

/* How much of the content exists in each state. */
enum pvi_seed__depth { D_ORDER, D_PARTIAL, D_FULL };

/* The content of a site (new reference, not validated yet): name, slug
 * and charter chosen, a domain claimed when with_domain. */
json_t *pvi_seed__build_content(struct pvi_seed_gen *g, struct pvi_seed__rng *r,
                                const struct pvi_seed__identity *id, const char *name,
                                const char *slug, const char *charter, enum pvi_seed__depth depth,
                                int with_domain);

/* ---- sites, loading, demo (site.c, load.c, demo.c) ---- */

/* Logs the errors of a generated content the rules refused. */
void pvi_seed__log_refusal(const char *what, size_t index, const struct pvi_errors *e);

/* Generates opts->sites sites and opts->clients clients with mix and loads
 * them through the bulk loader (pvi_bulk.h), as pvi_seed_load says; demo:
 * the demo data set's numbering (client 0 is PVI_SEED_DEMO_CUSTOMER), its
 * fixed sites (pvi_seed__demo_force), and nothing done when a site "demo"
 * exists (out->already_there). *out (zeroed first) gets the counts. */
enum pvi_code pvi_seed__run(struct pvi_seed_report *out, const char *conninfo,
                            const struct pvi_actor *actor, const struct pvi_seed_opts *opts,
                            const struct pvi_seed_mix *mix, int demo);

/* The demo's fixed site at index (0–3: "demo", with demo_content, then one
 * online site per charter) into *out: 1, or 0 for the other indexes. */
int pvi_seed__demo_force(struct pvi_seed_force *out, size_t index, const json_t *demo_content);

#endif
