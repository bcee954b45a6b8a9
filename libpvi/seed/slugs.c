/* slugs.c — names made into identifiers: slugs ("Boulangerie Lefèvre &
 * Fils" → "boulangerie-lefevre-fils"), the unique slugs and host names a
 * generator hands out (never one reserved or handed out before), and the
 * mailboxes of businesses without a domain. */
#include "seed_internal.h"

#include "pvi/pvi_text.h"

#include <stdio.h>
#include <string.h>

void
pvi_seed_slugify(char out[static 64], const char *text, size_t max_len)
{
    /* the letters of Latin-1 (U+00C0–U+00FF) in ASCII; the others (×, ÷, Ð,
     * Þ…) separate words like punctuation */
    static const struct {
        uint32_t lo, hi;
        const char *ascii;
    } latin1[] = {
        {0xc0, 0xc5, "a"},  {0xc6, 0xc6, "ae"}, {0xc7, 0xc7, "c"},  {0xc8, 0xcb, "e"},
        {0xcc, 0xcf, "i"},  {0xd1, 0xd1, "n"},  {0xd2, 0xd6, "o"},  {0xd8, 0xd8, "o"},
        {0xd9, 0xdc, "u"},  {0xdd, 0xdd, "y"},  {0xdf, 0xdf, "ss"}, {0xe0, 0xe5, "a"},
        {0xe6, 0xe6, "ae"}, {0xe7, 0xe7, "c"},  {0xe8, 0xeb, "e"},  {0xec, 0xef, "i"},
        {0xf1, 0xf1, "n"},  {0xf2, 0xf6, "o"},  {0xf8, 0xf8, "o"},  {0xf9, 0xfc, "u"},
        {0xfd, 0xfd, "y"},  {0xff, 0xff, "y"},
    };
    char buf[256];
    size_t n = 0;
    int dash = 0;
    if (max_len > 63)
        max_len = 63;
    for (const char *p = text ? text : ""; *p && n < 200;) {
        uint32_t cp;
        size_t len = pvi_utf8_decode(&cp, p);
        const char *ascii = NULL;
        char one[2] = {0, 0};
        if (len == 0) {
            len = 1; /* a byte that is not UTF-8: a separator */
        } else if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                one[0] = (char)cp;
            else if (cp >= 'A' && cp <= 'Z')
                one[0] = (char)(cp - 'A' + 'a');
            ascii = one[0] ? one : NULL;
        } else if (cp >= 0xc0 && cp <= 0xff) {
            for (size_t i = 0; i < PVI_COUNT_OF(latin1); i++)
                if (cp >= latin1[i].lo && cp <= latin1[i].hi)
                    ascii = latin1[i].ascii;
        } else if (cp == 0x152 || cp == 0x153) { /* Œ, œ */
            ascii = "oe";
        }
        p += len;
        if (ascii == NULL) {
            dash = n > 0;
            continue;
        }
        if (dash)
            buf[n++] = '-';
        dash = 0;
        for (const char *a = ascii; *a; a++)
            buf[n++] = *a;
    }
    buf[n] = '\0';
    if (n > max_len) {
        size_t cut = max_len;
        while (cut > 0 && buf[cut] != '-')
            cut--;
        buf[cut > max_len / 2 ? cut : max_len] = '\0';
        n = strlen(buf);
        while (n > 0 && buf[n - 1] == '-')
            buf[--n] = '\0';
    }
    memcpy(out, buf, n + 1);
}

/* A mailbox at a provider: "boulangerie.martin35@orange.fr". */
void
pvi_seed__provider_email(char out[128], struct pvi_seed__rng *r, const char *slug,
                         const char *postal_code)
{
    char local[48];
    size_t n = 0;
    for (const char *p = slug; *p && n < 32; p++)
        local[n++] = *p == '-' ? '.' : *p;
    while (n > 0 && local[n - 1] == '.')
        n--;
    local[n] = '\0';
    if (pvi_seed__chance(r, 50))
        snprintf(out, 128, "%s%.2s@%s", local, postal_code,
                 pvi_seed__pick(r, &pvi_seed__mail_providers));
    else
        snprintf(out, 128, "%s@%s", local, pvi_seed__pick(r, &pvi_seed__mail_providers));
}

/* Claims a unique slug from base ("base", "base-2", "base-3", …). */
void
pvi_seed__claim_slug(struct pvi_seed_gen *g, char out[64], const char *base)
{
    char b[64];
    snprintf(b, sizeof b, "%s", base[0] && base[1] ? base : "site");
    if (!pvi_seed__strset_has(&g->slugs, b)) {
        pvi_seed__strset_add(&g->slugs, b);
        memcpy(out, b, strlen(b) + 1);
        return;
    }
    for (unsigned k = 2;; k++) {
        char cand[80];
        snprintf(cand, sizeof cand, "%.52s-%u", b, k);
        if (!pvi_seed__strset_has(&g->slugs, cand)) {
            pvi_seed__strset_add(&g->slugs, cand);
            snprintf(out, 64, "%.63s", cand);
            return;
        }
    }
}

/* Claims a unique "www.<label>.fr" from the name (then with the town, then numbered). */
void
pvi_seed__claim_host(struct pvi_seed_gen *g, char out[128], const char *name, const char *city)
{
    char label[64], town[64], cand[160];
    pvi_seed_slugify(label, name, 40);
    pvi_seed_slugify(town, city, 20);
    snprintf(cand, sizeof cand, "www.%s.fr", label);
    if (pvi_seed__strset_has(&g->hosts, cand))
        snprintf(cand, sizeof cand, "www.%s-%s.fr", label, town);
    for (unsigned k = 2; pvi_seed__strset_has(&g->hosts, cand); k++)
        snprintf(cand, sizeof cand, "www.%s-%s-%u.fr", label, town, k);
    pvi_seed__strset_add(&g->hosts, cand);
    snprintf(out, 128, "%.127s", cand);
}
