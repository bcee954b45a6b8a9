/* content_form.c — the form of a site's whole content (pvi_content_form.h):
 * its inputs built from a content document, in the order of the public
 * site, each named after the path of its value so that libpvi's errors
 * land next to it. */
#include "web.h"

#include "pvi/pvi_content_form.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Empty slots shown per day of the hours grid (a day keeps all its
 * intervals). */
#define HOURS_SLOTS 3

/* A member's value as the input shows it: a string as it is, a number in
 * its shortest decimal form, anything else nothing. */
static const char *
value_text(char buf[static 32], const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        for (int p = 1; p <= 17; p++) {
            snprintf(buf, 32, "%.*g", p, d);
            if (strtod(buf, NULL) == d)
                break;
        }
        return buf;
    }
    return NULL;
}

static const char *
member_text(char buf[static 32], const json_t *obj, const char *key)
{
    return value_text(buf, json_object_get(obj, key));
}

/* A text input named name with the value of obj's member key. */
static struct pvi_vnode *
text_input(struct pvi_view *v, struct pvi_vnode *parent, const char *name, enum pvi_msg label,
           const char *type, const json_t *obj, const char *key, const char *width)
{
    char buf[32];
    struct pvi_vnode *f =
        pvi_view_field(v, parent, "text", name, label, type, member_text(buf, obj, key));
    pvi_view_attr(f, "width", width);
    return f;
}

static void
maxlength(struct pvi_vnode *f, long long n)
{
    pvi_view_attr_int(f, "maxlength", n);
}

/* ---- the groups ---- */

static void
business(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *g = pvi_view_el(form, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_CF_GROUP_BUSINESS);
    pvi_content_form_identity(v, g, c);
    struct pvi_vnode *f =
        text_input(v, g, "tagline", PVI_MSG_CF_TAGLINE, NULL, c, "tagline", "long");
    maxlength(f, PVI_TAGLINE_MAX);
    const char *d = json_string_value(json_object_get(c, "description"));
    f = pvi_view_field(v, g, "textarea", "description", PVI_MSG_CF_DESCRIPTION, NULL, d ? d : "");
    pvi_view_attr_msg(v, f, "hint", PVI_MSG_CF_DESCRIPTION_HINT);
    pvi_view_attr(f, "rows", "8");
    maxlength(f, PVI_DESCRIPTION_MAX);
}

void
pvi_content_form_identity(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *f =
        text_input(v, form, "business_name", PVI_MSG_CF_BUSINESS_NAME, NULL, c, "business_name",
                   "long");
    maxlength(f, PVI_BUSINESS_NAME_MAX);
    const char *a = json_string_value(json_object_get(c, "activity"));
    f = pvi_view_select_activity(v, form, "activity", PVI_MSG_CF_ACTIVITY, a, PVI_MSG_CF_CHOOSE);
    pvi_view_attr_msg(v, f, "hint", PVI_MSG_CF_ACTIVITY_HINT);
}

/* The rows of a list: n, and the add button while fewer than max. */
struct rows {
    const char *name;
    enum pvi_msg legend, row, add, remove;
    size_t max;
    size_t min_shown; /* empty rows shown when the list has none */
};

/* The repeat of list r with one row per element, fill() adding a row's
 * inputs. */
static void
repeat(struct pvi_view *v, struct pvi_vnode *parent, const struct rows *r, const json_t *list,
       void (*fill)(struct pvi_view *v, struct pvi_vnode *row, const char *prefix,
                    const json_t *el))
{
    struct pvi_vnode *rep = pvi_view_repeat(v, parent, r->name, r->legend);
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    size_t shown = n < r->min_shown ? r->min_shown : n;
    for (size_t i = 0; i < shown; i++) {
        struct pvi_vnode *row = pvi_view_repeat_row(v, rep, i, r->row);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s.%zu", r->name, i);
        fill(v, row, prefix, i < n ? json_array_get(list, i) : NULL);
        pvi_view_repeat_remove(v, row, r->remove);
    }
    if (shown < r->max)
        pvi_view_repeat_add(v, rep, r->add);
}

static void
phone_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el)
{
    char name[96];
    snprintf(name, sizeof name, "%s.kind", prefix);
    const char *kind = json_string_value(json_object_get(el, "kind"));
    pvi_view_select_list(v, row, name, PVI_MSG_CF_PHONE_KIND, PVI_REF_PHONE_KIND,
                         kind ? kind : "fixed", 1, PVI_MSG_NONE);
    snprintf(name, sizeof name, "%s.number", prefix);
    text_input(v, row, name, PVI_MSG_CF_PHONE_NUMBER, "tel", el, "number", "medium");
}

static void
contact(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *g = pvi_view_el(form, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_CF_GROUP_CONTACT);
    static const struct rows phones = {"phones",         PVI_MSG_CF_PHONES,
                                       PVI_MSG_CF_PHONE_ROW, PVI_MSG_CF_PHONE_ADD,
                                       PVI_MSG_CF_PHONE_REMOVE, PVI_PHONES_MAX, 1};
    repeat(v, g, &phones, json_object_get(c, "phones"), phone_row);
    struct pvi_vnode *f = text_input(v, g, "email", PVI_MSG_CF_EMAIL, "email", c, "email", "long");
    pvi_view_attr(f, "autocomplete", "off");
    const json_t *a = json_object_get(c, "address");
    struct pvi_vnode *ad = pvi_view_el(g, "fieldset", NULL);
    pvi_view_attr_msg(v, ad, "legend", PVI_MSG_CF_ADDRESS);
    f = text_input(v, ad, "address.street", PVI_MSG_CF_STREET, NULL, a, "street", "long");
    maxlength(f, PVI_STREET_MAX);
    f = text_input(v, ad, "address.postal_code", PVI_MSG_CF_POSTAL_CODE, NULL, a, "postal_code",
                   "short");
    pvi_view_attr(f, "inputmode", "numeric");
    f = text_input(v, ad, "address.city", PVI_MSG_CF_CITY, NULL, a, "city", "medium");
    maxlength(f, PVI_CITY_MAX);
    const json_t *geo = json_object_get(a, "geo");
    f = text_input(v, ad, "address.geo.lat", PVI_MSG_CF_LATITUDE, NULL, geo, "lat", "short");
    pvi_view_attr_msg(v, f, "hint", PVI_MSG_CF_GEO_HINT);
    pvi_view_attr(f, "inputmode", "decimal");
    f = text_input(v, ad, "address.geo.lon", PVI_MSG_CF_LONGITUDE, NULL, geo, "lon", "short");
    pvi_view_attr(f, "inputmode", "decimal");
}

static void
closure_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el)
{
    char name[96];
    snprintf(name, sizeof name, "%s.from", prefix);
    text_input(v, row, name, PVI_MSG_CF_CLOSURE_FROM, "date", el, "from", "short");
    snprintf(name, sizeof name, "%s.to", prefix);
    text_input(v, row, name, PVI_MSG_CF_CLOSURE_TO, "date", el, "to", "short");
    snprintf(name, sizeof name, "%s.reason", prefix);
    struct pvi_vnode *f =
        text_input(v, row, name, PVI_MSG_CF_CLOSURE_REASON, NULL, el, "reason", "medium");
    maxlength(f, PVI_CLOSURE_REASON_MAX);
}

static void
opening(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *g = pvi_view_el(form, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_CF_GROUP_OPENING);
    struct pvi_vnode *h =
        pvi_view_hours(v, g, "hours", PVI_MSG_CF_HOURS, json_object_get(c, "hours"), HOURS_SLOTS);
    pvi_view_attr_msg(v, h, "hint", PVI_MSG_CF_HOURS_HINT);
    static const struct rows closures = {"closures",          PVI_MSG_CF_CLOSURES,
                                         PVI_MSG_CF_CLOSURE_ROW, PVI_MSG_CF_CLOSURE_ADD,
                                         PVI_MSG_CF_CLOSURE_REMOVE, PVI_CLOSURES_MAX, 0};
    repeat(v, g, &closures, json_object_get(c, "closures"), closure_row);
}

static void
service_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el)
{
    char name[96];
    snprintf(name, sizeof name, "%s.title", prefix);
    struct pvi_vnode *f =
        text_input(v, row, name, PVI_MSG_CF_SERVICE_TITLE, NULL, el, "title", "long");
    maxlength(f, PVI_SERVICE_TITLE_MAX);
    snprintf(name, sizeof name, "%s.description", prefix);
    const char *d = json_string_value(json_object_get(el, "description"));
    f = pvi_view_field(v, row, "textarea", name, PVI_MSG_CF_SERVICE_DESCRIPTION, NULL,
                       d ? d : "");
    pvi_view_attr(f, "rows", "3");
    maxlength(f, PVI_SERVICE_DESCRIPTION_MAX);
    /* the price in euros, as typed back ("12,50"), or as typed when it was
     * not a number of cents */
    snprintf(name, sizeof name, "%s.price_cents", prefix);
    const json_t *p = json_object_get(el, "price_cents");
    char price[PVI_PRICE_TEXT_SIZE];
    const char *shown = json_string_value(p);
    if (json_is_integer(p)) {
        pvi_price_text(price, (long long)json_integer_value(p));
        shown = price;
    }
    f = pvi_view_field(v, row, "text", name, PVI_MSG_CF_SERVICE_PRICE, NULL, shown);
    pvi_view_attr_msg(v, f, "hint", PVI_MSG_CF_SERVICE_PRICE_HINT);
    pvi_view_attr(f, "inputmode", "decimal");
    pvi_view_attr(f, "width", "short");
}

static void
services(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *g = pvi_view_el(form, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_CF_GROUP_SERVICES);
    static const struct rows rows = {"services",          PVI_MSG_CF_SERVICES,
                                     PVI_MSG_CF_SERVICE_ROW, PVI_MSG_CF_SERVICE_ADD,
                                     PVI_MSG_CF_SERVICE_REMOVE, PVI_SERVICES_MAX, 0};
    repeat(v, g, &rows, json_object_get(c, "services"), service_row);
    pvi_view_checkboxes_list(v, g, "payment_methods", PVI_MSG_CF_PAYMENT_METHODS, PVI_REF_PAYMENT,
                             json_object_get(c, "payment_methods"));
    pvi_view_checkboxes_list(v, g, "languages", PVI_MSG_CF_LANGUAGES, PVI_REF_LANGUAGE,
                             json_object_get(c, "languages"));
}

/* A row of a list of strings (social links, domains): one input named
 * <list>.<n>. */
static void
string_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el,
           enum pvi_msg label, const char *type)
{
    char buf[32];
    struct pvi_vnode *f = pvi_view_field(v, row, "text", prefix, label, type, value_text(buf, el));
    pvi_view_attr(f, "width", "long");
}

static void
social_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el)
{
    string_row(v, row, prefix, el, PVI_MSG_CF_SOCIAL_URL, "url");
}

static void
domain_row(struct pvi_view *v, struct pvi_vnode *row, const char *prefix, const json_t *el)
{
    string_row(v, row, prefix, el, PVI_MSG_CF_DOMAIN_HOST, NULL);
}

static void
web(struct pvi_view *v, struct pvi_vnode *form, const json_t *c)
{
    struct pvi_vnode *g = pvi_view_el(form, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_CF_GROUP_WEB);
    static const struct rows social = {"social_links",       PVI_MSG_CF_SOCIAL_LINKS,
                                       PVI_MSG_CF_SOCIAL_ROW, PVI_MSG_CF_SOCIAL_ADD,
                                       PVI_MSG_CF_SOCIAL_REMOVE, PVI_SOCIAL_LINKS_MAX, 0};
    repeat(v, g, &social, json_object_get(c, "social_links"), social_row);
    const char *seo = json_string_value(json_object_get(c, "seo_description"));
    struct pvi_vnode *f = pvi_view_field(v, g, "textarea", "seo_description",
                                         PVI_MSG_CF_SEO_DESCRIPTION, NULL, seo ? seo : "");
    pvi_view_attr(f, "rows", "2");
    maxlength(f, PVI_SEO_DESCRIPTION_MAX);
    static const struct rows domains = {"domains",          PVI_MSG_CF_DOMAINS,
                                        PVI_MSG_CF_DOMAIN_ROW, PVI_MSG_CF_DOMAIN_ADD,
                                        PVI_MSG_CF_DOMAIN_REMOVE, PVI_DOMAINS_MAX, 0};
    repeat(v, g, &domains, json_object_get(c, "domains"), domain_row);
    f = text_input(v, g, "charter", PVI_MSG_CF_CHARTER, NULL, c, "charter", "medium");
    pvi_view_attr_msg(v, f, "hint", PVI_MSG_CF_CHARTER_HINT);
    maxlength(f, PVI_CHARTER_MAX);
}

void
pvi_content_form_fields(struct pvi_view *v, struct pvi_vnode *form, const json_t *content)
{
    business(v, form, content);
    contact(v, form, content);
    opening(v, form, content);
    services(v, form, content);
    web(v, form, content);
}
