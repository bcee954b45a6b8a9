/* pvi_render.h — XSLT rendering with libxslt, locked down: stylesheets are
 * compiled once (and again on reload: their imports are read then), documents
 * are parsed without network access or external entities, and a
 * transformation may read no file, write no file, create no folder and open
 * no network connection (the public site's rule): everything it needs is in the
 * document and the parameters. */
#ifndef PVI_RENDER_H
#define PVI_RENDER_H

#include "pvi/pvi_error.h"

#include <stddef.h>

/* One-time process set-up (xmlInitParser, no external entity loader that
 * could reach the network or the file system for DTDs). Idempotent. */
void pvi_render_init(void);

struct pvi_stylesheet;

/* Compiles path (imports and includes are resolved now, relative to it).
 * *out belongs to the caller (pvi_stylesheet_free). PVI_CONFIG when the file
 * is missing or invalid (logged). */
enum pvi_code pvi_stylesheet_load(struct pvi_stylesheet **out, const char *path);
void pvi_stylesheet_free(struct pvi_stylesheet *s);

struct pvi_xml;
/* Parses a document (XML_PARSE_NONET, no entity substitution, no DTD
 * loading). *out belongs to the caller (pvi_xml_free). PVI_BAD_REQUEST for
 * malformed input. */
enum pvi_code pvi_xml_parse(struct pvi_xml **out, const char *data, size_t len);
void pvi_xml_free(struct pvi_xml *doc);
/* Value of an attribute of the root element, copied into out (cap bytes);
 * "" when absent. */
const char *pvi_xml_root_attr(char *out, size_t cap, const struct pvi_xml *doc, const char *name);
/* Text of the first element with this local name anywhere under the root
 * (document order), copied into out; "" when absent. */
const char *pvi_xml_find_text(char *out, size_t cap, const struct pvi_xml *doc, const char *name);

/* Whether an element with this local name has attr = value, anywhere. */
int pvi_xml_has(const struct pvi_xml *doc, const char *element, const char *attr,
                const char *value);

/* Applies the stylesheet to doc with string parameters (name/value pairs,
 * NULL-terminated; values are strings, never evaluated as XPath, so any text
 * is safe). *out (caller frees with free()) receives the serialised result.
 * PVI_INTERNAL when the transformation fails or was refused by the security
 * rules (logged). */
enum pvi_code pvi_render(char **out, size_t *len_out, const struct pvi_stylesheet *s,
                         const struct pvi_xml *doc, const char *const *params);

/* The same for a document built in memory with libxml2's tree API (a
 * view): borrowed, not freed. */
struct _xmlDoc;
enum pvi_code pvi_render_tree(char **out, size_t *len_out, const struct pvi_stylesheet *s,
                              struct _xmlDoc *doc, const char *const *params);

/* Writes a result tree of libxslt (an xmlDoc) as HTML5 — what pvi_render
 * does for stylesheets whose output method is "html": void elements without
 * end tag, text and attribute values escaped, "</" inside <script> and
 * <style> written "<\/". For tests and tools that run libxslt themselves.
 * *out is free()d by the caller. PVI_INTERNAL for a tree nested too deep. */
enum pvi_code pvi_html_serialize(char **out, size_t *len_out, const struct _xmlDoc *result);

/* Render scopes: between begin and end, what libxml2 and libxslt allocate on
 * this thread comes from the thread's arena and is released at once at the
 * end (a page costs thousands of small allocations that all die with it).
 * Everything parsed or rendered inside a scope (pvi_xml_parse, pvi_render's
 * intermediate trees) must be freed before its end; the strings pvi_render
 * hands out are malloc()ed and outlive it. Scopes do not nest; code outside
 * scopes allocates as usual. */
void pvi_render_scope_begin(void);
void pvi_render_scope_end(void);

/* An empty document (<none/>), for stylesheets that need no input. */
enum pvi_code pvi_xml_empty(struct pvi_xml **out);

#endif
