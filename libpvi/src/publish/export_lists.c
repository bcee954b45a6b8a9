/* export_lists.c — the lists of the document: opening hours (with their
 * schema.org specifications), closures, services, photos and videos. */
#include "export.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds day to the specification with the same opening and closing times, or
 * a new one: days that share their hours share one entry (dayOfWeek becomes
 * an array), which keeps the page's JSON-LD short. */
static void
ld_opening(json_t *spec, const char *day, const char *opens, const char *closes)
{
    size_t i;
    json_t *s;
    json_array_foreach(spec, i, s)
    {
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
    pvi_export__ld_str(s, "opens", opens);
    pvi_export__ld_str(s, "closes", closes);
    json_array_append_new(spec, s);
}

void
pvi_export__hours(struct pvi_export__ctx *x)
{
    static const char *const schema_days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};
    const json_t *hours = json_object_get(x->c, "hours");
    json_t *spec;

    if (!json_is_object(hours) || json_object_size(hours) == 0)
        return;
    xmlNodePtr h = pvi_xml__el(x->root, "hours");
    spec = json_array();
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY) && d < PVI_COUNT_OF(schema_days);
         d++) {
        const struct pvi_refitem *day = pvi_refdata_at(PVI_REF_WEEKDAY, d);
        const json_t *list = json_object_get(hours, day->code);
        struct pvi_buf summary = {0};
        size_t i;
        json_t *iv;

        xmlNodePtr de = pvi_xml__el(h, "day");
        pvi_xml__attr(de, "key", day->code);
        pvi_xml__attr(de, "name", day->label);
        json_array_foreach(list, i, iv)
        {
            const char *open = pvi_export__str(iv, "open"), *close = pvi_export__str(iv, "close");
            char o[16], c[16];
            if (open == NULL || close == NULL)
                continue;
            pvi_export__time_display(o, open);
            pvi_export__time_display(c, close);
            char *label = pvi_asprintf("%s \xE2\x80\x93 %s", o, c); /* en dash */
            xmlNodePtr ie = pvi_xml__el(de, "interval");
            pvi_xml__attr(ie, "open", open);
            pvi_xml__attr(ie, "close", close);
            pvi_xml__attr(ie, "label", label);
            if (summary.len > 0)
                pvi_buf_puts(&summary, ", ");
            pvi_buf_puts(&summary, label);
            free(label);

            /* schema.org times stop at 23:59 */
            ld_opening(spec, schema_days[d], open, strcmp(close, "24:00") == 0 ? "23:59" : close);
        }
        pvi_xml__attr(de, "closed", summary.len == 0 ? "true" : "false");
        pvi_xml__attr(de, "summary", summary.len == 0 ? "Fermé" : summary.data);
        pvi_buf_free(&summary);
    }
    json_object_set_new(x->ld, "openingHoursSpecification", spec);
}

void
pvi_export__closures(struct pvi_export__ctx *x)
{
    const json_t *closures = pvi_export__items(x->c, "closures");
    json_t *special;
    size_t i;
    json_t *cl;

    if (closures == NULL)
        return;
    xmlNodePtr ce = pvi_xml__el(x->root, "closures");
    special = json_array();
    json_array_foreach(closures, i, cl)
    {
        const char *from = pvi_export__str(cl, "from"), *to = pvi_export__str(cl, "to");
        char *label;
        if (from == NULL || to == NULL)
            continue;
        char *f = pvi_export__date_display(from), *t = pvi_export__date_display(to);
        if (strcmp(from, to) == 0)
            label = pvi_asprintf("Le %s", f);
        else
            label = pvi_asprintf("Du %s au %s", f, t);
        xmlNodePtr c = pvi_xml__el(ce, "closure");
        pvi_xml__attr(c, "from", from);
        pvi_xml__attr(c, "to", to);
        pvi_xml__attr(c, "label", label);
        pvi_xml__opt_text_el(c, "reason", pvi_export__str(cl, "reason"));
        free(f);
        free(t);
        free(label);

        json_t *s = json_object();
        json_object_set_new(s, "@type", json_string("OpeningHoursSpecification"));
        pvi_export__ld_str(s, "validFrom", from);
        pvi_export__ld_str(s, "validThrough", to);
        json_object_set_new(s, "opens", json_string("00:00"));
        json_object_set_new(s, "closes", json_string("00:00"));
        json_array_append_new(special, s);
    }
    pvi_export__keep_if_not_empty(ce);
    if (json_array_size(special) > 0)
        json_object_set_new(x->ld, "specialOpeningHoursSpecification", special);
    else
        json_decref(special);
}

void
pvi_export__services(struct pvi_export__ctx *x)
{
    const json_t *services = pvi_export__items(x->c, "services");
    json_t *offers;
    size_t i;
    json_t *sv;

    if (services == NULL)
        return;
    xmlNodePtr se = pvi_xml__el(x->root, "services");
    offers = json_array();
    json_array_foreach(services, i, sv)
    {
        const char *title = pvi_export__str(sv, "title"),
                   *desc = pvi_export__str(sv, "description");
        const json_t *price = json_object_get(sv, "price_cents");
        if (title == NULL)
            continue;
        xmlNodePtr s = pvi_xml__el(se, "service");
        pvi_xml__text_el(s, "title", title);
        if (desc != NULL)
            pvi_export__add_paragraphs(pvi_xml__el(s, "description"), desc);

        json_t *offer = json_object(), *item = json_object();
        json_object_set_new(offer, "@type", json_string("Offer"));
        json_object_set_new(item, "@type", json_string("Service"));
        pvi_export__ld_str(item, "name", title);
        pvi_export__ld_str(item, "description", desc);
        json_object_set_new(offer, "itemOffered", item);
        if (json_is_integer(price) && json_integer_value(price) >= 0) {
            long long cents = (long long)json_integer_value(price);
            char display[64], amount[32];
            xmlNodePtr p = pvi_xml__text_el(
                s, "price", pvi_export_price_display(display, sizeof display, cents));
            pvi_xml__attr_ll(p, "cents", cents);
            snprintf(amount, sizeof amount, "%lld.%02lld", cents / 100, cents % 100);
            json_object_set_new(offer, "price", json_string(amount));
            json_object_set_new(offer, "priceCurrency", json_string("EUR"));
        }
        json_array_append_new(offers, offer);
    }
    x->has_services = pvi_export__keep_if_not_empty(se);
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
void
pvi_export__media(struct pvi_export__ctx *x)
{
    const json_t *photos = pvi_export__items(x->c, "photos"),
                 *videos = pvi_export__items(x->c, "videos");
    size_t i;
    json_t *m;

    if (photos != NULL) {
        xmlNodePtr pe = pvi_xml__el(x->root, "photos");
        json_array_foreach(photos, i, m)
        {
            const char *media = pvi_export__str(m, "media");
            if (media == NULL)
                continue;
            char *src = pvi_asprintf("/media/%s", media);
            xmlNodePtr p = pvi_xml__el(pe, "photo");
            pvi_xml__attr(p, "media", media);
            pvi_xml__attr(p, "src", src);
            /* alt is mandatory for a photo; the caption stands in if ever missing */
            pvi_xml__text_el(p, "alt",
                             pvi_export__str(m, "alt")       ? pvi_export__str(m, "alt")
                             : pvi_export__str(m, "caption") ? pvi_export__str(m, "caption")
                                                             : "Photo");
            pvi_xml__opt_text_el(p, "caption", pvi_export__str(m, "caption"));
            free(src);
        }
        x->has_photos = pvi_export__keep_if_not_empty(pe);
    }
    if (videos != NULL) {
        xmlNodePtr ve = pvi_xml__el(x->root, "videos");
        json_array_foreach(videos, i, m)
        {
            const char *media = pvi_export__str(m, "media");
            if (media == NULL)
                continue;
            char *src = pvi_asprintf("/media/%s", media);
            xmlNodePtr v = pvi_xml__el(ve, "video");
            pvi_xml__attr(v, "media", media);
            pvi_xml__attr(v, "src", src);
            pvi_xml__opt_text_el(v, "title", pvi_export__str(m, "title"));
            free(src);
        }
        x->has_videos = pvi_export__keep_if_not_empty(ve);
    }
}
