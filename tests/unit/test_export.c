/* test_export.c — the published site document (pvi_export_xml): it validates
 * against schema/pvi-site.rng, carries the exact display values the charters
 * show, escapes hostile text, and is byte-for-byte deterministic.
 *
 * Expected values are written out by hand, never produced by the code under
 * test. */
#include "testenv.h"

#include "pvi/pvi_export.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

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
#define NDASH "\xE2\x80\x93"

/* ---------------------------------------------------------------------------
 * Helpers. Test JSON is written with single quotes (turned into double
 * quotes here); no test text contains an apostrophe.
 */

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

/* The content as the publisher has it: validated and normalised. */
static json_t *
normalised(const char *single_quoted)
{
    json_t *in = jdoc(single_quoted), *out = NULL;
    struct pvi_errors e = {0};
    if (pvi_content_validate(&out, in, &e) != PVI_OK)
        fail_msg("fixture does not validate: %s %s", e.n ? e.v[0].path : "",
                 e.n ? testenv_error_fr(&e.v[0]) : "");
    pvi_errors_clear(&e);
    json_decref(in);
    return out;
}

static const char full_content[] =
    "{'business_name': 'Plomberie Martin',"
    " 'activity': 'Plombier',"
    " 'tagline': 'D\\u00e9pannage 7j/7',"
    " 'description': 'Plombier \\u00e0 Rennes depuis 1998.\\nArtisan RGE.\\n\\nDevis gratuit.',"
    " 'phones': [{'kind': 'fixed', 'number': '02 99 12 34 56'},"
    "            {'kind': 'mobile', 'number': '06 12 34 56 78'},"
    "            {'kind': 'fax', 'number': '02 99 12 34 57'}],"
    " 'email': 'contact@plomberie-martin.fr',"
    " 'address': {'street': '12 rue de la Monnaie', 'postal_code': '35000', 'city': 'Rennes',"
    "             'geo': {'lat': 48.11, 'lon': -1.68}},"
    " 'hours': {'mon': [{'open': '08:00', 'close': '12:00'}, {'open': '14:00', 'close': '18:30'}],"
    "           'sat': [{'open': '09:00', 'close': '12:00'}, {'open': '20:00', 'close': '24:00'}],"
    "           'sun': []},"
    " 'closures': [{'from': '2026-12-24', 'to': '2026-12-26', 'reason': 'Cong\\u00e9s'},"
    "              {'from': '2026-08-01', 'to': '2026-08-01'}],"
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
    " 'seo_description': 'Plombier \\u00e0 Rennes : d\\u00e9pannage et installation.',"
    " 'domains': ['www.plomberie-martin.fr', 'plomberie-martin.fr'],"
    " 'charter': 'azur'}";

/* Only what publication requires (pvi_content_check_complete with a slug). */
static const char minimal_content[] =
    "{'business_name': 'Boulangerie Dupont',"
    " 'activity': 'Boulangerie',"
    " 'phones': [{'kind': 'fixed', 'number': '04 78 12 34 56'}],"
    " 'address': {'street': '3 place Bellecour', 'postal_code': '69002', 'city': 'Lyon'},"
    " 'charter': 'terroir'}";

static const char *const full_hosts[] = {"www.plomberie-martin.fr", "plomberie-martin.fr", NULL};

/* Exports content (borrowed) and fails the test on error; the caller frees. */
static char *
export_doc(const json_t *content, const char *const *hosts, size_t *len)
{
    struct pvi_export_site in = {
        .site_id = 42,
        .slug = "plomberie-martin",
        .revision = 7,
        .published_at = "2025-06-01T10:00:00Z",
        .platform_domain = "pvi.localhost",
        .hosts = hosts,
        .content = content,
    };
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(pvi_export_xml(&out, &n, &in), PVI_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    if (len != NULL)
        *len = n;
    return out;
}

static xmlDocPtr
parse(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "site.xml", NULL, XML_PARSE_NONET);
    if (doc == NULL)
        fail_msg("the export is not well-formed XML:\n%s", xml);
    return doc;
}

/* Validates doc against schema/pvi-site.rng; returns 0 when valid. */
static int
relaxng_errors(xmlDocPtr doc)
{
    char *path = pvi_asprintf("%s/schema/pvi-site.rng", testenv_require("PVI_SOURCE_DIR"));
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    if (schema == NULL)
        fail_msg("cannot compile %s", path);
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pc);
    free(path);
    return rc;
}

/* string(expr) evaluated on doc with the prefix s bound to the namespace;
 * a new string the caller frees. */
static char *
xp(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "s", BAD_CAST PVI_EXPORT_NS);
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

#define assert_xp(doc, expr, want)                                                                 \
    do {                                                                                           \
        char *got_ = xp((doc), (expr));                                                            \
        if (strcmp(got_, (want)) != 0)                                                             \
            fail_msg("%s: got \"%s\", want \"%s\"", (expr), got_, (want));                         \
        free(got_);                                                                                \
    } while (0)

static json_t *
json_ld(xmlDocPtr doc)
{
    char *text = xp(doc, "/s:site/s:seo/s:json-ld");
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    if (j == NULL)
        fail_msg("JSON-LD does not parse: %s\n%s", err.text, text);
    free(text);
    return j;
}

static const char *
jstr(const json_t *obj, const char *path)
{
    /* path: "a.b.c" through objects only */
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    const json_t *cur = obj;
    for (char *tok = strtok(buf, "."); tok != NULL && cur != NULL; tok = strtok(NULL, "."))
        cur = json_object_get(cur, tok);
    return json_is_string(cur) ? json_string_value(cur) : "(absent)";
}

/* ---------------------------------------------------------------------------
 * Tests.
 */

static void
complete_content_gives_a_valid_document_with_every_display_value(void **state)
{
    (void)state;
    json_t *c = normalised(full_content);
    char *xml = export_doc(c, full_hosts, NULL);
    xmlDocPtr doc = parse(xml);

    assert_int_equal(relaxng_errors(doc), 0);
    assert_true(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) == 0);

    /* identity */
    assert_xp(doc, "namespace-uri(/*)", "urn:pvi:site:1");
    assert_xp(doc, "/s:site/@id", "42");
    assert_xp(doc, "/s:site/@slug", "plomberie-martin");
    assert_xp(doc, "/s:site/@revision", "7");
    assert_xp(doc, "/s:site/@published-at", "2025-06-01T10:00:00Z");
    assert_xp(doc, "/s:site/@charter", "azur");
    assert_xp(doc, "/s:site/@format", "1");

    /* hosts: the primary domain is canonical, the platform host comes last */
    assert_xp(doc, "/s:site/s:hosts/@canonical", "www.plomberie-martin.fr");
    assert_xp(doc, "count(/s:site/s:hosts/s:host)", "3");
    assert_xp(doc, "/s:site/s:hosts/s:host[@primary='true']", "www.plomberie-martin.fr");
    assert_xp(doc, "/s:site/s:hosts/s:host[@platform='true']", "plomberie-martin.pvi.localhost");

    /* pages: all four, in navigation order */
    assert_xp(doc, "count(/s:site/s:pages/s:page)", "4");
    assert_xp(doc, "/s:site/s:pages/s:page[1]/@path", "/");
    assert_xp(doc, "/s:site/s:pages/s:page[@key='services']/@path", "/services");
    assert_xp(doc, "/s:site/s:pages/s:page[@key='photos']/@label", "Photos et vidéos");
    assert_xp(doc, "/s:site/s:pages/s:page[4]/@key", "contact");

    /* business */
    assert_xp(doc, "/s:site/s:business/s:name", "Plomberie Martin");
    assert_xp(doc, "/s:site/s:business/s:activity", "Plombier");
    assert_xp(doc, "/s:site/s:business/s:tagline", "Dépannage 7j/7");
    assert_xp(doc, "count(/s:site/s:business/s:description/s:p)", "2");
    assert_xp(doc, "/s:site/s:business/s:description/s:p[1]",
              "Plombier à Rennes depuis 1998.Artisan RGE.");
    assert_xp(doc, "count(/s:site/s:business/s:description/s:p[1]/s:br)", "1");
    assert_xp(doc, "/s:site/s:business/s:description/s:p[2]", "Devis gratuit.");
    assert_xp(doc, "/s:site/s:business/s:logo/@src", "/media/" SHA3);

    /* phones: E.164, French display form, tel: link (none for the fax) */
    assert_xp(doc, "count(/s:site/s:contact/s:phone)", "3");
    assert_xp(doc, "/s:site/s:contact/s:phone[1]/@kind", "fixed");
    assert_xp(doc, "/s:site/s:contact/s:phone[1]/@e164", "+33299123456");
    assert_xp(doc, "/s:site/s:contact/s:phone[1]/@display", "02 99 12 34 56");
    assert_xp(doc, "/s:site/s:contact/s:phone[1]/@href", "tel:+33299123456");
    assert_xp(doc, "/s:site/s:contact/s:phone[1]/@label", "Téléphone");
    assert_xp(doc, "/s:site/s:contact/s:phone[2]/@display", "06 12 34 56 78");
    assert_xp(doc, "/s:site/s:contact/s:phone[3]/@kind", "fax");
    assert_xp(doc, "count(/s:site/s:contact/s:phone[3]/@href)", "0");
    assert_xp(doc, "/s:site/s:contact/s:email", "contact@plomberie-martin.fr");
    assert_xp(doc, "/s:site/s:contact/s:email/@href", "mailto:contact@plomberie-martin.fr");

    /* address and map link */
    assert_xp(doc, "/s:site/s:contact/s:address/s:line", "12 rue de la Monnaie, 35000 Rennes");
    assert_xp(doc, "/s:site/s:contact/s:address/s:postal-code", "35000");
    assert_xp(doc, "/s:site/s:contact/s:address/s:geo/@lat", "48.11");
    assert_xp(doc, "/s:site/s:contact/s:address/s:geo/@lon", "-1.68");
    assert_xp(doc, "/s:site/s:contact/s:address/s:map/@href",
              "https://www.openstreetmap.org/?mlat=48.11&mlon=-1.68#map=17/48.11/-1.68");

    /* hours: the 7 days, French names, closed days marked */
    assert_xp(doc, "count(/s:site/s:hours/s:day)", "7");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/@key", "mon");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/@name", "Lundi");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/@closed", "false");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/s:interval[2]/@open", "14:00");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/s:interval[2]/@close", "18:30");
    assert_xp(doc, "/s:site/s:hours/s:day[1]/@summary",
              "8h00 " NDASH " 12h00, 14h00 " NDASH " 18h30");
    assert_xp(doc, "/s:site/s:hours/s:day[3]/@name", "Mercredi");
    assert_xp(doc, "/s:site/s:hours/s:day[3]/@closed", "true"); /* absent from the content */
    assert_xp(doc, "/s:site/s:hours/s:day[3]/@summary", "Fermé");
    assert_xp(doc, "/s:site/s:hours/s:day[6]/s:interval[2]/@label", "20h00 " NDASH " 24h00");
    assert_xp(doc, "/s:site/s:hours/s:day[7]/@name", "Dimanche");
    assert_xp(doc, "/s:site/s:hours/s:day[7]/@closed", "true"); /* an empty list */

    /* closures */
    assert_xp(doc, "/s:site/s:closures/s:closure[1]/@label",
              "Du 24 décembre 2026 au 26 décembre 2026");
    assert_xp(doc, "/s:site/s:closures/s:closure[1]/s:reason", "Congés");
    assert_xp(doc, "/s:site/s:closures/s:closure[2]/@label", "Le 1er août 2026");

    /* services: cents and French price */
    assert_xp(doc, "count(/s:site/s:services/s:service)", "4");
    assert_xp(doc, "/s:site/s:services/s:service[1]/s:title", "Débouchage");
    assert_xp(doc, "/s:site/s:services/s:service[1]/s:price/@cents", "4500");
    assert_xp(doc, "/s:site/s:services/s:service[1]/s:price", "45,00" NBSP EURO);
    assert_xp(doc, "/s:site/s:services/s:service[1]/s:description/s:p", "Intervention rapide.");
    assert_xp(doc, "/s:site/s:services/s:service[2]/s:price", "Gratuit");
    assert_xp(doc, "/s:site/s:services/s:service[3]/s:price", "1" NNBSP "250,00" NBSP EURO);
    assert_xp(doc, "count(/s:site/s:services/s:service[4]/s:price)", "0");

    /* media */
    assert_xp(doc, "count(/s:site/s:photos/s:photo)", "2");
    assert_xp(doc, "/s:site/s:photos/s:photo[1]/@src", "/media/" SHA1);
    assert_xp(doc, "/s:site/s:photos/s:photo[1]/s:alt", "Atelier de plomberie");
    assert_xp(doc, "/s:site/s:photos/s:photo[1]/s:caption", "Notre atelier");
    assert_xp(doc, "/s:site/s:videos/s:video/@src", "/media/" SHA4);

    /* reference labels */
    assert_xp(doc, "/s:site/s:payment-methods/s:payment-method[@code='cb']", "Carte bancaire");
    assert_xp(doc, "/s:site/s:payment-methods/s:payment-method[2]", "Chèque");
    assert_xp(doc, "/s:site/s:languages/s:language[@code='en']", "Anglais");
    assert_xp(doc, "/s:site/s:social-links/s:social-link/@network", "facebook");
    assert_xp(doc, "/s:site/s:social-links/s:social-link/@name", "Facebook");

    /* SEO: the content's own description wins */
    assert_xp(doc, "/s:site/s:seo/s:title", "Plomberie Martin " NDASH " Plombier à Rennes");
    assert_xp(doc, "/s:site/s:seo/s:description", "Plombier à Rennes : dépannage et installation.");
    assert_xp(doc, "/s:site/s:seo/s:description/@default", "false");

    /* JSON-LD */
    json_t *ld = json_ld(doc);
    assert_string_equal(jstr(ld, "@context"), "https://schema.org");
    assert_string_equal(jstr(ld, "@type"), "LocalBusiness");
    assert_string_equal(jstr(ld, "name"), "Plomberie Martin");
    assert_string_equal(jstr(ld, "telephone"), "+33299123456");
    assert_string_equal(jstr(ld, "faxNumber"), "+33299123457");
    assert_string_equal(jstr(ld, "address.streetAddress"), "12 rue de la Monnaie");
    assert_string_equal(jstr(ld, "address.postalCode"), "35000");
    assert_string_equal(jstr(ld, "address.addressLocality"), "Rennes");
    assert_string_equal(jstr(ld, "address.addressCountry"), "FR");
    assert_true(json_real_value(json_object_get(json_object_get(ld, "geo"), "latitude")) == 48.11);
    const json_t *spec = json_object_get(ld, "openingHoursSpecification");
    assert_int_equal(json_array_size(spec), 4);
    assert_string_equal(jstr(json_array_get(spec, 0), "dayOfWeek"), "Monday");
    assert_string_equal(jstr(json_array_get(spec, 3), "closes"), "23:59"); /* 24:00 */
    const json_t *offers =
        json_object_get(json_object_get(ld, "hasOfferCatalog"), "itemListElement");
    assert_int_equal(json_array_size(offers), 4);
    assert_string_equal(jstr(json_array_get(offers, 0), "price"), "45.00");
    assert_string_equal(jstr(json_array_get(offers, 0), "priceCurrency"), "EUR");
    assert_string_equal(jstr(json_array_get(offers, 0), "itemOffered.name"), "Débouchage");
    assert_string_equal(jstr(ld, "paymentAccepted"), "Carte bancaire, Chèque");
    assert_int_equal(json_array_size(json_object_get(ld, "sameAs")), 1);
    assert_int_equal(json_array_size(json_object_get(ld, "specialOpeningHoursSpecification")), 2);

    json_decref(ld);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
minimal_content_validates_with_defaults(void **state)
{
    (void)state;
    json_t *c = normalised(minimal_content);
    char *xml = export_doc(c, NULL, NULL);
    xmlDocPtr doc = parse(xml);

    assert_int_equal(relaxng_errors(doc), 0);
    /* no domain: the platform host is canonical */
    assert_xp(doc, "/s:site/s:hosts/@canonical", "plomberie-martin.pvi.localhost");
    assert_xp(doc, "count(/s:site/s:hosts/s:host)", "1");
    /* only the pages that have content */
    assert_xp(doc, "count(/s:site/s:pages/s:page)", "2");
    assert_xp(doc, "/s:site/s:pages/s:page[1]/@key", "home");
    assert_xp(doc, "/s:site/s:pages/s:page[2]/@key", "contact");
    /* the default meta description, built from name, activity and city */
    assert_xp(doc, "/s:site/s:seo/s:description",
              "Boulangerie Dupont " NDASH " Boulangerie à Lyon (69002).");
    assert_xp(doc, "/s:site/s:seo/s:description/@default", "true");
    assert_xp(doc, "/s:site/s:seo/s:title", "Boulangerie Dupont " NDASH " Boulangerie à Lyon");
    /* no geo: a search link */
    assert_xp(doc, "/s:site/s:contact/s:address/s:map/@href",
              "https://www.openstreetmap.org/search?query=3%20place%20Bellecour%2C%2069002%20Lyon");
    assert_xp(doc, "/s:site/s:contact/s:phone/@display", "04 78 12 34 56");
    /* absent sections are absent, not empty */
    assert_xp(doc, "count(/s:site/s:hours | /s:site/s:services | /s:site/s:photos)", "0");
    assert_xp(doc, "count(/s:site/s:business/s:description | /s:site/s:business/s:tagline)", "0");
    assert_xp(doc, "/s:site/@charter", "terroir");

    json_t *ld = json_ld(doc);
    assert_string_equal(jstr(ld, "telephone"), "+33478123456");
    assert_null(json_object_get(ld, "openingHoursSpecification"));
    json_decref(ld);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
default_description_adds_the_tagline_and_stays_within_160_characters(void **state)
{
    (void)state;
    static const struct {
        const char *content;
        const char *want;
    } rows[] = {
        {"{'business_name': 'Martin', 'activity': 'Plombier', 'tagline': 'Devis gratuit',"
         " 'address': {'city': 'Rennes', 'postal_code': '35000'}}",
         "Martin " NDASH " Plombier à Rennes (35000). Devis gratuit."},
        {"{'business_name': 'Martin', 'tagline': 'Vite et bien !', 'address': {'city': 'Rennes'}}",
         "Martin " NDASH " Rennes. Vite et bien !"},
        {"{'business_name': 'Martin'}", "Martin."},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        json_t *c = normalised(rows[i].content);
        char *xml = export_doc(c, full_hosts, NULL);
        xmlDocPtr doc = parse(xml);
        assert_xp(doc, "/s:site/s:seo/s:description", rows[i].want);
        xmlFreeDoc(doc);
        free(xml);
        json_decref(c);
    }

    /* 80 + 41 + 80 characters: cut on a word with an ellipsis */
    char name[81], city[81];
    memset(name, 'n', 80);
    name[80] = '\0';
    memcpy(city, "Saint ", 6);
    memset(city + 6, 'c', 74);
    city[80] = '\0';
    json_t *c = json_pack("{s:s, s:s, s:{s:s}}", "business_name", name, "activity",
                          "Agent général d'assurances", "address", "city", city);
    char *xml = export_doc(c, full_hosts, NULL);
    xmlDocPtr doc = parse(xml);
    char *d = xp(doc, "/s:site/s:seo/s:description");
    assert_true(pvi_utf8_length(d) <= 160);
    assert_true(strlen(d) > 3 && strcmp(d + strlen(d) - 3, "…") == 0);
    assert_non_null(strstr(d, " à Saint…")); /* cut after "Saint" */
    assert_int_equal(relaxng_errors(doc), 0);
    free(d);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
canonical_host_is_the_first_domain_else_the_platform_host(void **state)
{
    (void)state;
    static const char *const none[] = {NULL};
    static const char *const one[] = {"martin.fr", NULL};
    static const char *const dup[] = {"plomberie-martin.pvi.localhost", "b.fr", NULL};
    static const struct {
        const char *content;
        const char *const *hosts;
        const char *canonical;
        const char *count;
    } rows[] = {
        /* the hosts given by the publisher win over the content's domains */
        {"{'business_name': 'M', 'domains': ['a.fr', 'www.a.fr']}", one, "martin.fr", "2"},
        /* no hosts given: the content's domains, in order */
        {"{'business_name': 'M', 'domains': ['a.fr', 'www.a.fr']}", NULL, "a.fr", "3"},
        {"{'business_name': 'M', 'domains': ['a.fr']}", none, "a.fr", "2"},
        /* no domain at all: <slug>.<platform domain> */
        {"{'business_name': 'M'}", NULL, "plomberie-martin.pvi.localhost", "1"},
        {"{'business_name': 'M', 'domains': []}", none, "plomberie-martin.pvi.localhost", "1"},
        /* the platform host is listed once, last */
        {"{'business_name': 'M'}", dup, "b.fr", "2"},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        json_t *c = jdoc(rows[i].content);
        char *xml = export_doc(c, rows[i].hosts, NULL);
        xmlDocPtr doc = parse(xml);
        char *got = xp(doc, "/s:site/s:hosts/@canonical");
        char *count = xp(doc, "count(/s:site/s:hosts/s:host)");
        if (strcmp(got, rows[i].canonical) != 0 || strcmp(count, rows[i].count) != 0)
            fail_msg("row %zu: canonical %s (%s hosts), want %s (%s)", i, got, count,
                     rows[i].canonical, rows[i].count);
        assert_xp(doc, "/s:site/s:hosts/s:host[last()]/@platform", "true");
        assert_int_equal(relaxng_errors(doc), 0);
        free(got);
        free(count);
        xmlFreeDoc(doc);
        free(xml);
        json_decref(c);
    }
}

#define HOSTILE_NAME "</script><script>alert(1)</script>"

static void
hostile_text_is_escaped_and_cannot_close_the_script(void **state)
{
    (void)state;
    /* Not validated: the exporter must be safe whatever the database holds. */
    json_t *c =
        json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:[{s:s, s:s}], s:s}",
                  "business_name", HOSTILE_NAME, "tagline",
                  "<b>gras</b> & \"guillemets\" 'apostrophes'", "phones", "kind", "fixed", "number",
                  "+33299123456", "address", "street", "1 rue <img src=x onerror=alert(1)>",
                  "postal_code", "35000", "city", "Rennes & \"Co\"", "services", "title", "A&B <i>",
                  "description", "</p><p>", "seo_description", "</script><!--");
    assert_non_null(c);
    /* control characters and invalid UTF-8 (jansson would refuse the latter) */
    json_object_set_new(c, "description",
                        json_string_nocheck("<!-- x --> ]]> &amp; \x01\x02 fin\xFF."));
    char *xml = export_doc(c, full_hosts, NULL);
    xmlDocPtr doc = parse(xml);

    assert_int_equal(relaxng_errors(doc), 0);
    /* no markup made it through as markup */
    assert_null(strstr(xml, "<script"));
    assert_null(strstr(xml, "</script"));
    assert_null(strstr(xml, "<b>"));
    assert_null(strstr(xml, "<img"));
    assert_null(strstr(xml, "<!--"));
    assert_null(strstr(xml, "<i>"));
    /* … and reads back as the same text */
    assert_xp(doc, "/s:site/s:business/s:name", HOSTILE_NAME);
    assert_xp(doc, "/s:site/s:business/s:tagline", "<b>gras</b> & \"guillemets\" 'apostrophes'");
    assert_xp(doc, "/s:site/s:contact/s:address/s:city", "Rennes & \"Co\"");
    assert_xp(doc, "/s:site/s:services/s:service/s:title", "A&B <i>");
    /* characters XML cannot carry are dropped (control characters, bad UTF-8) */
    assert_xp(doc, "/s:site/s:business/s:description/s:p", "<!-- x --> ]]> &amp;  fin.");
    assert_null(strchr(xml, '\x01'));

    /* the JSON-LD text has no '<', '>' or '&' at all, yet decodes to the same strings */
    char *text = xp(doc, "/s:site/s:seo/s:json-ld");
    assert_null(strpbrk(text, "<>&"));
    assert_non_null(strstr(text, "\\u003c/script\\u003e"));
    json_t *ld = json_ld(doc);
    assert_string_equal(jstr(ld, "name"), HOSTILE_NAME);
    assert_string_equal(jstr(ld, "slogan"), "<b>gras</b> & \"guillemets\" 'apostrophes'");
    assert_string_equal(jstr(ld, "description"), "</script><!--");
    assert_string_equal(jstr(ld, "address.addressLocality"), "Rennes & \"Co\"");

    json_decref(ld);
    free(text);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
unusable_items_leave_no_empty_section(void **state)
{
    (void)state;
    /* not validated: items without their required members, unknown codes */
    json_t *c = jdoc("{'business_name': 'M', 'services': [{'description': 'sans titre'}],"
                     " 'photos': [{'alt': 'sans fichier'}], 'videos': [{'title': 'x'}],"
                     " 'closures': [{'from': '2026-01-01'}], 'payment_methods': ['bitcoin'],"
                     " 'languages': ['xx'], 'social_links': ['http://example.com/x', 3],"
                     " 'phones': [{'kind': 'fixed'}], 'hours': {}}");
    char *xml = export_doc(c, NULL, NULL);
    xmlDocPtr doc = parse(xml);
    assert_int_equal(relaxng_errors(doc), 0);
    assert_xp(doc, "count(/s:site/*)", "5"); /* hosts, pages, business, contact, seo */
    assert_xp(doc, "count(/s:site/s:pages/s:page)", "2");
    json_t *ld = json_ld(doc);
    assert_null(json_object_get(ld, "hasOfferCatalog"));
    assert_null(json_object_get(ld, "sameAs"));
    assert_null(json_object_get(ld, "paymentAccepted"));
    json_decref(ld);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
json_ld_is_ascii_and_groups_days_with_the_same_hours(void **state)
{
    (void)state;
    json_t *c = normalised("{'business_name': 'Caf\\u00e9 des Halles',"
                           " 'hours': {'tue': [{'open': '08:00', 'close': '12:00'}],"
                           "           'wed': [{'open': '08:00', 'close': '12:00'},"
                           "                   {'open': '14:00', 'close': '18:00'}],"
                           "           'thu': [{'open': '08:00', 'close': '12:00'}]}}");
    char *xml = export_doc(c, NULL, NULL);
    xmlDocPtr doc = parse(xml);
    char *text = xp(doc, "/s:site/s:seo/s:json-ld");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80)
            fail_msg("non-ASCII byte in the JSON-LD: %s", text);
    assert_non_null(strcasestr(text, "Caf\\u00e9 des Halles"));
    free(text);
    json_t *ld = json_ld(doc);
    assert_string_equal(jstr(ld, "name"), "Caf\xC3\xA9 des Halles"); /* same text once decoded */
    const json_t *spec = json_object_get(ld, "openingHoursSpecification");
    assert_int_equal(json_array_size(spec), 2);
    const json_t *morning = json_array_get(spec, 0), *afternoon = json_array_get(spec, 1);
    assert_string_equal(jstr(morning, "opens"), "08:00");
    const json_t *days = json_object_get(morning, "dayOfWeek");
    assert_int_equal(json_array_size(days), 3);
    assert_string_equal(json_string_value(json_array_get(days, 0)), "Tuesday");
    assert_string_equal(json_string_value(json_array_get(days, 1)), "Wednesday");
    assert_string_equal(json_string_value(json_array_get(days, 2)), "Thursday");
    assert_string_equal(jstr(afternoon, "dayOfWeek"), "Wednesday"); /* one day: a string */
    assert_string_equal(jstr(afternoon, "closes"), "18:00");
    json_decref(ld);
    xmlFreeDoc(doc);
    free(xml);
    json_decref(c);
}

static void
export_is_deterministic(void **state)
{
    (void)state;
    json_t *c = normalised(full_content);
    json_t *copy = json_deep_copy(c);
    size_t n1, n2, n3;
    char *a = export_doc(c, full_hosts, &n1);
    char *b = export_doc(c, full_hosts, &n2);
    char *d = export_doc(copy, full_hosts, &n3);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(a, b, n1);
    assert_memory_equal(a, d, n1);
    /* and the content was not touched */
    assert_true(json_equal(c, copy));
    free(a);
    free(b);
    free(d);
    json_decref(copy);
    json_decref(c);
}

static void
phone_and_price_display_forms(void **state)
{
    (void)state;
    static const struct {
        const char *e164, *want;
    } phones[] = {
        {"+33299123456", "02 99 12 34 56"},  {"+33612345678", "06 12 34 56 78"},
        {"+33980123456", "09 80 12 34 56"},  {"+262262123456", "02 62 12 34 56"},
        {"+590690123456", "06 90 12 34 56"}, {"+596596123456", "05 96 12 34 56"},
        {"+594594123456", "05 94 12 34 56"}, {"+4930123456", "+4930123456"},
        {"+3329912345", "+3329912345"},      {"", ""},
    };
    char buf[32];
    for (size_t i = 0; i < ROWS(phones); i++)
        assert_string_equal(pvi_export_phone_display(buf, sizeof buf, phones[i].e164),
                            phones[i].want);
    assert_string_equal(pvi_export_phone_display(buf, sizeof buf, NULL), "");
    assert_string_equal(pvi_export_phone_display(buf, 6, "+33299123456"), "02 99");

    static const struct {
        long long cents;
        const char *want;
    } prices[] = {
        {4500, "45,00" NBSP EURO},
        {1, "0,01" NBSP EURO},
        {99, "0,99" NBSP EURO},
        {100, "1,00" NBSP EURO},
        {0, "Gratuit"},
        {99999, "999,99" NBSP EURO},
        {100000, "1" NNBSP "000,00" NBSP EURO},
        {125050, "1" NNBSP "250,50" NBSP EURO},
        {100000000, "1" NNBSP "000" NNBSP "000,00" NBSP EURO},
    };
    char pbuf[64];
    for (size_t i = 0; i < ROWS(prices); i++)
        assert_string_equal(pvi_export_price_display(pbuf, sizeof pbuf, prices[i].cents),
                            prices[i].want);
}

static void
publication_time_is_written_in_iso_8601(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } rows[] = {
        {"2025-06-01T10:00:00Z", "2025-06-01T10:00:00Z"},
        {"2025-06-01 10:00:00.123456+00", "2025-06-01T10:00:00.123456+00"},
        {"2025-06-01", "2025-06-01"},
    };
    json_t *c = jdoc("{'business_name': 'M'}");
    for (size_t i = 0; i < ROWS(rows); i++) {
        struct pvi_export_site in = {.site_id = 1,
                                     .slug = "m",
                                     .revision = 1,
                                     .published_at = rows[i].in,
                                     .platform_domain = "pvi.localhost",
                                     .content = c};
        char *xml = NULL;
        assert_int_equal(pvi_export_xml(&xml, NULL, &in), PVI_OK);
        xmlDocPtr doc = parse(xml);
        assert_xp(doc, "/s:site/@published-at", rows[i].want);
        assert_int_equal(relaxng_errors(doc), 0);
        xmlFreeDoc(doc);
        free(xml);
    }
    json_decref(c);
}

static void
refuses_what_cannot_be_published(void **state)
{
    (void)state;
    char *out = (char *)"untouched";
    size_t len = 99;
    json_t *no_name = jdoc("{'activity': 'Plombier'}");
    json_t *arr = json_array();
    json_t *ok = jdoc("{'business_name': 'M'}");
    struct pvi_export_site in = {.site_id = 1, .slug = "m", .platform_domain = "pvi.localhost"};

    assert_int_equal(pvi_export_xml(&out, &len, NULL), PVI_INTERNAL);
    assert_null(out);
    assert_int_equal(len, 0);
    in.content = NULL;
    assert_int_equal(pvi_export_xml(&out, NULL, &in), PVI_INTERNAL);
    in.content = arr;
    assert_int_equal(pvi_export_xml(&out, NULL, &in), PVI_INTERNAL);
    in.content = no_name;
    assert_int_equal(pvi_export_xml(&out, NULL, &in), PVI_INTERNAL);
    assert_null(out);
    /* no host at all */
    in.content = ok;
    in.slug = NULL;
    assert_int_equal(pvi_export_xml(&out, NULL, &in), PVI_INTERNAL);
    assert_null(out);
    in.slug = "m";
    assert_int_equal(pvi_export_xml(&out, NULL, &in), PVI_OK);
    free(out);

    json_decref(no_name);
    json_decref(arr);
    json_decref(ok);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(complete_content_gives_a_valid_document_with_every_display_value),
        cmocka_unit_test(minimal_content_validates_with_defaults),
        cmocka_unit_test(default_description_adds_the_tagline_and_stays_within_160_characters),
        cmocka_unit_test(canonical_host_is_the_first_domain_else_the_platform_host),
        cmocka_unit_test(hostile_text_is_escaped_and_cannot_close_the_script),
        cmocka_unit_test(unusable_items_leave_no_empty_section),
        cmocka_unit_test(json_ld_is_ascii_and_groups_days_with_the_same_hours),
        cmocka_unit_test(export_is_deterministic),
        cmocka_unit_test(phone_and_price_display_forms),
        cmocka_unit_test(publication_time_is_written_in_iso_8601),
        cmocka_unit_test(refuses_what_cannot_be_published),
    };
    xmlInitParser();
    int rc = cmocka_run_group_tests_name("export", tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
