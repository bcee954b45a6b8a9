/* phones.c — telephone numbers coherent with the département: a fixed
 * line with the zone's prefix and one of its towns' area digits, a mobile
 * (06/07 in metropolitan France, the overseas mobile prefixes elsewhere),
 * written "02 99 12 34 56" as people type them. */
#include "seed_internal.h"

#include <stdio.h>
#include <string.h>

void
pvi_seed__digits(char *out, struct pvi_seed__rng *r, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + pvi_seed__below(r, 10));
    out[n] = '\0';
}

/* "02 99 12 34 56" from ten national digits. */
static void
spaced(char out[16], const char *national)
{
    snprintf(out, 16, "%.2s %.2s %.2s %.2s %.2s", national, national + 2, national + 4,
             national + 6, national + 8);
}

/* The i-th space-separated word of list (at most 7 characters). */
static void
word_at(char out[8], const char *list, size_t i)
{
    const char *p = list;
    for (size_t k = 0; k < i && p; k++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    snprintf(out, 8, "%.*s", p ? (int)strcspn(p, " ") : 0, p ? p : "");
}

static size_t
word_count(const char *list)
{
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ' ';
    return n;
}

void
pvi_seed__fixed_phone(char out[16], struct pvi_seed__rng *r, const struct pvi_seed__zone *dp)
{
    char national[32], tail[11];
    if (dp->areas == NULL) {
        pvi_seed__digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s", dp->fixed, tail);
    } else {
        char area[8];
        word_at(area, dp->areas, pvi_seed__below(r, word_count(dp->areas)));
        pvi_seed__digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s%s", dp->fixed, area, tail);
    }
    spaced(out, national);
}

void
pvi_seed__mobile_phone(char out[16], struct pvi_seed__rng *r, const struct pvi_seed__zone *dp)
{
    char national[32], tail[11];
    if (dp && dp->mobile) {
        char prefix[8];
        word_at(prefix, dp->mobile, pvi_seed__below(r, word_count(dp->mobile)));
        pvi_seed__digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s", prefix, tail);
    } else if (pvi_seed__chance(r, 70)) {
        /* 06, but not 0639 and 069x (Mayotte and the other overseas mobiles) */
        pvi_seed__digits(tail, r, 8);
        tail[0] = (char)('0' + pvi_seed__below(r, 9));
        if (tail[0] == '3' && tail[1] == '9')
            tail[1] = '8';
        snprintf(national, sizeof national, "06%s", tail);
    } else {
        pvi_seed__digits(tail, r, 8);
        tail[0] = (char)('5' + pvi_seed__below(r, 4)); /* 075–078 */
        snprintf(national, sizeof national, "07%s", tail);
    }
    spaced(out, national);
}
