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
pvi_validate__social_parse(char **out, const char *in, const char **why)
{
    static const char prefix[] = "https://";
    const size_t plen = sizeof prefix - 1;
    char host[254];
    const char *auth, *rest;
    size_t alen;

    *out = NULL;
    *why = NULL;
    if (in == NULL)
        return PVI_BAD_URL;
    if (pvi_utf8_length(in) > PVI_SOCIAL_LINK_MAX) {
        *why = "Lien trop long (300 caractères au maximum).";
        return PVI_BAD_URL;
    }
    for (size_t i = 0; i < plen; i++) {
        if (to_lower(in[i]) != prefix[i]) {
            *why = "Le lien doit commencer par https:// (exemple : "
                   "https://www.facebook.com/votre.page).";
            return PVI_BAD_URL;
        }
    }
    auth = in + plen;
    alen = strcspn(auth, "/?#");
    rest = auth + alen;
    if (memchr(auth, '@', alen) != NULL) {
        *why = "Le lien ne doit pas contenir d'identifiant ni de mot de passe.";
        return PVI_BAD_URL;
    }
    if (memchr(auth, ':', alen) != NULL) {
        *why = "Le lien ne doit pas indiquer de numéro de port.";
        return PVI_BAD_URL;
    }
    if (alen > 0 && auth[alen - 1] == '.')
        alen--;
    if (alen == 0 || alen >= sizeof host) {
        *why = "Le lien doit indiquer le site du réseau (exemple : www.facebook.com).";
        return PVI_BAD_URL;
    }
    for (size_t i = 0; i < alen; i++)
        host[i] = to_lower(auth[i]);
    host[alen] = '\0';
    if (!pvi_refdata_social_host_allowed(host)) {
        *why = "Réseau non autorisé : seuls Facebook, Instagram, LinkedIn, X, YouTube, TikTok, "
               "Pinterest, Tripadvisor, Vimeo et Threads sont acceptés.";
        return PVI_BAD_URL;
    }
    if (rest[0] != '/' || rest[1] == '\0' || rest[1] == '?' || rest[1] == '#') {
        *why = "Le lien doit mener à votre page, pas à l'accueil du réseau.";
        return PVI_BAD_URL;
    }
    for (const char *p = rest; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", c) != NULL ||
            (c == '%' && !(is_hex(p[1]) && is_hex(p[2])))) {
            *why = "Le lien contient un espace ou un caractère non autorisé.";
            return PVI_BAD_URL;
        }
    }
    *out = pvi_asprintf("https://%s%s", host, rest);
    return PVI_OK;
}

enum pvi_code
pvi_social_url_normalize(char **out, const char *in)
{
    const char *why;
    return pvi_validate__social_parse(out, in, &why);
}
