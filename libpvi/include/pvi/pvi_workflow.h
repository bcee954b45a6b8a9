/* pvi_workflow.h — the production workflow and the permission matrix
 * (PRODUCT.md §3 and §4) as pure functions: no I/O, so every row and column
 * is unit-tested. The site module (pvi_site.h) calls them inside its
 * transactions; no office decides any of this on its own. */
#ifndef PVI_WORKFLOW_H
#define PVI_WORKFLOW_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_error.h"

enum pvi_site_state {
    PVI_STATE_ORDERED,
    PVI_STATE_COLLECTING,
    PVI_STATE_REVIEW,
    PVI_STATE_ONLINE,
    PVI_STATE_SUSPENDED,
    PVI_STATE_CLOSED,
};

enum pvi_transition {
    PVI_TR_ASSIGN, /* ordered → collecting: admin assigns an operator (also reassigns in collecting)
                    */
    PVI_TR_SUBMIT,  /* collecting → review: the assigned operator, content complete */
    PVI_TR_REJECT,  /* review → collecting: reason mandatory */
    PVI_TR_APPROVE, /* review → online: not by the revision's author; publishes */
    PVI_TR_SUSPEND, /* online → suspended: reason mandatory */
    PVI_TR_RESUME,  /* suspended → online: reason mandatory */
    PVI_TR_CLOSE,   /* any (but closed) → closed: unpublishes, releases domains */
};

/* What an actor wants to do. */
enum pvi_action {
    PVI_ACT_READ,         /* read a site, its revisions, its call log */
    PVI_ACT_EDIT,         /* change content (what happens then: pvi_edit_mode) */
    PVI_ACT_DECIDE,       /* approve/reject/suspend/resume/close, decide change requests */
    PVI_ACT_ASSIGN,       /* assign an operator */
    PVI_ACT_LOG_CALL,     /* record a call in the call log */
    PVI_ACT_ADMINISTER,   /* accounts, API keys, charters, creating clients and sites */
    PVI_ACT_READ_AUDIT,   /* the site's audit trail (or, without site, the whole log) */
    PVI_ACT_SEED,         /* load generated data in bulk (pvictl seed): the system only */
};

/* The facts about a site that permissions depend on. */
struct pvi_site_facts {
    long long client_id;
    long long operator_id; /* 0: none assigned */
    enum pvi_site_state state;
};

/* How an allowed edit is applied. */
enum pvi_edit_mode {
    PVI_EDIT_DRAFT, /* a new draft revision (site not online) */
    PVI_EDIT_SPLIT, /* online: simple fields publish at once, sensitive ones become a change request
                     */
};

const char *pvi_state_name(enum pvi_site_state s);
/* -1 for an unknown name. */
int pvi_state_parse(enum pvi_site_state *out, const char *name);
const char *pvi_transition_name(enum pvi_transition t);
int pvi_transition_parse(enum pvi_transition *out, const char *name);

/* May actor do action on a site with these facts (site NULL: an action not
 * about one site, e.g. administering accounts or reading the whole audit log)?
 * PVI_OK; PVI_NOT_FOUND when the actor may not even know the site exists
 * (a client and another client's site, an integrator without sites:read);
 * PVI_FORBIDDEN otherwise. */
enum pvi_code pvi_perm_check(const struct pvi_actor *actor, enum pvi_action action,
                             const struct pvi_site_facts *site);

/* For an edit already permitted by pvi_perm_check: may this actor edit in this
 * state, and how? PVI_OK with *mode_out set, or PVI_BAD_TRANSITION with a
 * reason (French, static) in *why_out. */
enum pvi_code pvi_edit_mode(enum pvi_edit_mode *mode_out, enum pvi_msg *why_out,
                            const struct pvi_actor *actor, const struct pvi_site_facts *site);

/* Is the transition allowed from the site's state, for this actor?
 * Checks state, role/scope and ownership (SUBMIT: the assigned operator).
 * Returns PVI_OK, PVI_FORBIDDEN (role), PVI_NOT_FOUND (may not see the site)
 * or PVI_BAD_TRANSITION with a French reason in *why_out. Rules that need the
 * content or the revision (completeness, reason, self-approval) are checked by
 * the site module with pvi_transition_needs_reason() and friends. */
enum pvi_code pvi_transition_check(enum pvi_msg *why_out, const struct pvi_actor *actor,
                                   const struct pvi_site_facts *site, enum pvi_transition t);
/* The state a transition leads to. */
enum pvi_site_state pvi_transition_target(enum pvi_transition t);
/* Whether the transition requires a reason (reject, suspend, resume). */
int pvi_transition_needs_reason(enum pvi_transition t);

/* Field classes for online sites (PRODUCT.md §3). Top-level content keys.
 * Sensitive: business_name, activity, address, domains, charter. Everything
 * else is simple. */
int pvi_field_is_sensitive(const char *field);

#endif
