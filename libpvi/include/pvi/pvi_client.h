/* pvi_client.h — reading a client account (creating one is
 * pvi_client_create, pvi_site.h). */
#ifndef PVI_CLIENT_H
#define PVI_CLIENT_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"

#include <jansson.h>

/* Who a client is: {"id", "customer_number", "company_name", "siret",
 * "email", "phone" (E.164), "active", "locked", "can_log_in" (a password is
 * set), "site_count", "created_at"}; never the password hash. *out belongs to
 * the caller (json_decref), NULL on error.
 * Permission: PVI_ACT_LOOKUP on the client's account (admin, operator,
 * system, the client themself). Errors: PVI_NOT_FOUND (no such client, or a
 * client asking for another one), PVI_FORBIDDEN (an integrator), PVI_UNAVAILABLE. */
enum pvi_code pvi_client_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                             long long client_id);

#endif
