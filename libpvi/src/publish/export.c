/* export.c — the published revision of a site as one XML document (see
 * pvi_export.h and docs/export-format.md), built with the libxml2 tree API so
 * that every value is escaped by construction: the entry point, the hosts,
 * the pages, the business and the contact sections. */
#include "export.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The string member key of obj, or NULL when absent, not a string or empty. */
const char *
pvi_export__str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return (s != NULL && *s != '\0') ? s : NULL;
}

/* The array member key of obj when it has at least one element, else NULL. */
const json_t *
pvi_export__items(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return (json_is_array(v) && json_array_size(v) > 0) ? v : NULL;
}

/* Removes a list element that ended up empty (the content held only
 * unusable items); returns 1 when it was kept. */
int
pvi_export__keep_if_not_empty(xmlNodePtr n)
{
    if (n->children != NULL)
        return 1;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return 0;
}

/* Sets a string member of a JSON-LD object (dropped when s is NULL). */
void
pvi_export__ld_str(json_t *obj, const char *key, const char *s)
{
    if (s == NULL || *s == '\0')
        return;
    char *t = pvi_xml__clean_text(s);
    json_object_set_new(obj, key, json_string(t));
    free(t);
}

void
pvi_export__add_paragraphs(xmlNodePtr parent, const char *text)
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
                p = pvi_xml__el(parent, "p");
            else
                pvi_xml__el(p, "br");
            char *seg = pvi_strndup(a, (size_t)(z - a));
            pvi_xml__add_text(p, seg);
            free(seg);
        }
        line = *end ? end + 1 : end;
    }
}

static void
export_hosts(xmlNodePtr root, const struct pvi_export_site *in, char **canonical_out)
{
    xmlNodePtr hosts = pvi_xml__el(root, "hosts");
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
            xmlNodePtr h = pvi_xml__text_el(hosts, "host", in->hosts[i]);
            if (n++ == 0) {
                pvi_xml__attr(h, "primary", "true");
                canonical = in->hosts[i];
            }
        }
    } else if (json_is_array(domains)) {
        size_t i;
        json_t *d;
        json_array_foreach(domains, i, d)
        {
            const char *s = json_string_value(d);
            if (s == NULL || *s == '\0' || (platform && strcmp(s, platform) == 0))
                continue;
            xmlNodePtr h = pvi_xml__text_el(hosts, "host", s);
            if (n++ == 0) {
                pvi_xml__attr(h, "primary", "true");
                canonical = s;
            }
        }
    }
    if (platform != NULL) {
        xmlNodePtr h = pvi_xml__text_el(hosts, "host", platform);
        pvi_xml__attr(h, "platform", "true");
        if (canonical == NULL)
            canonical = platform;
    }
    if (canonical != NULL) {
        pvi_xml__attr(hosts, "canonical", canonical);
        *canonical_out = pvi_strdup(canonical);
    }
    free(platform);
}

/* Fills <pages> with the pages the site has, once the sections are written. */
static void
export_pages(struct pvi_export__ctx *x, xmlNodePtr pages)
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
        xmlNodePtr p = pvi_xml__el(pages, "page");
        pvi_xml__attr(p, "key", rows[i].key);
        pvi_xml__attr(p, "path", rows[i].path);
        pvi_xml__attr(p, "label", rows[i].label);
    }
}

void
pvi_export__business(struct pvi_export__ctx *x)
{
    xmlNodePtr b = pvi_xml__el(x->root, "business");
    const char *logo = pvi_export__str(x->c, "logo");

    pvi_xml__text_el(b, "name", pvi_export__str(x->c, "business_name"));
    pvi_xml__opt_text_el(b, "activity", pvi_export__str(x->c, "activity"));
    pvi_xml__opt_text_el(b, "tagline", pvi_export__str(x->c, "tagline"));
    if (pvi_export__str(x->c, "description") != NULL)
        pvi_export__add_paragraphs(pvi_xml__el(b, "description"),
                                   pvi_export__str(x->c, "description"));
    if (logo != NULL) {
        xmlNodePtr l = pvi_xml__el(b, "logo");
        char *src = pvi_asprintf("/media/%s", logo);
        pvi_xml__attr(l, "media", logo);
        pvi_xml__attr(l, "src", src);
        free(src);
    }
    pvi_export__ld_str(x->ld, "name", pvi_export__str(x->c, "business_name"));
    pvi_export__ld_str(x->ld, "slogan", pvi_export__str(x->c, "tagline"));
}

static void
export_phones(struct pvi_export__ctx *x, xmlNodePtr contact)
{
    const json_t *phones = pvi_export__items(x->c, "phones");
    const char *telephone = NULL, *fax = NULL;
    size_t i;
    json_t *ph;

    json_array_foreach(phones, i, ph)
    {
        const char *kind = pvi_export__str(ph, "kind"), *number = pvi_export__str(ph, "number");
        char display[32];
        if (number == NULL)
            continue;
        if (kind == NULL || !pvi_refdata_exists(PVI_REF_PHONE_KIND, kind))
            kind = "fixed";
        xmlNodePtr p = pvi_xml__el(contact, "phone");
        pvi_xml__attr(p, "kind", kind);
        pvi_xml__attr(p, "label",
                      strcmp(kind, "fixed") == 0 ? "Téléphone"
                                                 : pvi_refdata_label(PVI_REF_PHONE_KIND, kind));
        pvi_xml__attr(p, "e164", number);
        pvi_xml__attr(p, "display", pvi_export_phone_display(display, sizeof display, number));
        if (strcmp(kind, "fax") != 0) {
            char *href = pvi_asprintf("tel:%s", number);
            pvi_xml__attr(p, "href", href);
            free(href);
            if (telephone == NULL)
                telephone = number;
        } else if (fax == NULL) {
            fax = number;
        }
    }
    pvi_export__ld_str(x->ld, "telephone", telephone);
    pvi_export__ld_str(x->ld, "faxNumber", fax);
}

static void
export_address(struct pvi_export__ctx *x, xmlNodePtr contact)
{
    const json_t *a = json_object_get(x->c, "address");
    const json_t *geo = json_object_get(a, "geo");
    const char *street = pvi_export__str(a, "street"), *pc = pvi_export__str(a, "postal_code"),
               *city = pvi_export__str(a, "city");
    struct pvi_buf line = {0}, map = {0};

    if (!json_is_object(a) || (street == NULL && pc == NULL && city == NULL))
        return;
    xmlNodePtr ad = pvi_xml__el(contact, "address");
    pvi_xml__opt_text_el(ad, "street", street);
    pvi_xml__opt_text_el(ad, "postal-code", pc);
    pvi_xml__opt_text_el(ad, "city", city);

    /* one line: "12 rue de la Monnaie, 35000 Rennes" */
    pvi_buf_puts(&line, street ? street : "");
    if (street && (pc || city))
        pvi_buf_puts(&line, ", ");
    pvi_buf_puts(&line, pc ? pc : "");
    if (pc && city)
        pvi_buf_puts(&line, " ");
    pvi_buf_puts(&line, city ? city : "");
    pvi_xml__text_el(ad, "line", line.data);

    json_t *lda = json_object();
    json_object_set_new(lda, "@type", json_string("PostalAddress"));
    pvi_export__ld_str(lda, "streetAddress", street);
    pvi_export__ld_str(lda, "postalCode", pc);
    pvi_export__ld_str(lda, "addressLocality", city);
    json_object_set_new(lda, "addressCountry", json_string("FR"));
    json_object_set_new(x->ld, "address", lda);

    const json_t *lat = json_object_get(geo, "lat"), *lon = json_object_get(geo, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        char la[32], lo[32];
        pvi_export__coord_display(la, json_number_value(lat));
        pvi_export__coord_display(lo, json_number_value(lon));
        xmlNodePtr g = pvi_xml__el(ad, "geo");
        pvi_xml__attr(g, "lat", la);
        pvi_xml__attr(g, "lon", lo);
        pvi_buf_printf(&map, "https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=17/%s/%s", la, lo,
                       la, lo);
        json_t *ldg = json_object();
        json_object_set_new(ldg, "@type", json_string("GeoCoordinates"));
        json_object_set_new(ldg, "latitude", json_real(json_number_value(lat)));
        json_object_set_new(ldg, "longitude", json_real(json_number_value(lon)));
        json_object_set_new(x->ld, "geo", ldg);
    } else {
        pvi_buf_puts(&map, "https://www.openstreetmap.org/search?query=");
        pvi_export__url_encode(&map, line.data, "-_.~");
    }
    xmlNodePtr m = pvi_xml__el(ad, "map");
    pvi_xml__attr(m, "href", map.data);
    pvi_xml__attr(m, "label", "Voir sur la carte (OpenStreetMap)");
    pvi_buf_free(&line);
    pvi_buf_free(&map);
}

void
pvi_export__contact(struct pvi_export__ctx *x)
{
    xmlNodePtr contact = pvi_xml__el(x->root, "contact");
    const char *email = pvi_export__str(x->c, "email");

    export_phones(x, contact);
    if (email != NULL) {
        struct pvi_buf href = {0};
        pvi_buf_puts(&href, "mailto:");
        pvi_export__url_encode(&href, email, "@.-_~!$'*+=^`{|}/");
        xmlNodePtr e = pvi_xml__text_el(contact, "email", email);
        pvi_xml__attr(e, "href", href.data);
        pvi_buf_free(&href);
        pvi_export__ld_str(x->ld, "email", email);
    }
    export_address(x, contact);
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
    struct pvi_export__ctx x = {0};

    *out = NULL;
    if (len_out != NULL)
        *len_out = 0;
    if (in == NULL || !json_is_object(in->content)) {
        pvi_error("export: no content");
        goto cleanup;
    }
    if (pvi_export__str(in->content, "business_name") == NULL) {
        pvi_error("export: site %lld revision %d has no business name", in->site_id, in->revision);
        goto cleanup;
    }
    x.c = in->content;
    x.ld = json_object();
    json_object_set_new(x.ld, "@context", json_string("https://schema.org"));
    json_object_set_new(x.ld, "@type", json_string("LocalBusiness"));

    doc = xmlNewDoc(BAD_CAST "1.0");
    if (doc == NULL)
        pvi_xml__no_memory();
    x.root = xmlNewDocNode(doc, NULL, BAD_CAST "site", NULL);
    if (x.root == NULL)
        pvi_xml__no_memory();
    xmlDocSetRootElement(doc, x.root);
    xmlNsPtr ns = xmlNewNs(x.root, BAD_CAST PVI_EXPORT_NS, NULL);
    if (ns == NULL)
        pvi_xml__no_memory();
    xmlSetNs(x.root, ns);

    pvi_xml__attr_ll(x.root, "format", PVI_EXPORT_FORMAT);
    pvi_xml__attr_ll(x.root, "id", in->site_id);
    if (in->slug != NULL && *in->slug != '\0')
        pvi_xml__attr(x.root, "slug", in->slug);
    pvi_xml__attr_ll(x.root, "revision", in->revision);
    if (in->published_at != NULL && *in->published_at != '\0') {
        /* PostgreSQL's text form "2025-06-01 10:00:00+00" → ISO 8601 'T' */
        char *when = pvi_strdup(in->published_at);
        if (strlen(when) > 10 && when[10] == ' ')
            when[10] = 'T';
        pvi_xml__attr(x.root, "published-at", when);
        free(when);
    }
    pvi_xml__attr(x.root, "charter",
                  pvi_export__str(in->content, "charter") ? pvi_export__str(in->content, "charter")
                                                          : "classique");

    export_hosts(x.root, in, &canonical);
    if (canonical == NULL) {
        pvi_error("export: site %lld has no host (no domain, no slug)", in->site_id);
        goto cleanup;
    }
    xmlNodePtr pages = pvi_xml__el(x.root, "pages");
    pvi_export__business(&x);
    pvi_export__contact(&x);
    pvi_export__hours(&x);
    pvi_export__closures(&x);
    pvi_export__services(&x);
    pvi_export__media(&x);
    pvi_export__codes(&x);
    pvi_export__social(&x);
    export_pages(&x, pages);
    pvi_export__seo(&x);

    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (mem == NULL || size <= 0)
        pvi_xml__no_memory();
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
