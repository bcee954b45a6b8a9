/* actor.c — names of roles, channels and scopes. */
#include "pvi/pvi_actor.h"
#include "pvi/pvi_mem.h"

#include <string.h>

const char *
pvi_role_name(enum pvi_role r)
{
    static const char *const names[] = {"admin", "operator", "client", "integrator", "system"};
    return (unsigned)r < PVI_COUNT_OF(names) ? names[r] : "system";
}

const char *
pvi_channel_name(enum pvi_channel c)
{
    static const char *const names[] = {"phone", "client", "admin", "api", "import", "system"};
    return (unsigned)c < PVI_COUNT_OF(names) ? names[c] : "system";
}

enum pvi_channel
pvi_role_channel(enum pvi_role r)
{
    switch (r) {
    case PVI_ROLE_ADMIN:
        return PVI_CHANNEL_ADMIN;
    case PVI_ROLE_OPERATOR:
        return PVI_CHANNEL_PHONE;
    case PVI_ROLE_CLIENT:
        return PVI_CHANNEL_CLIENT;
    case PVI_ROLE_INTEGRATOR:
        return PVI_CHANNEL_API;
    case PVI_ROLE_SYSTEM:
        break;
    }
    return PVI_CHANNEL_SYSTEM;
}

int
pvi_scopes_parse(unsigned *out, const char *list)
{
    static const struct {
        const char *name;
        unsigned bit;
    } scopes[] = {{"sites:read", PVI_SCOPE_SITES_READ},
                  {"sites:write", PVI_SCOPE_SITES_WRITE},
                  {"workflow", PVI_SCOPE_WORKFLOW}};
    *out = 0;
    const char *p = list;
    while (p && *p) {
        size_t n = strcspn(p, ", ");
        if (n > 0) {
            unsigned bit = 0;
            for (size_t i = 0; i < PVI_COUNT_OF(scopes); i++)
                if (strlen(scopes[i].name) == n && strncmp(scopes[i].name, p, n) == 0)
                    bit = scopes[i].bit;
            if (bit == 0)
                return -1;
            *out |= bit;
        }
        p += n;
        p += strspn(p, ", ");
    }
    return 0;
}
