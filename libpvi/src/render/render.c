/* render.c — compiled XSLT stylesheets and locked-down transformations. */
#include "pvi/pvi_render.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "xmlarena.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pvi_stylesheet {
    xsltStylesheetPtr xsl;
};

struct pvi_xml {
    xmlDocPtr doc;
};

/* COMPACT: short texts are stored in their node (fewer allocations). */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* No external entity, DTD or stylesheet reaches the network or the disk
 * through the parser after start-up. */
static xmlParserInputPtr
no_external_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)id;
    (void)ctxt;
    pvi_warn("refused to load external resource %s", url ? url : "(null)");
    return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static xmlExternalEntityLoader default_loader;
static xsltSecurityPrefsPtr prefs; /* built once, shared by every transformation */

static int forbid(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value);

/* libxml2 and libxslt report refused operations in fragments on stderr:
 * route them to the debug log (the refusal itself is logged as a warning). */
static void
quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    va_list ap;
    va_start(ap, msg);
    char line[512];
    vsnprintf(line, sizeof line, msg, ap);
    va_end(ap);
    pvi_debug("xml: %s", line);
}

static void
init_once(void)
{
    pvi_xmlarena_install();
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    xsltSetGenericErrorFunc(NULL, quiet);
    default_loader = xmlGetExternalEntityLoader();
    prefs = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, forbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, forbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, forbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, forbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, forbid);
}

void
pvi_render_init(void)
{
    pthread_once(&once, init_once);
}

/* Stylesheets load their imports through the default loader (compile time
 * only); documents and transformations run with the refusing loader. */
static pthread_mutex_t loader_mu = PTHREAD_MUTEX_INITIALIZER;

enum pvi_code
pvi_stylesheet_load(struct pvi_stylesheet **out, const char *path)
{
    pvi_render_init();
    *out = NULL;
    pthread_mutex_lock(&loader_mu);
    xmlSetExternalEntityLoader(default_loader);
    xmlDocPtr doc = xmlReadFile(path, NULL, PARSE_OPTIONS);
    xsltStylesheetPtr xsl = doc ? xsltParseStylesheetDoc(doc) : NULL;
    xmlSetExternalEntityLoader(no_external_entities);
    pthread_mutex_unlock(&loader_mu);
    if (xsl == NULL) {
        if (doc)
            xmlFreeDoc(doc);
        pvi_error("cannot compile stylesheet %s", path);
        return PVI_CONFIG;
    }
    struct pvi_stylesheet *s = pvi_malloc(sizeof *s);
    s->xsl = xsl;
    *out = s;
    return PVI_OK;
}

void
pvi_stylesheet_free(struct pvi_stylesheet *s)
{
    if (s == NULL)
        return;
    xsltFreeStylesheet(s->xsl);
    free(s);
}

/* One parser context per thread, reused: creating one costs about a sixth of
 * parsing a published document. Its dictionary (element and attribute names,
 * blank strings) is shared by the documents it parses, which only ever live
 * in the thread; it is started afresh when it grows past a few thousand
 * names, so a stream of unusual documents cannot make it grow without end. */
static pthread_key_t parser_key;
static pthread_once_t parser_once = PTHREAD_ONCE_INIT;

static void
parser_free(void *p)
{
    xmlFreeParserCtxt(p);
}

static void
parser_key_init(void)
{
    pthread_key_create(&parser_key, parser_free);
}

static xmlParserCtxtPtr
thread_parser(void)
{
    pthread_once(&parser_once, parser_key_init);
    xmlParserCtxtPtr ctxt = pthread_getspecific(parser_key);
    if (ctxt != NULL && ctxt->dict != NULL && xmlDictSize(ctxt->dict) > 4096) {
        xmlFreeParserCtxt(ctxt);
        ctxt = NULL;
    }
    if (ctxt == NULL) {
        ctxt = xmlNewParserCtxt();
        pthread_setspecific(parser_key, ctxt);
    }
    return ctxt;
}

enum pvi_code
pvi_xml_parse(struct pvi_xml **out, const char *data, size_t len)
{
    pvi_render_init();
    *out = NULL;
    if (len > (size_t)0x7fffffff)
        return PVI_BAD_REQUEST;
    /* in a render scope, a context of its own: one kept by the thread would
     * hold arena memory past the scope */
    int scoped = pvi_xmlarena_active();
    xmlParserCtxtPtr ctxt = scoped ? xmlNewParserCtxt() : thread_parser();
    if (ctxt == NULL)
        return PVI_INTERNAL;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8", PARSE_OPTIONS);
    if (scoped)
        xmlFreeParserCtxt(ctxt);
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        if (doc)
            xmlFreeDoc(doc);
        return PVI_BAD_REQUEST;
    }
    struct pvi_xml *x = pvi_malloc(sizeof *x);
    x->doc = doc;
    *out = x;
    return PVI_OK;
}

enum pvi_code
pvi_xml_empty(struct pvi_xml **out)
{
    return pvi_xml_parse(out, "<none/>", 7);
}

/* Frees a document. Made in a render scope, its nodes go with the scope (walking
 * the tree to free every node would cost about a twentieth of a page): only
 * what holds a reference to a dictionary is let go — the ID and reference
 * tables (an HTML result has IDs) and the document's own dictionary, which
 * holds a mutex, and for a result tree a reference to the stylesheet's
 * dictionary. A document with a DTD (never one of ours) is freed in full. */
static void
doc_free(xmlDocPtr doc)
{
    if (!pvi_xmlarena_owns(doc) || doc->intSubset != NULL || doc->extSubset != NULL) {
        xmlFreeDoc(doc);
        return;
    }
    if (doc->ids != NULL)
        xmlFreeIDTable(doc->ids);
    if (doc->refs != NULL)
        xmlFreeRefTable(doc->refs);
    if (doc->dict != NULL)
        xmlDictFree(doc->dict);
}

void
pvi_xml_free(struct pvi_xml *x)
{
    if (x == NULL)
        return;
    doc_free(x->doc);
    free(x);
}

const char *
pvi_xml_root_attr(char *out, size_t cap, const struct pvi_xml *x, const char *name)
{
    out[0] = '\0';
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)name) : NULL;
    if (v) {
        snprintf(out, cap, "%s", (const char *)v);
        xmlFree(v);
    }
    return out;
}

static xmlNodePtr
find(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
        xmlNodePtr c = find(n->children, name);
        if (c)
            return c;
    }
    return NULL;
}

const char *
pvi_xml_find_text(char *out, size_t cap, const struct pvi_xml *x, const char *name)
{
    out[0] = '\0';
    xmlNodePtr n = find(xmlDocGetRootElement(x->doc), name);
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    if (v) {
        snprintf(out, cap, "%s", (const char *)v);
        xmlFree(v);
    }
    return out;
}

static int
has(xmlNodePtr n, const char *element, const char *attr, const char *value)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, element) == 0) {
            xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
            int match = v && strcmp((const char *)v, value) == 0;
            xmlFree(v);
            if (match)
                return 1;
        }
        if (has(n->children, element, attr, value))
            return 1;
    }
    return 0;
}

int
pvi_xml_has(const struct pvi_xml *x, const char *element, const char *attr, const char *value)
{
    return has(xmlDocGetRootElement(x->doc), element, attr, value);
}

/* Every file and network access of a transformation is refused. */
static int
forbid(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    (void)sec;
    (void)ctxt;
    pvi_warn("stylesheet tried a forbidden operation on %s", value ? value : "(null)");
    return 0;
}

enum pvi_code
pvi_render(char **out, size_t *len_out, const struct pvi_stylesheet *s, const struct pvi_xml *doc,
           const char *const *params)
{
    *out = NULL;
    *len_out = 0;
    enum pvi_code rc = PVI_INTERNAL;
    xsltTransformContextPtr ctxt = xsltNewTransformContext(s->xsl, doc->doc);
    xmlDocPtr res = NULL;
    if (ctxt == NULL)
        goto cleanup;
    xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET);
    pvi_render_init();
    if (xsltSetCtxtSecurityPrefs(prefs, ctxt) != 0)
        goto cleanup;
    /* the values are strings, not XPath expressions to compile and evaluate */
    if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0)
        goto cleanup;
    res = xsltApplyStylesheetUser(s->xsl, doc->doc, NULL, NULL, NULL, ctxt);
    if (res == NULL || ctxt->state != XSLT_STATE_OK)
        goto cleanup;
    if (s->xsl->method && xmlStrEqual(s->xsl->method, (const xmlChar *)"html")) {
        rc = pvi_html_serialize(out, len_out, res);
        goto cleanup;
    }
    xmlChar *buf = NULL;
    int len = 0;
    if (xsltSaveResultToString(&buf, &len, res, s->xsl) != 0)
        goto cleanup;
    /* hand over a free()-able copy */
    *out = pvi_malloc((size_t)len + 1);
    if (len > 0)
        memcpy(*out, buf, (size_t)len);
    (*out)[len] = '\0';
    *len_out = (size_t)len;
    xmlFree(buf);
    rc = PVI_OK;
cleanup:
    if (rc != PVI_OK)
        pvi_warn("XSLT transformation failed or was refused");
    if (ctxt)
        xsltFreeTransformContext(ctxt);
    if (res)
        doc_free(res);
    return rc;
}

enum pvi_code
pvi_render_tree(char **out, size_t *len_out, const struct pvi_stylesheet *s, struct _xmlDoc *doc,
                const char *const *params)
{
    struct pvi_xml x = {.doc = doc};
    return pvi_render(out, len_out, s, &x, params);
}
