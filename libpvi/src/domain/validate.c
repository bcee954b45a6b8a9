/* validate.c — validation and normalisation of site content and identifiers (phones, SIRET…). */
#include "pvi/pvi_validate.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_LEN 256

/* ---------------------------------------------------------------------------
 * Small character helpers (ASCII only: no locale dependence).
 */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_lower_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

static int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char
to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

int
pvi_text_has_markup(const char *in)
{
    if (in == NULL)
        return 0;
    for (const char *p = strchr(in, '<'); p; p = strchr(p + 1, '<')) {
        char c = p[1];
        if (is_alpha(c) || c == '/' || c == '!' || c == '?')
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------------
 * Free text.
 */

enum { TEXT_MULTILINE = 1 };

/* Normalises a text (see the header for the rules): returns a new string
 * owned by the caller, possibly "", or NULL with *why set (a French message)
 * when it holds a forbidden character. */
static char *
text_normalize(const char *in, unsigned flags, const char **why)
{
    struct pvi_buf b = {0};
    const char *s;
    size_t len;
    int newlines = 0;
    char *result = NULL;

    pvi_text_trim(&s, &len, in);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            if (i + 1 < len && s[i + 1] == '\n')
                continue;
            c = '\n';
        }
        if (c == '\n') {
            if (!(flags & TEXT_MULTILINE)) {
                *why = "Ce texte doit tenir sur une seule ligne.";
                goto cleanup;
            }
            if (++newlines <= 2)
                pvi_buf_append(&b, "\n", 1);
            continue;
        }
        newlines = 0;
        int control =
            c < 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0);
        if (control && !(c == '\t' && (flags & TEXT_MULTILINE))) {
            *why = "Ce texte contient un caractère de contrôle invisible : retapez-le.";
            goto cleanup;
        }
        pvi_buf_append(&b, &s[i], 1);
    }
    result = pvi_buf_steal(&b);

cleanup:
    pvi_buf_free(&b);
    return result;
}

/* ---------------------------------------------------------------------------
 * Single-value checkers. Each has an internal form that also says why (a
 * French message) and a public thin entry point.
 */

static const char *const phone_codes[] = {"33", "262", "590", "594", "596"};

/* The country code a French national significant number (9 digits, no
 * trunk 0) is reached through from abroad. */
static const char *
phone_home_code(const char *nsn)
{
    static const struct {
        const char *prefix;
        const char *cc;
    } overseas[] = {
        {"262", "262"}, {"263", "262"}, {"269", "262"}, {"639", "262"}, {"692", "262"},
        {"693", "262"}, {"590", "590"}, {"690", "590"}, {"691", "590"}, {"594", "594"},
        {"694", "594"}, {"596", "596"}, {"696", "596"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(overseas); i++)
        if (strncmp(nsn, overseas[i].prefix, 3) == 0)
            return overseas[i].cc;
    return "33";
}

static enum pvi_code
phone_parse(char out[static 16], const char *in, const char **why)
{
    char digits[24];
    size_t nd = 0;
    int plus = 0, started = 0;
    long paren_at = -1;
    const char *d, *nsn, *cc = NULL;
    size_t n;

    out[0] = '\0';
    *why = NULL;
    if (in == NULL)
        return PVI_BAD_PHONE;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c == '+' && !started && !plus) {
            plus = 1;
        } else if (is_digit(c)) {
            if (nd >= 20)
                goto too_long;
            digits[nd++] = c;
            started = 1;
        } else if (c == ' ' || c == '.' || c == '-' || c == '\t') {
            continue;
        } else if (c == '(' && p[1] == '0' && p[2] == ')' && paren_at < 0 && started) {
            paren_at = (long)nd;
            p += 2;
        } else {
            *why = "Numéro de téléphone : seuls les chiffres, espaces, points, tirets et le "
                   "« + » initial sont acceptés (exemple : 02 99 12 34 56).";
            return PVI_BAD_PHONE;
        }
    }
    d = digits;
    n = nd;
    if (!plus && n >= 2 && d[0] == '0' && d[1] == '0') {
        plus = 1;
        d += 2;
        n -= 2;
        if (paren_at >= 0 && paren_at < 2)
            paren_at = 0; /* "0(0)0…": never right after a country code */
        else if (paren_at >= 0)
            paren_at -= 2;
    }
    if (plus) {
        for (size_t i = 0; i < PVI_COUNT_OF(phone_codes); i++) {
            size_t l = strlen(phone_codes[i]);
            if (n > l && strncmp(d, phone_codes[i], l) == 0) {
                cc = phone_codes[i];
                break;
            }
        }
        if (cc == NULL) {
            *why = "Seuls les numéros français sont acceptés (+33, ou +262, +590, +594, +596 "
                   "pour l'outre-mer).";
            return PVI_BAD_PHONE;
        }
        if (paren_at >= 0 && (size_t)paren_at != strlen(cc)) {
            *why = "Numéro de téléphone : le « (0) » ne peut suivre que l'indicatif du pays.";
            return PVI_BAD_PHONE;
        }
        nsn = d + strlen(cc);
        n -= strlen(cc);
    } else {
        if (paren_at >= 0 || n != 10 || d[0] != '0') {
            if (n > 10)
                goto too_long;
            *why = "Numéro de téléphone : 10 chiffres commençant par 0 (exemple : "
                   "02 99 12 34 56).";
            return PVI_BAD_PHONE;
        }
        nsn = d + 1;
        n = 9;
    }
    if (n != 9) {
        if (n > 9)
            goto too_long;
        *why = "Numéro de téléphone trop court : 10 chiffres attendus (exemple : 02 99 12 34 56).";
        return PVI_BAD_PHONE;
    }
    if (nsn[0] == '0') {
        *why = "Numéro de téléphone invalide : après le 0 initial (ou l'indicatif), le chiffre "
               "suivant ne peut pas être 0.";
        return PVI_BAD_PHONE;
    }
    if (nsn[0] == '8' && nsn[1] == '9')
        return PVI_PREMIUM_PHONE;
    const char *home = phone_home_code(nsn);
    if (cc != NULL && strcmp(cc, "33") != 0 && strcmp(cc, home) != 0) {
        *why = "Ce numéro n'appartient pas à l'indicatif saisi : vérifiez l'indicatif ou "
               "saisissez le numéro à 10 chiffres.";
        return PVI_BAD_PHONE;
    }
    snprintf(out, 16, "+%s%.9s", home, nsn);
    return PVI_OK;

too_long:
    *why = "Numéro de téléphone trop long : 10 chiffres attendus (exemple : 02 99 12 34 56).";
    return PVI_BAD_PHONE;
}

enum pvi_code
pvi_phone_normalize(char out[static 16], const char *in)
{
    const char *why;
    return phone_parse(out, in, &why);
}

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

static enum pvi_code
postal_parse(char dept_out[static 4], const char *in, const char **why)
{
    size_t n;

    dept_out[0] = '\0';
    *why = NULL;
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
            *why = "Code postal : 5 chiffres sans espace (exemple : 35000).";
        else
            *why = "Code postal : 5 chiffres (exemple : 35000).";
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
        *why = "Code postal inconnu en Corse (20000 à 20620).";
        return PVI_BAD_POSTAL_CODE;
    }
    if (dept == 97) {
        if (in[2] >= '1' && in[2] <= '6') {
            memcpy(dept_out, in, 3);
            dept_out[3] = '\0';
            return PVI_OK;
        }
        *why = "Code postal d'outre-mer : 971 à 976 (exemple : 97400).";
        return PVI_BAD_POSTAL_CODE;
    }
    if (dept < 1 || dept > 95) {
        *why = "Code postal : aucun département ne correspond (01 à 95, 20 pour la Corse, "
               "971 à 976 pour l'outre-mer).";
        return PVI_BAD_POSTAL_CODE;
    }
    memcpy(dept_out, in, 2);
    dept_out[2] = '\0';
    return PVI_OK;
}

enum pvi_code
pvi_postal_code_check(char dept_out[static 4], const char *in)
{
    const char *why;
    return postal_parse(dept_out, in, &why);
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
pvi_hhmm_parse(int *out_minutes, const char *in, int allow_24)
{
    if (in == NULL || strlen(in) != 5 || !is_digit(in[0]) || !is_digit(in[1]) || in[2] != ':' ||
        !is_digit(in[3]) || !is_digit(in[4]))
        return PVI_BAD_HOURS;
    int h = (in[0] - '0') * 10 + (in[1] - '0');
    int m = (in[3] - '0') * 10 + (in[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
        return PVI_BAD_HOURS;
    *out_minutes = h * 60 + m;
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

static enum pvi_code
social_parse(char **out, const char *in, const char **why)
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
    return social_parse(out, in, &why);
}

static int
is_sha256_hex(const char *s)
{
    if (strlen(s) != 64)
        return 0;
    for (size_t i = 0; i < 64; i++)
        if (!(is_digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int
is_charter_name(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > PVI_CHARTER_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_lower_alnum(s[i]) && s[i] != '-')
            return 0;
    return 1;
}

/* ---------------------------------------------------------------------------
 * The content document. Every validator below takes the value (NULL when
 * absent, never JSON null: callers filter it), its path and the error list;
 * it reports what is wrong and returns the normalised value (a new
 * reference) or NULL to leave the member out.
 */

/* Formats an error path into p (PATH_MAX_LEN bytes). A path that does not
 * fit is cut: paths only label errors, and only unknown keys can be long. */
static void path_fmt(char *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
path_fmt(char *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p, PATH_MAX_LEN, fmt, ap);
    va_end(ap);
}

/* A member of obj, NULL when absent or JSON null. */
static const json_t *
member(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_null(v) ? NULL : v;
}

static void
set_new(json_t *obj, const char *key, json_t *v)
{
    if (v != NULL)
        json_object_set_new(obj, key, v);
}

/* Reports each member of obj whose key is not in allowed (NULL-terminated). */
static void
check_keys(const json_t *obj, const char *path, const char *const *allowed, struct pvi_errors *errs)
{
    const char *key;
    json_t *v;
    json_object_foreach ((json_t *)obj, key, v) {
        size_t i;
        for (i = 0; allowed[i]; i++)
            if (strcmp(allowed[i], key) == 0)
                break;
        if (allowed[i] == NULL) {
            char *msg = pvi_asprintf("Champ inconnu « %s ».", key);
            if (*path)
                pvi_errors_addf(errs, PVI_UNKNOWN_FIELD, msg, "%s.%s", path, key);
            else
                pvi_errors_add(errs, key, PVI_UNKNOWN_FIELD, msg);
            free(msg);
        }
    }
}

static int
expect_object(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (json_is_object(v))
        return 1;
    pvi_errors_add(errs, path, PVI_BAD_TYPE, "Objet JSON attendu.");
    return 0;
}

/* Checks that v is an array of at most max elements (too many is reported
 * but the elements are still validated); 0 when it is not an array. */
static int
expect_array(const json_t *v, const char *path, size_t max, struct pvi_errors *errs)
{
    if (!json_is_array(v)) {
        pvi_errors_add(errs, path, PVI_BAD_TYPE, "Liste JSON attendue.");
        return 0;
    }
    if (json_array_size(v) > max) {
        char *msg = pvi_asprintf("Trop d'éléments : %zu au maximum.", max);
        pvi_errors_add(errs, path, PVI_TOO_MANY, msg);
        free(msg);
    }
    return 1;
}

/* The trimmed string value of v as a new C string, or NULL (reported) when
 * v is not a string or holds a NUL character. */
static char *
string_value(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (!json_is_string(v)) {
        pvi_errors_add(errs, path, PVI_BAD_TYPE, "Texte attendu.");
        return NULL;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) {
        pvi_errors_add(errs, path, PVI_BAD_VALUE, "Ce texte contient un caractère nul.");
        return NULL;
    }
    return pvi_text_trim_dup(s);
}

/* A human text: string, normalised, at most max characters, no markup.
 * Absent or empty: REQUIRED when required, else left out. */
static json_t *
v_text(const json_t *v, const char *path, int required, size_t max, unsigned flags,
       struct pvi_errors *errs)
{
    char *raw = NULL, *s = NULL;
    const char *why = NULL;
    json_t *result = NULL;

    if (v != NULL && (raw = string_value(v, path, errs)) == NULL)
        goto cleanup;
    if (raw != NULL && (s = text_normalize(raw, flags, &why)) == NULL) {
        pvi_errors_add(errs, path, PVI_BAD_VALUE, why);
        goto cleanup;
    }
    if (s == NULL || *s == '\0') {
        if (required)
            pvi_errors_add(errs, path, PVI_REQUIRED, NULL);
        goto cleanup;
    }
    size_t n = pvi_utf8_length(s);
    if (n > max) {
        char *msg =
            pvi_asprintf("Texte trop long : %zu caractères au maximum (actuellement %zu).", max, n);
        pvi_errors_add(errs, path, PVI_TOO_LONG, msg);
        free(msg);
        goto cleanup;
    }
    if (pvi_text_has_markup(s)) {
        pvi_errors_add(errs, path, PVI_MARKUP,
                       "Le texte ne doit pas contenir de balises (« < » suivi d'une lettre).");
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(raw);
    free(s);
    return result;
}

static json_t *
v_media(const json_t *v, const char *path, int required, struct pvi_errors *errs)
{
    char *s = NULL;
    json_t *result = NULL;

    if (v != NULL && (s = string_value(v, path, errs)) == NULL)
        goto cleanup;
    if (s == NULL || *s == '\0') {
        if (required)
            pvi_errors_add(errs, path, PVI_REQUIRED, "Choisissez un fichier.");
        goto cleanup;
    }
    if (!is_sha256_hex(s)) {
        pvi_errors_add(errs, path, PVI_BAD_MEDIA,
                       "Média invalide : identifiant SHA-256 (64 caractères hexadécimaux) "
                       "attendu.");
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(s);
    return result;
}

/* 1 when the string member key of one of the objects of arr equals s. */
static int
array_has(const json_t *arr, const char *key, const char *s)
{
    size_t i;
    json_t *el;
    json_array_foreach (arr, i, el) {
        const json_t *v = key ? json_object_get(el, key) : el;
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return 1;
    }
    return 0;
}

static json_t *
v_business_name(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_text(v, path, 0, PVI_BUSINESS_NAME_MAX, 0, errs);
}

static json_t *
v_activity(const json_t *v, const char *path, struct pvi_errors *errs)
{
    json_t *s = v_text(v, path, 0, 200, 0, errs);
    if (s != NULL && !pvi_refdata_activity_exists(json_string_value(s))) {
        pvi_errors_add(errs, path, PVI_NOT_IN_LIST,
                       "Activité inconnue : choisissez une rubrique de la liste.");
        json_decref(s);
        s = NULL;
    }
    return s;
}

static json_t *
v_tagline(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_text(v, path, 0, PVI_TAGLINE_MAX, 0, errs);
}

static json_t *
v_description(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_text(v, path, 0, PVI_DESCRIPTION_MAX, TEXT_MULTILINE, errs);
}

static json_t *
v_seo_description(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_text(v, path, 0, PVI_SEO_DESCRIPTION_MAX, 0, errs);
}

static json_t *
v_phones(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"kind", "number", NULL};
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, PVI_PHONES_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        char *kind = NULL, *number = NULL;
        char e164[16];
        const char *why;
        int ok = 1;

        path_fmt(p, "%s.%zu", path, i);
        if (!expect_object(el, p, errs))
            continue;
        check_keys(el, p, keys, errs);

        path_fmt(p, "%s.%zu.kind", path, i);
        const json_t *k = member(el, "kind");
        if (k == NULL) {
            pvi_errors_add(errs, p, PVI_REQUIRED, "Précisez le type de numéro.");
            ok = 0;
        } else if ((kind = string_value(k, p, errs)) == NULL) {
            ok = 0;
        } else if (!pvi_refdata_exists(PVI_REF_PHONE_KIND, kind)) {
            pvi_errors_add(errs, p, PVI_NOT_IN_LIST, "Type de numéro : fixed, mobile ou fax.");
            ok = 0;
        }

        path_fmt(p, "%s.%zu.number", path, i);
        const json_t *nv = member(el, "number");
        if (nv == NULL) {
            pvi_errors_add(errs, p, PVI_REQUIRED, "Saisissez le numéro.");
            ok = 0;
        } else if ((number = string_value(nv, p, errs)) == NULL) {
            ok = 0;
        } else if (*number == '\0') {
            pvi_errors_add(errs, p, PVI_REQUIRED, "Saisissez le numéro.");
            ok = 0;
        } else {
            enum pvi_code c = phone_parse(e164, number, &why);
            if (c != PVI_OK) {
                pvi_errors_add(errs, p, c, why);
                ok = 0;
            } else if (array_has(result, "number", e164)) {
                pvi_errors_add(errs, p, PVI_DUPLICATE, "Ce numéro figure déjà dans la liste.");
                ok = 0;
            }
        }
        if (ok)
            json_array_append_new(result, json_pack("{s:s, s:s}", "kind", kind, "number", e164));
        free(kind);
        free(number);
    }
    return result;
}

static json_t *
v_email(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char *s = string_value(v, path, errs);
    char out[255];
    json_t *result = NULL;

    if (s == NULL || *s == '\0')
        goto cleanup;
    if (pvi_email_normalize(out, s) != PVI_OK) {
        pvi_errors_add(errs, path, PVI_BAD_EMAIL,
                       "Adresse e-mail invalide (exemple : contact@exemple.fr).");
        goto cleanup;
    }
    result = json_string(out);

cleanup:
    free(s);
    return result;
}

static json_t *
v_geo(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"lat", "lon", NULL};
    static const struct {
        const char *key;
        double limit;
        const char *msg;
    } axes[] = {
        {"lat", 90.0, "Latitude invalide : entre -90 et 90."},
        {"lon", 180.0, "Longitude invalide : entre -180 et 180."},
    };
    char p[PATH_MAX_LEN];
    int ok = 1;

    if (!expect_object(v, path, errs))
        return NULL;
    check_keys(v, path, keys, errs);
    json_t *result = json_object();
    for (size_t i = 0; i < PVI_COUNT_OF(axes); i++) {
        const json_t *a = member(v, axes[i].key);
        path_fmt(p, "%s.%s", path, axes[i].key);
        if (a == NULL) {
            pvi_errors_add(errs, p, PVI_REQUIRED, "Coordonnée manquante.");
            ok = 0;
        } else if (!json_is_number(a)) {
            pvi_errors_add(errs, p, PVI_BAD_TYPE, "Nombre attendu.");
            ok = 0;
        } else {
            double x = json_number_value(a);
            if (!(x >= -axes[i].limit && x <= axes[i].limit)) {
                pvi_errors_add(errs, p, PVI_BAD_GEO, axes[i].msg);
                ok = 0;
            } else {
                json_object_set_new(result, axes[i].key, json_real(x));
            }
        }
    }
    if (!ok) {
        json_decref(result);
        result = NULL;
    }
    return result;
}

static json_t *
v_address(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"street", "postal_code", "city", "geo", NULL};
    char p[PATH_MAX_LEN];
    const json_t *m;
    char *pc = NULL;

    if (!expect_object(v, path, errs))
        return NULL;
    check_keys(v, path, keys, errs);
    json_t *result = json_object();

    path_fmt(p, "%s.street", path);
    set_new(result, "street", v_text(member(v, "street"), p, 0, PVI_STREET_MAX, 0, errs));

    path_fmt(p, "%s.postal_code", path);
    if ((m = member(v, "postal_code")) != NULL && (pc = string_value(m, p, errs)) != NULL &&
        *pc != '\0') {
        char dept[4];
        const char *why;
        if (postal_parse(dept, pc, &why) != PVI_OK)
            pvi_errors_add(errs, p, PVI_BAD_POSTAL_CODE, why);
        else
            json_object_set_new(result, "postal_code", json_string(pc));
    }
    free(pc);

    path_fmt(p, "%s.city", path);
    set_new(result, "city", v_text(member(v, "city"), p, 0, PVI_CITY_MAX, 0, errs));

    path_fmt(p, "%s.geo", path);
    if ((m = member(v, "geo")) != NULL)
        set_new(result, "geo", v_geo(m, p, errs));

    if (json_object_size(result) == 0) {
        json_decref(result);
        result = NULL;
    }
    return result;
}

static json_t *
v_day(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"open", "close", NULL};
    char p[PATH_MAX_LEN];
    int prev_open = -1, prev_close = -1;
    size_t i;
    json_t *el;

    if (!expect_array(v, path, PVI_HOURS_PER_DAY_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        static const char *const ends[] = {"open", "close"};
        char *t[2] = {NULL, NULL};
        int minutes[2] = {-1, -1};

        path_fmt(p, "%s.%zu", path, i);
        if (!expect_object(el, p, errs))
            continue;
        check_keys(el, p, keys, errs);
        for (int e = 0; e < 2; e++) {
            const json_t *m = member(el, ends[e]);
            path_fmt(p, "%s.%zu.%s", path, i, ends[e]);
            if (m == NULL) {
                pvi_errors_add(errs, p, PVI_REQUIRED,
                               e == 0 ? "Heure d'ouverture manquante."
                                      : "Heure de fermeture manquante.");
            } else if ((t[e] = string_value(m, p, errs)) != NULL &&
                       pvi_hhmm_parse(&minutes[e], t[e], e == 1) != PVI_OK) {
                pvi_errors_add(errs, p, PVI_BAD_HOURS,
                               e == 0 ? "Heure invalide : format HH:MM de 00:00 à 23:59 "
                                        "(exemple : 09:00)."
                                      : "Heure invalide : format HH:MM de 00:00 à 24:00 "
                                        "(exemple : 18:30).");
            }
        }
        path_fmt(p, "%s.%zu", path, i);
        if (minutes[0] >= 0 && minutes[1] >= 0) {
            if (minutes[0] >= minutes[1]) {
                pvi_errors_add(errs, p, PVI_BAD_HOURS,
                               "L'ouverture doit précéder la fermeture (après minuit, "
                               "terminez à 24:00 et continuez le jour suivant à 00:00).");
            } else {
                if (prev_open >= 0 && minutes[0] < prev_open)
                    pvi_errors_add(errs, p, PVI_HOURS_OVERLAP,
                                   "Les plages horaires doivent être dans l'ordre de la "
                                   "journée.");
                else if (prev_close >= 0 && minutes[0] < prev_close)
                    pvi_errors_add(errs, p, PVI_HOURS_OVERLAP,
                                   "Cette plage horaire chevauche la précédente.");
                else
                    json_array_append_new(result,
                                          json_pack("{s:s, s:s}", "open", t[0], "close", t[1]));
                prev_open = minutes[0];
                prev_close = minutes[1];
            }
        }
        free(t[0]);
        free(t[1]);
    }
    return result;
}

static json_t *
v_hours(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    const char *key;
    json_t *day;

    if (!expect_object(v, path, errs))
        return NULL;
    json_object_foreach ((json_t *)v, key, day) {
        if (!pvi_refdata_exists(PVI_REF_WEEKDAY, key))
            pvi_errors_addf(errs, PVI_UNKNOWN_FIELD,
                            "Jour inconnu : utilisez mon, tue, wed, thu, fri, sat ou sun.", "%s.%s",
                            path, key);
    }
    json_t *result = json_object();
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const char *code = pvi_refdata_at(PVI_REF_WEEKDAY, d)->code;
        const json_t *m = member(v, code);
        if (m == NULL)
            continue;
        path_fmt(p, "%s.%s", path, code);
        set_new(result, code, v_day(m, p, errs));
    }
    return result;
}

static json_t *
v_closures(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"from", "to", "reason", NULL};
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, PVI_CLOSURES_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        static const char *const ends[] = {"from", "to"};
        char *date[2] = {NULL, NULL};
        int ok = 1;

        path_fmt(p, "%s.%zu", path, i);
        if (!expect_object(el, p, errs))
            continue;
        check_keys(el, p, keys, errs);
        for (int e = 0; e < 2; e++) {
            const json_t *m = member(el, ends[e]);
            path_fmt(p, "%s.%zu.%s", path, i, ends[e]);
            if (m == NULL) {
                pvi_errors_add(errs, p, PVI_REQUIRED, "Date manquante.");
                ok = 0;
            } else if ((date[e] = string_value(m, p, errs)) == NULL) {
                ok = 0;
            } else if (pvi_date_check(date[e]) != PVI_OK) {
                pvi_errors_add(errs, p, PVI_BAD_DATE,
                               "Date invalide : format AAAA-MM-JJ, une date du calendrier "
                               "entre 2000 et 2099.");
                ok = 0;
            }
        }
        if (ok && strcmp(date[0], date[1]) > 0) {
            path_fmt(p, "%s.%zu.to", path, i);
            pvi_errors_add(errs, p, PVI_BAD_DATE,
                           "La date de fin doit être égale ou postérieure à la date de début.");
            ok = 0;
        }
        path_fmt(p, "%s.%zu.reason", path, i);
        json_t *reason = v_text(member(el, "reason"), p, 0, PVI_CLOSURE_REASON_MAX, 0, errs);
        if (ok) {
            json_t *c = json_pack("{s:s, s:s}", "from", date[0], "to", date[1]);
            set_new(c, "reason", reason);
            reason = NULL;
            json_array_append_new(result, c);
        }
        json_decref(reason);
        free(date[0]);
        free(date[1]);
    }
    return result;
}

static json_t *
v_price(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (json_is_integer(v)) {
        json_int_t c = json_integer_value(v);
        if (c >= 0 && c <= PVI_PRICE_CENTS_MAX)
            return json_integer(c);
        pvi_errors_add(errs, path, PVI_BAD_PRICE,
                       "Prix invalide : en centimes, entre 0 et 100 000 000 (un million d'euros).");
    } else if (json_is_real(v)) {
        pvi_errors_add(errs, path, PVI_BAD_PRICE,
                       "Prix invalide : un nombre entier de centimes (45 € = 4500).");
    } else {
        pvi_errors_add(errs, path, PVI_BAD_TYPE, "Nombre entier de centimes attendu.");
    }
    return NULL;
}

/* One element of a list of objects: built from el (at path p, its members
 * at p.<name>), with the elements kept so far (for duplicates). */
typedef json_t *(*item_fn)(const json_t *el, const char *p, const json_t *kept,
                           struct pvi_errors *errs);

/* A list of at most max objects with only the given keys; an element with an
 * error is reported and left out of the result. */
static json_t *
v_items(const json_t *v, const char *path, size_t max, const char *const *keys, item_fn item,
        struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, max, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        size_t before = errs->n;

        path_fmt(p, "%s.%zu", path, i);
        if (!expect_object(el, p, errs))
            continue;
        check_keys(el, p, keys, errs);
        json_t *o = item(el, p, result, errs);
        if (errs->n == before)
            json_array_append_new(result, o);
        else
            json_decref(o);
    }
    return result;
}

/* The element's required media hash, not already in the list. */
static void
item_media(json_t *o, const json_t *el, const char *p, const json_t *kept, const char *dup_msg,
           struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    path_fmt(q, "%s.media", p);
    json_t *media = v_media(member(el, "media"), q, 1, errs);
    if (media != NULL && array_has(kept, "media", json_string_value(media)))
        pvi_errors_add(errs, q, PVI_DUPLICATE, dup_msg);
    set_new(o, "media", media);
}

static json_t *
service_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    (void)kept;
    char q[PATH_MAX_LEN];
    const json_t *m;
    json_t *s = json_object();
    path_fmt(q, "%s.title", p);
    set_new(s, "title", v_text(member(el, "title"), q, 1, PVI_SERVICE_TITLE_MAX, 0, errs));
    path_fmt(q, "%s.description", p);
    set_new(s, "description",
            v_text(member(el, "description"), q, 0, PVI_SERVICE_DESCRIPTION_MAX, TEXT_MULTILINE,
                   errs));
    path_fmt(q, "%s.price_cents", p);
    if ((m = member(el, "price_cents")) != NULL)
        set_new(s, "price_cents", v_price(m, q, errs));
    return s;
}

static json_t *
v_services(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"title", "description", "price_cents", NULL};
    return v_items(v, path, PVI_SERVICES_MAX, keys, service_item, errs);
}

static json_t *
photo_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    json_t *ph = json_object();
    item_media(ph, el, p, kept, "Cette photo figure déjà dans la liste.", errs);
    path_fmt(q, "%s.caption", p);
    set_new(ph, "caption", v_text(member(el, "caption"), q, 0, PVI_CAPTION_MAX, 0, errs));
    path_fmt(q, "%s.alt", p);
    size_t before_alt = errs->n;
    json_t *alt = v_text(member(el, "alt"), q, 0, PVI_ALT_MAX, 0, errs);
    if (alt == NULL && errs->n == before_alt)
        pvi_errors_add(errs, q, PVI_REQUIRED,
                       "Texte alternatif obligatoire : décrivez la photo en quelques mots "
                       "pour les personnes malvoyantes.");
    set_new(ph, "alt", alt);
    return ph;
}

static json_t *
v_photos(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"media", "caption", "alt", NULL};
    return v_items(v, path, PVI_PHOTOS_MAX, keys, photo_item, errs);
}

static json_t *
v_logo(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_media(v, path, 0, errs);
}

static json_t *
video_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    json_t *vid = json_object();
    item_media(vid, el, p, kept, "Cette vidéo figure déjà dans la liste.", errs);
    path_fmt(q, "%s.title", p);
    set_new(vid, "title", v_text(member(el, "title"), q, 0, PVI_VIDEO_TITLE_MAX, 0, errs));
    return vid;
}

static json_t *
v_videos(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"media", "title", NULL};
    return v_items(v, path, PVI_VIDEOS_MAX, keys, video_item, errs);
}

/* A list of codes from a reference list, without duplicates. */
static json_t *
v_codes(const json_t *v, const char *path, enum pvi_reflist list, const char *unknown_msg,
        struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, pvi_refdata_count(list), errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        path_fmt(p, "%s.%zu", path, i);
        char *s = string_value(el, p, errs);
        if (s == NULL)
            continue;
        if (!pvi_refdata_exists(list, s))
            pvi_errors_add(errs, p, PVI_NOT_IN_LIST, unknown_msg);
        else if (array_has(result, NULL, s))
            pvi_errors_add(errs, p, PVI_DUPLICATE, "Valeur déjà présente dans la liste.");
        else
            json_array_append_new(result, json_string(s));
        free(s);
    }
    return result;
}

static json_t *
v_payment_methods(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_codes(v, path, PVI_REF_PAYMENT,
                   "Moyen de paiement inconnu : choisissez-le dans la "
                   "liste.",
                   errs);
}

static json_t *
v_languages(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_codes(v, path, PVI_REF_LANGUAGE, "Langue inconnue : choisissez-la dans la liste.",
                   errs);
}

static json_t *
v_social_links(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, PVI_SOCIAL_LINKS_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        char *s, *url = NULL;
        const char *why;

        path_fmt(p, "%s.%zu", path, i);
        if ((s = string_value(el, p, errs)) == NULL)
            continue;
        if (*s == '\0')
            pvi_errors_add(errs, p, PVI_REQUIRED, "Lien vide : saisissez-le ou retirez-le.");
        else if (social_parse(&url, s, &why) != PVI_OK)
            pvi_errors_add(errs, p, PVI_BAD_URL, why);
        else if (array_has(result, NULL, url))
            pvi_errors_add(errs, p, PVI_DUPLICATE, "Ce lien figure déjà dans la liste.");
        else
            json_array_append_new(result, json_string(url));
        free(url);
        free(s);
    }
    return result;
}

static json_t *
v_domains(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!expect_array(v, path, PVI_DOMAINS_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach (v, i, el) {
        char host[254];
        char *s;

        path_fmt(p, "%s.%zu", path, i);
        if ((s = string_value(el, p, errs)) == NULL)
            continue;
        if (*s == '\0')
            pvi_errors_add(errs, p, PVI_REQUIRED,
                           "Nom de domaine vide : saisissez-le ou "
                           "retirez-le.");
        else if (pvi_domain_normalize(host, s) != PVI_OK)
            pvi_errors_add(errs, p, PVI_BAD_DOMAIN,
                           "Nom de domaine invalide : lettres, chiffres et tirets séparés par des "
                           "points, sans accent (exemple : www.plomberie-martin.fr).");
        else if (array_has(result, NULL, host))
            pvi_errors_add(errs, p, PVI_DUPLICATE, "Ce nom de domaine figure déjà dans la liste.");
        else
            json_array_append_new(result, json_string(host));
        free(s);
    }
    return result;
}

static json_t *
v_charter(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char *s = string_value(v, path, errs);
    json_t *result = NULL;

    if (s == NULL || *s == '\0')
        goto cleanup;
    if (!is_charter_name(s)) {
        pvi_errors_add(errs, path, PVI_BAD_VALUE,
                       "Nom de charte invalide : lettres minuscules, chiffres et tirets, "
                       "40 caractères au plus.");
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(s);
    return result;
}

/* The top-level members, in the order of the normalised document. */
static const struct {
    const char *key;
    json_t *(*check)(const json_t *v, const char *path, struct pvi_errors *errs);
} content_fields[] = {
    {"business_name", v_business_name},
    {"activity", v_activity},
    {"tagline", v_tagline},
    {"description", v_description},
    {"phones", v_phones},
    {"email", v_email},
    {"address", v_address},
    {"hours", v_hours},
    {"closures", v_closures},
    {"services", v_services},
    {"photos", v_photos},
    {"logo", v_logo},
    {"videos", v_videos},
    {"payment_methods", v_payment_methods},
    {"languages", v_languages},
    {"social_links", v_social_links},
    {"seo_description", v_seo_description},
    {"domains", v_domains},
    {"charter", v_charter},
};

enum pvi_code
pvi_content_validate(json_t **out, const json_t *content, struct pvi_errors *errs)
{
    const char *allowed[PVI_COUNT_OF(content_fields) + 1];
    size_t before = errs->n;
    json_t *result = NULL;

    if (out != NULL)
        *out = NULL;
    if (!json_is_object(content)) {
        pvi_errors_add(errs, "", PVI_BAD_TYPE, "Le contenu doit être un objet JSON.");
        goto cleanup;
    }
    for (size_t i = 0; i < PVI_COUNT_OF(content_fields); i++)
        allowed[i] = content_fields[i].key;
    allowed[PVI_COUNT_OF(content_fields)] = NULL;
    check_keys(content, "", allowed, errs);

    result = json_object();
    for (size_t i = 0; i < PVI_COUNT_OF(content_fields); i++) {
        const json_t *v = member(content, content_fields[i].key);
        if (v != NULL)
            set_new(result, content_fields[i].key,
                    content_fields[i].check(v, content_fields[i].key, errs));
    }

cleanup:
    if (errs->n != before) {
        json_decref(result);
        return PVI_VALIDATION;
    }
    if (out != NULL)
        *out = result;
    else
        json_decref(result);
    return PVI_OK;
}

/* 1 when obj has a string member key that is not empty after trimming. */
static int
has_text(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s;
    size_t len;
    if (!json_is_string(v))
        return 0;
    pvi_text_trim(&s, &len, json_string_value(v));
    return len > 0;
}

static int
has_items(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_array(v) && json_array_size(v) > 0;
}

enum pvi_code
pvi_content_check_complete(const json_t *content, int has_slug, struct pvi_errors *errs)
{
    const json_t *address = json_object_get(content, "address");
    size_t before = errs->n;

    if (!has_text(content, "business_name"))
        pvi_errors_add(errs, "business_name", PVI_REQUIRED,
                       "Le nom de l'entreprise est obligatoire.");
    if (!has_text(content, "activity"))
        pvi_errors_add(errs, "activity", PVI_REQUIRED, "L'activité est obligatoire.");
    if (!has_items(content, "phones"))
        pvi_errors_add(errs, "phones", PVI_REQUIRED,
                       "Au moins un numéro de téléphone est "
                       "obligatoire.");
    if (!has_text(address, "street"))
        pvi_errors_add(errs, "address.street", PVI_REQUIRED, "L'adresse (rue) est obligatoire.");
    if (!has_text(address, "postal_code"))
        pvi_errors_add(errs, "address.postal_code", PVI_REQUIRED,
                       "Le code postal est obligatoire.");
    if (!has_text(address, "city"))
        pvi_errors_add(errs, "address.city", PVI_REQUIRED, "La ville est obligatoire.");
    if (!has_text(content, "charter"))
        pvi_errors_add(errs, "charter", PVI_REQUIRED, "Choisissez une charte graphique.");
    if (!has_slug && !has_items(content, "domains"))
        pvi_errors_add(errs, "domains", PVI_REQUIRED,
                       "Indiquez au moins un nom de domaine (ou attribuez un identifiant de "
                       "site).");
    return errs->n == before ? PVI_OK : PVI_INCOMPLETE;
}
