/* client.c — pvi_seed_gen_client (pvi_seed.h): the account of a client —
 * its customer number, a company name in the legal form its trade uses, a
 * Luhn-valid SIRET (never the La Poste SIREN, which follows its own rule),
 * an e-mail address and a phone, taken from its first site when it has one. */
#include "seed_internal.h"

#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <string.h>

/* Luhn check digit of the n digits of s. */
static int
luhn_digit(const char *s, size_t n)
{
    int sum = 0;
    for (size_t k = 0; k < n; k++) {
        int d = s[n - 1 - k] - '0';
        if (k % 2 == 0) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

static void
draw_siret(char out[15], struct pvi_seed__rng *r)
{
    char s[15];
    do {
        /* SIREN: 8 digits (not starting with 0) and its Luhn key */
        pvi_seed__digits(s, r, 8);
        s[0] = (char)('1' + pvi_seed__below(r, 9));
        s[8] = (char)('0' + luhn_digit(s, 8));
        s[9] = '\0';
    } while (strcmp(s, "356000000") == 0); /* La Poste's SIREN follows its own rule */
    /* NIC: "000", an establishment number, the SIRET's Luhn key */
    s[9] = '0';
    s[10] = '0';
    s[11] = '0';
    s[12] = (char)('1' + pvi_seed__below(r, 9));
    s[13] = (char)('0' + luhn_digit(s, 13));
    s[14] = '\0';
    memcpy(out, s, 15);
}

void
pvi_seed_gen_client(struct pvi_seed_client *out, struct pvi_seed_gen *g, size_t index,
                    long long number, const struct pvi_seed_site *first_site)
{
    struct pvi_seed__rng r;
    pvi_seed__rng_init(&r, g->seed, 2, index);
    memset(out, 0, sizeof *out);
    char cn[24];
    snprintf(cn, sizeof cn, "PJ%08lld", number % 100000000LL);
    memcpy(out->customer_number, cn, sizeof out->customer_number - 1);

    char name[160], first[32], last[32];
    const char *email = NULL, *phone = NULL, *activity = NULL;
    char own_email[128], own_phone[16];
    if (first_site && first_site->content) {
        const json_t *c = first_site->content;
        snprintf(name, sizeof name, "%s", json_string_value(json_object_get(c, "business_name")));
        snprintf(first, sizeof first, "%s", first_site->owner_first);
        snprintf(last, sizeof last, "%s", first_site->owner_last);
        activity = json_string_value(json_object_get(c, "activity"));
        email = json_string_value(json_object_get(c, "email"));
        const json_t *phones = json_object_get(c, "phones");
        size_t i;
        json_t *p;
        json_array_foreach(phones, i, p)
        {
            const char *kind = json_string_value(json_object_get(p, "kind"));
            if (phone == NULL || (strcmp(kind, "mobile") == 0 && pvi_seed__chance(&r, 70)))
                phone = json_string_value(json_object_get(p, "number"));
        }
    } else {
        struct pvi_seed__identity id;
        pvi_seed__draw_identity(&id, &r, g, NULL);
        pvi_seed__business_name(name, sizeof name, &r, &id);
        snprintf(first, sizeof first, "%s", id.first);
        snprintf(last, sizeof last, "%s", id.last);
        activity = id.activity;
        char dept[4];
        pvi_postal_code_check(dept, pvi_seed__communes[id.commune].postal_code);
        char spaced_num[16];
        pvi_seed__mobile_phone(spaced_num, &r, pvi_seed__zone_of(dept));
        pvi_phone_normalize(own_phone, spaced_num);
        phone = own_phone;
    }
    if (email == NULL || pvi_seed__chance(&r, 30)) {
        char person[96], slug[64];
        snprintf(person, sizeof person, "%s %s", first, last);
        pvi_seed_slugify(slug, person, 40);
        pvi_seed__provider_email(own_email, &r, slug, "");
        email = own_email;
    }

    enum pvi_seed__family f = activity ? pvi_seed__family_of(activity) : F_RETAIL;
    unsigned roll = (unsigned)pvi_seed__below(&r, 100);
    const char *form = NULL;
    if (f == F_DOCTOR || f == F_CARE || f == F_LAW || f == F_PERSON)
        form = roll < 65 ? NULL : roll < 85 ? "SELARL" : "SCM";
    else
        form = roll < 30   ? NULL
               : roll < 60 ? "SARL"
               : roll < 75 ? "SAS"
               : roll < 90 ? "EURL"
                           : "SASU";
    if (form == NULL || strcmp(form, "SCM") == 0 || strcmp(form, "SELARL") == 0) {
        if (form)
            snprintf(out->company_name, sizeof out->company_name, "%s %s", form, last);
        else
            snprintf(out->company_name, sizeof out->company_name, "%s %s (EI)", first, last);
    } else {
        snprintf(out->company_name, sizeof out->company_name, "%s %.100s", form, name);
    }
    if (pvi_utf8_length(out->company_name) > 120)
        snprintf(out->company_name, sizeof out->company_name, "%s %s", first, last);

    draw_siret(out->siret, &r);
    if (pvi_email_normalize(out->email, email) != PVI_OK)
        snprintf(out->email, sizeof out->email, "contact@%s.fr", "pvi-client");
    if (pvi_phone_normalize(out->phone, phone ? phone : "") != PVI_OK)
        snprintf(out->phone, sizeof out->phone, "+33%s", "600000000");
}
