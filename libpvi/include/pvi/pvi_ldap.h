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

#endif
