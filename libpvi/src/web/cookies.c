/* cookies.c — reading the Cookie header and writing Set-Cookie with the
 * office's attributes (HttpOnly, SameSite=Lax, Path=/, and Secure over
 * https, where the names carry the __Host- prefix). */
#include "web.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
pvi_web__cookie(char *out, size_t cap, const struct pvi_http_request *req, const char *name)
{
    const char *h = pvi_http_header(req, "Cookie");
    size_t n = strlen(name);
    for (const char *p = h; p && *p;) {
        p += strspn(p, " \t;");
        size_t len = strcspn(p, ";");
        if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            const char *v = p + n + 1;
            size_t vlen = len - n - 1;
            while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            if (vlen + 1 > cap)
                return NULL;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return out;
        }
        p += len;
    }
    return NULL;
}

void
pvi_web__set_cookie(struct pvi_http_request *req, const char *name, const char *value,
                    long long max_age_s)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    char age[48] = "";
    if (max_age_s > 0)
        snprintf(age, sizeof age, "; Max-Age=%lld", max_age_s);
    else if (max_age_s < 0)
        snprintf(age, sizeof age, "; Max-Age=0");
    char *h = pvi_asprintf("%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
                           max_age_s < 0 ? "" : value, c->w->secure ? "; Secure" : "", age);
    pvi_http_add_header(req, "Set-Cookie", h);
    free(h);
}
