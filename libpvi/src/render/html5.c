/* html5.c — the HTML5 serialiser of result trees (pvi_html_serialize). */
#include "pvi/pvi_render.h"

#include "pvi/pvi_mem.h"

#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

/* libxml2's HTML serialiser (xsltSaveResultToString for method="html") costs
 * about as much as the transformation itself: it looks every element up in
 * its HTML 4 tables, URI-escapes href and src, and inserts a <meta
 * http-equiv>. Result trees of method="html" are written here instead, as
 * HTML5: void elements without an end tag, text and attribute values
 * escaped, the contents of <script> and <style> raw except that "</" is
 * written "<\/", so no text can close them early. */

/* HTML5's void elements, looked up by length first (every element asks). */
static int
is_void(const xmlChar *name)
{
    static const char *const by_len[][6] = {
        {NULL},
        {NULL},
        {"br", "hr", NULL},
        {"col", "img", "wbr", NULL},
        {"area", "base", "link", "meta", NULL},
        {"embed", "input", "param", "track", NULL},
        {"source", NULL},
    };
    size_t n = strlen((const char *)name);
    if (n >= PVI_COUNT_OF(by_len))
        return 0;
    for (size_t i = 0; by_len[n][i]; i++)
        if (memcmp(name, by_len[n][i], n) == 0)
            return 1;
    return 0;
}

static int
is_raw_text(const xmlChar *name)
{
    return (name[0] == 's') &&
           (strcmp((const char *)name, "script") == 0 || strcmp((const char *)name, "style") == 0);
}

/* Appending to the output: inline, the serialiser writes in small pieces.
 * The buffer keeps one spare byte for the final NUL. */
static void
out_grow(struct pvi_buf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 8192;
    while (cap < b->len + n + 1)
        cap *= 2;
    b->data = pvi_realloc(b->data, cap);
    b->cap = cap;
}

static inline void
out(struct pvi_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap)
        out_grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static inline void
out_str(struct pvi_buf *b, const char *s)
{
    out(b, s, strlen(s));
}

#define OUT_LIT(b, lit) out((b), (lit), sizeof(lit) - 1)

/* Which bytes need an entity: in text, & < >; in an attribute value, " too. */
static const unsigned char escape_text[256] = {['&'] = 1, ['<'] = 1, ['>'] = 1};
static const unsigned char escape_attr[256] = {['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1};

/* Appends s escaped: & < > always, and " as well inside an attribute value. */
static void
put_escaped(struct pvi_buf *b, const xmlChar *s, int attr)
{
    const unsigned char *table = attr ? escape_attr : escape_text;
    const xmlChar *run = s, *p = s;
    for (; *p; p++) {
        if (!table[*p])
            continue;
        out(b, run, (size_t)(p - run));
        switch (*p) {
        case '&':
            OUT_LIT(b, "&amp;");
            break;
        case '<':
            OUT_LIT(b, "&lt;");
            break;
        case '>':
            OUT_LIT(b, "&gt;");
            break;
        default:
            OUT_LIT(b, "&quot;");
            break;
        }
        run = p + 1;
    }
    out(b, run, (size_t)(p - run));
}

/* Appends raw text, with every "</" written "<\/". */
static void
put_raw(struct pvi_buf *b, const xmlChar *s)
{
    const char *p = (const char *)s;
    const char *lt;
    while ((lt = strstr(p, "</")) != NULL) {
        out(b, p, (size_t)(lt - p));
        OUT_LIT(b, "<\\/");
        p = lt + 2;
    }
    out_str(b, p);
}

static void
put_name(struct pvi_buf *b, const xmlNs *ns, const xmlChar *name)
{
    if (ns && ns->prefix) {
        out_str(b, (const char *)ns->prefix);
        OUT_LIT(b, ":");
    }
    out_str(b, (const char *)name);
}

static int
html_nodes(struct pvi_buf *b, xmlNodePtr n, int raw, int depth)
{
    if (depth > 256)
        return -1;
    for (; n; n = n->next) {
        switch (n->type) {
        case XML_ELEMENT_NODE: {
            OUT_LIT(b, "<");
            put_name(b, n->ns, n->name);
            for (xmlNsPtr d = n->nsDef; d; d = d->next) {
                out_str(b, d->prefix ? " xmlns:" : " xmlns");
                if (d->prefix)
                    out_str(b, (const char *)d->prefix);
                OUT_LIT(b, "=\"");
                put_escaped(b, d->href ? d->href : (const xmlChar *)"", 1);
                OUT_LIT(b, "\"");
            }
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                OUT_LIT(b, " ");
                put_name(b, a->ns, a->name);
                OUT_LIT(b, "=\"");
                for (xmlNodePtr t = a->children; t; t = t->next)
                    if (t->content)
                        put_escaped(b, t->content, 1);
                OUT_LIT(b, "\"");
            }
            OUT_LIT(b, ">");
            if (is_void(n->name))
                break;
            if (html_nodes(b, n->children, is_raw_text(n->name), depth + 1) != 0)
                return -1;
            OUT_LIT(b, "</");
            put_name(b, n->ns, n->name);
            OUT_LIT(b, ">");
            break;
        }
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (n->content == NULL)
                break;
            if (raw)
                put_raw(b, n->content);
            else if (n->name == xmlStringTextNoenc) /* disable-output-escaping */
                out_str(b, (const char *)n->content);
            else
                put_escaped(b, n->content, 0);
            break;
        case XML_ENTITY_REF_NODE:
            OUT_LIT(b, "&");
            out_str(b, (const char *)n->name);
            OUT_LIT(b, ";");
            break;
        case XML_COMMENT_NODE:
            OUT_LIT(b, "<!--");
            if (n->content)
                put_raw(b, n->content);
            OUT_LIT(b, "-->");
            break;
        case XML_DTD_NODE:
            OUT_LIT(b, "<!DOCTYPE html>\n");
            break;
        default: /* processing instructions and the like: HTML has none */
            break;
        }
    }
    return 0;
}

enum pvi_code
pvi_html_serialize(char **out, size_t *len_out, const struct _xmlDoc *result)
{
    struct pvi_buf b = {0};
    *out = NULL;
    *len_out = 0;
    out_grow(&b, 0);
    if (html_nodes(&b, result->children, 0, 0) != 0) {
        pvi_buf_free(&b);
        return PVI_INTERNAL;
    }
    b.data[b.len] = '\0';
    *len_out = b.len;
    *out = pvi_buf_steal(&b);
    return PVI_OK;
}
