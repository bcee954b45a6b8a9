/* social.c — links to the business's pages on the allowed social
 * networks (pvi_social_url_normalize). */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pvi_code
pvi_validate__social_parse(char **out, const char *in, enum pvi_msg *why)
{
    static const char prefix[] = "https://";
    const size_t plen = sizeof prefix - 1;
    char host[254];
    const char *auth, *rest;
    size_t alen;

    *out = NULL;
    *why = PVI_MSG_NONE;
    if (in == NULL)
        return PVI_BAD_URL;
    if (pvi_utf8_length(in) > PVI_SOCIAL_LINK_MAX) {
        *why = PVI_MSG_SOCIAL_TOO_LONG;
        return PVI_BAD_URL;
    }
    for (size_t i = 0; i < plen; i++) {
        if (to_lower(in[i]) != prefix[i]) {
            *why = PVI_MSG_SOCIAL_HTTPS;
            return PVI_BAD_URL;
        }
    }
    auth = in + plen;
    alen = strcspn(auth, "/?#");
    rest = auth + alen;
    if (memchr(auth, '@', alen) != NULL) {
        *why = PVI_MSG_SOCIAL_USERINFO;
        return PVI_BAD_URL;
    }
    if (memchr(auth, ':', alen) != NULL) {
        *why = PVI_MSG_SOCIAL_PORT;
        return PVI_BAD_URL;
    }
    if (alen > 0 && auth[alen - 1] == '.')
        alen--;
    if (alen == 0 || alen >= sizeof host) {
        *why = PVI_MSG_SOCIAL_HOST;
        return PVI_BAD_URL;
    }
    for (size_t i = 0; i < alen; i++)
        host[i] = to_lower(auth[i]);
    host[alen] = '\0';
    if (!pvi_refdata_social_host_allowed(host)) {
        *why = PVI_MSG_SOCIAL_NETWORK;
        return PVI_BAD_URL;
    }
    if (rest[0] != '/' || rest[1] == '\0' || rest[1] == '?' || rest[1] == '#') {
        *why = PVI_MSG_SOCIAL_HOME_PAGE;
        return PVI_BAD_URL;
    }
    for (const char *p = rest; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", c) != NULL ||
            (c == '%' && !(is_hex(p[1]) && is_hex(p[2])))) {
            *why = PVI_MSG_SOCIAL_CHARACTER;
            return PVI_BAD_URL;
        }
    }
    *out = pvi_asprintf("https://%s%s", host, rest);
    return PVI_OK;
}

enum pvi_code
pvi_social_url_normalize(char **out, const char *in)
{
    enum pvi_msg why = PVI_MSG_NONE;
    return pvi_validate__social_parse(out, in, &why);
}
