/* export.h — libpvi-internal: the parts of the XML export of a site
 * (export.c: the document and its head sections; export_display.c: display
 * forms; export_lists.c: hours, closures, services, media; export_codes.c:
 * payment methods, languages, social links; export_seo.c: description,
 * title, JSON-LD). */
#ifndef PVI_PUBLISH_EXPORT_H
#define PVI_PUBLISH_EXPORT_H

#include "render/xmltree.h"

#include "pvi/pvi_export.h"
#include "pvi/pvi_mem.h"

#include <jansson.h>

/* The document being built. */
struct pvi_export__ctx {
    const json_t *c; /* the content */
    xmlNodePtr root;
    json_t *ld;       /* the JSON-LD object being built */
    int has_services; /* what the pages depend on, as exported */
    int has_photos, has_videos;
};

/* ---- reading the content (normalised; anything unexpected is skipped) ---- */

/* The string member key of obj, or NULL when absent, not a string or empty. */
const char *pvi_export__str(const json_t *obj, const char *key);
/* The array member key of obj when it has at least one element, else NULL. */
const json_t *pvi_export__items(const json_t *obj, const char *key);

/* ---- building ---- */

/* Removes a list element that ended up empty (the content held only
 * unusable items); returns 1 when it was kept. */
int pvi_export__keep_if_not_empty(xmlNodePtr n);
/* Sets a string member of a JSON-LD object (dropped when s is NULL). */
void pvi_export__ld_str(json_t *obj, const char *key, const char *s);
/* A multi-line text as <p> elements (blank lines end a paragraph, single
 * line breaks become <br>). */
void pvi_export__add_paragraphs(xmlNodePtr parent, const char *text);

/* ---- display forms (export_display.c) ---- */

/* "09:00" → "9 h", "14:30" → "14 h 30" */
void pvi_export__time_display(char out[static 16], const char *hhmm);
/* "2026-12-25" → "25 décembre 2026" (new string) */
char *pvi_export__date_display(const char *iso);
/* A coordinate with at most 6 decimals, without trailing zeros. */
void pvi_export__coord_display(char out[static 32], double x);
/* Percent-encodes s into b, leaving letters, digits and the characters of keep. */
void pvi_export__url_encode(struct pvi_buf *b, const char *s, const char *keep);

/* ---- sections ---- */

void pvi_export__business(struct pvi_export__ctx *x);
void pvi_export__contact(struct pvi_export__ctx *x);
void pvi_export__hours(struct pvi_export__ctx *x);
void pvi_export__closures(struct pvi_export__ctx *x);
void pvi_export__services(struct pvi_export__ctx *x);
void pvi_export__media(struct pvi_export__ctx *x);
void pvi_export__codes(struct pvi_export__ctx *x);
void pvi_export__social(struct pvi_export__ctx *x);
void pvi_export__seo(struct pvi_export__ctx *x);

#endif
