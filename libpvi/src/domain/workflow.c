/* workflow.c — lifecycle transitions, the permission matrix and field classes
 * (docs/rules.md). Pure functions: the site module applies them. */
#include "pvi/pvi_workflow.h"
#include "pvi/pvi_mem.h"

#include <string.h>

static const char *const state_names[] = {"ordered", "collecting", "review",
                                          "online",  "suspended",  "closed"};
static const char *const transition_names[] = {"assign",  "submit", "reject", "approve",
                                               "suspend", "resume", "close"};

const char *
pvi_state_name(enum pvi_site_state s)
{
    return (unsigned)s < 6 ? state_names[s] : "closed";
}

int
pvi_state_parse(enum pvi_site_state *out, const char *name)
{
    for (int i = 0; name && i < 6; i++)
        if (strcmp(name, state_names[i]) == 0) {
            *out = (enum pvi_site_state)i;
            return 0;
        }
    return -1;
}

const char *
pvi_transition_name(enum pvi_transition t)
{
    return (unsigned)t < 7 ? transition_names[t] : "close";
}

int
pvi_transition_parse(enum pvi_transition *out, const char *name)
{
    for (int i = 0; name && i < 7; i++)
        if (strcmp(name, transition_names[i]) == 0) {
            *out = (enum pvi_transition)i;
            return 0;
        }
    return -1;
}

static int
is_own_client_site(const struct pvi_actor *a, const struct pvi_site_facts *s)
{
    return s != NULL && a->id != 0 && s->client_id == a->id;
}

static int
is_own_account(const struct pvi_actor *a, const struct pvi_account_facts *acc)
{
    return acc->id != 0 && a->role == acc->role && a->id == acc->id;
}

/* Admins and the system (pvictl, the publisher). */
static int
is_trusted(const struct pvi_actor *a)
{
    return a->role == PVI_ROLE_ADMIN || a->role == PVI_ROLE_SYSTEM;
}

/* An integrator whose key has this scope. */
static int
has_scope(const struct pvi_actor *a, unsigned scope)
{
    return a->role == PVI_ROLE_INTEGRATOR && (a->scopes & scope) != 0;
}

/* The actions on one site. */
static enum pvi_code
site_action(const struct pvi_actor *a, enum pvi_action action, const struct pvi_site_facts *s)
{
    if (is_trusted(a))
        return PVI_OK;

    /* A client never learns that another client's site exists. */
    if (a->role == PVI_ROLE_CLIENT && s != NULL && !is_own_client_site(a, s))
        return PVI_NOT_FOUND;

    switch (action) {
    case PVI_ACT_READ:
        if (a->role == PVI_ROLE_INTEGRATOR)
            return has_scope(a, PVI_SCOPE_SITES_READ) ? PVI_OK : PVI_FORBIDDEN;
        return PVI_OK; /* operator: any site; client: own (checked above) */
    case PVI_ACT_EDIT:
        if (a->role == PVI_ROLE_INTEGRATOR)
            return has_scope(a, PVI_SCOPE_SITES_WRITE) ? PVI_OK : PVI_FORBIDDEN;
        return PVI_OK; /* operator and client: which states, see pvi_edit_mode */
    case PVI_ACT_DECIDE:
        return has_scope(a, PVI_SCOPE_WORKFLOW) ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_LOG_CALL:
        return a->role == PVI_ROLE_OPERATOR ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_READ_AUDIT:
        if (a->role == PVI_ROLE_CLIENT)
            return s != NULL ? PVI_OK : PVI_FORBIDDEN; /* own site's trail only */
        if (a->role == PVI_ROLE_OPERATOR)
            return s == NULL ? PVI_OK : PVI_FORBIDDEN; /* own actions only (visibility) */
        return PVI_FORBIDDEN;
    default: /* PVI_ACT_ASSIGN, PVI_ACT_ADMINISTER */
        return PVI_FORBIDDEN;
    }
}

/* The actions on one account. */
static enum pvi_code
account_action(const struct pvi_actor *a, enum pvi_action action,
               const struct pvi_account_facts *acc)
{
    if (acc == NULL)
        return PVI_FORBIDDEN;
    /* A client never learns that another client's account exists. */
    if (a->role == PVI_ROLE_CLIENT && acc->role == PVI_ROLE_CLIENT && !is_own_account(a, acc))
        return PVI_NOT_FOUND;

    switch (action) {
    case PVI_ACT_SET_PASSWORD:
        if (acc->role == PVI_ROLE_OPERATOR)
            return PVI_FORBIDDEN; /* the directory holds it */
        if (is_trusted(a))
            return PVI_OK;
        return acc->role == PVI_ROLE_CLIENT && is_own_account(a, acc) ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_DISABLE_ACCOUNT:
        if (!is_trusted(a) || acc->role != PVI_ROLE_ADMIN)
            return PVI_FORBIDDEN;
        return is_own_account(a, acc) ? PVI_SELF_DISABLE : PVI_OK; /* nobody locks themselves out */
    case PVI_ACT_LOOKUP:
        if (is_trusted(a) || a->role == PVI_ROLE_OPERATOR)
            return acc->role == PVI_ROLE_CLIENT || acc->role == PVI_ROLE_OPERATOR ? PVI_OK
                                                                                  : PVI_FORBIDDEN;
        return acc->role == PVI_ROLE_CLIENT && is_own_account(a, acc) ? PVI_OK : PVI_FORBIDDEN;
    default:
        return PVI_FORBIDDEN;
    }
}

/* The whole matrix: exactly one of site and account matters, by action. */
static enum pvi_code
decide(const struct pvi_actor *a, enum pvi_action action, const struct pvi_site_facts *s,
       const struct pvi_account_facts *acc)
{
    if (a == NULL)
        return PVI_FORBIDDEN;
    switch (action) {
    case PVI_ACT_READ:
    case PVI_ACT_EDIT:
    case PVI_ACT_DECIDE:
    case PVI_ACT_ASSIGN:
    case PVI_ACT_LOG_CALL:
    case PVI_ACT_ADMINISTER:
    case PVI_ACT_READ_AUDIT:
        return site_action(a, action, s);
    case PVI_ACT_CREATE_SITE:
        return is_trusted(a) || has_scope(a, PVI_SCOPE_SITES_WRITE) ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_LIST_SITES:
        if (a->role == PVI_ROLE_INTEGRATOR)
            return has_scope(a, PVI_SCOPE_SITES_READ) ? PVI_OK : PVI_FORBIDDEN;
        return PVI_OK; /* a client: their own sites (pvi_perm_visibility) */
    case PVI_ACT_VIEW_STATS:
        return is_trusted(a) || a->role == PVI_ROLE_OPERATOR ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_MANAGE_ACCOUNTS:
    case PVI_ACT_PUBLISH_ALL:
    case PVI_ACT_BATCH:
        return is_trusted(a) ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_SEED:
        return a->role == PVI_ROLE_SYSTEM ? PVI_OK : PVI_FORBIDDEN;
    case PVI_ACT_SET_PASSWORD:
    case PVI_ACT_DISABLE_ACCOUNT:
    case PVI_ACT_LOOKUP:
        return account_action(a, action, acc);
    }
    return PVI_FORBIDDEN;
}

enum pvi_code
pvi_perm_check(const struct pvi_actor *a, enum pvi_action action, const struct pvi_site_facts *s)
{
    return decide(a, action, s, NULL);
}

enum pvi_code
pvi_perm_check_account(const struct pvi_actor *a, enum pvi_action action,
                       const struct pvi_account_facts *account)
{
    return decide(a, action, NULL, account);
}

enum pvi_visibility
pvi_perm_visibility(const struct pvi_actor *a, enum pvi_action action)
{
    enum pvi_action on_a_site;
    switch (action) {
    case PVI_ACT_LIST_SITES:
        on_a_site = PVI_ACT_READ;
        break;
    case PVI_ACT_READ_AUDIT:
        on_a_site = PVI_ACT_READ_AUDIT;
        break;
    default:
        return PVI_SEES_NOTHING;
    }
    if (decide(a, action, NULL, NULL) != PVI_OK)
        return PVI_SEES_NOTHING;
    /* a site that is nobody's: owned by no client, assigned to no operator */
    const struct pvi_site_facts theirs = {
        .client_id = 0, .operator_id = 0, .state = PVI_STATE_ONLINE};
    return decide(a, on_a_site, &theirs, NULL) == PVI_OK ? PVI_SEES_ALL : PVI_SEES_OWN;
}

enum pvi_code
pvi_edit_mode(enum pvi_edit_mode *mode_out, enum pvi_msg *why_out, const struct pvi_actor *a,
              const struct pvi_site_facts *s)
{
    enum pvi_msg why = PVI_MSG_NONE;
    enum pvi_code rc = PVI_BAD_TRANSITION;
    int trusted = a->role == PVI_ROLE_ADMIN || a->role == PVI_ROLE_SYSTEM;

    switch (s->state) {
    case PVI_STATE_ORDERED:
        if (trusted || a->role == PVI_ROLE_INTEGRATOR) {
            *mode_out = PVI_EDIT_DRAFT;
            rc = PVI_OK;
        } else {
            why = PVI_MSG_EDIT_NOT_COLLECTING;
        }
        break;
    case PVI_STATE_COLLECTING:
        if (trusted || a->role == PVI_ROLE_INTEGRATOR ||
            (a->role == PVI_ROLE_OPERATOR && a->id == s->operator_id)) {
            *mode_out = PVI_EDIT_DRAFT;
            rc = PVI_OK;
        } else if (a->role == PVI_ROLE_OPERATOR) {
            rc = PVI_FORBIDDEN;
            why = PVI_MSG_EDIT_OTHER_OPERATOR;
        } else {
            why = PVI_MSG_EDIT_IN_PREPARATION;
        }
        break;
    case PVI_STATE_REVIEW:
        why = PVI_MSG_EDIT_IN_REVIEW;
        break;
    case PVI_STATE_ONLINE:
        *mode_out = PVI_EDIT_SPLIT;
        rc = PVI_OK;
        break;
    case PVI_STATE_SUSPENDED:
        if (trusted) {
            *mode_out = PVI_EDIT_SPLIT;
            rc = PVI_OK;
        } else {
            why = PVI_MSG_EDIT_SUSPENDED;
        }
        break;
    case PVI_STATE_CLOSED:
        why = PVI_MSG_EDIT_CLOSED;
        break;
    }
    if (why_out)
        *why_out = why;
    return rc;
}

enum pvi_site_state
pvi_transition_target(enum pvi_transition t)
{
    switch (t) {
    case PVI_TR_ASSIGN:
    case PVI_TR_REJECT:
        return PVI_STATE_COLLECTING;
    case PVI_TR_SUBMIT:
        return PVI_STATE_REVIEW;
    case PVI_TR_APPROVE:
    case PVI_TR_RESUME:
        return PVI_STATE_ONLINE;
    case PVI_TR_SUSPEND:
        return PVI_STATE_SUSPENDED;
    case PVI_TR_CLOSE:
        break;
    }
    return PVI_STATE_CLOSED;
}

int
pvi_transition_needs_reason(enum pvi_transition t)
{
    return t == PVI_TR_REJECT || t == PVI_TR_SUSPEND || t == PVI_TR_RESUME;
}

enum pvi_code
pvi_transition_check(enum pvi_msg *why_out, const struct pvi_actor *a,
                     const struct pvi_site_facts *s, enum pvi_transition t)
{
    *why_out = PVI_MSG_NONE;
    enum pvi_code rc = pvi_perm_check(a, PVI_ACT_READ, s);
    if (rc != PVI_OK)
        return rc;

    /* who */
    switch (t) {
    case PVI_TR_ASSIGN:
        rc = pvi_perm_check(a, PVI_ACT_ASSIGN, s);
        break;
    case PVI_TR_SUBMIT:
        if (a->role != PVI_ROLE_OPERATOR && a->role != PVI_ROLE_SYSTEM)
            rc = PVI_FORBIDDEN;
        else if (a->role == PVI_ROLE_OPERATOR && a->id != s->operator_id) {
            *why_out = PVI_MSG_EDIT_OTHER_OPERATOR;
            rc = PVI_FORBIDDEN;
        }
        break;
    default:
        rc = pvi_perm_check(a, PVI_ACT_DECIDE, s);
        break;
    }
    if (rc != PVI_OK)
        return rc;

    /* from which state */
    int ok = 0;
    switch (t) {
    case PVI_TR_ASSIGN:
        ok = s->state == PVI_STATE_ORDERED || s->state == PVI_STATE_COLLECTING;
        *why_out = PVI_MSG_TR_ASSIGN_STATE;
        break;
    case PVI_TR_SUBMIT:
        ok = s->state == PVI_STATE_COLLECTING;
        *why_out = PVI_MSG_TR_SUBMIT_STATE;
        break;
    case PVI_TR_REJECT:
    case PVI_TR_APPROVE:
        ok = s->state == PVI_STATE_REVIEW;
        *why_out = PVI_MSG_TR_REVIEW_STATE;
        break;
    case PVI_TR_SUSPEND:
        ok = s->state == PVI_STATE_ONLINE;
        *why_out = PVI_MSG_TR_SUSPEND_STATE;
        break;
    case PVI_TR_RESUME:
        ok = s->state == PVI_STATE_SUSPENDED;
        *why_out = PVI_MSG_TR_RESUME_STATE;
        break;
    case PVI_TR_CLOSE:
        ok = s->state != PVI_STATE_CLOSED;
        *why_out = PVI_MSG_TR_CLOSE_STATE;
        break;
    }
    if (ok) {
        *why_out = PVI_MSG_NONE;
        return PVI_OK;
    }
    return PVI_BAD_TRANSITION;
}

int
pvi_field_is_sensitive(const char *field)
{
    static const char *const sensitive[] = {"business_name", "activity", "address", "domains",
                                            "charter"};
    for (size_t i = 0; i < PVI_COUNT_OF(sensitive); i++)
        if (strcmp(field, sensitive[i]) == 0)
            return 1;
    return 0;
}
