/* pvi_workflow.h — the production workflow and the permission matrix
 * (docs/rules.md) as pure functions: no I/O, so every row and column
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

/* What an actor wants to do. Every permission libpvi applies is one of
 * these, decided by pvi_perm_check() or pvi_perm_check_account(); no
 * operation tests roles on its own. Who may do what (admin, operator,
 * client, integrator with its scopes, system): */
enum pvi_action {
    /* ---- on one site (struct pvi_site_facts; a client and another client's
     * site: PVI_NOT_FOUND for every action) ---- */
    PVI_ACT_READ,       /* read a site, its revisions, its call log: all but integrators
                           without sites:read; a client, their own sites */
    PVI_ACT_EDIT,       /* change content (what happens then: pvi_edit_mode): admin, system,
                           operator, the owning client, integrator with sites:write */
    PVI_ACT_DECIDE,     /* approve/reject/suspend/resume/close, decide change requests: admin,
                           system, integrator with workflow */
    PVI_ACT_ASSIGN,     /* assign an operator: admin, system */
    PVI_ACT_LOG_CALL,   /* record a call in the call log: admin, system, operator */
    PVI_ACT_ADMINISTER, /* creating clients, charters: admin, system */
    PVI_ACT_READ_AUDIT, /* the site's audit trail: admin, system, the owning client; without a
                           site, the whole log: admin, system, an operator (their own actions,
                           see pvi_perm_visibility) */
    /* ---- not about one site (site NULL; a site given is ignored) ---- */
    PVI_ACT_CREATE_SITE,     /* admin, system, integrator with sites:write */
    PVI_ACT_LIST_SITES,      /* whoever may read sites: admin, system, operator, client (their
                                own only, see pvi_perm_visibility), integrator with sites:read */
    PVI_ACT_VIEW_STATS,      /* the count of sites by state: admin, operator, system */
    PVI_ACT_MANAGE_ACCOUNTS, /* create and enable admin accounts; create, revoke and list API
                                keys: admin, system */
    PVI_ACT_PUBLISH_ALL,     /* republish sites (every one, or one), reconcile: admin, system */
    PVI_ACT_BATCH,           /* start an action over a selection of sites (each site then
                                goes through its own action's check): admin, system */
    PVI_ACT_SEED,            /* load generated data: the system only */
    /* ---- on one account (struct pvi_account_facts, pvi_perm_check_account;
     * pvi_perm_check refuses them) ---- */
    PVI_ACT_SET_PASSWORD,    /* an admin's password: admin, system; a client's: admin, system,
                                the client themself (another client: PVI_NOT_FOUND); an
                                operator's lives in the directory: nobody */
    PVI_ACT_DISABLE_ACCOUNT, /* disable an admin account: admin, system; never one's own
                                (PVI_SELF_DISABLE, a refusal with its own reason) */
    PVI_ACT_LOOKUP,          /* find a client by customer number: admin, operator, system, the
                                client themself (another client: PVI_NOT_FOUND); an operator by
                                uid: admin, operator, system */
};

/* The facts about a site that permissions depend on. */
struct pvi_site_facts {
    long long client_id;
    long long operator_id; /* 0: none assigned */
    enum pvi_site_state state;
};

/* The facts about an account that permissions depend on. */
struct pvi_account_facts {
    enum pvi_role role; /* the kind of account: PVI_ROLE_ADMIN, _OPERATOR or _CLIENT */
    long long id;       /* admin_users.id, operators.id or clients.id; 0: no such account
                           (a lookup that found nothing) */
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
 * about one site, e.g. creating a site or reading the whole audit log)?
 * PVI_OK; PVI_NOT_FOUND when the actor may not even know the site exists
 * (a client and another client's site); PVI_FORBIDDEN otherwise (an
 * integrator without sites:read included, a NULL actor, an account action).
 * The matrix is the list of actions above. */
enum pvi_code pvi_perm_check(const struct pvi_actor *actor, enum pvi_action action,
                             const struct pvi_site_facts *site);

/* The same for an action on an account (PVI_ACT_SET_PASSWORD,
 * PVI_ACT_DISABLE_ACCOUNT, PVI_ACT_LOOKUP): PVI_OK; PVI_NOT_FOUND for a
 * client and another client's account (or none), as for sites;
 * PVI_SELF_DISABLE for an admin disabling their own account (403, with
 * its own message: the reason an office shows); PVI_FORBIDDEN otherwise
 * (account NULL included). Other actions are
 * decided as pvi_perm_check(actor, action, NULL). */
enum pvi_code pvi_perm_check_account(const struct pvi_actor *actor, enum pvi_action action,
                                     const struct pvi_account_facts *account);

/* What a list the actor is allowed shows it. */
enum pvi_visibility {
    PVI_SEES_NOTHING, /* the action is refused (pvi_perm_check) */
    PVI_SEES_ALL,
    PVI_SEES_OWN, /* only what is the actor's own */
};

/* For a platform-wide read (PVI_ACT_LIST_SITES, PVI_ACT_READ_AUDIT without a
 * site): everything when the actor may do the same on any site (the
 * matrix's answer for a site that is not theirs), else only their own — a
 * client lists their own sites, an operator reads the audit events of their
 * own actions. The lists apply it as a filter. */
enum pvi_visibility pvi_perm_visibility(const struct pvi_actor *actor, enum pvi_action action);

/* For an edit already permitted by pvi_perm_check: may this actor edit in this
 * state, and how? PVI_OK with *mode_out set, or PVI_BAD_TRANSITION with the
 * reason (a catalog message) in *why_out. */
enum pvi_code pvi_edit_mode(enum pvi_edit_mode *mode_out, enum pvi_msg *why_out,
                            const struct pvi_actor *actor, const struct pvi_site_facts *site);

/* Is the transition allowed from the site's state, for this actor?
 * Checks state, role/scope and ownership (SUBMIT: the assigned operator).
 * Returns PVI_OK, PVI_FORBIDDEN (role), PVI_NOT_FOUND (may not see the site)
 * or PVI_BAD_TRANSITION with the reason (a catalog message) in *why_out. Rules that need the
 * content or the revision (completeness, reason, self-approval) are checked by
 * the site module with pvi_transition_needs_reason() and friends. */
enum pvi_code pvi_transition_check(enum pvi_msg *why_out, const struct pvi_actor *actor,
                                   const struct pvi_site_facts *site, enum pvi_transition t);
/* The state a transition leads to. */
enum pvi_site_state pvi_transition_target(enum pvi_transition t);
/* Whether the transition requires a reason (reject, suspend, resume). */
int pvi_transition_needs_reason(enum pvi_transition t);

/* Field classes for online sites (docs/rules.md). Top-level content keys.
 * Sensitive: business_name, activity, address, domains, charter. Everything
 * else is simple. */
int pvi_field_is_sensitive(const char *field);

#endif
