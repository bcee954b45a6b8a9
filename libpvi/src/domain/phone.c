/* phone.c — French phone numbers, mainland and overseas, normalised to
 * E.164 (pvi_phone_normalize). */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The country codes of French numbers: mainland, then La Réunion and
 * Mayotte, Guadeloupe (and Saint-Martin, Saint-Barthélemy), Guyane,
 * Martinique. */
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

enum pvi_code
pvi_validate__phone_parse(char out[static 16], const char *in, enum pvi_msg *why)
{
    char digits[24];
    size_t nd = 0;
    int plus = 0, started = 0;
    long paren_at = -1;
    const char *d, *nsn, *cc = NULL;
    size_t n;

    out[0] = '\0';
    *why = PVI_MSG_NONE;
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
            *why = PVI_MSG_PHONE_CHARACTERS;
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
            *why = PVI_MSG_PHONE_FOREIGN;
            return PVI_BAD_PHONE;
        }
        if (paren_at >= 0 && (size_t)paren_at != strlen(cc)) {
            *why = PVI_MSG_PHONE_TRUNK_ZERO;
            return PVI_BAD_PHONE;
        }
        nsn = d + strlen(cc);
        n -= strlen(cc);
    } else {
        if (paren_at >= 0 || n != 10 || d[0] != '0') {
            if (n > 10)
                goto too_long;
            *why = PVI_MSG_PHONE_TEN_DIGITS;
            return PVI_BAD_PHONE;
        }
        nsn = d + 1;
        n = 9;
    }
    if (n != 9) {
        if (n > 9)
            goto too_long;
        *why = PVI_MSG_PHONE_TOO_SHORT;
        return PVI_BAD_PHONE;
    }
    if (nsn[0] == '0') {
        *why = PVI_MSG_PHONE_ZERO_AFTER_TRUNK;
        return PVI_BAD_PHONE;
    }
    if (nsn[0] == '8' && nsn[1] == '9')
        return PVI_PREMIUM_PHONE;
    const char *home = phone_home_code(nsn);
    if (cc != NULL && strcmp(cc, "33") != 0 && strcmp(cc, home) != 0) {
        *why = PVI_MSG_PHONE_WRONG_CODE;
        return PVI_BAD_PHONE;
    }
    snprintf(out, 16, "+%s%.9s", home, nsn);
    return PVI_OK;

too_long:
    *why = PVI_MSG_PHONE_TOO_LONG;
    return PVI_BAD_PHONE;
}

enum pvi_code
pvi_phone_normalize(char out[static 16], const char *in)
{
    enum pvi_msg why = PVI_MSG_NONE;
    return pvi_validate__phone_parse(out, in, &why);
}
