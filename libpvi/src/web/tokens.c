/* tokens.c — CSRF tokens ("<time>.<MAC>": HMAC-SHA-256 keyed by the
 * session's or the browser's secret over the office and the time,
 * truncated to 128 bits, compared in constant time) and the signature of
 * flash messages. */
#include "web.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAC_BYTES 16
#define MAC_CHARS 22 /* base64url of 16 bytes, no padding */
#define FUTURE_SKEW_S 60

/* The base64url MAC of "purpose|a|b" keyed by secret, into out (MAC_CHARS + 1). */
static void
mac(char out[static MAC_CHARS + 1], const char *secret, const char *purpose, const char *a,
    const char *b)
{
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    crypto_generichash(key, sizeof key, (const unsigned char *)secret, strlen(secret), NULL, 0);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, sizeof key);
    const char *parts[] = {purpose, "|", a, "|", b};
    for (size_t i = 0; i < PVI_COUNT_OF(parts); i++)
        crypto_auth_hmacsha256_update(&st, (const unsigned char *)parts[i], strlen(parts[i]));
    unsigned char full[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, full);
    sodium_bin2base64(out, MAC_CHARS + 1, full, MAC_BYTES,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(key, sizeof key);
}

void
pvi_web__csrf_make(char out[static PVI_WEB__CSRF_SIZE], const char *secret, const char *office,
                   long long now_s)
{
    char t[PVI_INT_TEXT_SIZE], m[MAC_CHARS + 1];
    pvi_int_text(t, now_s);
    mac(m, secret, "csrf", office, t);
    snprintf(out, PVI_WEB__CSRF_SIZE, "%s.%s", t, m);
}

enum pvi_code
pvi_web__csrf_check(const char *token, const char *secret, const char *office, long long now_s,
                    int ttl_s)
{
    if (token == NULL || secret == NULL || *secret == '\0')
        return PVI_CSRF;
    const char *dot = strchr(token, '.');
    if (dot == NULL || dot - token >= PVI_INT_TEXT_SIZE || strlen(dot + 1) != MAC_CHARS)
        return PVI_CSRF;
    char t[PVI_INT_TEXT_SIZE];
    memcpy(t, token, (size_t)(dot - token));
    t[dot - token] = '\0';
    long long made;
    if (pvi_int_parse(&made, t, 0, now_s + FUTURE_SKEW_S) != 0 || now_s - made > ttl_s)
        return PVI_CSRF;
    char m[MAC_CHARS + 1];
    mac(m, secret, "csrf", office, t);
    return sodium_memcmp(m, dot + 1, MAC_CHARS) == 0 ? PVI_OK : PVI_CSRF;
}

void
pvi_web__flash_make(char out[static PVI_WEB__FLASH_SIZE], const char *secret, const char *kind,
                    enum pvi_msg msg)
{
    char m[MAC_CHARS + 1];
    const char *key = pvi_msg_key(msg);
    mac(m, secret, "flash", kind, key);
    snprintf(out, PVI_WEB__FLASH_SIZE, "%s~%s~%s", kind, key, m);
}

int
pvi_web__flash_read(enum pvi_msg *msg_out, char kind_out[static 16], const char *value,
                    const char *secret)
{
    if (value == NULL || secret == NULL || *secret == '\0')
        return -1;
    const char *a = strchr(value, '~');
    const char *b = a ? strchr(a + 1, '~') : NULL;
    if (a == NULL || b == NULL || a - value >= 16 || b - a - 1 >= 96 || strlen(b + 1) != MAC_CHARS)
        return -1;
    char kind[16], key[96], m[MAC_CHARS + 1];
    memcpy(kind, value, (size_t)(a - value));
    kind[a - value] = '\0';
    memcpy(key, a + 1, (size_t)(b - a - 1));
    key[b - a - 1] = '\0';
    mac(m, secret, "flash", kind, key);
    if (sodium_memcmp(m, b + 1, MAC_CHARS) != 0 || pvi_msg_from_key(msg_out, key) != 0)
        return -1;
    memcpy(kind_out, kind, sizeof kind);
    return 0;
}
