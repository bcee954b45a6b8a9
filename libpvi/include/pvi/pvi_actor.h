/* pvi_actor.h — who is acting: every libpvi call that reads or changes data
 * takes the actor, and the permission checks inside libpvi decide on it. */
#ifndef PVI_ACTOR_H
#define PVI_ACTOR_H

enum pvi_role {
    PVI_ROLE_ADMIN,
    PVI_ROLE_OPERATOR,
    PVI_ROLE_CLIENT,
    PVI_ROLE_INTEGRATOR,
    PVI_ROLE_SYSTEM, /* pvictl, the publisher: trusted, audited as "system" */
};

/* API key scopes (integrators). */
enum pvi_scope {
    PVI_SCOPE_SITES_READ = 1 << 0,  /* "sites:read" */
    PVI_SCOPE_SITES_WRITE = 1 << 1, /* "sites:write" */
    PVI_SCOPE_WORKFLOW = 1 << 2,    /* "workflow" */
};

/* How a change came in; recorded on every revision. */
enum pvi_channel {
    PVI_CHANNEL_PHONE,  /* operator collecting by phone */
    PVI_CHANNEL_CLIENT, /* client self-edit */
    PVI_CHANNEL_ADMIN,
    PVI_CHANNEL_API,
    PVI_CHANNEL_IMPORT,
    PVI_CHANNEL_SYSTEM,
};

struct pvi_actor {
    enum pvi_role role;
    long long id;        /* admin_users.id, operators.id, clients.id, api_keys.id; 0 for system */
    const char *label;   /* for the audit trail: e-mail, uid, customer number, key name */
    unsigned scopes;     /* integrators only */
    const char *address; /* client IP address, or NULL */
};

const char *pvi_role_name(enum pvi_role r);         /* "admin", … */
const char *pvi_channel_name(enum pvi_channel c);   /* "phone", … */
/* The channel a role's edits come in by default. */
enum pvi_channel pvi_role_channel(enum pvi_role r);
/* Parses "sites:read,workflow" into scope bits; -1 on an unknown scope. */
int pvi_scopes_parse(unsigned *out, const char *list);

#endif
