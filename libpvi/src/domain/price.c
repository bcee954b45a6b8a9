/* price.c — prices as people type and read them: euros with a decimal
 * comma ("12,50") to cents and back (pvi_price_parse, pvi_price_text). */
#include "validate.h"

#include "pvi/pvi_text.h"

#include <string.h>

enum pvi_code
pvi_price_parse(long long *cents_out, const char *in)
{
    char buf[64];
    const char *s;
    size_t len;
    pvi_text_trim(&s, &len, in);
    /* an optional euro sign at the end, blanks before it */
    if (len >= 3 && memcmp(s + len - 3, "\xe2\x82\xac", 3) == 0) {
        if (len - 3 >= sizeof buf)
            return PVI_BAD_PRICE;
        memcpy(buf, s, len - 3);
        buf[len - 3] = '\0';
        pvi_text_trim(&s, &len, buf);
    }
    long long euros = 0, cents = 0;
    size_t i = 0, digits = 0, decimals = 0;
    int group = 0; /* digits since the last thousands separator */
    int grouped = 0;
    while (i < len) {
        size_t b;
        if (is_digit(s[i])) {
            if (++digits > 7)
                return PVI_BAD_PRICE;
            euros = euros * 10 + (s[i] - '0');
            group++;
            i++;
        } else if (digits > 0 && (b = pvi_text_blank_len(s + i)) > 0 && b <= len - i) {
            /* "1 200": groups of three digits after the first */
            if ((grouped && group != 3) || group > 3)
                return PVI_BAD_PRICE;
            grouped = 1;
            group = 0;
            i += b;
        } else {
            break;
        }
    }
    if (digits == 0 || (grouped && group != 3))
        return PVI_BAD_PRICE;
    if (i < len && (s[i] == ',' || s[i] == '.')) {
        i++;
        while (i < len && is_digit(s[i])) {
            if (++decimals > 2)
                return PVI_BAD_PRICE;
            cents = cents * 10 + (s[i] - '0');
            i++;
        }
        if (decimals == 0)
            return PVI_BAD_PRICE;
        if (decimals == 1)
            cents *= 10;
    }
    if (i != len)
        return PVI_BAD_PRICE;
    long long total = euros * 100 + cents;
    if (total > PVI_PRICE_CENTS_MAX)
        return PVI_BAD_PRICE;
    *cents_out = total;
    return PVI_OK;
}

size_t
pvi_price_text(char out[static PVI_PRICE_TEXT_SIZE], long long cents)
{
    if (cents < 0)
        cents = 0;
    char whole[PVI_INT_TEXT_SIZE];
    size_t n = pvi_int_text(whole, cents / 100);
    memcpy(out, whole, n);
    out[n++] = ',';
    out[n++] = (char)('0' + (cents % 100) / 10);
    out[n++] = (char)('0' + cents % 10);
    out[n] = '\0';
    return n;
}
