/* content.c — a site's whole content document, as an operator would have
 * collected it: name and heading, phones, address (with coordinates), a
 * mailbox or the site's own domain, tagline and description made from the
 * family's texts, hours, closures, services and prices, payment methods,
 * languages, social links, an SEO description and the charter — more of
 * it the further the site is in its lifecycle. Not validated here
 * (site.c passes it to pvi_content_validate). */
#include "seed_internal.h"

#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text templates ---- */

struct vars {
    const char *name, *city, *act, *Act, *first, *last, *tagline;
    char at_city[96], of_city[96];
    int year;
};

static void
expand(struct pvi_buf *b, const char *tpl, const struct vars *v)
{
    for (const char *p = tpl; *p;) {
        if (*p != '{') {
            size_t n = strcspn(p, "{");
            pvi_buf_append(b, p, n);
            p += n;
            continue;
        }
        const char *end = strchr(p, '}');
        if (end == NULL) {
            pvi_buf_puts(b, p);
            break;
        }
        char key[16];
        snprintf(key, sizeof key, "%.*s", (int)(end - p - 1), p + 1);
        p = end + 1;
        if (strcmp(key, "name") == 0)
            pvi_buf_puts(b, v->name);
        else if (strcmp(key, "city") == 0)
            pvi_buf_puts(b, v->city);
        else if (strcmp(key, "at_city") == 0)
            pvi_buf_puts(b, v->at_city);
        else if (strcmp(key, "of_city") == 0)
            pvi_buf_puts(b, v->of_city);
        else if (strcmp(key, "act") == 0)
            pvi_buf_puts(b, v->act);
        else if (strcmp(key, "Act") == 0)
            pvi_buf_puts(b, v->Act);
        else if (strcmp(key, "first") == 0)
            pvi_buf_puts(b, v->first);
        else if (strcmp(key, "last") == 0)
            pvi_buf_puts(b, v->last);
        else if (strcmp(key, "tagline") == 0)
            pvi_buf_puts(b, v->tagline ? v->tagline : "");
        else if (strcmp(key, "year") == 0) {
            char year[PVI_INT_TEXT_SIZE];
            size_t len = pvi_int_text(year, v->year);
            pvi_buf_append(b, year, len);
        }
    }
}

/* Cuts s (UTF-8) to at most max characters, at the last space before the
 * cut when there is one, then drops trailing spaces, commas and colons. */
static void
utf8_cut(char *s, size_t max)
{
    size_t keep = pvi_utf8_prefix(s, max);
    if (s[keep] != '\0') {
        size_t cut = keep;
        for (size_t i = keep; i > 1; i--)
            if (s[i - 1] == ' ') {
                cut = i - 1;
                break;
            }
        s[cut] = '\0';
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ':'))
        s[--n] = '\0';
}

/* ---- parts of the content ---- */

static json_t *
phone_json(const char *kind, const char *number)
{
    return json_pack("{s:s, s:s}", "kind", kind, "number", number);
}

static json_t *
closures_for(struct pvi_seed__rng *r)
{
    json_t *arr = json_array();
    size_t a = pvi_seed__below(r, pvi_seed__n_closures);
    size_t b = pvi_seed__chance(r, 30) ? pvi_seed__below(r, pvi_seed__n_closures) : a;
    size_t first = a, second = b;
    if (strcmp(pvi_seed__closures[b].from, pvi_seed__closures[a].from) < 0)
        first = b, second = a;
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "from", pvi_seed__closures[first].from,
                                         "to", pvi_seed__closures[first].to, "reason",
                                         pvi_seed__closures[first].reason));
    if (second != first)
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:s}", "from", pvi_seed__closures[second].from,
                                        "to", pvi_seed__closures[second].to, "reason",
                                        pvi_seed__closures[second].reason));
    return arr;
}

static int
price_round(struct pvi_seed__rng *r, int lo, int hi)
{
    if (lo >= hi)
        return lo; /* a regulated or fixed price: exact */
    int p = pvi_seed__range(r, lo, hi);
    if (p >= 10000)
        return p / 500 * 500;
    if (p >= 1000)
        return p / 50 * 50;
    return p / 10 * 10;
}

static json_t *
services_for(struct pvi_seed__rng *r, const struct pvi_seed__identity *id, int max)
{
    const struct pvi_seed__service *list = pvi_seed__services_of(id->activity, id->family);
    size_t n = 0;
    while (list[n].title)
        n++;
    json_t *arr = json_array();
    int want = max < (int)n ? max : (int)n;
    if (want <= 0)
        return arr;
    /* a random subset, kept in the list's order */
    unsigned char keep[32] = {0};
    for (int k = 0; k < want;) {
        size_t i = pvi_seed__below(r, n);
        if (!keep[i]) {
            keep[i] = 1;
            k++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        json_t *s = json_pack("{s:s}", "title", list[i].title);
        if (list[i].desc)
            json_object_set_new(s, "description", json_string(list[i].desc));
        if (list[i].hi > 0)
            json_object_set_new(s, "price_cents",
                                json_integer(price_round(r, list[i].lo, list[i].hi)));
        json_array_append_new(arr, s);
    }
    return arr;
}

static json_t *
languages_for(struct pvi_seed__rng *r, const struct pvi_seed__identity *id, const char *dept)
{
    int tourism = id->family == F_HOTEL || id->family == F_RESTO || id->family == F_LEISURE;
    enum pvi_seed__region reg = pvi_seed__region_of(dept);
    json_t *arr = json_array();
    json_array_append_new(arr, json_string("fr"));
    static const struct {
        const char *code;
        unsigned pct, tourism_pct;
        enum pvi_seed__region region;
        unsigned region_pct;
    } langs[] = {
        {"en", 25, 70, R_OTHER, 0}, {"es", 5, 20, R_BASQUE, 25},  {"de", 4, 20, R_ALSACE, 35},
        {"it", 3, 15, R_CORSE, 25}, {"pt", 3, 5, R_GUYANE, 25},   {"nl", 1, 8, R_NORD, 10},
        {"ar", 3, 3, R_OTHER, 0},   {"br", 0, 0, R_BRETAGNE, 10}, {"co", 0, 0, R_CORSE, 30},
        {"eu", 0, 0, R_BASQUE, 25}, {"ca", 0, 0, R_CATALAN, 20},  {"oc", 0, 0, R_SUD, 4},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(langs); i++) {
        unsigned pct = tourism ? langs[i].tourism_pct : langs[i].pct;
        if (langs[i].region != R_OTHER && langs[i].region == reg && langs[i].region_pct > pct)
            pct = langs[i].region_pct;
        if (pvi_seed__chance(r, pct))
            json_array_append_new(arr, json_string(langs[i].code));
    }
    return arr;
}

static json_t *
social_for(struct pvi_seed__rng *r, const struct pvi_seed__identity *id, const char *slug)
{
    char compact[64], underscored[64];
    size_t n = 0, m = 0;
    for (const char *p = slug; *p; p++) {
        if (*p != '-')
            compact[n++] = *p;
        underscored[m++] = *p == '-' ? '_' : *p;
    }
    compact[n] = underscored[m] = '\0';
    json_t *arr = json_array();
    char url[160];
    if (pvi_seed__chance(r, 40)) {
        snprintf(url, sizeof url, "https://www.facebook.com/%s", compact);
        json_array_append_new(arr, json_string(url));
    }
    if (pvi_seed__chance(r, id->family == F_BEAUTY || id->family == F_FOOD ? 45 : 20)) {
        snprintf(url, sizeof url, "https://www.instagram.com/%s/", underscored);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_PRO || id->family == F_LAW) && pvi_seed__chance(r, 35)) {
        snprintf(url, sizeof url, "https://www.linkedin.com/company/%s/", slug);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_RESTO || id->family == F_HOTEL) && pvi_seed__chance(r, 30)) {
        snprintf(url, sizeof url, "https://www.tripadvisor.fr/Restaurant_Review-%s.html", slug);
        if (id->family == F_HOTEL)
            snprintf(url, sizeof url, "https://www.tripadvisor.fr/Hotel_Review-%s.html", slug);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_LEISURE || id->family == F_EDU) && pvi_seed__chance(r, 15)) {
        snprintf(url, sizeof url, "https://www.youtube.com/@%s", compact);
        json_array_append_new(arr, json_string(url));
    }
    return arr;
}

/* Appends to arr the codes of spec ("code" always, "code?P" with P % chance)
 * that the dice keep. */
static void
draw_codes(json_t *arr, struct pvi_seed__rng *r, const char *spec)
{
    char code[40];
    const char *p = spec;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ?");
        if (n == 0)
            break;
        snprintf(code, sizeof code, "%.*s", (int)n, p);
        p += n;
        unsigned pct = 100;
        if (*p == '?') {
            pct = (unsigned)strtoul(p + 1, (char **)&p, 10);
        }
        if (pvi_seed__chance(r, pct))
            json_array_append_new(arr, json_string(code));
    }
}

/* ---- the document ---- */

json_t *
pvi_seed__build_content(struct pvi_seed_gen *g, struct pvi_seed__rng *r,
                        const struct pvi_seed__identity *id, const char *name, const char *slug,
                        const char *charter, enum pvi_seed__depth depth, int with_domain)
{
    const struct pvi_seed__commune *c = &pvi_seed__communes[id->commune];
    char dept[4];
    pvi_postal_code_check(dept, c->postal_code);
    const struct pvi_seed__zone *dp = pvi_seed__zone_of(dept);
    char act[96];
    pvi_seed__lower_first(act, sizeof act, id->activity);
    /* in sentences, a person is named without the heading after the dash */
    char short_name[160];
    snprintf(short_name, sizeof short_name, "%s", name);
    char *dash = strstr(short_name, " — ");
    if (dash)
        *dash = '\0';
    struct vars v = {.name = short_name,
                     .city = c->name,
                     .act = act,
                     .Act = id->activity,
                     .first = id->first,
                     .last = id->last,
                     .year = pvi_seed__range(r, 1962, 2023)};
    pvi_seed__city_at(v.at_city, sizeof v.at_city, c->name);
    pvi_seed__city_of(v.of_city, sizeof v.of_city, c->name);

    json_t *doc = json_object();
    json_object_set_new(doc, "business_name", json_string(name));
    json_object_set_new(doc, "activity", json_string(id->activity));

    /* phones: a fixed line (most), a mobile (many), a fax (a few offices) */
    json_t *phones = json_array();
    char num[16];
    int fixed = pvi_seed__chance(r, id->family == F_PERSON || id->family == F_CARE ? 55 : 85);
    if (fixed) {
        pvi_seed__fixed_phone(num, r, dp);
        json_array_append_new(phones, phone_json("fixed", num));
    }
    if (!fixed || (depth != D_ORDER && pvi_seed__chance(r, 55))) {
        pvi_seed__mobile_phone(num, r, dp);
        json_array_append_new(phones, phone_json("mobile", num));
    }
    if (fixed && depth == D_FULL &&
        (id->family == F_PRO || id->family == F_LAW || id->family == F_TRADE) &&
        pvi_seed__chance(r, 15)) {
        pvi_seed__fixed_phone(num, r, dp);
        json_array_append_new(phones, phone_json("fax", num));
    }
    json_object_set_new(doc, "phones", phones);

    /* address */
    char street[160];
    int number = pvi_seed__chance(r, 70) ? pvi_seed__range(r, 1, 60) : pvi_seed__range(r, 61, 180);
    const char *suffix = pvi_seed__chance(r, 8) ? (pvi_seed__chance(r, 75) ? " bis" : " ter") : "";
    if ((id->family == F_TRADE || id->family == F_AUTO) && pvi_seed__chance(r, 25))
        snprintf(street, sizeof street, "%d%s %s", number, suffix,
                 pvi_seed__pick(r, &pvi_seed__business_parks));
    else if (pvi_seed__chance(r, 5))
        snprintf(street, sizeof street, "%d%s %s", number, suffix,
                 pvi_seed__pick(r, &pvi_seed__road_names));
    else
        snprintf(street, sizeof street, "%d%s %s %s", number, suffix,
                 pvi_seed__pick(r, &pvi_seed__street_kinds),
                 pvi_seed__pick(r, &pvi_seed__street_names));
    json_t *address = json_pack("{s:s, s:s, s:s}", "street", street, "postal_code", c->postal_code,
                                "city", c->name);
    if (depth == D_FULL && pvi_seed__chance(r, 85)) {
        double lat = c->lat + (pvi_seed__unit(r) - 0.5) * 0.03;
        double lon = c->lon + (pvi_seed__unit(r) - 0.5) * 0.04;
        json_object_set_new(address, "geo",
                            json_pack("{s:f, s:f}", "lat", (double)llround(lat * 1e5) / 1e5, "lon",
                                      (double)llround(lon * 1e5) / 1e5));
    }
    json_object_set_new(doc, "address", address);

    char host[128] = "";
    if (with_domain)
        pvi_seed__claim_host(g, host, name, c->name);
    char email[128];
    if (host[0])
        snprintf(email, sizeof email, "contact@%.110s", host + 4);
    else
        pvi_seed__provider_email(email, r, slug, c->postal_code);
    if (pvi_seed__chance(r, depth == D_ORDER ? 70 : 92))
        json_object_set_new(doc, "email", json_string(email));

    int full = depth == D_FULL;
    int partial = depth == D_PARTIAL;
    if (full ? pvi_seed__chance(r, 90) : partial && pvi_seed__chance(r, 50)) {
        v.tagline = pvi_seed__taglines[id->family][pvi_seed__below(r, 4)];
        struct pvi_buf b = {0};
        expand(&b, v.tagline, &v);
        json_object_set_new(doc, "tagline", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (full ? pvi_seed__chance(r, 95) : partial && pvi_seed__chance(r, 40)) {
        struct pvi_buf b = {0};
        int person =
            dash && (id->family == F_DOCTOR || id->family == F_CARE || id->family == F_PERSON ||
                     id->family == F_LAW || id->family == F_ANIMAL);
        expand(&b,
               person ? pvi_seed__pick(r, &pvi_seed__person_intro_paragraphs)
                      : pvi_seed__pick(r, &pvi_seed__intro_paragraphs),
               &v);
        size_t k = pvi_seed__below(r, 3), paragraphs = full ? (size_t)pvi_seed__range(r, 1, 3) : 1;
        for (size_t i = 0; i < paragraphs; i++) {
            pvi_buf_puts(&b, i == 0 ? " " : "\n\n");
            expand(&b, pvi_seed__family_paragraphs[id->family][(k + i) % 3], &v);
        }
        if (full && pvi_seed__chance(r, 60)) {
            pvi_buf_puts(&b, "\n\n");
            int area = id->family == F_TRADE || id->family == F_TRANSPORT ||
                       id->family == F_SERVICE || id->family == F_PERSON;
            expand(&b,
                   area ? pvi_seed__pick(r, &pvi_seed__area_paragraphs)
                        : pvi_seed__pick(r, &pvi_seed__practical_paragraphs),
                   &v);
        }
        json_object_set_new(doc, "description", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (full ? pvi_seed__chance(r, 96) : partial && pvi_seed__chance(r, 60))
        json_object_set_new(doc, "hours", pvi_seed__hours(r, id));
    if (full && pvi_seed__chance(r, 20))
        json_object_set_new(doc, "closures", closures_for(r));
    if (full || (partial && pvi_seed__chance(r, 30))) {
        int count = pvi_seed__chance(r, 10) ? 0 : pvi_seed__range(r, 1, 8);
        json_t *services = services_for(r, id, count);
        if (json_array_size(services) > 0)
            json_object_set_new(doc, "services", services);
        else
            json_decref(services);
    }
    if (full && pvi_seed__chance(r, 85)) {
        json_t *pay = json_array();
        draw_codes(pay, r, pvi_seed__family_payments[id->family]);
        if (json_array_size(pay) > 0)
            json_object_set_new(doc, "payment_methods", pay);
        else
            json_decref(pay);
    }
    if (full && pvi_seed__chance(r, 80))
        json_object_set_new(doc, "languages", languages_for(r, id, dept));
    if (full && pvi_seed__chance(r, 55)) {
        json_t *social = social_for(r, id, slug);
        if (json_array_size(social) > 0)
            json_object_set_new(doc, "social_links", social);
        else
            json_decref(social);
    }
    if (full && pvi_seed__chance(r, 80)) {
        const char *tpl = pvi_seed__pick(r, &pvi_seed__seo_templates);
        const char *tagline = json_string_value(json_object_get(doc, "tagline"));
        if (tagline == NULL && strstr(tpl, "{tagline}"))
            tpl = pvi_seed__seo_templates.v[1];
        v.tagline = tagline;
        struct pvi_buf b = {0};
        expand(&b, tpl, &v);
        utf8_cut(b.data, PVI_SEO_DESCRIPTION_MAX);
        json_object_set_new(doc, "seo_description", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (host[0])
        json_object_set_new(doc, "domains", json_pack("[s]", host));
    json_object_set_new(doc, "charter", json_string(charter));
    return doc;
}
