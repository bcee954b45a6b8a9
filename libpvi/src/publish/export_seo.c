/* export_seo.c — what search engines read: the meta description (given or
 * made from the content), the title and the schema.org JSON-LD text. */
#include "export.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A clean copy of text cut to 160 characters: on a word when there is a
 * space in the second half, with an ellipsis. Owned by the caller. */
static char *
description_cut(const char *text)
{
    char *clean = pvi_xml__clean_text(text);
    if (pvi_utf8_length(clean) <= PVI_SEO_DESCRIPTION_MAX)
        return clean;
    size_t cut = pvi_utf8_prefix(clean, PVI_SEO_DESCRIPTION_MAX - 1);
    size_t half = pvi_utf8_prefix(clean, PVI_SEO_DESCRIPTION_MAX / 2);
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
    const char *name = pvi_export__str(c, "business_name"),
               *activity = pvi_export__str(c, "activity");
    const char *city = pvi_export__str(a, "city"), *pc = pvi_export__str(a, "postal_code"),
               *tagline = pvi_export__str(c, "tagline");
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
        char *clean_b = pvi_xml__clean_text(b.data), *clean_s = pvi_xml__clean_text(sentence);
        if (pvi_utf8_length(clean_b) + pvi_utf8_length(clean_s) <= PVI_SEO_DESCRIPTION_MAX)
            pvi_buf_puts(&b, sentence);
        free(clean_b);
        free(clean_s);
        free(sentence);
    }
    char *clean = pvi_xml__clean_text(b.data);
    pvi_buf_free(&b);
    return clean;
}

/* The page title of the home page: "<name> – <activity> à <city>". */
static char *
site_title(const json_t *c)
{
    const json_t *a = json_object_get(c, "address");
    const char *name = pvi_export__str(c, "business_name"),
               *activity = pvi_export__str(c, "activity");
    const char *city = pvi_export__str(a, "city");

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
        pvi_xml__no_memory();
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

void
pvi_export__seo(struct pvi_export__ctx *x)
{
    xmlNodePtr seo = pvi_xml__el(x->root, "seo");
    const char *given = pvi_export__str(x->c, "seo_description");
    char *title = site_title(x->c);
    char *built = given ? NULL : default_description(x->c);
    char *description = description_cut(given ? given : built);

    pvi_xml__text_el(seo, "title", title);
    xmlNodePtr d = pvi_xml__text_el(seo, "description", description);
    pvi_xml__attr(d, "default", given ? "false" : "true");
    pvi_export__ld_str(x->ld, "description", description);
    char *ld = json_ld_text(x->ld);
    pvi_xml__text_el(seo, "json-ld", ld);
    free(ld);
    free(title);
    free(built);
    free(description);
}
