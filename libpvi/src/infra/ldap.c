/* ldap.c — connections to the operators' directory, with timeouts, and the
 * operators' authentication (search as the service account, bind as the
 * user on a separate connection, group membership). */
#include "pvi/pvi_ldap.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <ldap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define DEFAULT_TIMEOUT_MS 3000
#define UID_MAX_BYTES 256

static struct timeval
op_timeout(const struct pvi_ldap_config *cfg)
{
    int ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    return tv;
}

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
    struct timeval tv = op_timeout(cfg);
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
    ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
    *out = ld;
    return PVI_OK;
}

static int
is_unreachable(int rc)
{
    return rc == LDAP_SERVER_DOWN || rc == LDAP_TIMEOUT || rc == LDAP_CONNECT_ERROR ||
           rc == LDAP_TIMELIMIT_EXCEEDED || rc == LDAP_BUSY || rc == LDAP_UNAVAILABLE;
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
    if (is_unreachable(rc)) {
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

void
pvi_ldap_person_free(struct pvi_ldap_person *p)
{
    if (p == NULL)
        return;
    free(p->dn);
    free(p->uid);
    free(p->display_name);
    free(p->email);
    free(p);
}

/* First value of attr in entry, copied, or NULL. */
static char *
first_value(LDAP *ld, LDAPMessage *entry, const char *attr)
{
    struct berval **v = ldap_get_values_len(ld, entry, attr);
    char *s = NULL;
    if (v && v[0])
        s = pvi_strndup(v[0]->bv_val, v[0]->bv_len);
    ldap_value_free_len(v);
    return s;
}

/* Searches the one inetOrgPerson whose uid is exactly uid, as the service
 * account on ld. On PVI_OK *out holds its DN, uid, cn and mail. */
static enum pvi_code
find_person(struct pvi_ldap_person **out, LDAP *ld, const struct pvi_ldap_config *cfg,
            const char *uid)
{
    enum pvi_code rc = PVI_INTERNAL;
    struct berval raw = {.bv_val = (char *)uid, .bv_len = strlen(uid)};
    struct berval esc = {0, NULL};
    char *filter = NULL;
    char *dn = NULL;
    LDAPMessage *res = NULL;
    struct pvi_ldap_person *p = NULL;
    *out = NULL;

    if (ldap_bv2escaped_filter_value(&raw, &esc) != 0 || esc.bv_val == NULL) {
        rc = PVI_INTERNAL;
        goto cleanup;
    }
    filter = pvi_asprintf("(&(objectClass=inetOrgPerson)(uid=%s))", esc.bv_val);
    char *attrs[] = {"uid", "cn", "mail", NULL};
    struct timeval tv = op_timeout(cfg);
    int lrc = ldap_search_ext_s(ld, cfg->base_dn, LDAP_SCOPE_SUBTREE, filter, attrs, 0, NULL, NULL,
                                &tv, 2, &res);
    if (lrc == LDAP_SIZELIMIT_EXCEEDED) {
        pvi_warn("ldap: several entries for one uid, refused");
        rc = PVI_BAD_CREDENTIALS;
        goto cleanup;
    }
    if (lrc == LDAP_NO_SUCH_OBJECT) {
        pvi_error("ldap: search base %s does not exist", cfg->base_dn);
        rc = PVI_CONFIG;
        goto cleanup;
    }
    if (lrc != LDAP_SUCCESS) {
        pvi_warn("ldap search failed: %s", ldap_err2string(lrc));
        rc = is_unreachable(lrc) ? PVI_DIRECTORY_DOWN : PVI_CONFIG;
        goto cleanup;
    }
    if (ldap_count_entries(ld, res) != 1) {
        rc = PVI_BAD_CREDENTIALS;
        goto cleanup;
    }
    LDAPMessage *entry = ldap_first_entry(ld, res);
    dn = entry ? ldap_get_dn(ld, entry) : NULL;
    if (dn == NULL || *dn == '\0') {
        rc = PVI_BAD_CREDENTIALS;
        goto cleanup;
    }
    p = pvi_calloc(1, sizeof *p);
    p->dn = pvi_strdup(dn);
    p->uid = first_value(ld, entry, "uid");
    if (p->uid == NULL)
        p->uid = pvi_strdup(uid);
    p->display_name = first_value(ld, entry, "cn");
    if (p->display_name == NULL || *p->display_name == '\0') {
        free(p->display_name);
        p->display_name = pvi_strdup(p->uid);
    }
    p->email = first_value(ld, entry, "mail");
    *out = p;
    p = NULL;
    rc = PVI_OK;

cleanup:
    pvi_ldap_person_free(p);
    if (dn)
        ldap_memfree(dn);
    if (res)
        ldap_msgfree(res);
    free(filter);
    if (esc.bv_val)
        ber_memfree(esc.bv_val);
    return rc;
}

/* Is dn a member of the group? Asked by the service account on ld. */
static enum pvi_code
check_group(LDAP *ld, const struct pvi_ldap_config *cfg, const char *dn)
{
    struct berval v = {.bv_val = (char *)dn, .bv_len = strlen(dn)};
    int lrc = ldap_compare_ext_s(ld, cfg->group_dn, "member", &v, NULL, NULL);
    switch (lrc) {
    case LDAP_COMPARE_TRUE:
        return PVI_OK;
    case LDAP_COMPARE_FALSE:
    case LDAP_NO_SUCH_ATTRIBUTE:
        return PVI_NOT_IN_GROUP;
    case LDAP_NO_SUCH_OBJECT:
        pvi_error("ldap: operators group %s does not exist", cfg->group_dn);
        return PVI_CONFIG;
    default:
        pvi_warn("ldap group check failed: %s", ldap_err2string(lrc));
        return is_unreachable(lrc) ? PVI_DIRECTORY_DOWN : PVI_CONFIG;
    }
}

enum pvi_code
pvi_ldap_authenticate(struct pvi_ldap_person **out, const struct pvi_ldap_config *cfg,
                      const char *uid, const char *password)
{
    enum pvi_code rc = PVI_INTERNAL;
    LDAP *svc = NULL;
    LDAP *user = NULL;
    struct pvi_ldap_person *p = NULL;
    *out = NULL;

    /* Never bind with an empty password: LDAP takes it as an anonymous
     * ("unauthenticated") bind, which succeeds. */
    if (password == NULL || *password == '\0') {
        rc = PVI_EMPTY_PASSWORD;
        goto cleanup;
    }
    if (uid == NULL || *uid == '\0' || strlen(uid) > UID_MAX_BYTES) {
        rc = PVI_BAD_CREDENTIALS;
        goto cleanup;
    }
    if (cfg->base_dn == NULL || cfg->bind_dn == NULL || cfg->group_dn == NULL ||
        *cfg->group_dn == '\0') {
        rc = PVI_CONFIG;
        goto cleanup;
    }

    rc = dir_connect(&svc, cfg);
    if (rc != PVI_OK)
        goto cleanup;
    rc = simple_bind(svc, cfg->bind_dn, cfg->bind_password);
    if (rc == PVI_BAD_CREDENTIALS) {
        pvi_error("ldap: the service account %s was refused", cfg->bind_dn);
        rc = PVI_CONFIG;
    }
    if (rc != PVI_OK)
        goto cleanup;

    rc = find_person(&p, svc, cfg, uid);
    if (rc != PVI_OK)
        goto cleanup;

    /* The user's bind on its own connection: the service connection keeps
     * its identity for the group check. */
    rc = dir_connect(&user, cfg);
    if (rc != PVI_OK)
        goto cleanup;
    rc = simple_bind(user, p->dn, password);
    if (rc == PVI_CONFIG) /* e.g. an entry without a password: not a usable account */
        rc = PVI_BAD_CREDENTIALS;
    if (rc != PVI_OK)
        goto cleanup;

    rc = check_group(svc, cfg, p->dn);
    if (rc != PVI_OK)
        goto cleanup;

    *out = p;
    p = NULL;

cleanup:
    pvi_ldap_person_free(p);
    if (user)
        ldap_unbind_ext_s(user, NULL, NULL);
    if (svc)
        ldap_unbind_ext_s(svc, NULL, NULL);
    return rc;
}
