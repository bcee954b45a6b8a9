/* test_charters.c — the public charters (xsl/charters/): every charter ×
 * every page renders a valid, accessible HTML5 page from an exported
 * document, with its title, description, canonical link, one <h1>, alt texts
 * and a schema.org LocalBusiness block that parses; hostile names stay text;
 * the three charters look different; sitemap, "unavailable" and "unknown
 * host" pages; and no stylesheet reads a file while rendering.
 *
 * Stylesheets are compiled from PVI_XSL_DIR and applied the way internet-fo
 * does: security preferences that forbid every file and network access, set
 * after compiling, plus a document loader that counts (and refuses) loads. */
#include "testenv.h"

#include "pvi/pvi_export.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_render.h"
#include "pvi/pvi_validate.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

#define SHA1 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA2 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA3 "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
#define SHA4 "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7"
#define NBSP "\xC2\xA0"      /* U+00A0 no-break space */
#define NNBSP "\xE2\x80\xAF" /* U+202F narrow no-break space */
#define EURO "\xE2\x82\xAC"

#define BASE "http://demo.pvi.localhost:8080"
#define HOSTILE_NAME "</script><script>alert(1)</script>"

static const char *const charters[] = {"classique", "azur", "terroir"};
static const char *const pages[] = {"home", "services", "contact", "photos", "notfound"};
static const char *const page_paths[] = {"/", "/services", "/contact", "/photos", NULL};

/* ---------------------------------------------------------------------------
 * Fixtures: exported documents.
 */

static const char full_content[] =
    "{'business_name': 'Plomberie Martin',"
    " 'activity': 'Plombier',"
    " 'tagline': 'D\\u00e9pannage 7j/7',"
    " 'description': 'Plombier \\u00e0 Rennes depuis 1998.\\nArtisan RGE.\\n\\nDevis gratuit.',"
    " 'phones': [{'kind': 'fixed', 'number': '02 99 12 34 56'},"
    "            {'kind': 'mobile', 'number': '06 12 34 56 78'}],"
    " 'email': 'contact@plomberie-martin.fr',"
    " 'address': {'street': '12 rue de la Monnaie', 'postal_code': '35000', 'city': 'Rennes',"
    "             'geo': {'lat': 48.11, 'lon': -1.68}},"
    " 'hours': {'mon': [{'open': '08:00', 'close': '12:00'}, {'open': '14:00', 'close': '18:30'}],"
    "           'sat': [{'open': '09:00', 'close': '12:00'}], 'sun': []},"
    " 'closures': [{'from': '2026-12-24', 'to': '2026-12-26', 'reason': 'Cong\\u00e9s'}],"
    " 'services': [{'title': 'D\\u00e9bouchage', 'description': 'Intervention rapide.',"
    "               'price_cents': 4500},"
    "              {'title': 'Devis', 'price_cents': 0},"
    "              {'title': 'Salle de bains', 'price_cents': 125000},"
    "              {'title': 'Conseil'}],"
    " 'photos': [{'media': '" SHA1 "', 'caption': 'Notre atelier', 'alt': 'Atelier de plomberie'},"
    "            {'media': '" SHA2 "', 'alt': 'Camionnette'}],"
    " 'logo': '" SHA3 "',"
    " 'videos': [{'media': '" SHA4 "', 'title': 'Pr\\u00e9sentation'}],"
    " 'payment_methods': ['cb', 'cheque'],"
    " 'languages': ['fr', 'en'],"
    " 'social_links': ['https://www.facebook.com/plomberie.martin'],"
    " 'domains': ['www.plomberie-martin.fr'],"
    " 'charter': 'classique'}";

static const char minimal_content[] =
    "{'business_name': 'Plomberie Martin',"
    " 'activity': 'Plombier',"
    " 'phones': [{'kind': 'fixed', 'number': '02 99 12 34 56'}],"
    " 'address': {'street': '12 rue de la Monnaie', 'postal_code': '35000', 'city': 'Rennes'},"
    " 'charter': 'terroir'}";

static json_t *
jdoc(const char *single_quoted)
{
    char *s = strdup(single_quoted);
    json_error_t err;
    for (char *p = s; *p; p++)
        if (*p == '\'')
            *p = '"';
    json_t *j = json_loads(s, 0, &err);
    if (j == NULL)
        fail_msg("test JSON does not parse: %s (%s)", err.text, s);
    free(s);
    return j;
}

/* Exports content (validated first unless raw) and parses the document. */
static xmlDocPtr
site_doc(json_t *content, int validate)
{
    json_t *c = content;
    if (validate) {
        struct pvi_errors e = {0};
        c = NULL;
        if (pvi_content_validate(&c, content, &e) != PVI_OK)
            fail_msg("fixture does not validate: %s", e.n ? e.v[0].path : "");
        pvi_errors_clear(&e);
    }
    struct pvi_export_site in = {.site_id = 42,
                                 .slug = "plomberie-martin",
                                 .revision = 3,
                                 .published_at = "2025-06-01T10:00:00Z",
                                 .platform_domain = "pvi.localhost",
                                 .content = c};
    char *xml = NULL;
    size_t len = 0;
    assert_int_equal(pvi_export_xml(&xml, &len, &in), PVI_OK);
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, "site.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    free(xml);
    if (validate)
        json_decref(c);
    json_decref(content);
    return doc;
}

/* ---------------------------------------------------------------------------
 * Rendering like internet-fo.
 */

static int loads; /* documents the stylesheets tried to load while rendering */

static xmlDocPtr
refusing_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
    (void)uri, (void)dict, (void)options, (void)ctxt, (void)type;
    loads++;
    return NULL;
}

static void
silent(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

struct fixture {
    xsltStylesheetPtr charter[ROWS(charters)];
    xsltStylesheetPtr sitemap, unavailable, notfound;
    xmlDocPtr full, minimal;
};

static xsltStylesheetPtr
compile(const char *rel)
{
    char *path = pvi_asprintf("%s/charters/%s", testenv_require("PVI_XSL_DIR"), rel);
    xsltStylesheetPtr s = xsltParseStylesheetFile(BAD_CAST path);
    if (s == NULL)
        fail_msg("%s does not compile", path);
    free(path);
    return s;
}

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    for (size_t i = 0; i < ROWS(charters); i++) {
        char *rel = pvi_asprintf("%s.xsl", charters[i]);
        f->charter[i] = compile(rel);
        free(rel);
    }
    f->sitemap = compile("common/sitemap.xsl");
    f->unavailable = compile("common/unavailable.xsl");
    f->notfound = compile("common/notfound.xsl");
    f->full = site_doc(jdoc(full_content), 1);
    f->minimal = site_doc(jdoc(minimal_content), 1);
    /* from now on, any document load is counted and refused */
    xsltSetLoaderFunc(refusing_loader);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    xsltSetLoaderFunc(NULL);
    for (size_t i = 0; i < ROWS(charters); i++)
        xsltFreeStylesheet(f->charter[i]);
    xsltFreeStylesheet(f->sitemap);
    xsltFreeStylesheet(f->unavailable);
    xsltFreeStylesheet(f->notfound);
    xmlFreeDoc(f->full);
    xmlFreeDoc(f->minimal);
    free(f);
    return 0;
}

/* Applies style to doc with params ("name", "value", …, NULL; values are
 * literal strings), every file and network access forbidden. Returns the
 * serialised result (caller frees) or NULL when the transformation failed. */
static char *
render_or_null(xsltStylesheetPtr style, xmlDocPtr doc, const char **params)
{
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
    xmlDocPtr res = NULL;
    xmlChar *buf = NULL;
    int len = 0;
    char *out = NULL;

    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetCtxtSecurityPrefs(sec, ctxt);
    xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET);
    if (params != NULL)
        xsltQuoteUserParams(ctxt, params);
    res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
    if (res != NULL && ctxt->state == XSLT_STATE_OK && style->method &&
        xmlStrEqual(style->method, BAD_CAST "html")) {
        /* libpvi's HTML5 serialiser, the one internet-fo uses */
        size_t n = 0;
        if (pvi_html_serialize(&out, &n, res) != PVI_OK)
            out = NULL;
    } else if (res != NULL && ctxt->state == XSLT_STATE_OK &&
               xsltSaveResultToString(&buf, &len, res, style) == 0 && buf != NULL) {
        out = pvi_strndup((const char *)buf, (size_t)len);
    }
    xmlFree(buf);
    xmlFreeDoc(res);
    xsltFreeTransformContext(ctxt);
    xsltFreeSecurityPrefs(sec);
    return out;
}

static char *
render(xsltStylesheetPtr style, xmlDocPtr doc, const char **params)
{
    char *out = render_or_null(style, doc, params);
    if (out == NULL)
        fail_msg("transformation failed");
    return out;
}

static char *
render_page(xsltStylesheetPtr style, xmlDocPtr doc, const char *page, const char *base,
            const char *css)
{
    const char *params[] = {"page", page, "base", base, "css", css, NULL};
    return render(style, doc, params);
}

/* ---------------------------------------------------------------------------
 * Reading the output.
 */

struct html_errors {
    char text[2048];
    int n;
};

static void
html_error(void *data, xmlErrorPtr err)
{
    struct html_errors *e = data;
    /* libxml2's HTML parser knows HTML 4 only: HTML5 elements (header, main,
     * nav, section, figure…) are "unknown tags", which is not an error here. */
    if (err->code == XML_HTML_UNKNOWN_TAG)
        return;
    e->n++;
    size_t used = strlen(e->text);
    snprintf(e->text + used, sizeof e->text - used, "line %d: %s", err->line,
             err->message ? err->message : "?");
}

/* Parses html and fails the test on any parse error. */
static htmlDocPtr
html_parse(const char *html)
{
    struct html_errors e = {.n = 0};
    xmlSetStructuredErrorFunc(&e, html_error);
    htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), "page.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (d == NULL || e.n > 0)
        fail_msg("HTML parse errors (%d): %s\n%s", e.n, e.text, html);
    return d;
}

/* string(expr) on doc; prefix "sm" is the sitemap namespace. Caller frees. */
static char *
hx(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "sm", BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
    char *full = pvi_asprintf("string(%s)", expr);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST full, ctx);
    if (r == NULL)
        fail_msg("bad XPath %s", expr);
    char *s = strdup((const char *)r->stringval);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    free(full);
    return s;
}

#define assert_hx(doc, expr, want, what)                                                           \
    do {                                                                                           \
        char *got_ = hx((doc), (expr));                                                            \
        if (strcmp(got_, (want)) != 0)                                                             \
            fail_msg("%s: %s: got \"%s\", want \"%s\"", (what), (expr), got_, (want));             \
        free(got_);                                                                                \
    } while (0)

static int
occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The JSON-LD block of the page, parsed. */
static json_t *
page_json_ld(htmlDocPtr doc, const char *what)
{
    char *text = hx(doc, "//script[@type='application/ld+json']");
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    if (j == NULL)
        fail_msg("%s: JSON-LD does not parse: %s\n%s", what, err.text, text);
    free(text);
    return j;
}

static const char *
jstr(const json_t *obj, const char *key1, const char *key2)
{
    const json_t *v = json_object_get(obj, key1);
    if (key2 != NULL)
        v = json_object_get(v, key2);
    return json_is_string(v) ? json_string_value(v) : "(absent)";
}

/* Headings go h1 first and never skip a level going down. */
static void
assert_heading_order(htmlDocPtr doc, const char *what)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(
        BAD_CAST "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]", ctx);
    assert_non_null(r);
    int prev = 0;
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        int level = r->nodesetval->nodeTab[i]->name[1] - '0';
        if (i == 0 && level != 1)
            fail_msg("%s: the first heading is h%d", what, level);
        if (level > prev + 1)
            fail_msg("%s: h%d follows h%d", what, level, prev);
        prev = level;
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
}

/* What every charter page must have. */
static void
assert_common_page(const char *html, htmlDocPtr doc, const char *charter, const char *page,
                   const char *css, const char *what)
{
    if (strncmp(html, "<!DOCTYPE html>\n", 16) != 0)
        fail_msg("%s: does not start with <!DOCTYPE html>", what);
    assert_hx(doc, "count(/html[@lang='fr'])", "1", what);
    assert_hx(doc, "count(//title)", "1", what);
    assert_hx(doc, "count(//title[contains(., 'Plomberie Martin')])", "1", what);
    assert_hx(doc, "count(//meta[@name='description'][string-length(@content) > 20])", "1", what);
    assert_hx(doc, "count(//meta[@name='viewport'])", "1", what);
    assert_hx(doc, "count(//meta[@charset or @http-equiv='Content-Type'])", "1", what);
    assert_hx(doc, "count(//h1)", "1", what);
    assert_hx(doc, "count(//header)", "1", what);
    assert_hx(doc, "count(//main)", "1", what);
    assert_hx(doc, "count(//footer)", "1", what);
    assert_hx(doc, "count(//nav[@aria-label])", "1", what);
    assert_hx(doc, "//link[@rel='stylesheet']/@href", css, what);
    assert_hx(doc, "count(//img[not(@alt) or normalize-space(@alt) = ''])", "0", what);
    assert_hx(doc, "count(//a[@href='#contenu']) + count(//main[@id='contenu'])", "2", what);
    char *body = pvi_asprintf("count(//body[contains(concat(' ', @class, ' '), ' %s ')])", charter);
    assert_hx(doc, body, "1", what);
    free(body);
    /* one script: the JSON-LD; nothing executable */
    assert_hx(doc, "count(//script)", "1", what);
    assert_hx(doc, "count(//script[@type='application/ld+json'])", "1", what);
    assert_null(strstr(html, "javascript:"));
    assert_int_equal(occurrences(html, "<script"), 1);
    assert_int_equal(occurrences(html, "</script>"), 1);
    assert_heading_order(doc, what);

    json_t *ld = page_json_ld(doc, what);
    assert_string_equal(jstr(ld, "@context", NULL), "https://schema.org");
    assert_string_equal(jstr(ld, "@type", NULL), "LocalBusiness");
    assert_string_equal(jstr(ld, "name", NULL), "Plomberie Martin");
    assert_string_equal(jstr(ld, "telephone", NULL), "+33299123456");
    assert_string_equal(jstr(ld, "address", "streetAddress"), "12 rue de la Monnaie");
    assert_string_equal(jstr(ld, "address", "postalCode"), "35000");
    assert_string_equal(jstr(ld, "address", "addressLocality"), "Rennes");
    assert_string_equal(jstr(ld, "url", NULL), BASE "/");
    assert_string_equal(jstr(ld, "@id", NULL), BASE "/#entreprise");
    json_decref(ld);
}

/* Canonical link, navigation state and robots for page (index in pages[]). */
static void
assert_page_state(htmlDocPtr doc, size_t page, const char *what)
{
    if (page_paths[page] != NULL) {
        char *canonical = pvi_asprintf("%s%s", BASE, page_paths[page]);
        assert_hx(doc, "//link[@rel='canonical']/@href", canonical, what);
        assert_hx(doc, "count(//nav//a[@aria-current='page'])", "1", what);
        assert_hx(doc, "//nav//a[@aria-current='page']/@href", page_paths[page], what);
        assert_hx(doc, "count(//meta[@name='robots'])", "0", what);
        free(canonical);
    } else {
        assert_hx(doc, "count(//link[@rel='canonical'])", "0", what);
        assert_hx(doc, "count(//nav//a[@aria-current])", "0", what);
        assert_hx(doc, "//meta[@name='robots']/@content", "noindex", what);
        assert_hx(doc, "normalize-space(//h1)", "Page introuvable", what);
        assert_hx(doc, "count(//main//a[@href='/'])", "1", what);
    }
}

/* ---------------------------------------------------------------------------
 * Tests.
 */

static void
every_charter_renders_every_page_as_valid_accessible_html(void **state)
{
    struct fixture *f = *state;
    int loads_before = loads;

    for (size_t c = 0; c < ROWS(charters); c++) {
        char *css = pvi_asprintf("/_charte/%s.3fa9c1d2.css", charters[c]);
        for (size_t p = 0; p < ROWS(pages); p++) {
            char what[64];
            snprintf(what, sizeof what, "%s/%s", charters[c], pages[p]);
            char *html = render_page(f->charter[c], f->full, pages[p], BASE, css);
            htmlDocPtr doc = html_parse(html);
            assert_common_page(html, doc, charters[c], pages[p], css, what);
            assert_page_state(doc, p, what);
            /* the four pages in the navigation, in order */
            assert_hx(doc, "count(//nav//li)", "4", what);
            assert_hx(doc, "//nav//li[1]/a/@href", "/", what);
            assert_hx(doc, "//nav//li[4]/a/@href", "/contact", what);
            free(html);
            xmlFreeDoc(doc);
        }
        free(css);
    }
    assert_int_equal(loads, loads_before);
}

static void
home_page_shows_the_business(void **state)
{
    struct fixture *f = *state;
    for (size_t c = 0; c < ROWS(charters); c++) {
        char *html = render_page(f->charter[c], f->full, "home", BASE, "/c.css");
        htmlDocPtr doc = html_parse(html);
        const char *what = charters[c];
        assert_hx(doc, "normalize-space(//h1)", "Plomberie Martin", what);
        assert_hx(doc, "//title", "Plomberie Martin – Plombier à Rennes", what);
        assert_hx(doc, "//meta[@name='description']/@content",
                  "Plomberie Martin – Plombier à Rennes (35000). "
                  "Dépannage 7j/7.",
                  what);
        assert_hx(doc, "count(//*[normalize-space(.) = 'Dépannage 7j/7'])", "1", what);
        assert_hx(doc, "count(//p[starts-with(., 'Plombier à Rennes depuis 1998.')]/br)", "1",
                  what);
        assert_hx(doc, "count(//a[@href='tel:+33299123456']) > 0", "true", what);
        assert_hx(doc, "count(//img[@alt='Logo de Plomberie Martin'])", "1", what);
        assert_hx(doc, "count(//a[@href='https://www.facebook.com/plomberie.martin'])", "1", what);
        /* the hours table: a caption, a header row, the 7 days */
        assert_hx(doc, "count(//table/caption)", "1", what);
        assert_hx(doc, "count(//table/tbody/tr)", "7", what);
        assert_hx(doc, "//table/tbody/tr[1]/th[@scope='row']", "Lundi", what);
        assert_hx(doc, "//table/tbody/tr[7]/td", "Fermé", what);
        json_t *ld = page_json_ld(doc, what);
        assert_string_equal(jstr(ld, "logo", NULL), BASE "/media/" SHA3);
        assert_int_equal(json_array_size(json_object_get(ld, "image")), 2);
        assert_string_equal(json_string_value(json_array_get(json_object_get(ld, "image"), 0)),
                            BASE "/media/" SHA1);
        assert_int_equal(json_array_size(json_object_get(ld, "openingHoursSpecification")), 3);
        json_decref(ld);
        xmlFreeDoc(doc);
        free(html);
    }
}

static void
services_page_lists_every_service_with_its_price(void **state)
{
    struct fixture *f = *state;
    for (size_t c = 0; c < ROWS(charters); c++) {
        char *html = render_page(f->charter[c], f->full, "services", BASE, "/c.css");
        htmlDocPtr doc = html_parse(html);
        const char *what = charters[c];
        assert_hx(doc, "normalize-space(//h1)", "Prestations et tarifs", what);
        assert_hx(doc, "//title", "Prestations et tarifs – Plomberie Martin", what);
        assert_hx(doc, "count(//main//li[contains(@class, 'service')])", "4", what);
        assert_hx(doc, "//main//li[contains(@class, 'service')][1]/h2", "Débouchage", what);
        assert_hx(doc, "//main//li[contains(@class, 'service')][1]/*[@class='price']",
                  "45,00" NBSP EURO, what);
        assert_hx(doc, "//main//li[contains(@class, 'service')][1]/p[not(@class)]",
                  "Intervention rapide.", what);
        assert_hx(doc, "//main//li[contains(@class, 'service')][2]/*[@class='price']", "Gratuit",
                  what);
        assert_hx(doc, "//main//li[contains(@class, 'service')][3]/*[@class='price']",
                  "1" NNBSP "250,00" NBSP EURO, what);
        assert_hx(doc, "count(//main//li[contains(@class, 'service')][4]/*[@class='price'])", "0",
                  what);
        assert_hx(doc, "count(//dd[contains(., 'Carte bancaire')])", "1", what);
        xmlFreeDoc(doc);
        free(html);
    }
}

static void
contact_page_has_phone_mail_map_and_hours(void **state)
{
    struct fixture *f = *state;
    for (size_t c = 0; c < ROWS(charters); c++) {
        char *html = render_page(f->charter[c], f->full, "contact", BASE, "/c.css");
        htmlDocPtr doc = html_parse(html);
        const char *what = charters[c];
        assert_hx(doc, "normalize-space(//h1)", "Contact et accès", what);
        assert_hx(doc, "//main//a[@href='tel:+33299123456']", "02 99 12 34 56", what);
        assert_hx(doc, "//main//a[@href='tel:+33612345678']", "06 12 34 56 78", what);
        assert_hx(doc, "//main//a[@href='mailto:contact@plomberie-martin.fr']",
                  "contact@plomberie-martin.fr", what);
        assert_hx(doc,
                  "count(//main//a[@href='https://www.openstreetmap.org/?mlat=48.11&mlon=-1.68"
                  "#map=17/48.11/-1.68'])",
                  "1", what);
        assert_hx(doc, "normalize-space(//main//address)", "12 rue de la Monnaie35000 Rennes",
                  what);
        assert_hx(doc, "count(//main//table/tbody/tr)", "7", what);
        assert_hx(doc, "//main//table/tbody/tr[1]/td", "8h00 – 12h00, 14h00 – 18h30", what);
        assert_hx(doc,
                  "count(//li[. = 'Du 24 décembre 2026 au 26 décembre 2026 : "
                  "Congés'])",
                  "1", what);
        assert_hx(doc, "count(//dd[. = 'Français, Anglais'])", "1", what);
        xmlFreeDoc(doc);
        free(html);
    }
}

static void
photos_page_shows_the_gallery_and_videos(void **state)
{
    struct fixture *f = *state;
    for (size_t c = 0; c < ROWS(charters); c++) {
        char *html = render_page(f->charter[c], f->full, "photos", BASE, "/c.css");
        htmlDocPtr doc = html_parse(html);
        const char *what = charters[c];
        assert_hx(doc, "normalize-space(//h1)", "Photos et vidéos", what);
        assert_hx(doc, "count(//main//figure/img)", "2", what);
        assert_hx(doc, "//main//img[@src='/media/" SHA1 "']/@alt", "Atelier de plomberie", what);
        assert_hx(doc, "//main//img[@src='/media/" SHA2 "']/@alt", "Camionnette", what);
        assert_hx(doc, "//figure[img/@src='/media/" SHA1 "']/figcaption", "Notre atelier", what);
        assert_hx(doc, "count(//video[@src='/media/" SHA4 "'][@controls])", "1", what);
        assert_hx(doc, "//figure[video]/figcaption", "Présentation", what);
        xmlFreeDoc(doc);
        free(html);
    }
}

static void
pages_without_content_are_left_out_and_render_as_404(void **state)
{
    struct fixture *f = *state;
    for (size_t c = 0; c < ROWS(charters); c++) {
        const char *what = charters[c];
        char *html = render_page(f->charter[c], f->minimal, "home", BASE, "/c.css");
        htmlDocPtr doc = html_parse(html);
        assert_hx(doc, "count(//nav//li)", "2", what);
        assert_hx(doc, "count(//nav//a[@href='/services' or @href='/photos'])", "0", what);
        assert_hx(doc, "count(//img)", "0", what);
        assert_hx(doc, "count(//table)", "0", what); /* no hours given: no table */
        assert_hx(doc,
                  "count(//a[starts-with(@href, "
                  "'https://www.openstreetmap.org/search?query=12%20rue')])",
                  "1", what);
        assert_hx(doc, "count(//script[@type='application/ld+json'])", "1", what);
        xmlFreeDoc(doc);
        free(html);

        for (size_t p = 0; p < 2; p++) {
            const char *missing = p == 0 ? "services" : "photos";
            html = render_page(f->charter[c], f->minimal, missing, BASE, "/c.css");
            doc = html_parse(html);
            assert_hx(doc, "normalize-space(//h1)", "Page introuvable", what);
            assert_hx(doc, "//meta[@name='robots']/@content", "noindex", what);
            xmlFreeDoc(doc);
            free(html);
        }
        /* an unknown page name too */
        html = render_page(f->charter[c], f->minimal, "../../etc", BASE, "/c.css");
        doc = html_parse(html);
        assert_hx(doc, "normalize-space(//h1)", "Page introuvable", what);
        xmlFreeDoc(doc);
        free(html);
    }
}

static void
hostile_names_and_base_stay_text(void **state)
{
    struct fixture *f = *state;
    json_t *c = jdoc(full_content);
    json_object_set_new(c, "business_name", json_string(HOSTILE_NAME));
    json_object_set_new(c, "tagline", json_string("<b>gras</b> & \"guillemets\""));
    json_array_append_new(json_object_get(c, "photos"),
                          json_pack("{s:s, s:s}", "media", SHA3, "alt", "\"><script>x</script>"));
    xmlDocPtr doc = site_doc(c, 0); /* not validated: the validator would refuse markup */
    const char *hostile_base = "http://x\"</script><script>alert(2)</script>";

    for (size_t ch = 0; ch < ROWS(charters); ch++) {
        for (size_t p = 0; p < ROWS(pages); p++) {
            char what[64];
            snprintf(what, sizeof what, "%s/%s", charters[ch], pages[p]);
            for (int b = 0; b < 2; b++) {
                const char *base = b == 0 ? BASE : hostile_base;
                char *html = render_page(f->charter[ch], doc, pages[p], base, "/c.css");
                assert_null(strstr(html, "<script>"));
                assert_null(strstr(html, "<b>"));
                assert_int_equal(occurrences(html, "<script"), 1);
                assert_int_equal(occurrences(html, "</script>"), 1);
                htmlDocPtr h = html_parse(html);
                assert_hx(h, "count(//script)", "1", what);
                assert_hx(h, "count(//b)", "0", what);
                assert_hx(h, "count(//title[contains(., '" HOSTILE_NAME "')])", "1", what);
                json_t *ld = page_json_ld(h, what);
                assert_string_equal(jstr(ld, "name", NULL), HOSTILE_NAME);
                if (b == 1) /* what could end the JSON string or the script is dropped */
                    assert_string_equal(jstr(ld, "url", NULL),
                                        "http://x/scriptscriptalert(2)/script/");
                json_decref(ld);
                if (strcmp(pages[p], "home") == 0)
                    assert_hx(h, "normalize-space(//h1)", HOSTILE_NAME, what);
                if (strcmp(pages[p], "photos") == 0)
                    assert_hx(h, "//img[@src='/media/" SHA3 "' and not(@class)]/@alt",
                              "\"><script>x</script>", what);
                xmlFreeDoc(h);
                free(html);
            }
        }
    }
    xmlFreeDoc(doc);
}

static void
the_three_charters_look_different(void **state)
{
    struct fixture *f = *state;
    /* a structure only each charter has */
    static const char *const own[] = {
        "count(//header[contains(@class, 'cl-band')]) = 1 and count(//aside) = 0",
        "count(//*[contains(@class, 'az-hero')]) >= 1 and count(//*[contains(@class, "
        "'az-card')]) >= 3",
        "count(//aside[contains(@class, 'tr-sidebar')]) = 1",
    };
    char *html[ROWS(charters)];
    char *css_text[ROWS(charters)];

    for (size_t c = 0; c < ROWS(charters); c++) {
        html[c] = render_page(f->charter[c], f->full, "home", BASE, "/_charte/x.css");
        htmlDocPtr doc = html_parse(html[c]);
        for (size_t o = 0; o < ROWS(own); o++) {
            char *got = hx(doc, own[o]);
            if (strcmp(got, o == c ? "true" : "false") != 0)
                fail_msg("%s: \"%s\" is %s", charters[c], own[o], got);
            free(got);
        }
        xmlFreeDoc(doc);

        /* each CSS exists, is self-contained, and differs from the others */
        char *path =
            pvi_asprintf("%s/charters/%s.css", testenv_require("PVI_XSL_DIR"), charters[c]);
        FILE *fp = fopen(path, "rb");
        if (fp == NULL)
            fail_msg("missing %s", path);
        static char buf[65536];
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        fclose(fp);
        buf[n] = '\0';
        assert_true(n > 2000);
        assert_null(strstr(buf, "@import"));
        assert_null(strstr(buf, "url("));
        assert_null(strstr(buf, "http"));
        assert_null(strstr(buf, "@font-face"));
        css_text[c] = strdup(buf);
        free(path);
    }
    for (size_t a = 0; a < ROWS(charters); a++)
        for (size_t b = a + 1; b < ROWS(charters); b++) {
            assert_string_not_equal(html[a], html[b]);
            assert_string_not_equal(css_text[a], css_text[b]);
        }
    /* typography: classique and azur sans-serif, terroir serif */
    assert_null(strstr(css_text[0], "Georgia"));
    assert_non_null(strstr(css_text[0], "sans-serif"));
    assert_non_null(strstr(css_text[1], "sans-serif"));
    assert_non_null(strstr(css_text[2], "Georgia"));
    for (size_t c = 0; c < ROWS(charters); c++) {
        free(html[c]);
        free(css_text[c]);
    }
}

static void
sitemap_lists_the_pages_the_site_has(void **state)
{
    struct fixture *f = *state;
    const char *params[] = {"base", BASE, NULL};
    char *xml = render(f->sitemap, f->full, params);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "sitemap.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    assert_true(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);
    assert_hx(doc, "count(/sm:urlset/sm:url)", "4", "sitemap");
    assert_hx(doc, "/sm:urlset/sm:url[1]/sm:loc", BASE "/", "sitemap");
    assert_hx(doc, "/sm:urlset/sm:url[2]/sm:loc", BASE "/services", "sitemap");
    assert_hx(doc, "/sm:urlset/sm:url[3]/sm:loc", BASE "/photos", "sitemap");
    assert_hx(doc, "/sm:urlset/sm:url[4]/sm:loc", BASE "/contact", "sitemap");
    assert_hx(doc, "/sm:urlset/sm:url[1]/sm:lastmod", "2025-06-01", "sitemap");
    assert_hx(doc, "count(//*[namespace-uri() != 'http://www.sitemaps.org/schemas/sitemap/0.9'])",
              "0", "sitemap");
    xmlFreeDoc(doc);
    free(xml);

    /* a trailing slash on base is not doubled; absent pages are not listed */
    const char *params2[] = {"base", BASE "/", NULL};
    xml = render(f->sitemap, f->minimal, params2);
    doc = xmlReadMemory(xml, (int)strlen(xml), "sitemap.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    assert_hx(doc, "count(/sm:urlset/sm:url)", "2", "sitemap minimal");
    assert_hx(doc, "/sm:urlset/sm:url[1]/sm:loc", BASE "/", "sitemap minimal");
    assert_hx(doc, "/sm:urlset/sm:url[2]/sm:loc", BASE "/contact", "sitemap minimal");
    xmlFreeDoc(doc);
    free(xml);
}

static void
unavailable_page_is_neutral_and_not_indexed(void **state)
{
    struct fixture *f = *state;
    /* what internet-fo passes; the page stays neutral whatever the charter */
    const char *params[] = {"page", "unavailable", "base", BASE, "css", "/_charte/azur.1234.css",
                            NULL};
    char *html = render(f->unavailable, f->full, params);
    htmlDocPtr doc = html_parse(html);
    const char *what = "unavailable";

    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    assert_hx(doc, "count(/html[@lang='fr'])", "1", what);
    assert_hx(doc, "//title", "Plomberie Martin – Site temporairement indisponible", what);
    assert_hx(doc, "//meta[@name='robots']/@content", "noindex", what);
    assert_hx(doc, "count(//meta[@name='description'])", "1", what);
    assert_hx(doc, "count(//h1)", "1", what);
    assert_hx(doc, "normalize-space(//h1)", "Site temporairement indisponible", what);
    /* nothing of the suspended site's content */
    assert_hx(doc, "count(//script | //img | //a[starts-with(@href, 'tel:')] | //nav)", "0", what);
    assert_hx(doc, "count(//link)", "0", what);
    assert_hx(doc, "count(//style)", "1", what);
    xmlFreeDoc(doc);
    free(html);

    /* any input: no name */
    xmlDocPtr none = xmlReadMemory("<none/>", 7, "none.xml", NULL, XML_PARSE_NONET);
    html = render(f->unavailable, none, params);
    doc = html_parse(html);
    assert_hx(doc, "//title", "Site temporairement indisponible", what);
    xmlFreeDoc(doc);
    xmlFreeDoc(none);
    free(html);
}

static void
unknown_host_page_shows_the_host_as_text(void **state)
{
    struct fixture *f = *state;
    xmlDocPtr none = xmlReadMemory("<none/>", 7, "none.xml", NULL, XML_PARSE_NONET);
    const char *params[] = {"host", "<script>alert(3)</script>.example.com", NULL};
    char *html = render(f->notfound, none, params);
    htmlDocPtr doc = html_parse(html);
    const char *what = "notfound";

    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    assert_null(strstr(html, "<script"));
    assert_hx(doc, "//title", "Site introuvable", what);
    assert_hx(doc, "count(//h1)", "1", what);
    assert_hx(doc, "//meta[@name='robots']/@content", "noindex", what);
    assert_hx(doc, "count(//meta[@name='description'])", "1", what);
    assert_hx(doc, "//main//code", "<script>alert(3)</script>.example.com", what);
    xmlFreeDoc(doc);
    free(html);

    const char *no_host[] = {NULL};
    html = render(f->notfound, none, no_host);
    doc = html_parse(html);
    assert_hx(doc, "count(//code)", "0", what);
    xmlFreeDoc(doc);
    free(html);
    xmlFreeDoc(none);
}

/* The stylesheets use no document(), no extension and no output file, and
 * the harness would notice if one tried to read a file. */
static void
stylesheets_read_and_write_no_file(void **state)
{
    struct fixture *f = *state;
    static const char *const forbidden[] = {
        "document(",        "extension-element-prefixes",
        "http://exslt.org", "xmlsoft.org/XSLT",
        "unparsed-text",    "result-document",
        "xsl:message",
    };
    const char *dirs[] = {"charters", "charters/common"};
    int files = 0;

    for (size_t d = 0; d < ROWS(dirs); d++) {
        char *dir = pvi_asprintf("%s/%s", testenv_require("PVI_XSL_DIR"), dirs[d]);
        DIR *dp = opendir(dir);
        if (dp == NULL)
            fail_msg("cannot open %s", dir);
        struct dirent *e;
        while ((e = readdir(dp)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".xsl") != 0)
                continue;
            char *path = pvi_asprintf("%s/%s", dir, e->d_name);
            FILE *fp = fopen(path, "rb");
            assert_non_null(fp);
            static char buf[131072];
            size_t len = fread(buf, 1, sizeof buf - 1, fp);
            fclose(fp);
            buf[len] = '\0';
            for (size_t k = 0; k < ROWS(forbidden); k++)
                if (strstr(buf, forbidden[k]) != NULL)
                    fail_msg("%s uses %s", path, forbidden[k]);
            files++;
            free(path);
        }
        closedir(dp);
        free(dir);
    }
    assert_true(files >= 7); /* 3 charters + base, sitemap, unavailable, notfound */

    /* the harness's own check: a stylesheet that reads a file is stopped */
    static const char reader[] =
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
        "<xsl:template match='/'><r><xsl:copy-of select=\"document('/etc/passwd')\"/>"
        "<xsl:copy-of select=\"document('http://127.0.0.1:9/x.xml')\"/></r></xsl:template>"
        "</xsl:stylesheet>";
    xmlDocPtr sdoc = xmlReadMemory(reader, (int)strlen(reader), "reader.xsl", NULL, 0);
    xsltStylesheetPtr style = xsltParseStylesheetDoc(sdoc);
    assert_non_null(style);
    xsltSetGenericErrorFunc(NULL, silent);
    char *out = render_or_null(style, f->full, NULL);
    xsltSetGenericErrorFunc(NULL, NULL);
    assert_true(out == NULL || strstr(out, "root:") == NULL);
    free(out);
    xsltFreeStylesheet(style);
}

/* libpvi's own path, the one internet-fo takes (pvi_xml_parse, pvi_render),
 * gives the page the harness above gives, outside a render scope and in two
 * scopes in a row (the second reuses the arena's memory), for every page of
 * every charter. */
static void
render_scopes_change_no_page(void **state)
{
    struct fixture *f = *state;
    xmlChar *xml = NULL;
    int xlen = 0;
    xmlDocDumpMemory(f->full, &xml, &xlen);
    assert_non_null(xml);
    for (size_t i = 0; i < ROWS(charters); i++) {
        char *path =
            pvi_asprintf("%s/charters/%s.xsl", testenv_require("PVI_XSL_DIR"), charters[i]);
        struct pvi_stylesheet *s = NULL;
        xsltSetLoaderFunc(NULL); /* compiling reads the imports */
        enum pvi_code rc = pvi_stylesheet_load(&s, path);
        xsltSetLoaderFunc(refusing_loader);
        free(path);
        assert_int_equal(rc, PVI_OK);
        for (size_t p = 0; p < ROWS(pages); p++) {
            const char *params[] = {
                "page", pages[p],         "base", "http://plomberie-martin.pvi.localhost",
                "css",  "/_charte/x.css", NULL};
            char *want = render(f->charter[i], f->full, params);
            for (int round = 0; round < 3; round++) {
                if (round > 0)
                    pvi_render_scope_begin();
                struct pvi_xml *d = NULL;
                assert_int_equal(pvi_xml_parse(&d, (const char *)xml, (size_t)xlen), PVI_OK);
                char *got = NULL;
                size_t n = 0;
                assert_int_equal(pvi_render(&got, &n, s, d, params), PVI_OK);
                pvi_xml_free(d);
                if (round > 0)
                    pvi_render_scope_end();
                if (strcmp(got, want) != 0)
                    fail_msg("%s %s, round %d: the page differs", charters[i], pages[p], round);
                assert_int_equal(n, strlen(want));
                free(got);
            }
            free(want);
        }
        pvi_stylesheet_free(s);
    }
    xmlFree(xml);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_charter_renders_every_page_as_valid_accessible_html),
        cmocka_unit_test(home_page_shows_the_business),
        cmocka_unit_test(services_page_lists_every_service_with_its_price),
        cmocka_unit_test(contact_page_has_phone_mail_map_and_hours),
        cmocka_unit_test(photos_page_shows_the_gallery_and_videos),
        cmocka_unit_test(pages_without_content_are_left_out_and_render_as_404),
        cmocka_unit_test(hostile_names_and_base_stay_text),
        cmocka_unit_test(the_three_charters_look_different),
        cmocka_unit_test(sitemap_lists_the_pages_the_site_has),
        cmocka_unit_test(unavailable_page_is_neutral_and_not_indexed),
        cmocka_unit_test(unknown_host_page_shows_the_host_as_text),
        cmocka_unit_test(stylesheets_read_and_write_no_file),
        cmocka_unit_test(render_scopes_change_no_page),
    };
    xmlInitParser();
    int rc = cmocka_run_group_tests_name("charters", tests, setup, teardown);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return rc;
}
