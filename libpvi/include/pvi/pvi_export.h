/* pvi_export.h — the published revision of a site as one XML document.
 *
 * The publisher calls pvi_export_xml() once per published revision and
 * stores the bytes in the content store; internet-fo parses them and applies
 * the site's charter stylesheet (xsl/charters/<charter>.xsl). The format
 * (namespace urn:pvi:site:1) is described in docs/export-format.md and
 * checked by schema/pvi-site.rng.
 *
 * The document carries every published value plus the values computed for
 * display (French phone form, formatted prices, day names, map link, default
 * meta description, schema.org JSON-LD text…), so that the stylesheets only
 * place them on the page.
 *
 * Pure function: no database, no file, no global state; thread-safe once
 * xmlInitParser() has been called (as every service does at start). */
#ifndef PVI_EXPORT_H
#define PVI_EXPORT_H

#include <stddef.h>

#include <jansson.h>

#include "pvi/pvi_error.h"

/* Version of the format, written as the root's format attribute. */
#define PVI_EXPORT_FORMAT 1
/* Namespace of every element of the document. */
#define PVI_EXPORT_NS "urn:pvi:site:1"

/* What the exporter needs; every pointer is borrowed for the call only. */
struct pvi_export_site {
    long long site_id;
    const char *slug;            /* the site's slug, e.g. "plomberie-martin" */
    int revision;                /* number of the published revision */
    const char *published_at;    /* ISO 8601, e.g. "2025-06-01T10:00:00Z"; PostgreSQL's
                                  * "2025-06-01 10:00:00+00" gets its 'T' */
    const char *platform_domain; /* "pvi.localhost": the site also answers on <slug>.<this> */
    /* The site's domains, primary first, NULL-terminated. NULL or empty: the
     * content's "domains" are used instead (in their order). */
    const char *const *hosts;
    const json_t *content; /* normalised content of the revision (pvi_content_validate) */
};

/* Page paths of the public site, as written in the document's <pages>. */
#define PVI_PAGE_HOME_PATH "/"
#define PVI_PAGE_SERVICES_PATH "/services"
#define PVI_PAGE_PHOTOS_PATH "/photos"
#define PVI_PAGE_CONTACT_PATH "/contact"

/* Serialises the published revision as the XML document: UTF-8, with an XML
 * declaration, no DTD. On PVI_OK, *out receives the NUL-terminated bytes,
 * owned by the caller (free()), and *len_out (may be NULL) their length
 * without the NUL.
 *
 * Deterministic: the same input gives the same bytes (nothing depends on the
 * clock, the locale or the order of a hash table).
 *
 * The content is expected to be normalised and complete (it was published),
 * but nothing in it can produce a malformed document: text is escaped by the
 * libxml2 tree API, characters that XML forbids and invalid UTF-8 are
 * dropped, and the JSON-LD text never contains '<', '>' or '&'.
 *
 * Errors: PVI_INTERNAL (logged) when in or in->content is NULL, the content
 * is not an object, it has no business_name, or the site has no host at all
 * (no domain and no slug/platform domain); *out is then NULL. */
enum pvi_code pvi_export_xml(char **out, size_t *len_out, const struct pvi_export_site *in);

/* Display helpers, also used by the offices' previews. Each writes into out
 * (NUL-terminated, truncated to cap) and returns out.
 *
 * French display form of an E.164 number: "+33299123456" → "02 99 12 34 56";
 * overseas codes (+262, +590, +594, +596) give their national form too
 * ("+262262123456" → "02 62 12 34 56"). Anything else is copied as is. */
char *pvi_export_phone_display(char *out, size_t cap, const char *e164);
/* Price in euro cents → "45,00 €" (U+00A0 before the sign, U+202F between
 * groups of thousands: "1 250,00 €"); 0 → "Gratuit". */
char *pvi_export_price_display(char *out, size_t cap, long long cents);

#endif
