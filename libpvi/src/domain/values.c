/* values.c — the single values the platform stores: host names, e-mail
 * addresses, postal codes, SIRET, customer numbers, slugs, HH:MM times and
 * dates (pvi_validate.h). */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pvi_code
pvi_domain_normalize(char out[static 254], const char *in)
{
    char buf[254];
    size_t n, label_start = 0, labels = 0;

    out[0] = '\0';
    if (in == NULL)
        return PVI_BAD_DOMAIN;
    n = strlen(in);
    if (n > 0 && in[n - 1] == '.')
        n--;
    if (n == 0 || n > PVI_DOMAIN_MAX)
        return PVI_BAD_DOMAIN;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? to_lower(in[i]) : '.';
        if (c == '.') {
            const char *l = buf + label_start;
            size_t ll = i - label_start;
            if (ll < 1 || ll > 63 || l[0] == '-' || l[ll - 1] == '-')
                return PVI_BAD_DOMAIN;
            /* "--" in positions 3–4 is reserved for IDNA A-labels ("xn--"). */
            if (ll >= 4 && l[2] == '-' && l[3] == '-' && !(l[0] == 'x' && l[1] == 'n'))
                return PVI_BAD_DOMAIN;
            if (ll == 4 && memcmp(l, "xn--", 4) == 0)
                return PVI_BAD_DOMAIN;
            labels++;
            if (i == n && all_digits(l, ll))
                return PVI_BAD_DOMAIN;
            label_start = i + 1;
        } else if (!is_lower_alnum(c) && c != '-') {
            return PVI_BAD_DOMAIN;
        }
        if (i < n)
            buf[i] = c;
    }
    if (labels < 2)
        return PVI_BAD_DOMAIN;
    memcpy(out, buf, n);
    out[n] = '\0';
    return PVI_OK;
}

static int
email_local_char(char c)
{
    return is_alpha(c) || is_digit(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}

enum pvi_code
pvi_email_normalize(char out[static 255], const char *in)
{
    char dom[254];
    const char *s, *at;
    size_t len, local;

    out[0] = '\0';
    if (in == NULL)
        return PVI_BAD_EMAIL;
    pvi_text_trim(&s, &len, in);
    if (len == 0 || len > PVI_EMAIL_MAX)
        return PVI_BAD_EMAIL;
    at = memchr(s, '@', len);
    if (at == NULL || memchr(at + 1, '@', len - (size_t)(at + 1 - s)) != NULL)
        return PVI_BAD_EMAIL;
    local = (size_t)(at - s);
    if (local < 1 || local > 64 || s[0] == '.' || s[local - 1] == '.')
        return PVI_BAD_EMAIL;
    for (size_t i = 0; i < local; i++)
        if (!email_local_char(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
            return PVI_BAD_EMAIL;
    size_t dlen = len - local - 1;
    if (dlen == 0 || dlen > PVI_DOMAIN_MAX || at[dlen] == '.')
        return PVI_BAD_EMAIL;
    char raw[254];
    memcpy(raw, at + 1, dlen);
    raw[dlen] = '\0';
    if (pvi_domain_normalize(dom, raw) != PVI_OK)
        return PVI_BAD_EMAIL;
    memcpy(out, s, local + 1);
    memcpy(out + local + 1, dom, dlen + 1);
    return PVI_OK;
}

enum pvi_code
pvi_email_check(const char *in)
{
    char out[255];
    const char *s;
    size_t len;
    if (in == NULL)
        return PVI_BAD_EMAIL;
    pvi_text_trim(&s, &len, in);
    if (s != in || len != strlen(in))
        return PVI_BAD_EMAIL;
    return pvi_email_normalize(out, in);
}

enum pvi_code
pvi_validate__postal_parse(char dept_out[static 4], const char *in, enum pvi_msg *why)
{
    size_t n;

    dept_out[0] = '\0';
    *why = PVI_MSG_NONE;
    if (in == NULL)
        return PVI_BAD_POSTAL_CODE;
    n = strlen(in);
    if (n != 5 || !all_digits(in, 5)) {
        size_t digits = 0, spaces = 0;
        for (const char *p = in; *p; p++) {
            digits += is_digit(*p);
            spaces += *p == ' ';
        }
        if (digits == 5 && spaces > 0 && digits + spaces == n)
            *why = PVI_MSG_POSTAL_NO_SPACE;
        else
            *why = PVI_MSG_POSTAL_FIVE_DIGITS;
        return PVI_BAD_POSTAL_CODE;
    }
    int dept = (in[0] - '0') * 10 + (in[1] - '0');
    int code = atoi(in);
    if (dept == 20) {
        if (code <= 20199) {
            memcpy(dept_out, "2A", 3);
            return PVI_OK;
        }
        if (code <= 20620) {
            memcpy(dept_out, "2B", 3);
            return PVI_OK;
        }
        *why = PVI_MSG_POSTAL_CORSICA;
        return PVI_BAD_POSTAL_CODE;
    }
    if (dept == 97) {
        if (in[2] >= '1' && in[2] <= '6') {
            memcpy(dept_out, in, 3);
            dept_out[3] = '\0';
            return PVI_OK;
        }
        *why = PVI_MSG_POSTAL_OVERSEAS;
        return PVI_BAD_POSTAL_CODE;
    }
    if (dept < 1 || dept > 95) {
        *why = PVI_MSG_POSTAL_NO_DEPARTEMENT;
        return PVI_BAD_POSTAL_CODE;
    }
    memcpy(dept_out, in, 2);
    dept_out[2] = '\0';
    return PVI_OK;
}

enum pvi_code
pvi_postal_code_check(char dept_out[static 4], const char *in)
{
    enum pvi_msg why = PVI_MSG_NONE;
    return pvi_validate__postal_parse(dept_out, in, &why);
}

/* Luhn check over n digits: 1 when valid. */
static int
luhn_ok(const char *s, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        int v = s[n - 1 - i] - '0';
        if (i % 2 == 1) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

enum pvi_code
pvi_siret_check(const char *in)
{
    if (in == NULL || strlen(in) != 14 || !all_digits(in, 14))
        return PVI_BAD_SIRET;
    if (strncmp(in, "000000000", 9) == 0)
        return PVI_BAD_SIRET;
    if (luhn_ok(in, 14))
        return PVI_OK;
    if (strncmp(in, "356000000", 9) == 0) {
        int sum = 0;
        for (size_t i = 0; i < 14; i++)
            sum += in[i] - '0';
        if (sum % 5 == 0)
            return PVI_OK;
    }
    return PVI_BAD_SIRET;
}

enum pvi_code
pvi_siret_normalize(char out[static 15], const char *in)
{
    char buf[15];
    const char *s;
    size_t len, n = 0;

    out[0] = '\0';
    if (in == NULL)
        return PVI_BAD_SIRET;
    pvi_text_trim(&s, &len, in);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            continue;
        if (!is_digit(s[i]) || n == 14)
            return PVI_BAD_SIRET;
        buf[n++] = s[i];
    }
    buf[n] = '\0';
    if (pvi_siret_check(buf) != PVI_OK)
        return PVI_BAD_SIRET;
    memcpy(out, buf, 15);
    return PVI_OK;
}

enum pvi_code
pvi_customer_number_check(const char *in)
{
    if (in == NULL || strlen(in) != 10 || in[0] != 'P' || in[1] != 'J' || !all_digits(in + 2, 8))
        return PVI_BAD_CUSTOMER_NUMBER;
    return PVI_OK;
}

enum pvi_code
pvi_customer_number_normalize(char out[static 11], const char *in)
{
    char buf[11];
    const char *s;
    size_t len;

    out[0] = '\0';
    if (in == NULL)
        return PVI_BAD_CUSTOMER_NUMBER;
    pvi_text_trim(&s, &len, in);
    if (len != 10)
        return PVI_BAD_CUSTOMER_NUMBER;
    memcpy(buf, s, 10);
    buf[10] = '\0';
    if ((buf[0] == 'p' || buf[0] == 'P') && (buf[1] == 'j' || buf[1] == 'J')) {
        buf[0] = 'P';
        buf[1] = 'J';
    }
    if (pvi_customer_number_check(buf) != PVI_OK)
        return PVI_BAD_CUSTOMER_NUMBER;
    memcpy(out, buf, 11);
    return PVI_OK;
}

enum pvi_code
pvi_slug_check(const char *in)
{
    size_t n;
    if (in == NULL)
        return PVI_BAD_SLUG;
    n = strlen(in);
    if (n < 2 || n > 63 || in[0] == '-' || in[n - 1] == '-' || strstr(in, "--"))
        return PVI_BAD_SLUG;
    for (size_t i = 0; i < n; i++)
        if (!is_lower_alnum(in[i]) && in[i] != '-')
            return PVI_BAD_SLUG;
    return PVI_OK;
}

enum pvi_code
pvi_hhmm_parse(int *minutes_out, const char *in, int allow_24)
{
    if (in == NULL || strlen(in) != 5 || !is_digit(in[0]) || !is_digit(in[1]) || in[2] != ':' ||
        !is_digit(in[3]) || !is_digit(in[4]))
        return PVI_BAD_HOURS;
    int h = (in[0] - '0') * 10 + (in[1] - '0');
    int m = (in[3] - '0') * 10 + (in[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
        return PVI_BAD_HOURS;
    *minutes_out = h * 60 + m;
    return PVI_OK;
}

enum pvi_code
pvi_date_check(const char *in)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (in == NULL || strlen(in) != 10 || in[4] != '-' || in[7] != '-' || !all_digits(in, 4) ||
        !all_digits(in + 5, 2) || !all_digits(in + 8, 2))
        return PVI_BAD_DATE;
    int y = atoi(in), m = atoi(in + 5), d = atoi(in + 8);
    if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1)
        return PVI_BAD_DATE;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    return d <= max ? PVI_OK : PVI_BAD_DATE;
}
