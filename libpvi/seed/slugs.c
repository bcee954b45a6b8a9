/* slugs.c — names made into identifiers: slugs ("Boulangerie Lefèvre &
 * Fils" → "boulangerie-lefevre-fils"), the unique slugs and host names a
 * generator hands out (never one reserved or handed out before), and the
 * mailboxes of businesses without a domain. */
#include "seed_internal.h"

#include <stdio.h>
#include <string.h>

void
pvi_seed_slugify(char out[static 64], const char *text, size_t max_len)
{
    static const struct {
        unsigned char lo, hi;
        const char *ascii;
    } latin1[] = {
        {0x80, 0x85, "a"},  {0x86, 0x86, "ae"}, {0x87, 0x87, "c"},  {0x88, 0x8b, "e"},
        {0x8c, 0x8f, "i"},  {0x91, 0x91, "n"},  {0x92, 0x96, "o"},  {0x98, 0x98, "o"},
        {0x99, 0x9c, "u"},  {0x9d, 0x9d, "y"},  {0x9f, 0x9f, "ss"}, {0xa0, 0xa5, "a"},
        {0xa6, 0xa6, "ae"}, {0xa7, 0xa7, "c"},  {0xa8, 0xab, "e"},  {0xac, 0xaf, "i"},
        {0xb1, 0xb1, "n"},  {0xb2, 0xb6, "o"},  {0xb8, 0xb8, "o"},  {0xb9, 0xbc, "u"},
        {0xbd, 0xbd, "y"},  {0xbf, 0xbf, "y"},
    };
    char buf[256];
    size_t n = 0;
    int dash = 0;
    if (max_len > 63)
        max_len = 63;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p && n < 200;) {
        const char *ascii = NULL;
        char one[2] = {0, 0};
        if (*p < 0x80) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                one[0] = (char)*p;
            else if (*p >= 'A' && *p <= 'Z')
                one[0] = (char)(*p - 'A' + 'a');
            ascii = one[0] ? one : NULL;
            p++;
        } else if (*p == 0xc3 && p[1]) {
            for (size_t i = 0; i < PVI_COUNT_OF(latin1); i++)
                if (p[1] >= latin1[i].lo && p[1] <= latin1[i].hi)
                    ascii = latin1[i].ascii;
            p += 2;
        } else if (*p == 0xc5 && (p[1] == 0x92 || p[1] == 0x93)) {
            ascii = "oe";
            p += 2;
        } else {
            p++;
            while ((*p & 0xc0) == 0x80)
                p++;
        }
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
