/* test_auth_crypto.c — the pure side of authentication: argon2id hashing and
 * rehash detection, password rules, tokens, the API key format and the
 * throttling delay. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int
setup(void **state)
{
    (void)state;
    return sodium_init() < 0 ? -1 : 0;
}

static void
hash_then_verify_round_trips_and_is_argon2id_at_interactive_cost(void **state)
{
    (void)state;
    char h[PVI_PASSWORD_HASH_SIZE];
    assert_int_equal(pvi_password_hash(h, "correct horse battery"), PVI_OK);
    assert_true(strncmp(h, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0);
    int rehash = -1;
    assert_int_equal(pvi_password_verify(&rehash, h, "correct horse battery"), PVI_OK);
    assert_int_equal(rehash, 0);
    assert_int_equal(pvi_password_needs_rehash(h), 0);
    /* salted: the same password never hashes the same way twice */
    char h2[PVI_PASSWORD_HASH_SIZE];
    assert_int_equal(pvi_password_hash(h2, "correct horse battery"), PVI_OK);
    assert_string_not_equal(h, h2);
}

static void
wrong_password_malformed_hash_and_no_account_are_bad_credentials(void **state)
{
    (void)state;
    char h[PVI_PASSWORD_HASH_SIZE];
    assert_int_equal(pvi_password_hash(h, "correct horse battery"), PVI_OK);
    static const char *const wrong[] = {"correct horse batterY", "correct horse battery ", "",
                                        "correct horse"};
    for (size_t i = 0; i < PVI_COUNT_OF(wrong); i++) {
        int rehash = -1;
        assert_int_equal(pvi_password_verify(&rehash, h, wrong[i]), PVI_BAD_CREDENTIALS);
        assert_int_equal(rehash, 0);
    }
    assert_int_equal(pvi_password_verify(NULL, "$argon2id$garbage", "x"), PVI_BAD_CREDENTIALS);
    assert_int_equal(pvi_password_verify(NULL, h, NULL), PVI_BAD_CREDENTIALS);
    /* no account: checked against the dummy hash, never accepted */
    assert_int_equal(pvi_password_verify(NULL, NULL, "correct horse battery"), PVI_BAD_CREDENTIALS);
    assert_int_equal(pvi_password_verify(NULL, NULL, ""), PVI_BAD_CREDENTIALS);
}

static void
weaker_hashes_need_rehash_stronger_ones_do_not(void **state)
{
    (void)state;
    static const struct {
        unsigned long long ops;
        size_t mem;
        int alg;
        int expect;
    } cases[] = {
        {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13, 1},
        {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_MIN,
         crypto_pwhash_ALG_ARGON2ID13, 1},
        {1, crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13, 1},
        {3, crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2I13, 1},
        {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
         crypto_pwhash_ALG_ARGON2ID13, 0},
        {3, crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13, 0},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        char h[crypto_pwhash_STRBYTES];
        assert_int_equal(crypto_pwhash_str_alg(h, "an old password", 15, cases[i].ops, cases[i].mem,
                                               cases[i].alg),
                         0);
        int rehash = -1;
        assert_int_equal(pvi_password_verify(&rehash, h, "an old password"), PVI_OK);
        if (rehash != cases[i].expect)
            print_error("case %zu: %s\n", i, h);
        assert_int_equal(rehash, cases[i].expect);
        assert_int_equal(pvi_password_needs_rehash(h), cases[i].expect);
    }
    assert_int_equal(pvi_password_needs_rehash("$2b$12$bcryptbcryptbcryptbcrypt"), 1);
    assert_int_equal(pvi_password_needs_rehash(NULL), 1);
}

static void
password_rules_count_characters_not_bytes(void **state)
{
    (void)state;
    char big[PVI_PASSWORD_MAX_BYTES + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char max[PVI_PASSWORD_MAX_BYTES + 1];
    memset(max, 'a', sizeof max - 1);
    max[sizeof max - 1] = '\0';
    static const struct {
        const char *pw;
        enum pvi_code expect;
    } cases[] = {
        {"", PVI_EMPTY_PASSWORD}, {"elevenchars", PVI_WEAK_PASSWORD},
        {"twelve chars", PVI_OK}, {"éééééééééé", PVI_WEAK_PASSWORD}, /* 20 bytes, 10 characters */
        {"éééééééééééé", PVI_OK},                                    /* 12 characters */
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++)
        assert_int_equal(pvi_password_policy_check(cases[i].pw), cases[i].expect);
    assert_int_equal(pvi_password_policy_check(NULL), PVI_EMPTY_PASSWORD);
    assert_int_equal(pvi_password_policy_check(max), PVI_OK);
    assert_int_equal(pvi_password_policy_check(big), PVI_TOO_LONG);
    char h[PVI_PASSWORD_HASH_SIZE];
    assert_int_equal(pvi_password_hash(h, big), PVI_TOO_LONG);
    assert_string_equal(h, "");
    assert_int_equal(pvi_password_hash(h, ""), PVI_EMPTY_PASSWORD);
}

static void
tokens_are_43_base64url_characters_and_all_differ(void **state)
{
    (void)state;
    enum { N = 200 };
    static char tokens[N][PVI_TOKEN_CHARS + 1];
    for (int i = 0; i < N; i++) {
        pvi_token_new(tokens[i]);
        assert_int_equal(strlen(tokens[i]), 43);
        assert_int_equal(strspn(tokens[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789-_"),
                         43);
        assert_true(pvi_token_well_formed(tokens[i]));
        for (int j = 0; j < i; j++)
            assert_string_not_equal(tokens[i], tokens[j]);
    }
    static const char *const bad[] = {"",
                                      "short",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"};
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++)
        assert_false(pvi_token_well_formed(bad[i]));
    assert_false(pvi_token_well_formed(NULL));
}

static void
secret_digest_is_sha256_hex(void **state)
{
    (void)state;
    char hex[65];
    pvi_secret_digest_hex(hex, "abc");
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
api_keys_have_the_documented_format_and_parse_back(void **state)
{
    (void)state;
    char a[PVI_APIKEY_CHARS + 1], b[PVI_APIKEY_CHARS + 1], prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    pvi_apikey_generate(a);
    pvi_apikey_generate(b);
    assert_int_equal(strlen(a), 60);
    assert_memory_equal(a, "pvi_", 4);
    assert_int_equal(a[16], '_');
    assert_string_not_equal(a, b);
    assert_int_equal(pvi_apikey_parse(prefix, a), PVI_OK);
    assert_int_equal(strlen(prefix), 12);
    assert_memory_equal(prefix, a + 4, 12);
    assert_int_equal(strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789"), 12);
}

static void
malformed_api_keys_are_rejected(void **state)
{
    (void)state;
    const char *good = "pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_";
    char prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    assert_int_equal(pvi_apikey_parse(prefix, good), PVI_OK);
    assert_string_equal(prefix, "abcdef012345");
    static const char *const bad[] = {
        "",
        "pvi_",
        "pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   /* 42 */
        "pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /* 44 */
        "pvx_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pvi_abcdef012345-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pvi_ABCDEF012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /* prefix is lower case */
        "pvi_abcdef01234__AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA",
        "Bearer pvi_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    };
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++) {
        if (pvi_apikey_parse(prefix, bad[i]) != PVI_UNAUTHENTICATED)
            print_error("accepted: %s\n", bad[i]);
        assert_int_equal(pvi_apikey_parse(prefix, bad[i]), PVI_UNAUTHENTICATED);
        assert_string_equal(prefix, "");
    }
    assert_int_equal(pvi_apikey_parse(prefix, NULL), PVI_UNAUTHENTICATED);
}

static void
throttling_delay_doubles_from_the_threshold_up_to_fifteen_minutes(void **state)
{
    (void)state;
    static const struct {
        long long failures;
        int threshold;
        int64_t seconds;
    } cases[] = {
        {0, 5, 0},    {4, 5, 0},    {5, 5, 1},     {6, 5, 2},           {7, 5, 4},
        {13, 5, 256}, {14, 5, 512}, {15, 5, 900},  {1000, 5, 900},      {19, 20, 0},
        {20, 20, 1},  {22, 20, 4},  {40, 20, 900}, {1LL << 40, 5, 900},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++)
        assert_int_equal(pvi_login_delay_us(cases[i].failures, cases[i].threshold),
                         cases[i].seconds * 1000000);
}

static void
session_policy_defaults_and_overrides(void **state)
{
    (void)state;
    struct pvi_auth_policy p;
    pvi_auth_policy_set(NULL);
    pvi_auth_policy_get(&p);
    assert_int_equal(p.session_idle_us, 30LL * 60 * 1000000);
    assert_int_equal(p.session_absolute_us, 12LL * 3600 * 1000000);
    assert_int_equal(p.session_touch_us, 60LL * 1000000);
    struct pvi_auth_policy q = {.session_idle_us = 5 * 1000000};
    pvi_auth_policy_set(&q);
    pvi_auth_policy_get(&p);
    assert_int_equal(p.session_idle_us, 5 * 1000000);
    assert_int_equal(p.session_absolute_us, 12LL * 3600 * 1000000);
    pvi_auth_policy_set(NULL);
}

static void
principal_converts_to_an_actor_that_borrows_its_strings(void **state)
{
    (void)state;
    struct pvi_principal p = {.role = PVI_ROLE_INTEGRATOR,
                              .id = 7,
                              .label = "partner",
                              .address = "10.0.0.1",
                              .scopes = PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW};
    struct pvi_actor a = pvi_principal_actor(&p);
    assert_int_equal(a.role, PVI_ROLE_INTEGRATOR);
    assert_int_equal(a.id, 7);
    assert_ptr_equal(a.label, p.label);
    assert_ptr_equal(a.address, p.address);
    assert_int_equal(a.scopes, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW);
    pvi_principal_free(NULL);
    pvi_session_free(NULL);
    pvi_apikey_list_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_then_verify_round_trips_and_is_argon2id_at_interactive_cost),
        cmocka_unit_test(wrong_password_malformed_hash_and_no_account_are_bad_credentials),
        cmocka_unit_test(weaker_hashes_need_rehash_stronger_ones_do_not),
        cmocka_unit_test(password_rules_count_characters_not_bytes),
        cmocka_unit_test(tokens_are_43_base64url_characters_and_all_differ),
        cmocka_unit_test(secret_digest_is_sha256_hex),
        cmocka_unit_test(api_keys_have_the_documented_format_and_parse_back),
        cmocka_unit_test(malformed_api_keys_are_rejected),
        cmocka_unit_test(throttling_delay_doubles_from_the_threshold_up_to_fifteen_minutes),
        cmocka_unit_test(session_policy_defaults_and_overrides),
        cmocka_unit_test(principal_converts_to_an_actor_that_borrows_its_strings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
