/* auth.c — the pure parts of authentication: argon2id password hashing and
 * verification (with a bound on concurrent computations), random tokens,
 * API key format, the throttling delay, the session policy and the
 * principal/session structs. The SQL side is in db/auth_db.c. */
#include "pvi/pvi_auth.h"
#include "pvi/pvi_text.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PWHASH_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE /* 2 passes */
#define PWHASH_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE /* 64 MiB */

_Static_assert(crypto_pwhash_STRBYTES == PVI_PASSWORD_HASH_SIZE, "hash buffer size");
_Static_assert(PWHASH_OPSLIMIT >= 2, "argon2id needs at least 2 passes");
_Static_assert(PWHASH_MEMLIMIT >= 19u * 1024 * 1024, "argon2id needs at least 19 MiB");

/* ---- initialisation ---- */

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void
sodium_setup(void)
{
    if (sodium_init() < 0) {
        pvi_error("libsodium failed to initialise");
        abort();
    }
}

static void
auth_init(void)
{
    pthread_once(&sodium_once, sodium_setup);
}

/* ---- bounded concurrency of argon2id (64 MiB each) ---- */

static pthread_mutex_t pwhash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pwhash_cv = PTHREAD_COND_INITIALIZER;
static int pwhash_running;

static void
pwhash_enter(void)
{
    pthread_mutex_lock(&pwhash_mu);
    while (pwhash_running >= PVI_PWHASH_CONCURRENCY)
        pthread_cond_wait(&pwhash_cv, &pwhash_mu);
    pwhash_running++;
    pthread_mutex_unlock(&pwhash_mu);
}

static void
pwhash_leave(void)
{
    pthread_mutex_lock(&pwhash_mu);
    pwhash_running--;
    pthread_cond_signal(&pwhash_cv);
    pthread_mutex_unlock(&pwhash_mu);
}

/* ---- passwords ---- */

enum pvi_code
pvi_password_policy_check(const char *password)
{
    if (password == NULL || *password == '\0')
        return PVI_EMPTY_PASSWORD;
    if (strlen(password) > PVI_PASSWORD_MAX_BYTES)
        return PVI_TOO_LONG;
    if (pvi_utf8_length(password) < PVI_PASSWORD_MIN_CHARS)
        return PVI_WEAK_PASSWORD;
    return PVI_OK;
}

static int
hash_raw(char out[static PVI_PASSWORD_HASH_SIZE], const char *password)
{
    pwhash_enter();
    int rc = crypto_pwhash_str_alg(out, password, strlen(password), PWHASH_OPSLIMIT,
                                   PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
    pwhash_leave();
    return rc;
}

enum pvi_code
pvi_password_hash(char out[static PVI_PASSWORD_HASH_SIZE], const char *password)
{
    auth_init();
    out[0] = '\0';
    if (password == NULL || *password == '\0')
        return PVI_EMPTY_PASSWORD;
    if (strlen(password) > PVI_PASSWORD_MAX_BYTES)
        return PVI_TOO_LONG;
    if (hash_raw(out, password) != 0) {
        out[0] = '\0';
        pvi_error("argon2id hashing failed (out of memory?)");
        return PVI_INTERNAL;
    }
    return PVI_OK;
}

int
pvi_password_needs_rehash(const char *hash)
{
    if (hash == NULL)
        return 1;
    unsigned version = 0, lanes = 0;
    unsigned long mem_kib = 0, passes = 0;
    if (sscanf(hash, "$argon2id$v=%u$m=%lu,t=%lu,p=%u$", &version, &mem_kib, &passes, &lanes) != 4)
        return 1; /* another algorithm (argon2i, bcrypt…) or malformed */
    if (version != 0x13)
        return 1;
    return mem_kib < PWHASH_MEMLIMIT / 1024 || passes < PWHASH_OPSLIMIT;
}

/* The hash compared against when there is no account, so that an unknown
 * account costs the same as a known one. Made once, at the current
 * parameters, from a random password nobody knows. */
static char dummy_hash[PVI_PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_setup(void)
{
    unsigned char secret[32];
    char pw[2 * sizeof secret + 1];
    randombytes_buf(secret, sizeof secret);
    sodium_bin2hex(pw, sizeof pw, secret, sizeof secret);
    if (hash_raw(dummy_hash, pw) != 0) {
        pvi_error("argon2id hashing failed (out of memory?)");
        abort();
    }
    sodium_memzero(pw, sizeof pw);
    sodium_memzero(secret, sizeof secret);
}

enum pvi_code
pvi_password_verify(int *needs_rehash_out, const char *hash, const char *password)
{
    auth_init();
    if (needs_rehash_out)
        *needs_rehash_out = 0;
    if (password == NULL || strlen(password) > PVI_PASSWORD_MAX_BYTES)
        return PVI_BAD_CREDENTIALS;
    int known = hash != NULL && strlen(hash) < PVI_PASSWORD_HASH_SIZE;
    if (!known) {
        pthread_once(&dummy_once, dummy_setup);
        hash = dummy_hash;
    }
    pwhash_enter();
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    pwhash_leave();
    if (rc != 0 || !known)
        return PVI_BAD_CREDENTIALS;
    if (needs_rehash_out)
        *needs_rehash_out = pvi_password_needs_rehash(hash);
    return PVI_OK;
}

/* ---- tokens ---- */

static int
is_b64url(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

static int
all_b64url(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_b64url(s[i]))
            return 0;
    return 1;
}

void
pvi_token_new(char out[static PVI_TOKEN_CHARS + 1])
{
    auth_init();
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, PVI_TOKEN_CHARS + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

int
pvi_token_well_formed(const char *s)
{
    return s != NULL && strlen(s) == PVI_TOKEN_CHARS && all_b64url(s, PVI_TOKEN_CHARS);
}

void
pvi_secret_digest_hex(char out[static 65], const char *secret)
{
    auth_init();
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, (const unsigned char *)secret, strlen(secret));
    sodium_bin2hex(out, 65, d, sizeof d);
}

/* ---- API key format ---- */

static const char prefix_alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";

void
pvi_apikey_generate(char out[static PVI_APIKEY_CHARS + 1])
{
    auth_init();
    char *p = out;
    memcpy(p, "pvi_", 4);
    p += 4;
    for (int i = 0; i < PVI_APIKEY_PREFIX_CHARS; i++)
        *p++ = prefix_alphabet[randombytes_uniform(sizeof prefix_alphabet - 1)];
    *p++ = '_';
    pvi_token_new(p); /* 43 characters and the NUL */
}

enum pvi_code
pvi_apikey_parse(char prefix_out[static PVI_APIKEY_PREFIX_CHARS + 1], const char *key)
{
    prefix_out[0] = '\0';
    if (key == NULL || strlen(key) != PVI_APIKEY_CHARS || memcmp(key, "pvi_", 4) != 0 ||
        key[4 + PVI_APIKEY_PREFIX_CHARS] != '_')
        return PVI_UNAUTHENTICATED;
    const char *prefix = key + 4;
    for (int i = 0; i < PVI_APIKEY_PREFIX_CHARS; i++)
        if (prefix[i] == '\0' || strchr(prefix_alphabet, prefix[i]) == NULL)
            return PVI_UNAUTHENTICATED;
    if (!all_b64url(key + 4 + PVI_APIKEY_PREFIX_CHARS + 1, PVI_APIKEY_SECRET_CHARS))
        return PVI_UNAUTHENTICATED;
    memcpy(prefix_out, prefix, PVI_APIKEY_PREFIX_CHARS);
    prefix_out[PVI_APIKEY_PREFIX_CHARS] = '\0';
    return PVI_OK;
}

/* ---- throttling ---- */

int64_t
pvi_login_delay_us(long long failures, int threshold)
{
    if (failures < threshold)
        return 0;
    long long excess = failures - threshold;
    int64_t max_us = (int64_t)PVI_LOGIN_MAX_DELAY_S * 1000000;
    if (excess >= 30) /* 2^30 s is far beyond the cap; avoid overflow */
        return max_us;
    int64_t d = ((int64_t)1 << excess) * 1000000;
    return d < max_us ? d : max_us;
}

/* ---- session policy ---- */

#define DEFAULT_IDLE_US ((int64_t)30 * 60 * 1000000)
#define DEFAULT_ABSOLUTE_US ((int64_t)12 * 3600 * 1000000)
#define DEFAULT_TOUCH_US ((int64_t)60 * 1000000)

static struct pvi_auth_policy policy = {
    .session_idle_us = DEFAULT_IDLE_US,
    .session_absolute_us = DEFAULT_ABSOLUTE_US,
    .session_touch_us = DEFAULT_TOUCH_US,
};

void
pvi_auth_policy_set(const struct pvi_auth_policy *p)
{
    policy.session_idle_us = p && p->session_idle_us > 0 ? p->session_idle_us : DEFAULT_IDLE_US;
    policy.session_absolute_us =
        p && p->session_absolute_us > 0 ? p->session_absolute_us : DEFAULT_ABSOLUTE_US;
    policy.session_touch_us = p && p->session_touch_us > 0 ? p->session_touch_us : DEFAULT_TOUCH_US;
}

void
pvi_auth_policy_get(struct pvi_auth_policy *out)
{
    *out = policy;
}

/* ---- principals and sessions ---- */

static void
principal_clear(struct pvi_principal *p)
{
    free(p->label);
    free(p->address);
    if (p->csrf_token) {
        sodium_memzero(p->csrf_token, strlen(p->csrf_token));
        free(p->csrf_token);
    }
    memset(p, 0, sizeof *p);
}

void
pvi_principal_free(struct pvi_principal *p)
{
    if (p == NULL)
        return;
    principal_clear(p);
    free(p);
}

struct pvi_actor
pvi_principal_actor(const struct pvi_principal *p)
{
    struct pvi_actor a = {
        .role = p->role,
        .id = p->id,
        .label = p->label,
        .scopes = p->scopes,
        .address = p->address,
    };
    return a;
}

void
pvi_session_free(struct pvi_session *s)
{
    if (s == NULL)
        return;
    if (s->token) {
        sodium_memzero(s->token, strlen(s->token));
        free(s->token);
    }
    principal_clear(&s->principal);
    free(s);
}
