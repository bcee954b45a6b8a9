/* audit.h — libpvi-internal: appending audit events inside the transaction
 * of the change they describe (so that a change never lands without its
 * event, nor an event without its change). */
#ifndef PVI_DB_AUDIT_H
#define PVI_DB_AUDIT_H

#include "pg.h"
#include "pvi/pvi_actor.h"
#include "pvi/pvi_text.h"

#include <jansson.h>

/* Appends one event: actor (role, id, label, address), action ("site.approve",
 * "login.failure", …), the object it is about, the site concerned (0: none),
 * and the state before/after (NULL allowed; not stolen). */
enum pvi_code pvi_audit_append(struct pvi_tx *tx, const struct pvi_actor *actor, const char *action,
                               const char *object_kind, long long object_id, long long site_id,
                               const json_t *before, const json_t *after);

/* Same, for an actor known only by a label (a failed login of an unknown account). */
enum pvi_code pvi_audit_append_anonymous(struct pvi_tx *tx, const char *label, const char *address,
                                         const char *action, const char *object_kind,
                                         const json_t *detail);

#endif
