/* text.c — UTF-8, blanks and trimming, integers as text (pvi_text.h): the
 * one copy of each rule. */
#include "pvi/pvi_text.h"

#include "pvi/pvi_mem.h"

#include <limits.h>
#include <string.h>

size_t
pvi_utf8_decode(uint32_t *cp_out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    size_t n;
    *cp_out = 0;
    if (u == NULL || u[0] == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp_out = u[0];
        return 1;
    }
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        n = 2;
        cp = u[0] & 0x1F;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        n = 3;
        cp = u[0] & 0x0F;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        n = 4;
        cp = u[0] & 0x07;
    } else {
        return 0; /* continuation byte, overlong lead (C0, C1) or beyond F4 */
    }
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0; /* the NUL of a truncated sequence stops here too */
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *cp_out = cp;
    return n;
}

int
pvi_utf8_valid(const char *s)
{
    if (s == NULL)
        return 0;
    while (*s) {
        uint32_t cp;
        size_t n = pvi_utf8_decode(&cp, s);
        if (n == 0)
            return 0;
        s += n;
    }
    return 1;
}

size_t
pvi_utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *u = (const unsigned char *)(s ? s : ""); *u; u++)
        if ((*u & 0xC0) != 0x80)
            n++;
    return n;
}

size_t
pvi_utf8_prefix(const char *s, size_t max_chars)
{
    size_t chars = 0, i = 0;
    if (s == NULL)
        return 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max_chars)
                break;
            chars++;
        }
    }
    return i;
}

size_t
pvi_text_blank_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u == NULL)
        return 0;
    if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2; /* U+00A0 */
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x87 || u[2] == 0x89 || u[2] == 0xAF))
        return 3; /* U+2007, U+2009, U+202F */
    if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return 3; /* U+FEFF */
    return 0;
}

int
pvi_text_is_blank(const char *s)
{
    size_t len;
    const char *start;
    pvi_text_trim(&start, &len, s);
    return len == 0;
}

void
pvi_text_trim(const char **start_out, size_t *len_out, const char *s)
{
    size_t k;
    if (s == NULL)
        s = "";
    while ((k = pvi_text_blank_len(s)) > 0)
        s += k;
    const char *end = s;
    for (const char *p = s; *p;) {
        k = pvi_text_blank_len(p);
        if (k > 0) {
            p += k;
        } else {
            p++;
            end = p;
        }
    }
    *start_out = s;
    *len_out = (size_t)(end - s);
}

char *
pvi_text_trim_dup(const char *s)
{
    const char *start;
    size_t len;
    pvi_text_trim(&start, &len, s);
    return pvi_strndup(start, len);
}

size_t
pvi_int_text(char out[static PVI_INT_TEXT_SIZE], long long v)
{
    char tmp[PVI_INT_TEXT_SIZE];
    size_t n = 0, len = 0;
    /* in unsigned arithmetic, so that LLONG_MIN has a magnitude */
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        out[len++] = '-';
    while (n > 0)
        out[len++] = tmp[--n];
    out[len] = '\0';
    return len;
}

int
pvi_int_parse(long long *out, const char *s, long long min, long long max)
{
    if (s == NULL || *s == '\0')
        return -1;
    const char *p = s;
    int neg = *p == '-';
    if (neg)
        p++;
    if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] != '\0') || (neg && p[0] == '0'))
        return -1;
    unsigned long long m = 0;
    const unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        unsigned d = (unsigned)(*p - '0');
        if (m > (limit - d) / 10)
            return -1;
        m = m * 10 + d;
    }
    long long v =
        neg ? (m == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)m) : (long long)m;
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
