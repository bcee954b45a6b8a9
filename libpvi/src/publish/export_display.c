/* export_display.c — the display forms the document carries (phones in
 * their French form, prices, times, dates, coordinates, URL encoding). */
#include "export.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Display forms.
 */

char *
pvi_export_phone_display(char *out, size_t cap, const char *e164)
{
    static const char *const codes[] = {"+33", "+262", "+590", "+594", "+596"};
    const char *national = NULL;

    if (cap == 0)
        return out;
    out[0] = '\0';
    if (e164 == NULL)
        return out;
    for (size_t i = 0; i < PVI_COUNT_OF(codes) && national == NULL; i++) {
        size_t n = strlen(codes[i]);
        const char *rest = e164 + n;
        if (strncmp(e164, codes[i], n) == 0 && strlen(rest) == 9 && strspn(rest, "0123456789") == 9)
            national = rest;
    }
    if (national == NULL)
        snprintf(out, cap, "%s", e164);
    else
        snprintf(out, cap, "0%.1s %.2s %.2s %.2s %.2s", national, national + 1, national + 3,
                 national + 5, national + 7);
    return out;
}

char *
pvi_export_price_display(char *out, size_t cap, long long cents)
{
    char digits[32], grouped[64];
    size_t n, g = 0;
    unsigned long long v = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;

    if (cap == 0)
        return out;
    if (cents == 0) {
        snprintf(out, cap, "Gratuit");
        return out;
    }
    snprintf(digits, sizeof digits, "%llu", v / 100);
    n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(grouped + g, "\xE2\x80\xAF", 3); /* U+202F narrow no-break space */
            g += 3;
        }
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    /* U+00A0 no-break space before the euro sign */
    snprintf(out, cap, "%s%s,%02llu\xC2\xA0\xE2\x82\xAC", cents < 0 ? "-" : "", grouped, v % 100);
    return out;
}

/* "09:30" → "9h30"; anything else is copied (cut to 15 bytes). */
void
pvi_export__time_display(char out[static 16], const char *hhmm)
{
    if (strlen(hhmm) == 5 && hhmm[2] == ':' && strspn(hhmm, "0123456789:") == 5) {
        int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
        snprintf(out, 16, "%dh%.2s", h, hhmm + 3);
    } else {
        snprintf(out, 16, "%.15s", hhmm);
    }
}

/* "2026-08-01" → "1er août 2026"; anything else is copied. */
char *
pvi_export__date_display(const char *iso)
{
    static const char *const months[] = {"janvier",   "février", "mars",     "avril",
                                         "mai",       "juin",    "juillet",  "août",
                                         "septembre", "octobre", "novembre", "décembre"};
    int y, m, d;
    char tail;

    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return pvi_strdup(iso);
    if (d == 1)
        return pvi_asprintf("1er %s %d", months[m - 1], y);
    return pvi_asprintf("%d %s %d", d, months[m - 1], y);
}

/* A coordinate with at most 6 decimals (≈ 10 cm), trailing zeros removed,
 * always with a '.' whatever the locale. */
void
pvi_export__coord_display(char out[static 32], double x)
{
    snprintf(out, 32, "%.6f", x);
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
    char *dot = strchr(out, '.');
    if (dot != NULL) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* Percent-encodes s for a URL query or a mailto: address; keep lists the
 * ASCII characters left as they are besides letters and digits. */
void
pvi_export__url_encode(struct pvi_buf *b, const char *s, const char *keep)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
            strchr(keep, *u) != NULL)
            pvi_buf_append(b, u, 1);
        else
            pvi_buf_printf(b, "%%%02X", *u);
    }
}
