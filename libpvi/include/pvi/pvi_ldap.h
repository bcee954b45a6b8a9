/* pvi_ldap.h — the operators' directory (OpenLDAP): reachability and, with
 * the authentication module, operator login. Every connection has network
 * and operation timeouts and follows no referral. */
#ifndef PVI_LDAP_H
#define PVI_LDAP_H

#include "pvi/pvi_error.h"

struct pvi_ldap_config {
    const char *uri;           /* ldap://host:port */
    const char *base_dn;       /* where operators are searched */
    const char *bind_dn;       /* read-only service account */
    const char *bind_password;
    const char *group_dn;      /* groupOfNames whose members are operators */
    int timeout_ms;
};

/* Binds as the service account and unbinds: PVI_OK, PVI_DIRECTORY_DOWN when
 * the server does not answer in time, PVI_CONFIG when the bind is refused. */
enum pvi_code pvi_ldap_ping(const struct pvi_ldap_config *cfg);

/* A directory entry that has just proven its password. Strings owned. */
struct pvi_ldap_person {
    char *dn;           /* the entry's DN, as the directory returned it */
    char *uid;          /* its uid attribute (the canonical spelling) */
    char *display_name; /* first cn value, or the uid when there is none */
    char *email;        /* first mail value, or NULL */
};

/* Authenticates an operator:
 *   1. an empty (or NULL) password is refused with PVI_EMPTY_PASSWORD before
 *      any connection (an empty simple bind would be an anonymous bind);
 *   2. the service account (cfg->bind_dn) searches cfg->base_dn for
 *      (&(objectClass=inetOrgPerson)(uid=…)), the uid escaped with
 *      ldap_bv2escaped_filter_value; anything but exactly one entry gives
 *      PVI_BAD_CREDENTIALS;
 *   3. that entry's DN binds with password on a separate connection
 *      (PVI_BAD_CREDENTIALS if refused);
 *   4. the service account compares the DN with the `member` values of
 *      cfg->group_dn: not a member gives PVI_NOT_IN_GROUP.
 * Every connection uses LDAPv3, no referrals, and cfg->timeout_ms (default
 * 3000 when ≤ 0) both to connect and for each operation.
 * PVI_DIRECTORY_DOWN when the directory cannot be reached or does not answer
 * in time; PVI_CONFIG when the configuration is incomplete or the service
 * account is refused. On PVI_OK *out (caller frees with
 * pvi_ldap_person_free) describes the entry; otherwise it is NULL. */
enum pvi_code pvi_ldap_authenticate(struct pvi_ldap_person **out, const struct pvi_ldap_config *cfg,
                                    const char *uid, const char *password);
/* NULL is a no-op. */
void pvi_ldap_person_free(struct pvi_ldap_person *p);

#endif
