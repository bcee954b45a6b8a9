/* seed_internal.h — what the files of the seed library (libpvi/seed/)
 * share and nobody else sees. Functions and objects here are named
 * pvi_seed__… (double underscore: internal to the library). */
#ifndef PVI_SEED_INTERNAL_H
#define PVI_SEED_INTERNAL_H

#include "pvi/pvi_seed.h"

/* ---- loading (load.c, demo.c) ---- */

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

/* Logs the errors of a generated content the rules refused. */
void pvi_seed__log_refusal(const char *what, size_t index, const struct pvi_errors *e);

#endif
