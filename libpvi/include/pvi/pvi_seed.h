/* pvi_seed.h — the data generator: realistic, valid French businesses for
 * demonstrations, tests and load measurements, and their loading. The
 * interface of the seed library (libpvi/seed/, libpvi_seed.a), linked by
 * pvictl, the benches and the tests only — never by the services.
 *
 * Two layers:
 *
 *  1. The generator (the seed library: pure, no I/O; the data tables and
 *     the logic in files of one subject each, see libpvi/seed/seed_internal.h).
 *     A struct pvi_seed_gen draws every site and client from a small PRNG
 *     (splitmix64 seeding xoshiro256**, never rand()) seeded by the seed
 *     S and the index, so the same S always gives the same businesses on
 *     every machine. What it makes goes through libpvi's own rules: every
 *     content document is passed to pvi_content_validate() and the
 *     normalised copy is what comes out (a content the rules refuse is a
 *     bug, reported as PVI_INTERNAL). Slugs, domain names and customer
 *     numbers are unique (the generator remembers what it handed out and
 *     what the caller reserved), SIRETs pass the Luhn check (never the La
 *     Poste SIREN), phones are coherent with the département (02 in the
 *     west, 01 in Île-de-France, 03 north-east, 04 south-east, 05
 *     south-west, 0590/0594/0596/0262/0269 overseas; mobiles 06/07, or
 *     the overseas mobile prefixes), addresses come from a table of real
 *     communes (postal code, approximate coordinates) of every region,
 *     Corsica and the overseas départements included. The e-mail
 *     addresses and domain names are invented: never send mail to them.
 *
 *     Sites must be drawn in index order (0, 1, 2, …): the slug or domain
 *     of site i depends on those handed out before it. With that, the
 *     output for a given seed is byte-for-byte stable.
 *
 *  2. The loading, for pvictl seed: pvi_seed_load and pvi_seed_demo (in
 *     the seed library too: libpvi/seed/load.c, demo.c) stream what the
 *     generator draws into libpvi's bulk loader (pvi_bulk.h, in libpvi's
 *     database module, which holds the SQL and knows nothing of the
 *     generator). It loads in ONE transaction on a dedicated connection
 *     (COPY FROM STDIN into temporary tables, then set-based INSERTs, so
 *     nothing is visible until everything is there, and a failure leaves
 *     nothing behind): clients, sites (with pre-assigned revision ids: one
 *     revision each, number 1, with its provenance), domains (online and
 *     suspended sites only; closed sites have released theirs), and,
 *     unless no_jobs, one publication job per online ("publish") or
 *     suspended ("suspend") site so that the publisher publishes them;
 *     with no_jobs, run `pvictl republish --all` afterwards. Only the
 *     system actor may (PVI_ACT_SEED in the permission matrix).
 *
 *     Audit: a seed run writes ONE audit event, action "seed.load" by the
 *     acting system actor, object "seed", with the counts (per state, clients,
 *     domains, jobs, seed, customer-number range) in "after" — not one event
 *     per row, which would be noise for 100,000 rows that no person changed.
 *
 *     Accounts: every generated client gets the same pre-computed argon2id
 *     hash (of PVI_SEED_CLIENT_PASSWORD), computed once per run with
 *     pvi_password_hash() at the platform's normal parameters, so that
 *     loading 50,000 clients does not cost 50,000 hash computations;
 *     real logins and password changes are untouched.
 *
 *     Existing data: customer numbers start after the largest existing one
 *     (and after PJ10000000 for a plain seed: numbers below are left to
 *     hand-made and demo accounts), existing slugs and domain names are
 *     reserved before generating, so seeding a database that already has
 *     sites never collides. Operators op.martin, op.durand and op.petit
 *     (the demo directory's) are created if missing; collecting and review
 *     sites are assigned to them.
 *
 * Threading: a generator is used by one thread at a time; the functions
 * without a generator read constant data only and may be called from any
 * thread. */
#ifndef PVI_SEED_H
#define PVI_SEED_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* The password of every generated client account (demo data). */
#define PVI_SEED_CLIENT_PASSWORD "client-demo-2026"
/* The demo mode's administrator account. */
#define PVI_SEED_ADMIN_EMAIL "admin@pvi.localhost"
#define PVI_SEED_ADMIN_PASSWORD "admin-demo-2026"
/* The demo mode's client owning the site "demo". */
#define PVI_SEED_DEMO_CUSTOMER "PJ00000001"

#define PVI_SEED_MAX_SITES 2000000
#define PVI_SEED_MAX_CLIENTS 2000000

/* ---- the generator ---- */

/* The three operators of the demo directory (uid=<uid>,ou=people,dc=pvi,dc=test). */
struct pvi_seed_operator {
    const char *uid;          /* "op.martin" */
    const char *dn;           /* "uid=op.martin,ou=people,dc=pvi,dc=test" */
    const char *display_name; /* "Claire Martin" */
    const char *email;        /* "claire.martin@pvi.test" */
};
#define PVI_SEED_OPERATORS 3
/* Operator i (0..PVI_SEED_OPERATORS-1), or NULL. Static data. */
const struct pvi_seed_operator *pvi_seed_operator_at(int i);

/* Share of each lifecycle state, in parts (indexed by enum pvi_site_state). */
struct pvi_seed_mix {
    unsigned weight[PVI_STATE_CLOSED + 1];
};
/* The mix of a large seed: 85 % online, 3 % suspended, 4 % review,
 * 4 % collecting, 2 % ordered, 2 % closed. */
extern const struct pvi_seed_mix pvi_seed_mix_default;
/* The demo's mix: every state well represented. */
extern const struct pvi_seed_mix pvi_seed_mix_demo;

struct pvi_seed_gen;

/* A generator for seed S. mix NULL: pvi_seed_mix_default. n_clients (≥ 1)
 * is the number of clients the sites are spread over: site i < n_clients
 * belongs to client i, later sites to an earlier client (a second shop,
 * named after its town). Free with pvi_seed_gen_free (NULL is a no-op). */
struct pvi_seed_gen *pvi_seed_gen_new(uint64_t seed, const struct pvi_seed_mix *mix,
                                      size_t n_clients);
void pvi_seed_gen_free(struct pvi_seed_gen *g);

/* Marks a slug or a host name as taken (already in the database), so the
 * generator never hands it out. Copies the string. */
void pvi_seed_gen_reserve_slug(struct pvi_seed_gen *g, const char *slug);
void pvi_seed_gen_reserve_host(struct pvi_seed_gen *g, const char *host);

/* What a site looks like, beyond its content, for the loader. */
struct pvi_seed_site {
    size_t index;
    size_t client; /* index of the owning client */
    char slug[64];
    enum pvi_site_state state;
    const char *state_reason; /* static French text, or NULL */
    int op_index;             /* pvi_seed_operator_at() index, -1: none */
    int published;            /* has a published revision (online, suspended, some closed) */
    int64_t age_s;            /* created this many seconds before the load */
    int64_t idle_s;           /* last changed this many seconds before the load (≤ age_s) */
    json_t *content;          /* normalised content document (owned) */
    char owner_first[32];     /* the manager's names (UTF-8), for the client account */
    char owner_last[32];
};

/* Overrides for one site (demo mode); every member optional (NULL / -1 /
 * 0 = drawn as usual). */
struct pvi_seed_force {
    const char *slug;      /* exact slug (must be free: else PVI_SLUG_TAKEN) */
    int state;             /* enum pvi_site_state, -1: drawn */
    const char *charter;   /* "classique", "azur", "terroir" */
    const char *activity;  /* a heading of pvi_refdata */
    const json_t *content; /* the whole content (validated, used as is) */
};

/* Draws the next site of g (index 0, 1, 2, … in call order). *out (zeroed
 * first) receives the site; its content passed pvi_content_validate (a
 * refusal is a generator bug: PVI_INTERNAL, the errors logged) and
 * pvi_content_check_complete (with a slug) in every state: an order already
 * has a name, a heading, a phone, an address and a charter; collecting
 * sites have part of the rest, sites from review on nearly everything
 * (tagline, description, hours, services, payments, languages…). force may
 * be NULL; PVI_SLUG_TAKEN when force->slug is invalid or taken (nothing
 * drawn). Release with pvi_seed_site_clear. */
enum pvi_code pvi_seed_gen_site(struct pvi_seed_site *out, struct pvi_seed_gen *g,
                                const struct pvi_seed_force *force);
void pvi_seed_site_clear(struct pvi_seed_site *s);

struct pvi_seed_client {
    char customer_number[11];
    char company_name[128]; /* ≤ 120 characters */
    char siret[15];         /* Luhn-valid, never the La Poste SIREN */
    char email[255];
    char phone[16]; /* E.164 */
};

/* Draws client index into *out (zeroed first), with customer number
 * PJ<number> (0 < number < 10^8). first_site is the client's first site (its business, manager and
 * phone make the account), or NULL for a client without a site (then a
 * business is drawn for it). Deterministic in (seed, index, first_site). */
void pvi_seed_gen_client(struct pvi_seed_client *out, struct pvi_seed_gen *g, size_t index,
                         long long number, const struct pvi_seed_site *first_site);

/* The content of the demo's showcase site (slug "demo"): a bakery in
 * Rennes with every field filled in. New reference, validated. */
json_t *pvi_seed_demo_content(void);

/* The national prefix of fixed lines in département dept ("35" → "02",
 * "75" → "01", "971" → "0590", "974" → "0262", "2A" → "04"), or NULL. */
const char *pvi_seed_dept_phone_prefix(const char *dept);

/* Number of communes of the address table and commune i's postal code
 * and name (for tests). */
size_t pvi_seed_commune_count(void);
const char *pvi_seed_commune_postal_code(size_t i);
const char *pvi_seed_commune_name(size_t i);

/* Lower-case ASCII slug of a UTF-8 text ("Boulangerie Lefèvre & Fils" →
 * "boulangerie-lefevre-fils"), at most max_len (≤ 63) characters, cut at a
 * '-' when it has to be shortened; "" when nothing is left. Letters of
 * Latin-1 and Œ lose their accents; anything else (a byte that is not
 * UTF-8 included) separates words. */
void pvi_seed_slugify(char out[static 64], const char *text, size_t max_len);

/* ---- the loading (through pvi_bulk.h) ---- */

struct pvi_seed_opts {
    size_t sites;
    size_t clients;
    uint64_t seed;
    int no_jobs; /* insert no publication job (then: pvictl republish --all) */
    /* Called after each tenth of the sites is generated and at each later
     * step ("generate", "insert", "domains", "jobs", "commit"); may be NULL. */
    void (*progress)(void *ctx, const char *phase, size_t done, size_t total);
    void *progress_ctx;
};

struct pvi_seed_report {
    size_t sites;
    size_t clients;
    size_t by_state[PVI_STATE_CLOSED + 1];
    size_t domains;
    size_t jobs;
    char first_customer[11]; /* range of the customer numbers created */
    char last_customer[11];
    int already_there; /* demo mode: the demo data was there, nothing done */
    int admin_created; /* demo mode: the admin account was created now */
};

/* Loads opts->sites sites and opts->clients clients drawn with opts->seed
 * (see the top of this file) through the bulk loader, on a dedicated
 * connection opened with conninfo (libpq syntax; the pool's connections
 * run under statement_timeout, a bulk load must not). actor must be the
 * system (PVI_ACT_SEED, else PVI_FORBIDDEN); it signs the audit event and
 * the revisions not entered by an operator. Errors:
 * PVI_BAD_REQUEST (clients 1..PVI_SEED_MAX_CLIENTS unless sites is 0, sites
 * 0..PVI_SEED_MAX_SITES, customer numbers exhausted), PVI_UNAVAILABLE
 * (database unreachable), PVI_CONFLICT (a concurrent writer took a slug, a
 * domain or a customer number meanwhile: run again), PVI_INTERNAL (logged).
 * Nothing is written on error. *out (may be NULL) gets the counts. */
enum pvi_code pvi_seed_load(struct pvi_seed_report *out, const char *conninfo,
                            const struct pvi_actor *actor, const struct pvi_seed_opts *opts);

/* The demo data set (make demo): the administrator PVI_SEED_ADMIN_EMAIL /
 * PVI_SEED_ADMIN_PASSWORD (pvi_admin_create through the pool db; kept if
 * it exists), then —
 * unless a site "demo" exists already (out->already_there = 1, PVI_OK) —
 * about 300 sites in every lifecycle state, among them the online site
 * "demo" (charter classique, owned by client PVI_SEED_DEMO_CUSTOMER whose
 * password is PVI_SEED_CLIENT_PASSWORD, like every generated client) and
 * one online site per charter: "demo-classique", "demo-azur",
 * "demo-terroir". Same loading and audit as pvi_seed_load (seed 2026).
 * progress may be NULL. PVI_CONFLICT when PVI_SEED_DEMO_CUSTOMER belongs to
 * someone else already. */
enum pvi_code pvi_seed_demo(struct pvi_seed_report *out, struct pvi_db *db, const char *conninfo,
                            const struct pvi_actor *actor,
                            void (*progress)(void *ctx, const char *phase, size_t done,
                                             size_t total),
                            void *progress_ctx);

#endif
