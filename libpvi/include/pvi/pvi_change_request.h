/* pvi_change_request.h — change requests: the sensitive fields (business
 * name, activity, address, domains, charter) that an operator, a client or
 * an administrator changed on an online site wait here for an
 * administrator's decision (docs/rules.md, "Edits of a live site"). They are
 * made by pvi_site_edit (pvi_site.h); this module lists them, shows one, and
 * decides them field by field; the requester reads the outcome in their
 * office.
 *
 * A request is "pending" until it is decided ("approved": every field,
 * "rejected": every field, "partial": some of each) or replaced by a newer
 * edit of the site ("superseded"; closing the site too). Decisions are
 * final.
 *
 * Every function takes the acting struct pvi_actor and checks permissions
 * through the matrix (pvi_perm_check, pvi_workflow.h). JSON outputs belong
 * to the caller (json_decref). Times are ISO 8601 UTC ("…Z"); "*_local" is
 * the same time in Paris as "DD/MM/YYYY HH:MM", for display. */
#ifndef PVI_CHANGE_REQUEST_H
#define PVI_CHANGE_REQUEST_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_msg.h"

#include <jansson.h>
#include <stddef.h>

/* ---- deciding ---- */

/* The decision on one field of a request. */
struct pvi_field_verdict {
    const char *field;  /* a field of the request: "business_name", "address", … */
    int approve;        /* 1: the proposed value is published; 0: the current one stays */
    const char *reason; /* why it is rejected: mandatory then (trimmed, ≤ 1000 characters),
                           shown to the requester; ignored for an approved field */
};

struct pvi_change_decision {
    char state[12];         /* "approved", "rejected" or "partial" */
    int published_revision; /* the revision that published the approved fields; 0: none */
    int version;            /* the site's new version */
};

/* Decides every field of pending request request_id at once, in one
 * transaction: the approved fields are laid over the site's current
 * published content and published (a new revision and its publication job,
 * "suspend" for a suspended site so that it stays unavailable), the
 * rejected ones keep their current value; the decision and each rejection's
 * reason are stored for the requester (pvi_change_request_outcomes); one
 * audit event ("change_request.approve", ".reject" or ".decide" for a
 * partial decision) records every field's verdict. Nothing is written when
 * anything is refused.
 *
 * Who: PVI_ACT_DECIDE on the request's site (admin, system, integrator with
 * the workflow scope), after PVI_ACT_READ. Its author may not approve any of
 * its fields (PVI_SELF_APPROVAL, errs at "" with the reason); they may
 * reject them.
 *
 * Errors (errs gets every faulty field, path "<field>.decision" or
 * "<field>.reason"; the code returned is the first error's):
 *   PVI_NOT_FOUND      no such request (or a site the actor may not see);
 *   PVI_FORBIDDEN      the matrix refuses;
 *   PVI_BAD_TRANSITION the request is no longer pending: decided meanwhile
 *                      or superseded (errs "" says which);
 *   PVI_REQUIRED       a field of the request without a verdict ("<f>.decision");
 *   PVI_UNKNOWN_FIELD  a verdict for a field the request does not hold;
 *   PVI_DUPLICATE      two verdicts for one field;
 *   PVI_REASON_REQUIRED a rejected field without a reason ("<f>.reason");
 *   PVI_TOO_LONG       a reason over 1,000 characters ("<f>.reason");
 *   PVI_SELF_APPROVAL  see above;
 *   PVI_DOMAIN_TAKEN   an approved domain now belongs to another site
 *                      ("domains.decision");
 *   PVI_VALIDATION     an approved charter no longer offered ("charter.decision").
 * *out (may be NULL) is set on success. */
enum pvi_code pvi_change_request_decide_fields(struct pvi_change_decision *out, struct pvi_db *db,
                                               const struct pvi_actor *actor, long long request_id,
                                               const struct pvi_field_verdict *verdicts,
                                               size_t nverdicts, struct pvi_errors *errs);

/* ---- reading ---- */

struct pvi_change_request_page {
    long long after_id;  /* the requests after this id (the next page); 0: from the oldest */
    long long before_id; /* or the requests before this id (the previous page); 0: none */
    int limit;           /* 1..200 (default 50) */
};

/* The pending requests, oldest first, a page of them (keyset on the id,
 * which grows with time):
 *   {"pending": total count, "position": how many pending requests come
 *    before this page, "requests": [{"id", "site_id", "slug",
 *    "business_name" (published), "site_state", "requested_kind",
 *    "requested_by", "fields": ["business_name", …], "created_at",
 *    "created_local"}],
 *    "previous": the before_id of the previous page or null,
 *    "next": the after_id of the next page or null}
 * Who: whoever may decide requests in general, PVI_ACT_DECIDE without a site
 * (admin, system, integrator with workflow); others PVI_FORBIDDEN. */
enum pvi_code pvi_change_request_list(json_t **out, struct pvi_db *db,
                                      const struct pvi_actor *actor,
                                      const struct pvi_change_request_page *page);

/* One request, for whoever decides it:
 *   {"id", "site_id", "slug", "business_name", "site_state", "state",
 *    "requested_kind", "requested_by", "created_at", "created_local",
 *    "decided_by" (label or null), "decided_at", "decided_local",
 *    "published_revision" (number or null), "may_approve" (false when the
 *    actor is its author), "site_pending_request" (the site's pending
 *    request when it is another one, or null),
 *    "fields": [{"field", "current", "proposed", "current_text",
 *                "proposed_text", "decision" (null while pending),
 *                "reason"}]}
 * in the order of the public site. "current" is the published value now
 * for a pending request, the value the request was made against
 * otherwise; "*_text" is the value as a person reads it (an address on one
 * line, lists joined by ", ", a charter's label; "" for none).
 * Who: PVI_ACT_READ then PVI_ACT_DECIDE on its site. PVI_NOT_FOUND when
 * there is no such request. */
enum pvi_code pvi_change_request_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                     long long request_id);

/* What became of a site's requests, for the requester's office ("your
 * request: business name approved, address rejected — reason …"): the
 * site's latest limit requests (1..50, default 10), newest first,
 *   [{"id", "state", "requested_kind", "requested_by", "created_at",
 *     "created_local", "decided_at", "decided_local",
 *     "fields": [{"field", "proposed_text", "decision" ("pending",
 *                 "approved", "rejected" or "superseded"), "reason"}]}]
 * Who: PVI_ACT_READ on the site (a client, their own sites; an operator,
 * any). The deciding administrator is not named. */
enum pvi_code pvi_change_request_outcomes(json_t **out, struct pvi_db *db,
                                          const struct pvi_actor *actor, long long site_id,
                                          int limit);

/* The catalog message naming a sensitive field ("Nom commercial"), for
 * tables and forms; PVI_MSG_NONE for another name. */
enum pvi_msg pvi_change_request_field_msg(const char *field);

#endif
