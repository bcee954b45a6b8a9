/* export.c — the published revision of a site as one XML document (see
 * pvi_export.h and docs/export-format.md), built with the libxml2 tree API so
 * that every value is escaped by construction. */
#include "pvi/pvi_export.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <libxml/tree.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEO_DESCRIPTION_MAX 160 /* characters, like PVI_SEO_DESCRIPTION_MAX */

/* ---------------------------------------------------------------------------
 * Text that XML can carry.
 */

static void
no_memory(void)
{
    fprintf(stderr, "level=fatal msg=\"out of memory\" where=export\n");
    abort();
}

/* Length of the UTF-8 sequence at s when it encodes a character XML 1.0
 * allows (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]), else 0. */
static size_t
xml_char_len(const unsigned char *s)
{
    uint32_t cp;
    size_t n = pvi_utf8_decode(&cp, (const char *)s);
    if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
        cp == 0xFFFF)
        return 0;
    return n;
}

/* A copy of s keeping only what XML may carry (invalid UTF-8 and control
 * characters other than tab and line breaks are dropped). Owned by the
 * caller; NULL gives "". */
static char *
clean_text(const char *s)
{
    struct pvi_buf b = {0};
    const unsigned char *u = (const unsigned char *)(s ? s : "");

    pvi_buf_puts(&b, "");
    while (*u) {
        size_t k = xml_char_len(u);
        if (k == 0) {
            u++;
            continue;
        }
        pvi_buf_append(&b, u, k);
        u += k;
    }
    return pvi_buf_steal(&b);
}

/* ---------------------------------------------------------------------------
 * Tree helpers: children take their parent's namespace; failures of libxml2
 * are memory exhaustion, handled like pvi_malloc's.
 */

static xmlNodePtr
el(xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);
    if (n == NULL)
        no_memory();
    return n;
}

/* An element holding text (escaped by the serialiser). */
static xmlNodePtr
text_el(xmlNodePtr parent, const char *name, const char *text)
{
    char *t = clean_text(text);
    xmlNodePtr n = xmlNewTextChild(parent, parent->ns, BAD_CAST name, BAD_CAST t);
    free(t);
    if (n == NULL)
        no_memory();
    return n;
}

/* The same, only when text is a non-empty string. */
static void
opt_text_el(xmlNodePtr parent, const char *name, const char *text)
{
    if (text != NULL && *text != '\0')
        text_el(parent, name, text);
}

static void
add_text(xmlNodePtr parent, const char *text)
{
    char *t = clean_text(text);
    xmlNodePtr n = xmlNewText(BAD_CAST t);
    free(t);
    if (n == NULL || xmlAddChild(parent, n) == NULL)
        no_memory();
}

static void
attr(xmlNodePtr node, const char *name, const char *value)
{
    char *v = clean_text(value);
    /* xmlNewProp stores the value as text: '&' and '<' are escaped on output. */
    xmlAttrPtr a = xmlNewProp(node, BAD_CAST name, BAD_CAST v);
    free(v);
    if (a == NULL)
        no_memory();
}

static void
attr_ll(xmlNodePtr node, const char *name, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    attr(node, name, buf);
}

/* ---------------------------------------------------------------------------
 * Reading the content (normalised; anything unexpected is skipped).
 */

/* The string member key of obj, or NULL when absent, not a string or empty. */
static const char *
str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return (s != NULL && *s != '\0') ? s : NULL;
}

/* The array member key of obj when it has at least one element, else NULL. */
static const json_t *
items(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return (json_is_array(v) && json_array_size(v) > 0) ? v : NULL;
}

/* ---------------------------------------------------------------------------
 * Display forms.
 */

char *
pvi_export_phone_display(char *out, size_t cap, const char *e164)
{
    static const char *const codes[] = {"+33", "+262", "+590", "+594", "+596"};
    const char *national = NULL;

    if (cap == 0)
        return out;
    out[0] = '\0';
    if (e164 == NULL)
        return out;
    for (size_t i = 0; i < PVI_COUNT_OF(codes) && national == NULL; i++) {
        size_t n = strlen(codes[i]);
        const char *rest = e164 + n;
        if (strncmp(e164, codes[i], n) == 0 && strlen(rest) == 9 && strspn(rest, "0123456789") == 9)
            national = rest;
    }
    if (national == NULL)
        snprintf(out, cap, "%s", e164);
    else
        snprintf(out, cap, "0%.1s %.2s %.2s %.2s %.2s", national, national + 1, national + 3,
                 national + 5, national + 7);
    return out;
}

char *
pvi_export_price_display(char *out, size_t cap, long long cents)
{
    char digits[32], grouped[64];
    size_t n, g = 0;
    unsigned long long v = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;

    if (cap == 0)
        return out;
    if (cents == 0) {
        snprintf(out, cap, "Gratuit");
        return out;
    }
    snprintf(digits, sizeof digits, "%llu", v / 100);
    n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(grouped + g, "\xE2\x80\xAF", 3); /* U+202F narrow no-break space */
            g += 3;
        }
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    /* U+00A0 no-break space before the euro sign */
    snprintf(out, cap, "%s%s,%02llu\xC2\xA0\xE2\x82\xAC", cents < 0 ? "-" : "", grouped, v % 100);
    return out;
}

/* "09:30" → "9h30"; anything else is copied (cut to 15 bytes). */
static void
time_display(char out[static 16], const char *hhmm)
{
    if (strlen(hhmm) == 5 && hhmm[2] == ':' && strspn(hhmm, "0123456789:") == 5) {
        int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
        snprintf(out, 16, "%dh%.2s", h, hhmm + 3);
    } else {
        snprintf(out, 16, "%.15s", hhmm);
    }
}

/* "2026-08-01" → "1er août 2026"; anything else is copied. */
static char *
date_display(const char *iso)
{
    static const char *const months[] = {"janvier",   "février", "mars",     "avril",
                                         "mai",       "juin",    "juillet",  "août",
                                         "septembre", "octobre", "novembre", "décembre"};
    int y, m, d;
    char tail;

    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return pvi_strdup(iso);
    if (d == 1)
        return pvi_asprintf("1er %s %d", months[m - 1], y);
    return pvi_asprintf("%d %s %d", d, months[m - 1], y);
}

/* A coordinate with at most 6 decimals (≈ 10 cm), trailing zeros removed,
 * always with a '.' whatever the locale. */
static void
coord_display(char out[static 32], double x)
{
    snprintf(out, 32, "%.6f", x);
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
    char *dot = strchr(out, '.');
    if (dot != NULL) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* Percent-encodes s for a URL query or a mailto: address; keep lists the
 * ASCII characters left as they are besides letters and digits. */
static void
url_encode(struct pvi_buf *b, const char *s, const char *keep)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
            strchr(keep, *u) != NULL)
            pvi_buf_append(b, u, 1);
        else
            pvi_buf_printf(b, "%%%02X", *u);
    }
}

/* ---------------------------------------------------------------------------
 * The sections of the document.
 */

struct ctx {
    const json_t *c; /* the content */
    xmlNodePtr root;
    json_t *ld;       /* the JSON-LD object being built */
    int has_services; /* what the pages depend on, as exported */
    int has_photos, has_videos;
};

/* Removes a list element that ended up empty (the content held only
 * unusable items); returns 1 when it was kept. */
static int
keep_if_not_empty(xmlNodePtr n)
{
    if (n->children != NULL)
        return 1;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return 0;
}

/* Sets a string member of a JSON-LD object (dropped when s is NULL). */
static void
ld_str(json_t *obj, const char *key, const char *s)
{
    if (s == NULL || *s == '\0')
        return;
    char *t = clean_text(s);
    json_object_set_new(obj, key, json_string(t));
    free(t);
}

static void
add_paragraphs(xmlNodePtr parent, const char *text)
{
    xmlNodePtr p = NULL;
    const char *line = text;

    while (*line != '\0') {
        const char *end = strchr(line, '\n');
        if (end == NULL)
            end = line + strlen(line);
        const char *a = line, *z = end;
        while (a < z && (*a == ' ' || *a == '\t' || *a == '\r'))
            a++;
        while (z > a && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r'))
            z--;
        if (a == z) {
            p = NULL; /* a blank line ends the paragraph */
        } else {
            if (p == NULL)
                p = el(parent, "p");
            else
                el(p, "br");
            char *seg = pvi_strndup(a, (size_t)(z - a));
            add_text(p, seg);
            free(seg);
        }
        line = *end ? end + 1 : end;
    }
}

static void
export_hosts(xmlNodePtr root, const struct pvi_export_site *in, char **canonical_out)
{
    xmlNodePtr hosts = el(root, "hosts");
    const json_t *domains = json_object_get(in->content, "domains");
    char *platform = NULL;
    const char *canonical = NULL;
    size_t n = 0;

    if (in->slug != NULL && *in->slug != '\0' && in->platform_domain != NULL &&
        *in->platform_domain != '\0')
        platform = pvi_asprintf("%s.%s", in->slug, in->platform_domain);

    if (in->hosts != NULL && in->hosts[0] != NULL) {
        for (size_t i = 0; in->hosts[i] != NULL; i++) {
            if (*in->hosts[i] == '\0' || (platform && strcmp(in->hosts[i], platform) == 0))
                continue;
            xmlNodePtr h = text_el(hosts, "host", in->hosts[i]);
            if (n++ == 0) {
                attr(h, "primary", "true");
                canonical = in->hosts[i];
            }
        }
    } else if (json_is_array(domains)) {
        size_t i;
        json_t *d;
        json_array_foreach (domains, i, d) {
            const char *s = json_string_value(d);
            if (s == NULL || *s == '\0' || (platform && strcmp(s, platform) == 0))
                continue;
            xmlNodePtr h = text_el(hosts, "host", s);
            if (n++ == 0) {
                attr(h, "primary", "true");
                canonical = s;
            }
        }
    }
    if (platform != NULL) {
        xmlNodePtr h = text_el(hosts, "host", platform);
        attr(h, "platform", "true");
        if (canonical == NULL)
            canonical = platform;
    }
    if (canonical != NULL) {
        attr(hosts, "canonical", canonical);
        *canonical_out = pvi_strdup(canonical);
    }
    free(platform);
}

/* Fills <pages> with the pages the site has, once the sections are written. */
static void
export_pages(struct ctx *x, xmlNodePtr pages)
{
    const struct {
        const char *key, *path, *label;
        int present;
    } rows[] = {
        {"home", PVI_PAGE_HOME_PATH, "Accueil", 1},
        {"services", PVI_PAGE_SERVICES_PATH, "Prestations", x->has_services},
        {"photos", PVI_PAGE_PHOTOS_PATH,
         x->has_photos && x->has_videos ? "Photos et vidéos"
                                        : (x->has_videos ? "Vidéos" : "Photos"),
         x->has_photos || x->has_videos},
        {"contact", PVI_PAGE_CONTACT_PATH, "Contact", 1},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++) {
        if (!rows[i].present)
            continue;
        xmlNodePtr p = el(pages, "page");
        attr(p, "key", rows[i].key);
        attr(p, "path", rows[i].path);
        attr(p, "label", rows[i].label);
    }
}

static void
export_business(struct ctx *x)
{
    xmlNodePtr b = el(x->root, "business");
    const char *logo = str(x->c, "logo");

    text_el(b, "name", str(x->c, "business_name"));
    opt_text_el(b, "activity", str(x->c, "activity"));
    opt_text_el(b, "tagline", str(x->c, "tagline"));
    if (str(x->c, "description") != NULL)
        add_paragraphs(el(b, "description"), str(x->c, "description"));
    if (logo != NULL) {
        xmlNodePtr l = el(b, "logo");
        char *src = pvi_asprintf("/media/%s", logo);
        attr(l, "media", logo);
        attr(l, "src", src);
        free(src);
    }
    ld_str(x->ld, "name", str(x->c, "business_name"));
    ld_str(x->ld, "slogan", str(x->c, "tagline"));
}

static void
export_phones(struct ctx *x, xmlNodePtr contact)
{
    const json_t *phones = items(x->c, "phones");
    const char *telephone = NULL, *fax = NULL;
    size_t i;
    json_t *ph;

    json_array_foreach (phones, i, ph) {
        const char *kind = str(ph, "kind"), *number = str(ph, "number");
        char display[32];
        if (number == NULL)
            continue;
        if (kind == NULL || !pvi_refdata_exists(PVI_REF_PHONE_KIND, kind))
            kind = "fixed";
        xmlNodePtr p = el(contact, "phone");
        attr(p, "kind", kind);
        attr(p, "label",
             strcmp(kind, "fixed") == 0 ? "Téléphone"
                                        : pvi_refdata_label(PVI_REF_PHONE_KIND, kind));
        attr(p, "e164", number);
        attr(p, "display", pvi_export_phone_display(display, sizeof display, number));
        if (strcmp(kind, "fax") != 0) {
            char *href = pvi_asprintf("tel:%s", number);
            attr(p, "href", href);
            free(href);
            if (telephone == NULL)
                telephone = number;
        } else if (fax == NULL) {
            fax = number;
        }
    }
    ld_str(x->ld, "telephone", telephone);
    ld_str(x->ld, "faxNumber", fax);
}

static void
export_address(struct ctx *x, xmlNodePtr contact)
{
    const json_t *a = json_object_get(x->c, "address");
    const json_t *geo = json_object_get(a, "geo");
    const char *street = str(a, "street"), *pc = str(a, "postal_code"), *city = str(a, "city");
    struct pvi_buf line = {0}, map = {0};

    if (!json_is_object(a) || (street == NULL && pc == NULL && city == NULL))
        return;
    xmlNodePtr ad = el(contact, "address");
    opt_text_el(ad, "street", street);
    opt_text_el(ad, "postal-code", pc);
    opt_text_el(ad, "city", city);

    /* one line: "12 rue de la Monnaie, 35000 Rennes" */
    pvi_buf_puts(&line, street ? street : "");
    if (street && (pc || city))
        pvi_buf_puts(&line, ", ");
    pvi_buf_puts(&line, pc ? pc : "");
    if (pc && city)
        pvi_buf_puts(&line, " ");
    pvi_buf_puts(&line, city ? city : "");
    text_el(ad, "line", line.data);

    json_t *lda = json_object();
    json_object_set_new(lda, "@type", json_string("PostalAddress"));
    ld_str(lda, "streetAddress", street);
    ld_str(lda, "postalCode", pc);
    ld_str(lda, "addressLocality", city);
    json_object_set_new(lda, "addressCountry", json_string("FR"));
    json_object_set_new(x->ld, "address", lda);

    const json_t *lat = json_object_get(geo, "lat"), *lon = json_object_get(geo, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        char la[32], lo[32];
        coord_display(la, json_number_value(lat));
        coord_display(lo, json_number_value(lon));
        xmlNodePtr g = el(ad, "geo");
        attr(g, "lat", la);
        attr(g, "lon", lo);
        pvi_buf_printf(&map, "https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=17/%s/%s", la, lo,
                       la, lo);
        json_t *ldg = json_object();
        json_object_set_new(ldg, "@type", json_string("GeoCoordinates"));
        json_object_set_new(ldg, "latitude", json_real(json_number_value(lat)));
        json_object_set_new(ldg, "longitude", json_real(json_number_value(lon)));
        json_object_set_new(x->ld, "geo", ldg);
    } else {
        pvi_buf_puts(&map, "https://www.openstreetmap.org/search?query=");
        url_encode(&map, line.data, "-_.~");
    }
    xmlNodePtr m = el(ad, "map");
    attr(m, "href", map.data);
    attr(m, "label", "Voir sur la carte (OpenStreetMap)");
    pvi_buf_free(&line);
    pvi_buf_free(&map);
}

static void
export_contact(struct ctx *x)
{
    xmlNodePtr contact = el(x->root, "contact");
    const char *email = str(x->c, "email");

    export_phones(x, contact);
    if (email != NULL) {
        struct pvi_buf href = {0};
        pvi_buf_puts(&href, "mailto:");
        url_encode(&href, email, "@.-_~!$'*+=^`{|}/");
        xmlNodePtr e = text_el(contact, "email", email);
        attr(e, "href", href.data);
        pvi_buf_free(&href);
        ld_str(x->ld, "email", email);
    }
    export_address(x, contact);
}

/* Adds day to the specification with the same opening and closing times, or
 * a new one: days that share their hours share one entry (dayOfWeek becomes
 * an array), which keeps the page's JSON-LD short. */
static void
ld_opening(json_t *spec, const char *day, const char *opens, const char *closes)
{
    size_t i;
    json_t *s;
    json_array_foreach (spec, i, s) {
        const char *o = json_string_value(json_object_get(s, "opens"));
        const char *c = json_string_value(json_object_get(s, "closes"));
        if (o == NULL || c == NULL || strcmp(o, opens) != 0 || strcmp(c, closes) != 0)
            continue;
        json_t *dow = json_object_get(s, "dayOfWeek");
        if (json_is_string(dow)) {
            json_t *days = json_array();
            json_array_append(days, dow);
            json_object_set_new(s, "dayOfWeek", days);
            dow = days;
        }
        json_array_append_new(dow, json_string(day));
        return;
    }
    s = json_object();
    json_object_set_new(s, "@type", json_string("OpeningHoursSpecification"));
    json_object_set_new(s, "dayOfWeek", json_string(day));
    ld_str(s, "opens", opens);
    ld_str(s, "closes", closes);
    json_array_append_new(spec, s);
}

static void
export_hours(struct ctx *x)
{
    static const char *const schema_days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};
    const json_t *hours = json_object_get(x->c, "hours");
    json_t *spec;

    if (!json_is_object(hours) || json_object_size(hours) == 0)
        return;
    xmlNodePtr h = el(x->root, "hours");
    spec = json_array();
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY) && d < PVI_COUNT_OF(schema_days); d++) {
        const struct pvi_refitem *day = pvi_refdata_at(PVI_REF_WEEKDAY, d);
        const json_t *list = json_object_get(hours, day->code);
        struct pvi_buf summary = {0};
        size_t i;
        json_t *iv;

        xmlNodePtr de = el(h, "day");
        attr(de, "key", day->code);
        attr(de, "name", day->label);
        json_array_foreach (list, i, iv) {
            const char *open = str(iv, "open"), *close = str(iv, "close");
            char o[16], c[16];
            if (open == NULL || close == NULL)
                continue;
            time_display(o, open);
            time_display(c, close);
            char *label = pvi_asprintf("%s \xE2\x80\x93 %s", o, c); /* en dash */
            xmlNodePtr ie = el(de, "interval");
            attr(ie, "open", open);
            attr(ie, "close", close);
            attr(ie, "label", label);
            if (summary.len > 0)
                pvi_buf_puts(&summary, ", ");
            pvi_buf_puts(&summary, label);
            free(label);

            /* schema.org times stop at 23:59 */
            ld_opening(spec, schema_days[d], open, strcmp(close, "24:00") == 0 ? "23:59" : close);
        }
        attr(de, "closed", summary.len == 0 ? "true" : "false");
        attr(de, "summary", summary.len == 0 ? "Fermé" : summary.data);
        pvi_buf_free(&summary);
    }
    json_object_set_new(x->ld, "openingHoursSpecification", spec);
}

static void
export_closures(struct ctx *x)
{
    const json_t *closures = items(x->c, "closures");
    json_t *special;
    size_t i;
    json_t *cl;

    if (closures == NULL)
        return;
    xmlNodePtr ce = el(x->root, "closures");
    special = json_array();
    json_array_foreach (closures, i, cl) {
        const char *from = str(cl, "from"), *to = str(cl, "to");
        char *label;
        if (from == NULL || to == NULL)
            continue;
        char *f = date_display(from), *t = date_display(to);
        if (strcmp(from, to) == 0)
            label = pvi_asprintf("Le %s", f);
        else
            label = pvi_asprintf("Du %s au %s", f, t);
        xmlNodePtr c = el(ce, "closure");
        attr(c, "from", from);
        attr(c, "to", to);
        attr(c, "label", label);
        opt_text_el(c, "reason", str(cl, "reason"));
        free(f);
        free(t);
        free(label);

        json_t *s = json_object();
        json_object_set_new(s, "@type", json_string("OpeningHoursSpecification"));
        ld_str(s, "validFrom", from);
        ld_str(s, "validThrough", to);
        json_object_set_new(s, "opens", json_string("00:00"));
        json_object_set_new(s, "closes", json_string("00:00"));
        json_array_append_new(special, s);
    }
    keep_if_not_empty(ce);
    if (json_array_size(special) > 0)
        json_object_set_new(x->ld, "specialOpeningHoursSpecification", special);
    else
        json_decref(special);
}

static void
export_services(struct ctx *x)
{
    const json_t *services = items(x->c, "services");
    json_t *offers;
    size_t i;
    json_t *sv;

    if (services == NULL)
        return;
    xmlNodePtr se = el(x->root, "services");
    offers = json_array();
    json_array_foreach (services, i, sv) {
        const char *title = str(sv, "title"), *desc = str(sv, "description");
        const json_t *price = json_object_get(sv, "price_cents");
        if (title == NULL)
            continue;
        xmlNodePtr s = el(se, "service");
        text_el(s, "title", title);
        if (desc != NULL)
            add_paragraphs(el(s, "description"), desc);

        json_t *offer = json_object(), *item = json_object();
        json_object_set_new(offer, "@type", json_string("Offer"));
        json_object_set_new(item, "@type", json_string("Service"));
        ld_str(item, "name", title);
        ld_str(item, "description", desc);
        json_object_set_new(offer, "itemOffered", item);
        if (json_is_integer(price) && json_integer_value(price) >= 0) {
            long long cents = (long long)json_integer_value(price);
            char display[64], amount[32];
            xmlNodePtr p =
                text_el(s, "price", pvi_export_price_display(display, sizeof display, cents));
            attr_ll(p, "cents", cents);
            snprintf(amount, sizeof amount, "%lld.%02lld", cents / 100, cents % 100);
            json_object_set_new(offer, "price", json_string(amount));
            json_object_set_new(offer, "priceCurrency", json_string("EUR"));
        }
        json_array_append_new(offers, offer);
    }
    x->has_services = keep_if_not_empty(se);
    if (!x->has_services) {
        json_decref(offers);
        return;
    }
    json_t *catalog = json_object();
    json_object_set_new(catalog, "@type", json_string("OfferCatalog"));
    json_object_set_new(catalog, "name", json_string("Prestations"));
    json_object_set_new(catalog, "itemListElement", offers);
    json_object_set_new(x->ld, "hasOfferCatalog", catalog);
}

/* photos and videos: <kind>s/<kind> with media and src attributes. */
static void
export_media(struct ctx *x)
{
    const json_t *photos = items(x->c, "photos"), *videos = items(x->c, "videos");
    size_t i;
    json_t *m;

    if (photos != NULL) {
        xmlNodePtr pe = el(x->root, "photos");
        json_array_foreach (photos, i, m) {
            const char *media = str(m, "media");
            if (media == NULL)
                continue;
            char *src = pvi_asprintf("/media/%s", media);
            xmlNodePtr p = el(pe, "photo");
            attr(p, "media", media);
            attr(p, "src", src);
            /* alt is mandatory for a photo; the caption stands in if ever missing */
            text_el(p, "alt",
                    str(m, "alt")       ? str(m, "alt")
                    : str(m, "caption") ? str(m, "caption")
                                        : "Photo");
            opt_text_el(p, "caption", str(m, "caption"));
            free(src);
        }
        x->has_photos = keep_if_not_empty(pe);
    }
    if (videos != NULL) {
        xmlNodePtr ve = el(x->root, "videos");
        json_array_foreach (videos, i, m) {
            const char *media = str(m, "media");
            if (media == NULL)
                continue;
            char *src = pvi_asprintf("/media/%s", media);
            xmlNodePtr v = el(ve, "video");
            attr(v, "media", media);
            attr(v, "src", src);
            opt_text_el(v, "title", str(m, "title"));
            free(src);
        }
        x->has_videos = keep_if_not_empty(ve);
    }
}

/* payment methods and languages: codes with their French labels. */
static void
export_codes(struct ctx *x)
{
    static const struct {
        const char *key, *list_el, *item_el;
        enum pvi_reflist list;
    } lists[] = {
        {"payment_methods", "payment-methods", "payment-method", PVI_REF_PAYMENT},
        {"languages", "languages", "language", PVI_REF_LANGUAGE},
    };
    for (size_t l = 0; l < PVI_COUNT_OF(lists); l++) {
        const json_t *codes = items(x->c, lists[l].key);
        struct pvi_buf joined = {0};
        json_t *langs = json_array();
        size_t i;
        json_t *code;

        if (codes == NULL) {
            json_decref(langs);
            continue;
        }
        xmlNodePtr le = el(x->root, lists[l].list_el);
        json_array_foreach (codes, i, code) {
            const char *label = pvi_refdata_label(lists[l].list, json_string_value(code));
            if (label == NULL)
                continue;
            xmlNodePtr it = text_el(le, lists[l].item_el, label);
            attr(it, "code", json_string_value(code));
            if (joined.len > 0)
                pvi_buf_puts(&joined, ", ");
            pvi_buf_puts(&joined, label);
            json_array_append_new(langs, json_string(json_string_value(code)));
        }
        if (!keep_if_not_empty(le)) {
            json_decref(langs);
        } else if (lists[l].list == PVI_REF_PAYMENT) {
            ld_str(x->ld, "paymentAccepted", joined.data);
            json_object_set_new(x->ld, "currenciesAccepted", json_string("EUR"));
            json_decref(langs);
        } else {
            json_object_set_new(x->ld, "knowsLanguage", langs);
        }
        pvi_buf_free(&joined);
    }
}

static void
export_social(struct ctx *x)
{
    static const struct {
        const char *network, *name;
    } names[] = {
        {"facebook", "Facebook"},   {"instagram", "Instagram"},     {"linkedin", "LinkedIn"},
        {"x", "X (Twitter)"},       {"youtube", "YouTube"},         {"tiktok", "TikTok"},
        {"pinterest", "Pinterest"}, {"tripadvisor", "Tripadvisor"}, {"vimeo", "Vimeo"},
        {"threads", "Threads"},
    };
    const json_t *links = items(x->c, "social_links");
    json_t *same_as;
    size_t i;
    json_t *l;

    if (links == NULL)
        return;
    xmlNodePtr se = el(x->root, "social-links");
    same_as = json_array();
    json_array_foreach (links, i, l) {
        const char *url = json_string_value(l);
        if (url == NULL || strncmp(url, "https://", 8) != 0)
            continue;
        char *host = pvi_strndup(url + 8, strcspn(url + 8, "/?#"));
        const char *network = pvi_refdata_social_network(host);
        const char *name = host;
        for (size_t k = 0; network != NULL && k < PVI_COUNT_OF(names); k++)
            if (strcmp(names[k].network, network) == 0)
                name = names[k].name;
        xmlNodePtr s = el(se, "social-link");
        attr(s, "network", network ? network : "other");
        attr(s, "name", name);
        attr(s, "href", url);
        char *t = clean_text(url);
        json_array_append_new(same_as, json_string(t));
        free(t);
        free(host);
    }
    if (keep_if_not_empty(se))
        json_object_set_new(x->ld, "sameAs", same_as);
    else
        json_decref(same_as);
}

/* A clean copy of text cut to 160 characters: on a word when there is a
 * space in the second half, with an ellipsis. Owned by the caller. */
static char *
description_cut(const char *text)
{
    char *clean = clean_text(text);
    if (pvi_utf8_length(clean) <= SEO_DESCRIPTION_MAX)
        return clean;
    size_t cut = pvi_utf8_prefix(clean, SEO_DESCRIPTION_MAX - 1);
    size_t half = pvi_utf8_prefix(clean, SEO_DESCRIPTION_MAX / 2);
    for (size_t k = cut; k > half; k--)
        if (clean[k] == ' ') {
            cut = k;
            break;
        }
    while (cut > 0 && (clean[cut - 1] == ' ' || clean[cut - 1] == ','))
        cut--;
    clean[cut] = '\0';
    char *t = pvi_asprintf("%s\xE2\x80\xA6", clean); /* … */
    free(clean);
    return t;
}

/* The default meta description: "<name> – <activity> à <city> (<postal
 * code>). <tagline>."; the tagline only when the whole fits in 160
 * characters. */
static char *
default_description(const json_t *c)
{
    const json_t *a = json_object_get(c, "address");
    const char *name = str(c, "business_name"), *activity = str(c, "activity");
    const char *city = str(a, "city"), *pc = str(a, "postal_code"), *tagline = str(c, "tagline");
    struct pvi_buf b = {0};

    pvi_buf_puts(&b, name ? name : "");
    if (activity != NULL)
        pvi_buf_printf(&b, " \xE2\x80\x93 %s", activity);
    if (city != NULL) {
        pvi_buf_printf(&b, activity ? " à %s" : " \xE2\x80\x93 %s", city);
        if (pc != NULL)
            pvi_buf_printf(&b, " (%s)", pc);
    }
    pvi_buf_puts(&b, ".");
    if (tagline != NULL) {
        size_t tl = strlen(tagline);
        int punct = tl > 0 && strchr(".!?", tagline[tl - 1]) != NULL;
        char *sentence = pvi_asprintf(" %s%s", tagline, punct ? "" : ".");
        char *clean_b = clean_text(b.data), *clean_s = clean_text(sentence);
        if (pvi_utf8_length(clean_b) + pvi_utf8_length(clean_s) <= SEO_DESCRIPTION_MAX)
            pvi_buf_puts(&b, sentence);
        free(clean_b);
        free(clean_s);
        free(sentence);
    }
    char *clean = clean_text(b.data);
    pvi_buf_free(&b);
    return clean;
}

/* The page title of the home page: "<name> – <activity> à <city>". */
static char *
site_title(const json_t *c)
{
    const json_t *a = json_object_get(c, "address");
    const char *name = str(c, "business_name"), *activity = str(c, "activity");
    const char *city = str(a, "city");

    if (activity != NULL && city != NULL)
        return pvi_asprintf("%s \xE2\x80\x93 %s à %s", name, activity, city);
    if (activity != NULL || city != NULL)
        return pvi_asprintf("%s \xE2\x80\x93 %s", name, activity ? activity : city);
    return pvi_strdup(name);
}

/* The JSON-LD text, safe inside a <script> element: '<', '>' and '&' only
 * occur in JSON strings, where they are written as \u003c, \u003e, \u0026.
 * It is ASCII (other characters as \u escapes): the document's longest text
 * then takes libxml2's fast path when internet-fo parses it (about a third
 * of the parse time of a typical document). */
static char *
json_ld_text(const json_t *ld)
{
    char *raw = json_dumps(ld, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII |
                                   JSON_REAL_PRECISION(10));
    struct pvi_buf b = {0};

    if (raw == NULL)
        no_memory();
    for (const char *p = raw; *p; p++) {
        switch (*p) {
        case '<':
            pvi_buf_puts(&b, "\\u003c");
            break;
        case '>':
            pvi_buf_puts(&b, "\\u003e");
            break;
        case '&':
            pvi_buf_puts(&b, "\\u0026");
            break;
        default:
            pvi_buf_append(&b, p, 1);
        }
    }
    free(raw);
    return pvi_buf_steal(&b);
}

static void
export_seo(struct ctx *x)
{
    xmlNodePtr seo = el(x->root, "seo");
    const char *given = str(x->c, "seo_description");
    char *title = site_title(x->c);
    char *built = given ? NULL : default_description(x->c);
    char *description = description_cut(given ? given : built);

    text_el(seo, "title", title);
    xmlNodePtr d = text_el(seo, "description", description);
    attr(d, "default", given ? "false" : "true");
    ld_str(x->ld, "description", description);
    char *ld = json_ld_text(x->ld);
    text_el(seo, "json-ld", ld);
    free(ld);
    free(title);
    free(built);
    free(description);
}

/* ---------------------------------------------------------------------------
 * Entry point.
 */

enum pvi_code
pvi_export_xml(char **out, size_t *len_out, const struct pvi_export_site *in)
{
    enum pvi_code rc = PVI_INTERNAL;
    xmlDocPtr doc = NULL;
    xmlChar *mem = NULL;
    int size = 0;
    char *canonical = NULL;
    struct ctx x = {0};

    *out = NULL;
    if (len_out != NULL)
        *len_out = 0;
    if (in == NULL || !json_is_object(in->content)) {
        pvi_error("export: no content");
        goto cleanup;
    }
    if (str(in->content, "business_name") == NULL) {
        pvi_error("export: site %lld revision %d has no business name", in->site_id, in->revision);
        goto cleanup;
    }
    x.c = in->content;
    x.ld = json_object();
    json_object_set_new(x.ld, "@context", json_string("https://schema.org"));
    json_object_set_new(x.ld, "@type", json_string("LocalBusiness"));

    doc = xmlNewDoc(BAD_CAST "1.0");
    if (doc == NULL)
        no_memory();
    x.root = xmlNewDocNode(doc, NULL, BAD_CAST "site", NULL);
    if (x.root == NULL)
        no_memory();
    xmlDocSetRootElement(doc, x.root);
    xmlNsPtr ns = xmlNewNs(x.root, BAD_CAST PVI_EXPORT_NS, NULL);
    if (ns == NULL)
        no_memory();
    xmlSetNs(x.root, ns);

    attr_ll(x.root, "format", PVI_EXPORT_FORMAT);
    attr_ll(x.root, "id", in->site_id);
    if (in->slug != NULL && *in->slug != '\0')
        attr(x.root, "slug", in->slug);
    attr_ll(x.root, "revision", in->revision);
    if (in->published_at != NULL && *in->published_at != '\0') {
        /* PostgreSQL's text form "2025-06-01 10:00:00+00" → ISO 8601 'T' */
        char *when = pvi_strdup(in->published_at);
        if (strlen(when) > 10 && when[10] == ' ')
            when[10] = 'T';
        attr(x.root, "published-at", when);
        free(when);
    }
    attr(x.root, "charter",
         str(in->content, "charter") ? str(in->content, "charter") : "classique");

    export_hosts(x.root, in, &canonical);
    if (canonical == NULL) {
        pvi_error("export: site %lld has no host (no domain, no slug)", in->site_id);
        goto cleanup;
    }
    xmlNodePtr pages = el(x.root, "pages");
    export_business(&x);
    export_contact(&x);
    export_hours(&x);
    export_closures(&x);
    export_services(&x);
    export_media(&x);
    export_codes(&x);
    export_social(&x);
    export_pages(&x, pages);
    export_seo(&x);

    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (mem == NULL || size <= 0)
        no_memory();
    *out = pvi_malloc((size_t)size + 1);
    memcpy(*out, mem, (size_t)size);
    (*out)[size] = '\0';
    if (len_out != NULL)
        *len_out = (size_t)size;
    rc = PVI_OK;

cleanup:
    xmlFree(mem);
    xmlFreeDoc(doc);
    json_decref(x.ld);
    free(canonical);
    return rc;
}
