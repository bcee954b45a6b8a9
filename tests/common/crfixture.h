/* crfixture.h — the data of the change-request tests (db and http), made
 * through libpvi: two administrators who can log in, an operator, a client
 * who can log in, online sites, and change requests made by editing them. */
#ifndef PVI_CRFIXTURE_H
#define PVI_CRFIXTURE_H

#include "pvi/pvi_actor.h"

#include <jansson.h>

struct pvi_db;

#define CRFIX_ADMIN1 "admin1@pvi.test"
#define CRFIX_ADMIN2 "admin2@pvi.test"
#define CRFIX_ADMIN_PASSWORD "admin-password-2026"
#define CRFIX_CLIENT "PJ20000001"
#define CRFIX_CLIENT_PASSWORD "client-password-2026"

struct crfix {
    struct pvi_actor admin1, admin2, op, client, sys;
};

/* Makes the people (on a database just reset). */
void crfix_setup(struct crfix *f, struct pvi_db *db);
/* A complete site of the client taken online (filled by the operator,
 * approved by admin1): business name "Plomberie Martin", activity
 * "Plombier", address 12 rue de Brest 35000 Rennes, domain domain (may be
 * NULL), charter classique. Returns its id. */
long long crfix_online_site(struct crfix *f, struct pvi_db *db, const char *slug,
                            const char *domain);
/* who edits the site: the fields of changes (a JSON object) laid over its
 * working content. Returns the change request made (fails the test if
 * none). */
long long crfix_request(struct pvi_db *db, const struct pvi_actor *who, long long site,
                        const char *changes);
/* The site's published content (new reference) and version. */
json_t *crfix_published(struct crfix *f, struct pvi_db *db, long long site, int *version);

#endif
