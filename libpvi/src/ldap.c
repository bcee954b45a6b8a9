/* ldap.c — connections to the operators' directory, with timeouts. */
#include "pvi/pvi_ldap.h"

#include "pvi/pvi_log.h"

#include <ldap.h>
#include <sys/time.h>
#include <string.h>

/* Opens a connection with protocol v3, timeouts and no referrals. */
static enum pvi_code
dir_connect(LDAP **out, const struct pvi_ldap_config *cfg)
{
    *out = NULL;
    if (cfg->uri == NULL || *cfg->uri == '\0')
        return PVI_CONFIG;
    LDAP *ld = NULL;
    if (ldap_initialize(&ld, cfg->uri) != LDAP_SUCCESS || ld == NULL)
        return PVI_CONFIG;
    int v3 = LDAP_VERSION3;
    struct timeval tv = {cfg->timeout_ms / 1000, (cfg->timeout_ms % 1000) * 1000};
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
    *out = ld;
    return PVI_OK;
}

static enum pvi_code
simple_bind(LDAP *ld, const char *dn, const char *password)
{
    struct berval cred = {.bv_val = (char *)password, .bv_len = password ? strlen(password) : 0};
    int rc = ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
    if (rc == LDAP_SUCCESS)
        return PVI_OK;
    if (rc == LDAP_INVALID_CREDENTIALS)
        return PVI_BAD_CREDENTIALS;
    if (rc == LDAP_SERVER_DOWN || rc == LDAP_TIMEOUT || rc == LDAP_CONNECT_ERROR) {
        pvi_warn("ldap unreachable: %s", ldap_err2string(rc));
        return PVI_DIRECTORY_DOWN;
    }
    pvi_warn("ldap bind failed: %s", ldap_err2string(rc));
    return PVI_CONFIG;
}

enum pvi_code
pvi_ldap_ping(const struct pvi_ldap_config *cfg)
{
    LDAP *ld = NULL;
    enum pvi_code rc = dir_connect(&ld, cfg);
    if (rc == PVI_OK) {
        rc = simple_bind(ld, cfg->bind_dn, cfg->bind_password);
        if (rc == PVI_BAD_CREDENTIALS)
            rc = PVI_CONFIG;
    }
    if (ld)
        ldap_unbind_ext_s(ld, NULL, NULL);
    return rc;
}
