/* pvi_site_actions.h — the lifecycle decisions an actor may take on a site
 * now, as pvi_site_transition() would judge them: for the offices, which
 * show the allowed ones as forms and the refused ones with their reason.
 * The verdicts come from the very checks the transition runs first (state,
 * role, ownership, self-approval), so a page can never offer what the
 * transition refuses for those reasons; the inputs (a reason, an operator,
 * complete content, the version) are still the transition's to check. */
#ifndef PVI_SITE_ACTIONS_H
#define PVI_SITE_ACTIONS_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_msg.h"
#include "pvi/pvi_workflow.h"

/* Number of transitions (enum pvi_transition). */
#define PVI_TRANSITION_COUNT (PVI_TR_CLOSE + 1)

struct pvi_site_action {
    enum pvi_transition transition;
    enum pvi_code verdict; /* PVI_OK: allowed now; else the code the transition would give
                              (PVI_FORBIDDEN, PVI_BAD_TRANSITION, PVI_SELF_APPROVAL) */
    enum pvi_msg why;      /* a refusal's reason (catalog); PVI_MSG_NONE when allowed, and
                              for a role that may never take this decision */
};

struct pvi_site_actions {
    int version; /* the site's version the verdicts were made on */
    enum pvi_site_state state;
    struct pvi_site_action v[PVI_TRANSITION_COUNT]; /* in enum pvi_transition order */
};

/* The verdict of each transition for actor on the site, now. Needs
 * PVI_ACT_READ on the site: PVI_NOT_FOUND (no such site, or a client and
 * another client's site), PVI_FORBIDDEN (an integrator without sites:read);
 * PVI_UNAVAILABLE when the database cannot be reached. Any actor may ask:
 * the verdicts say what it may do. *out is filled (nothing to free). */
enum pvi_code pvi_site_actions(struct pvi_site_actions *out, struct pvi_db *db,
                               const struct pvi_actor *actor, long long site_id);

#endif
