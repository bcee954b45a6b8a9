/* test_office_views.c — the office stylesheet (xsl/offices/office.xsl)
 * keeps the promises of docs/views.md on the sample views of
 * tests/unit/views/: an HTML5 page in the view's language with its title,
 * skip link, header and flashes; every control labelled by its f-<name> id;
 * the error summary linking each faulty field in document order;
 * aria-invalid and aria-describedby wiring; typed values written back
 * except passwords; a csrf input in every POST form; no style, script or
 * event handler; text escaped; sortable tables and paging; error pages.
 *
 * The stylesheet is compiled and applied the way the offices do it
 * (pvi_stylesheet_load, pvi_xml_parse, pvi_render: libpvi's HTML5
 * serialiser), and the HTML read back with libxml2's HTML parser. With
 * PVI_OFFICE_VIEWS_OUT set to a folder, the rendered pages are also written
 * there (name.html), to be looked at in a browser. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_render.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------------
 * The samples and what every page of each must show.
 */

struct sample {
    const char *name;   /* tests/unit/views/<name>.xml */
    const char *lang;   /* <html lang> */
    const char *title;  /* <title>: "title — office" */
    const char *office; /* <body class> */
    const char *csrf;   /* the token of its POST forms ("" when it has none) */
    int post_forms;     /* forms with method="post" on the page */
};

static const struct sample samples[] = {
    {"login", "fr", "Connexion — PVI · Espace client", "client-fo", "c5rf-l0g1n", 2},
    {"home", "fr", "Accueil — PVI · Back office", "backoffice", "c5rf-h0me", 4},
    {"home-en", "en", "Home — PVI · Client area", "client-fo", "c5rf-en", 2},
    {"form", "fr", "Modifier « Boulangerie Martin » — PVI · Opérateurs", "operator-fo", "c5rf-f0rm",
     2},
    {"table", "fr", "Sites — PVI · Back office", "backoffice", "c5rf-t4ble", 1},
    {"table-empty", "fr", "Mes sites — PVI · Opérateurs", "operator-fo", "c5rf-3mpty", 1},
    {"error-404", "fr", "Page introuvable — PVI · Espace client", "client-fo", "c5rf-404", 1},
    {"error-500", "fr", "Erreur technique — PVI · Opérateurs", "operator-fo", "", 0},
    {"dashboard", "fr", "Tableau de bord — PVI · Back office", "backoffice", "c5rf-d4sh", 1},
    {"site-diff", "fr", "Révisions 2 et 3 — Au Fournil — PVI · Back office", "backoffice",
     "c5rf-d1ff", 1},
};

struct page {
    char *html;
    htmlDocPtr doc;
};

struct fixture {
    struct pvi_stylesheet *xsl;
    struct page pages[ROWS(samples)];
};

static struct fixture *fx; /* set by the group set-up */

/* ---------------------------------------------------------------------------
 * Rendering and reading back.
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
     * nav, section, details…) are "unknown tags", which is not an error. */
    if (err->code == XML_HTML_UNKNOWN_TAG)
        return;
    e->n++;
    size_t used = strlen(e->text);
    snprintf(e->text + used, sizeof e->text - used, "line %d: %s", err->line,
             err->message ? err->message : "?");
}

static htmlDocPtr
html_parse(const char *html, const char *what)
{
    struct html_errors e = {.n = 0};
    xmlSetStructuredErrorFunc(&e, html_error);
    htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), "page.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (d == NULL || e.n > 0)
        fail_msg("%s: HTML parse errors (%d): %s\n%s", what, e.n, e.text, html);
    return d;
}

/* Renders a view given as text with the office stylesheet. Caller frees. */
static char *
render_view(const char *xml, const char *what)
{
    struct pvi_xml *doc = NULL;
    if (pvi_xml_parse(&doc, xml, strlen(xml)) != PVI_OK)
        fail_msg("%s: the view does not parse", what);
    char *html = NULL;
    size_t len = 0;
    if (pvi_render(&html, &len, fx->xsl, doc, NULL) != PVI_OK)
        fail_msg("%s: the transformation failed", what);
    pvi_xml_free(doc);
    return html;
}

static int
setup(void **state)
{
    (void)state;
    fx = calloc(1, sizeof *fx);
    char *path = pvi_asprintf("%s/offices/office.xsl", testenv_require("PVI_XSL_DIR"));
    if (pvi_stylesheet_load(&fx->xsl, path) != PVI_OK)
        fail_msg("%s does not compile", path);
    free(path);
    const char *out_dir = getenv("PVI_OFFICE_VIEWS_OUT");
    for (size_t i = 0; i < ROWS(samples); i++) {
        path = pvi_asprintf("%s/tests/unit/views/%s.xml", testenv_require("PVI_SOURCE_DIR"),
                            samples[i].name);
        char *xml = pvi_file_read(NULL, path);
        if (xml == NULL)
            fail_msg("cannot read %s", path);
        fx->pages[i].html = render_view(xml, samples[i].name);
        fx->pages[i].doc = html_parse(fx->pages[i].html, samples[i].name);
        if (out_dir != NULL && out_dir[0] != '\0') {
            char *out = pvi_asprintf("%s/%s.html", out_dir, samples[i].name);
            FILE *f = fopen(out, "w");
            if (f == NULL)
                fail_msg("cannot write %s", out);
            fputs(fx->pages[i].html, f);
            fclose(f);
            free(out);
        }
        free(xml);
        free(path);
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        free(fx->pages[i].html);
        xmlFreeDoc(fx->pages[i].doc);
    }
    pvi_stylesheet_free(fx->xsl);
    free(fx);
    return 0;
}

static const struct page *
page_of(const char *name)
{
    for (size_t i = 0; i < ROWS(samples); i++)
        if (strcmp(samples[i].name, name) == 0)
            return &fx->pages[i];
    fail_msg("no sample %s", name);
    return NULL;
}

static xmlXPathObjectPtr
eval(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    if (r == NULL)
        fail_msg("bad XPath %s", expr);
    return r;
}

/* string(expr) on doc. Caller frees. */
static char *
hx(xmlDocPtr doc, const char *expr)
{
    char *full = pvi_asprintf("string(%s)", expr);
    xmlXPathObjectPtr r = eval(doc, full);
    char *s = pvi_strdup((const char *)r->stringval);
    xmlXPathFreeObject(r);
    free(full);
    return s;
}

static void
expect_hx(xmlDocPtr doc, const char *expr, const char *want, const char *what)
{
    char *got = hx(doc, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s: %s: got \"%s\", want \"%s\"", what, expr, got, want);
    free(got);
}

/* The nodes of expr, in document order. */
static int
node_count(xmlXPathObjectPtr r)
{
    return r->nodesetval ? r->nodesetval->nodeNr : 0;
}

static char *
prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? pvi_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static int
count_of(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr r = eval(doc, expr);
    int n = r->type == XPATH_NUMBER ? (int)r->floatval : node_count(r);
    xmlXPathFreeObject(r);
    return n;
}

/* ---------------------------------------------------------------------------
 * Promises that hold on every page.
 */

/* Headings go h1 first and never skip a level going down. */
static void
expect_heading_order(xmlDocPtr doc, const char *what)
{
    xmlXPathObjectPtr r =
        eval(doc, "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]");
    int prev = 0;
    for (int i = 0; i < node_count(r); i++) {
        int level = r->nodesetval->nodeTab[i]->name[1] - '0';
        if (i == 0 && level != 1)
            fail_msg("%s: the first heading is h%d", what, level);
        if (level > prev + 1)
            fail_msg("%s: h%d follows h%d", what, level, prev);
        prev = level;
    }
    xmlXPathFreeObject(r);
}

static void
every_page_is_html5_with_its_lang_title_and_skip_link(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        const struct sample *s = &samples[i];
        const struct page *p = &fx->pages[i];
        if (strncmp(p->html, "<!DOCTYPE html>\n<html", 21) != 0)
            fail_msg("%s: does not start with <!DOCTYPE html>", s->name);
        expect_hx(p->doc, "/html/@lang", s->lang, s->name);
        expect_hx(p->doc, "count(//meta[@charset='utf-8'])", "1", s->name);
        expect_hx(p->doc, "count(//meta[@name='viewport'])", "1", s->name);
        /* one title of the page (an SVG's titles name its graphics) */
        expect_hx(p->doc, "count(//title[not(ancestor::svg)])", "1", s->name);
        expect_hx(p->doc, "/html/head/title", s->title, s->name);
        expect_hx(p->doc, "//link[@rel='stylesheet']/@href", "office.css", s->name);
        expect_hx(p->doc, "/html/body/@class", s->office, s->name);
        /* the skip link comes first and leads to main */
        expect_hx(p->doc, "name(/html/body/*[1])", "a", s->name);
        char *target = hx(p->doc, "/html/body/*[1]/@href");
        if (target[0] != '#')
            fail_msg("%s: the skip link goes to \"%s\"", s->name, target);
        char *main_id = pvi_asprintf("count(//main[@id='%s'])", target + 1);
        expect_hx(p->doc, main_id, "1", s->name);
        expect_hx(p->doc, "/html/body/*[1]",
                  strcmp(s->lang, "en") == 0 ? "Skip to content" : "Aller au contenu", s->name);
        free(main_id);
        free(target);
        /* one h1, written by main */
        expect_hx(p->doc, "count(//h1)", "1", s->name);
        expect_hx(p->doc, "count(//main//h1)", "1", s->name);
        expect_heading_order(p->doc, s->name);
        /* the office's name links home, in the header */
        expect_hx(p->doc, "count(//header//a[@href='/'][contains(., 'PVI')])", "1", s->name);
    }
}

static void
no_page_has_style_script_or_event_handler(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        const char *what = samples[i].name;
        const struct page *p = &fx->pages[i];
        if (strstr(p->html, "style=") || strstr(p->html, "<style") || strstr(p->html, "<script") ||
            strstr(p->html, "javascript:"))
            fail_msg("%s: has a style, a script or a javascript: URL", what);
        expect_hx(p->doc, "count(//@style | //style | //script)", "0", what);
        expect_hx(p->doc, "count(//@*[starts-with(name(), 'on')])", "0", what);
    }
}

/* Every input, select and textarea (hidden inputs aside) has an id and
 * exactly one <label for> it; in main, the id is f-<name> (for boxes of a
 * group: f-<name>, then f-<name>-1, f-<name>-2…). Every id is unique. */
static void
every_control_has_a_label_for_its_f_name_id(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        const char *what = samples[i].name;
        xmlDocPtr doc = fx->pages[i].doc;
        xmlXPathObjectPtr r = eval(doc, "//input[not(@type='hidden')] | //select | //textarea");
        for (int k = 0; k < node_count(r); k++) {
            xmlNodePtr n = r->nodesetval->nodeTab[k];
            char *id = prop(n, "id"), *name = prop(n, "name"), *type = prop(n, "type");
            if (id == NULL)
                fail_msg("%s: a %s named %s has no id", what, (const char *)n->name,
                         name ? name : "?");
            char *q = pvi_asprintf("count(//label[@for='%s'])", id);
            if (count_of(doc, q) != 1)
                fail_msg("%s: %d <label for=\"%s\">, want 1", what, count_of(doc, q), id);
            free(q);
            q = pvi_asprintf("count(//*[@id='%s'])", id);
            if (count_of(doc, q) != 1)
                fail_msg("%s: id %s is not unique", what, id);
            free(q);
            q = pvi_asprintf("count(//main//*[@id='%s'])", id);
            int in_main = count_of(doc, q) == 1;
            free(q);
            if (in_main) {
                char *want = pvi_asprintf("f-%s", name ? name : "");
                int grouped = type && (strcmp(type, "checkbox") == 0 || strcmp(type, "radio") == 0);
                if (grouped) {
                    q = pvi_asprintf("count(//input[@name='%s'])", name);
                    grouped = count_of(doc, q) > 1;
                    free(q);
                }
                if (grouped) {
                    q = pvi_asprintf("count(//input[@name='%s'][following::*[@id='%s']])", name,
                                     id);
                    int before = count_of(doc, q);
                    free(q);
                    if (before > 0) {
                        free(want);
                        want = pvi_asprintf("f-%s-%d", name, before);
                    }
                }
                if (strcmp(id, want) != 0)
                    fail_msg("%s: the %s named %s has id %s, want %s", what, (const char *)n->name,
                             name, id, want);
                free(want);
            }
            free(id);
            free(name);
            free(type);
        }
        xmlXPathFreeObject(r);
    }
}

/* Every aria-describedby and aria-labelledby names ids that exist. */
static void
every_aria_reference_points_at_an_element(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        const char *what = samples[i].name;
        xmlDocPtr doc = fx->pages[i].doc;
        xmlXPathObjectPtr r = eval(doc, "//@aria-describedby | //@aria-labelledby");
        for (int k = 0; k < node_count(r); k++) {
            xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[k]);
            char *save = NULL;
            for (char *id = strtok_r((char *)v, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
                char *q = pvi_asprintf("count(//*[@id='%s'])", id);
                if (count_of(doc, q) != 1)
                    fail_msg("%s: aria reference to a missing id %s", what, id);
                free(q);
            }
            xmlFree(v);
        }
        xmlXPathFreeObject(r);
        /* an invalid control is described by an error message (its own or
         * its group's) that starts with the hidden "Erreur :" */
        r = eval(doc, "//*[@aria-invalid='true']");
        for (int k = 0; k < node_count(r); k++) {
            xmlNodePtr n = r->nodesetval->nodeTab[k];
            char *id = prop(n, "id");
            char *q = pvi_asprintf(
                "count(//*[@id='%s']/ancestor-or-self::*[@aria-describedby][1]/@aria-describedby)",
                id);
            if (count_of(doc, q) != 1)
                fail_msg("%s: %s is invalid but nothing describes it", what, id);
            free(q);
            q = pvi_asprintf("//*[@id='%s']/ancestor-or-self::*[@aria-describedby][1]/"
                             "@aria-describedby",
                             id);
            char *ids = hx(doc, q);
            free(q);
            char *last = strrchr(ids, ' ');
            q = pvi_asprintf("count(//p[@class='error-message'][@id='%s']"
                             "[span[@class='visually-hidden'][starts-with(., '%s')]])",
                             last ? last + 1 : ids,
                             strcmp(samples[i].lang, "en") == 0 ? "Error:" : "Erreur :");
            if (count_of(doc, q) != 1)
                fail_msg("%s: %s is invalid; %s is not its error message", what, id, ids);
            free(q);
            free(ids);
            free(id);
        }
        xmlXPathFreeObject(r);
    }
}

/* Every POST form, button-forms included, carries the csrf token; GET
 * forms (searches) carry none. */
static void
every_post_form_carries_the_csrf_token(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(samples); i++) {
        const struct sample *s = &samples[i];
        xmlDocPtr doc = fx->pages[i].doc;
        int posts = count_of(doc, "//form[@method='post']");
        if (posts != s->post_forms)
            fail_msg("%s: %d POST forms, want %d", s->name, posts, s->post_forms);
        char *q = pvi_asprintf("count(//form[@method='post'][count(input[@type='hidden']"
                               "[@name='csrf'][@value='%s']) = 1])",
                               s->csrf);
        if (count_of(doc, q) != posts)
            fail_msg("%s: a POST form lacks its csrf input", s->name);
        free(q);
        expect_hx(doc, "count(//form[not(@method='post')]//input[@name='csrf'])", "0", s->name);
        expect_hx(doc, "count(//form[not(@method='post') and not(@method='get')])", "0", s->name);
    }
}

/* Text and attribute values with < & " come out as text, never markup. */
static void
text_from_the_view_is_escaped(void **state)
{
    (void)state;
    static const struct {
        const char *sample, *raw; /* raw: what the HTML must contain */
    } escaped[] = {
        {"home", "<p>La publication de « Martin &amp; Fils &lt;SARL&gt; » a échoué"},
        {"home", "<dd>Boulangerie Martin &amp; Fils &lt;SARL&gt;, il y a 4 minutes</dd>"},
        {"form", "value=\"Martin &amp; Fils &quot;Le Fournil&quot; &lt;SARL&gt;\""},
        {"form", ">Pain au levain &amp; viennoiseries &lt;b&gt;maison&lt;/b&gt; depuis 1998."},
        {"form", "value=\"https://www.martin-fils.fr/?a=1&amp;b=2\""},
        {"login", "value=\"gerant@martin&amp;fils.fr\""},
        {"table", "href=\"?q=martin&amp;sort=name&amp;dir=desc\""},
        {"table", ">Martin &amp; Fils &lt;SARL&gt;</a>"},
        {"table-empty", "value=\"zzz &lt;script&gt;\""},
        {"table-empty", "Aucun site ne correspond à « zzz &lt;script&gt; »."},
        {"error-404", "<code>/site/photos?x=&lt;img&gt;&amp;y=1</code>"},
    };
    for (size_t i = 0; i < ROWS(escaped); i++) {
        const struct page *p = page_of(escaped[i].sample);
        if (strstr(p->html, escaped[i].raw) == NULL)
            fail_msg("%s: lacks %s", escaped[i].sample, escaped[i].raw);
    }
    for (size_t i = 0; i < ROWS(samples); i++) {
        const struct page *p = &fx->pages[i];
        expect_hx(p->doc, "count(//b | //sarl | //img)", "0", samples[i].name);
    }
}

/* ---------------------------------------------------------------------------
 * The header and the flashes.
 */

struct expect {
    const char *sample, *expr, *want, *promise;
};

static void
check_table(const struct expect *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        expect_hx(page_of(rows[i].sample)->doc, rows[i].expr, rows[i].want, rows[i].promise);
}

static const struct expect layout[] = {
    {"home", "normalize-space(//header//*[contains(@class, 'header-user')])",
     "Connecté : admin@pvi.localhost Administrateur", "the user, after the user word, with role"},
    {"home-en", "normalize-space(//header//*[contains(@class, 'header-user')])",
     "Signed in as gerant@boulangerie-martin.fr", "a user without role"},
    {"login", "count(//header//*[contains(@class, 'header-user')])", "0", "no user, no line"},
    {"home", "//header//nav/@aria-label", "Navigation principale", "the nav's label"},
    {"home", "count(//header//nav//li/a)", "6", "every nav link"},
    {"home", "count(//nav//a[@aria-current])", "1", "one current nav link"},
    {"home", "//nav//a[@aria-current='page']/@href", "/", "the current link"},
    {"table", "//nav//a[@aria-current='page']", "Sites", "the current link"},
    {"home", "normalize-space(//nav//details/summary)", "Menu", "the menu word on a phone"},
    {"login", "count(//nav)", "0", "no navigation before login"},
    {"error-500", "count(//nav | //header//form)", "0", "an error page without session"},
    {"home", "//header//form[contains(@class, 'logout')]/@action", "/logout", "logout form"},
    {"home", "normalize-space(//header//form[@action='/logout']/button[@type='submit'])",
     "Se déconnecter", "logout button"},
    {"home", "//header//form[@action='/langue']//select/@name", "lang", "language select"},
    {"home", "//label[@for=//header//select/@id]", "Langue", "language label"},
    {"home", "//header//select/option[@selected]/@value", "fr", "current language selected"},
    {"home-en", "//header//select/option[@selected]/@value", "en", "current language selected"},
    {"home", "count(//header//select/option[@lang=@value])", "2", "language names in their own"},
    {"home", "normalize-space(//header//form[@action='/langue']/button)", "Changer",
     "language submit"},
    {"home", "count(//*[contains(@class, 'flash')][@role])", "2", "every flash shown"},
    {"home", "//*[contains(@class, 'flash-success')]/@role", "status", "success: status"},
    {"home", "//*[contains(@class, 'flash-error')]/@role", "alert", "error: alert"},
    {"home-en", "//*[contains(@class, 'flash-info')]/@role", "status", "info: status"},
    {"home", "count(//*[@role][contains(@class, 'flash')][following::main][not(ancestor::main)])",
     "2", "flashes above main"},
    {"form", "count(//*[contains(@class, 'flash')])", "0", "no flash, no box"},
};

static void
header_shows_office_user_navigation_logout_language_and_flashes(void **state)
{
    (void)state;
    check_table(layout, ROWS(layout));
}

/* ---------------------------------------------------------------------------
 * Blocks.
 */

static const struct expect blocks[] = {
    {"home", "count(//main/p/strong)", "1", "strong in a paragraph"},
    {"home", "//main/p/code", "192.0.2.10", "code in a paragraph"},
    {"home", "//main/p/a/@href", "/compte/sessions", "a link in a paragraph"},
    {"home", "count(//main/dl/div/dt)", "4", "facts: one dt per fact"},
    {"home", "//main/dl/div[1]/dt", "Rôle", "fact label"},
    {"home", "//main/dl/div[1]/dd", "Administrateur", "fact value"},
    {"home", "//main/dl/div[3]/dd/a/@href", "/demandes", "a link in a fact"},
    {"home", "count(//main/*[contains(@class, 'notice-warning')])", "1", "a warning notice"},
    {"home-en", "count(//main/*[contains(@class, 'notice-info')])", "1", "an info notice"},
    {"home", "//main/section[1]/h2", "À faire", "a section's heading is an h2"},
    {"home", "count(//main/section[1]/ul/li)", "3", "a list"},
    {"home", "//main/section[1]/ul/li[1]/a/@href", "/demandes/118", "a link in an item"},
    {"home", "count(//main/section[2]/ul/li/a)", "3", "a list of links"},
    {"error-404", "count(//main/ul/li/a)", "2", "an error page's links"},
    {"home", "count(//main//form[contains(@class, 'button-form')])", "2", "button-forms"},
    {"home", "//form[@action='/publication/relancer']/button/@class", "button button-primary",
     "button-form kind"},
    {"home", "//form[@action='/publication/vider']/button/@class", "button button-warning",
     "button-form kind"},
    {"home", "//form[@action='/publication/vider']/button/@name", "confirm", "button-form name"},
    {"home", "//form[@action='/publication/vider']/button/@value", "yes", "button-form value"},
    {"home",
     "count(//form[contains(@class, 'button-form')]/*[not(self::button or "
     "self::input[@type='hidden'])])",
     "0", "a button-form has no field"},
    {"error-404", "normalize-space(//main/h1)", "Page introuvable", "error page h1"},
    {"error-404", "count(//main/p)", "2", "error page paragraphs"},
    {"error-404", "count(//main//form)", "0", "an error page has no form"},
    {"error-500", "normalize-space(//main/h1)", "Une erreur technique est survenue",
     "error page h1"},
    {"error-500", "//main/p[2]/code", "req-7f3a9c21", "error page reference"},
    {"error-500", "//main/ul/li/a/@href", "/", "error page link"},
};

static void
blocks_become_their_html(void **state)
{
    (void)state;
    check_table(blocks, ROWS(blocks));
}

/* ---------------------------------------------------------------------------
 * Forms.
 */

/* The error summary of each sample's form, in the order it must list. */
struct summary_line {
    const char *href; /* NULL: a form-level error, no link */
    const char *text;
};

static const struct {
    const char *sample;
    struct summary_line lines[8];
} summaries[] = {
    {"login",
     {{NULL, "Identifiant ou mot de passe incorrect."},
      {"#f-email", "Saisissez une adresse e-mail valide, comme nom@exemple.fr."},
      {"#f-password", "Saisissez votre mot de passe."}}},
    {"form",
     {{"#f-postal_code", "Le code postal doit compter 5 chiffres."},
      {"#f-description", "La présentation ne peut pas contenir d’adresse web."},
      {"#f-payment", "Choisissez au moins un moyen de paiement."},
      {"#f-hours.mon.1.open", "Cette plage chevauche la précédente."},
      {"#f-phones.1.number", "Ce numéro n’est pas un numéro français valide."}}},
};

static void
check_summary(xmlDocPtr doc, const struct summary_line *lines, size_t max, const char *what)
{
    const char *box = "//form//div[@class='error-summary']";
    char *q = pvi_asprintf("count(%s)", box);
    if (count_of(doc, q) != 1)
        fail_msg("%s: %d error summaries, want 1", what, count_of(doc, q));
    free(q);
    q = pvi_asprintf("%s/@role", box);
    expect_hx(doc, q, "alert", what);
    free(q);
    q = pvi_asprintf("%s/@tabindex", box);
    expect_hx(doc, q, "-1", what);
    free(q);
    q = pvi_asprintf("normalize-space(%s/h2)", box);
    expect_hx(doc, q, "Il y a un problème", what);
    free(q);
    /* at the top of the form: before every visible field */
    q = pvi_asprintf("count(%s/preceding-sibling::*[not(self::input[@type='hidden'] or "
                     "self::button[@aria-hidden='true'])])",
                     box);
    expect_hx(doc, q, "0", what);
    free(q);

    size_t n = 0;
    while (n < max && lines[n].text != NULL)
        n++;
    q = pvi_asprintf("count(%s/ul/li)", box);
    if (count_of(doc, q) != (int)n)
        fail_msg("%s: %d lines in the summary, want %zu", what, count_of(doc, q), n);
    free(q);
    for (size_t i = 0; i < n; i++) {
        char *li = pvi_asprintf("%s/ul/li[%zu]", box, i + 1);
        q = pvi_asprintf("normalize-space(%s)", li);
        expect_hx(doc, q, lines[i].text, what);
        free(q);
        q = pvi_asprintf("string(%s/a/@href)", li);
        expect_hx(doc, q, lines[i].href ? lines[i].href : "", what);
        free(q);
        if (lines[i].href != NULL) {
            /* the link leads to a control of the form */
            q = pvi_asprintf("count(//form//*[self::input or self::select or self::textarea or "
                             "self::button][@id='%s'])",
                             lines[i].href + 1);
            if (count_of(doc, q) != 1)
                fail_msg("%s: the summary links to %s, which is no control", what, lines[i].href);
            free(q);
        }
        free(li);
    }
}

static void
error_summary_lists_form_errors_then_each_faulty_field_in_order(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(summaries); i++)
        check_summary(page_of(summaries[i].sample)->doc, summaries[i].lines,
                      ROWS(summaries[i].lines), summaries[i].sample);
    /* a form without error has no summary */
    expect_hx(page_of("table")->doc, "count(//*[@class='error-summary'])", "0", "table");
    /* the first summary of a page takes the focus without script */
    expect_hx(page_of("login")->doc, "count(//*[@class='error-summary'][@autofocus])", "1",
              "login");
}

/* aria-describedby, aria-invalid and the visible message, field by field. */
static const struct expect wiring[] = {
    {"login", "//*[@id='f-email']/@aria-describedby", "f-email-hint f-email-error", "hint+error"},
    {"login", "//*[@id='f-email']/@aria-invalid", "true", "invalid"},
    {"login", "//*[@id='f-email-hint']", "L’adresse donnée à la signature du contrat.", "hint"},
    {"login", "normalize-space(//*[@id='f-email-error'])",
     "Erreur : Saisissez une adresse e-mail valide, comme nom@exemple.fr.", "prefixed message"},
    {"login", "//*[@id='f-password']/@aria-describedby", "f-password-error", "error only"},
    {"login", "//*[@id='f-password']/@aria-invalid", "true", "invalid"},
    {"form", "//*[@id='f-activity']/@aria-describedby", "f-activity-hint", "hint only"},
    {"form", "count(//*[@id='f-activity']/@aria-invalid)", "0", "valid: no aria-invalid"},
    {"form", "count(//*[@id='f-business_name']/@aria-describedby)", "0", "nothing to describe"},
    {"form", "//*[@id='f-postal_code']/@aria-describedby", "f-postal_code-error", "error only"},
    {"form", "//*[@id='f-description']/@aria-describedby", "f-description-hint f-description-error",
     "textarea"},
    {"form", "//*[@id='f-description']/@aria-invalid", "true", "textarea invalid"},
    {"form", "//fieldset[.//*[@id='f-payment']]/@aria-describedby",
     "f-payment-hint f-payment-error", "a group is described on its fieldset"},
    {"form", "count(//input[@name='payment'][@aria-invalid='true'])", "4", "its boxes invalid"},
    {"form", "count(//input[@name='charter'][@aria-invalid])", "0", "a valid group"},
    {"form", "//*[@id='f-hours.mon.1.open']/@aria-describedby", "f-hours.mon.1-error",
     "an hours slot"},
    {"form", "//*[@id='f-hours.mon.1.close']/@aria-describedby", "f-hours.mon.1-error",
     "an hours slot"},
    {"form", "count(//input[@type='time'][@aria-invalid='true'])", "2", "only the faulty slot"},
    {"form", "normalize-space(//td[.//*[@id='f-hours.mon.1.open']]/p[@class='error-message'])",
     "Erreur : Cette plage chevauche la précédente.", "a slot's message in its cell"},
    {"form", "//*[@id='f-phones.1.number']/@aria-invalid", "true", "a field of a row"},
    {"form", "count(//*[@id='f-phones.0.number']/@aria-invalid)", "0", "a valid row"},
    {"form", "//fieldset[contains(@class, 'repeat')]/@aria-describedby", "f-phones-hint",
     "a repeat's hint"},
    {"form", "count(//*[contains(@class, 'field-invalid')])", "4", "invalid fields marked"},
};

static void
faulty_fields_are_invalid_and_described(void **state)
{
    (void)state;
    check_table(wiring, ROWS(wiring));
}

static const struct expect values[] = {
    {"login", "//*[@id='f-email']/@value", "gerant@martin&fils.fr", "typed e-mail"},
    {"login", "count(//*[@id='f-password']/@value)", "0", "a password is not written back"},
    {"form", "//*[@id='f-business_name']/@value", "Martin & Fils \"Le Fournil\" <SARL>", "text"},
    {"form", "//*[@id='f-postal_code']/@value", "350", "a faulty value kept"},
    {"form", "//*[@id='f-opened_on']/@value", "1998-09-01", "date"},
    {"form", "//*[@id='f-employees']/@value", "6", "number"},
    {"form", "//*[@id='f-description']",
     "Pain au levain & viennoiseries <b>maison</b> depuis 1998.\nVoir www.martin-fils.fr",
     "textarea text"},
    {"form", "//*[@id='f-activity']//option[@selected]/@value", "boulanger", "selected option"},
    {"form", "count(//*[@id='f-activity']//option[@selected])", "1", "one selected option"},
    {"form", "//input[@name='charter'][@checked]/@value", "classique", "checked radio"},
    {"form", "count(//input[@name='payment'][@checked])", "0", "no box ticked, none checked"},
    {"form", "count(//*[@id='f-notify'][@checked])", "1", "checked box"},
    {"form", "//*[@id='f-notify']/@value", "1", "single box value"},
    {"form", "//*[@id='f-hours.mon.1.open']/@value", "12:30", "slot open"},
    {"form", "//*[@id='f-hours.tue.1.close']/@value", "19:30", "slot close"},
    {"form", "count(//*[@id='f-hours.mon.2.open']/@value)", "0", "an empty slot"},
    {"form", "//*[@id='f-phones.1.number']/@value", "06 12 34", "a row's text"},
    {"form", "//*[@id='f-phones.1.kind']/option[@selected]/@value", "mobile", "a row's select"},
    {"form", "//input[@type='hidden'][@name='version']/@value", "17", "hidden field"},
    {"table", "//*[@id='f-q']/@value", "martin", "a search"},
    {"table-empty", "//*[@id='f-q']/@value", "zzz <script>", "a search"},
};

static void
typed_values_are_written_back_except_passwords(void **state)
{
    (void)state;
    check_table(values, ROWS(values));
    if (strstr(page_of("login")->html, "s3cret-typed") != NULL)
        fail_msg("login: the typed password is in the page");
}

/* Each kind of field becomes its HTML. */
static const struct expect kinds[] = {
    {"login", "//*[@id='f-email']/@type", "email", "text type"},
    {"login", "//*[@id='f-password']/@type", "password", "text type"},
    {"form", "//*[@id='f-business_name']/@type", "text", "default type"},
    {"form", "//*[@id='f-website']/@type", "url", "text type"},
    {"table", "//*[@id='f-q']/@type", "search", "text type"},
    {"form", "//*[@id='f-phones.0.number']/@type", "tel", "text type"},
    {"login", "//*[@id='f-email']/@autocomplete", "username", "autocomplete"},
    {"login", "//*[@id='f-email']/@maxlength", "254", "maxlength"},
    {"form", "//*[@id='f-siret']/@inputmode", "numeric", "inputmode"},
    {"form", "//*[@id='f-postal_code']/@class", "input input-short", "width"},
    {"form", "count(//*[@id='f-siret'][@required])", "1", "required attribute"},
    {"form", "normalize-space(//label[@for='f-siret'])", "SIRET", "required: no optional word"},
    {"form", "normalize-space(//label[@for='f-opened_on'])", "Date d’ouverture (facultatif)",
     "optional word after the label"},
    {"form", "count(//*[@id='f-opened_on'][@required])", "0", "optional: no required"},
    {"form", "normalize-space(//label[@for='f-refusal'])", "Motif du refus",
     "conditional: no optional word"},
    {"form", "count(//*[@id='f-refusal'][@required])", "0", "conditional: no required"},
    {"form", "name(//*[@id='f-description'])", "textarea", "textarea"},
    {"form", "//*[@id='f-description']/@rows", "5", "textarea rows"},
    {"form", "//*[@id='f-description']/@maxlength", "2000", "textarea maxlength"},
    {"form", "count(//*[@id='f-activity']/optgroup)", "2", "select groups"},
    {"form", "//*[@id='f-activity']/optgroup[2]/@label", "Artisans du bâtiment", "group label"},
    {"form", "count(//*[@id='f-activity']/optgroup[1]/option)", "2", "options in a group"},
    {"form", "//*[@id='f-activity']/option[1]", "Choisir une activité", "option outside groups"},
    {"form", "normalize-space(//fieldset[.//@name='payment']/legend)",
     "Moyens de paiement acceptés", "a required group: no optional word"},
    {"form", "count(//input[@type='checkbox'][@name='payment'])", "4", "one box per option"},
    {"form", "//label[@for='f-payment-3']", "Titres-restaurant", "a box's label"},
    {"form", "count(//input[@type='radio'][@name='charter'][@required])", "3", "radios required"},
    {"form", "count(//input[@name='payment'][@required])", "0",
     "a required group of boxes: no required box (HTML cannot say \"at least one\")"},
    {"form", "normalize-space(//fieldset[.//@name='charter']/legend)", "Charte graphique",
     "required group: no optional word"},
    {"form", "//*[@id='f-notify']/@type", "checkbox", "a single box"},
    {"form", "normalize-space(//label[@for='f-notify'])",
     "Prévenir le client par e-mail de ces changements (facultatif)", "its label"},
    {"form", "//fieldset[@class='fieldset']/legend", "L’entreprise", "a fieldset"},
    {"form", "count(//fieldset[@class='fieldset']//*[@id='f-email'])", "1", "fields inside it"},
    /* hours grid: a table, a row per day, a pair of time inputs per slot */
    {"form", "count(//fieldset[contains(@class, 'hours')]//table/tbody/tr)", "7", "a row per day"},
    {"form", "//fieldset[contains(@class, 'hours')]//tr[1]/th[@scope='row']", "Lundi", "day"},
    {"form", "count(//fieldset[contains(@class, 'hours')]//tr[1]/td)", "3", "a cell per slot"},
    {"form", "count(//input[@type='time'])", "24", "two inputs per slot"},
    {"form", "//*[@id='f-hours.sun.0.close']/@name", "hours.sun.0.close", "slot input name"},
    {"form", "normalize-space(//label[@for='f-hours.mon.1.close'])", "Lundi 2 Fermeture",
     "accessible name: day, slot, word"},
    {"form", "normalize-space(//label[@for='f-hours.wed.0.open'])", "Mercredi 1 Ouverture",
     "accessible name: day, slot, word"},
    {"form", "normalize-space(//fieldset[contains(@class, 'hours')]/legend)",
     "Horaires d’ouverture (facultatif)", "the grid's legend"},
    {"form", "//fieldset[contains(@class, 'hours')]/@aria-describedby", "f-hours-hint",
     "the grid's hint"},
    /* repeated rows */
    {"form", "count(//fieldset[contains(@class, 'repeat')]/fieldset)", "2", "a fieldset per row"},
    {"form", "//fieldset[contains(@class, 'repeat')]/fieldset[2]/legend", "Téléphone 2",
     "row legend"},
    {"form", "count(//button[@name='_remove'][@type='submit'][@formnovalidate])", "2",
     "remove buttons skip validation"},
    {"form", "//fieldset[contains(@class, 'repeat')]/fieldset[1]//button/@value", "phones.0",
     "remove value"},
    {"form", "normalize-space(//button[@name='_add'][@type='submit'][@formnovalidate])",
     "Ajouter un numéro", "add button"},
    {"form", "//button[@name='_add']/@value", "phones", "add value"},
    /* Enter in a field submits with the primary action, not "remove" */
    {"form", "normalize-space((//form[@id='site']//button)[1])", "Enregistrer", "default button"},
    {"form", "(//form[@id='site']//button)[1]/@aria-hidden", "true", "hidden default button"},
    {"form", "(//form[@id='site']//button)[1]/@tabindex", "-1", "hidden default button"},
    {"login", "count(//form[@id='login']//button[@aria-hidden])", "0", "only with rows"},
};

/* Differences side by side; ids of blocks; facts whose values keep their lines. */
static const struct expect diffs[] = {
    {"site-diff", "count(//table[@id='diff'][contains(@class, 'diff')]/tbody/tr)", "2",
     "one row per field"},
    {"site-diff", "//table[@id='diff']/caption",
     "Champs qui diffèrent de la révision 2 à la révision 3", "the caption"},
    {"site-diff", "//div[@class='table-box'][table[@id='diff']]/@aria-label",
     "Champs qui diffèrent de la révision 2 à la révision 3", "a scrolling region named"},
    {"site-diff", "//table[@id='diff']/thead/tr/th[2]", "Révision 2", "the before heading"},
    {"site-diff", "//table[@id='diff']/thead/tr/th[3]", "Révision 3", "the after heading"},
    {"site-diff", "//table[@id='diff']/tbody/tr[1]/th[@scope='row']", "Accroche",
     "the field is a row header"},
    {"site-diff", "//table[@id='diff']/tbody/tr[1]/td[@class='diff-after']",
     "<b>Pains</b> au levain, depuis 1987", "text, escaped"},
    {"site-diff", "count(//table[@id='diff']//b)", "0", "no markup from the values"},
    {"site-diff", "//table[@id='diff']/tbody/tr[2]/td[@class='diff-before']/@data-label",
     "Révision 2", "each value labelled for the phone layout"},
    {"site-diff", "contains(//table[@id='diff']/tbody/tr[2]/td[1], 'fermé\nMardi')", "true",
     "line breaks kept"},
    {"site-diff", "//section[@id='contenu-du-site']/h2", "Le contenu", "a section's id"},
    {"site-diff", "//dl[@id='faits']/div[1]/dd/@class", "lines", "a multi-line fact"},
    {"site-diff", "count(//dl[@id='faits']/div[2]/dd/@class)", "0", "a plain fact"},
    {"site-diff", "//div[@id='publication-verdict']/@class", "notice notice-warning",
     "a notice's id"},
    {"site-diff", "//ul[@id='decisions-refusees']/li", "Approuver : non", "a list's id"},
};

static void
diffs_and_ids_become_their_html(void **state)
{
    (void)state;
    check_table(diffs, ROWS(diffs));
}

static void
every_field_kind_becomes_its_html(void **state)
{
    (void)state;
    check_table(kinds, ROWS(kinds));
}

/* Actions: one primary button per form, the others secondary; links. */
static const struct expect actions[] = {
    {"login", "//form[@id='login']//div[@class='actions']/button/@class", "button button-primary",
     "primary"},
    {"login", "//form[@id='login']//div[@class='actions']/a/@href", "/mot-de-passe-oublie",
     "a link"},
    {"form", "count(//form[@id='site']//button[contains(@class, 'button-primary')])", "1",
     "one primary"},
    {"form", "//form[@id='site']//div[@class='actions']/button[2]/@class",
     "button button-secondary", "secondary"},
    {"form", "//form[@id='site']//div[@class='actions']/button[2]/@name", "then", "name"},
    {"form", "//form[@id='site']//div[@class='actions']/button[2]/@value", "submit", "value"},
    {"table-empty", "//form[@id='search']//div[@class='actions']/button/@class",
     "button button-primary", "a submit without kind is the primary"},
    {"table", "//form[@id='search']/@method", "get", "a GET form"},
};

static void
actions_have_one_primary_button(void **state)
{
    (void)state;
    check_table(actions, ROWS(actions));
}

/* ---------------------------------------------------------------------------
 * Tables and paging.
 */

static const struct expect tables[] = {
    {"table", "//main//*[@role='region']/@aria-label", "Sites correspondant à « martin »",
     "the scrolling box is a labelled region"},
    {"table", "//main//*[@role='region']/@tabindex", "0", "a keyboard can scroll it"},
    {"table", "//main//*[@role='region']/table/caption", "Sites correspondant à « martin »",
     "caption"},
    {"table", "count(//table[@class='table']/thead/tr/th[@scope='col'])", "5", "column headers"},
    {"table", "count(//th[@aria-sort])", "1", "one sorted column"},
    {"table", "//th[@aria-sort='ascending']/a/@href", "?q=martin&sort=name&dir=desc",
     "the sorted column links to the other order"},
    {"table", "normalize-space(//th[@aria-sort='ascending'])", "Nom tri croissant",
     "the sort-asc word"},
    {"table", "//th[@aria-sort='ascending']/span[@class='visually-hidden']", " tri croissant",
     "hidden sort word"},
    {"table", "//th[2]/a/@href", "?q=martin&sort=city", "a sortable column is a link"},
    {"table", "count(//th[3]/a)", "0", "a column without sort-href is no link"},
    {"table", "count(//th[contains(@class, 'numeric')])", "1", "numeric header"},
    {"table", "count(//tbody/tr/td[4][@class='numeric'])", "4", "numeric cells"},
    {"table", "count(//tbody/tr/td[@class='numeric'])", "4", "only numeric cells"},
    {"table", "count(//tbody/tr)", "4", "a row per row"},
    {"table", "//tbody/tr[2]/td[1]/a/@href", "/sites/12", "a link cell"},
    {"table", "count(//tbody/tr/td[2]/a)", "0", "a plain cell"},
    {"table-empty", "count(//th[@aria-sort])", "1", "sorted descending"},
    {"table-empty", "normalize-space(//th[@aria-sort='descending'])", "Modifié le tri décroissant",
     "the sort-desc word"},
    {"table-empty", "count(//tbody/tr)", "1", "one row for no row"},
    {"table-empty", "//tbody/tr/td/@colspan", "3", "across every column"},
    {"table-empty", "//tbody/tr/td", "Aucun site ne correspond à « zzz <script> ».", "its text"},
    /* paging */
    {"table", "//nav[@class='paging']/@aria-label", "Pagination", "paging label"},
    {"table", "//nav[@class='paging']//a[@rel='prev']/@href", "?q=martin&sort=name&before=Bou",
     "previous link"},
    {"table", "//nav[@class='paging']//a[@rel='prev']", "Page précédente", "previous word"},
    {"table", "//nav[@class='paging']//a[@rel='next']/@href", "?q=martin&sort=name&after=Pha",
     "next link"},
    {"table", "//nav[@class='paging']//a[@rel='next']", "Page suivante", "next word"},
    {"table", "normalize-space(//nav[@class='paging']//li[contains(@class, 'status')])",
     "Sites 51 à 54 sur 154", "paging status"},
    {"table", "//nav[@class='paging']//li[1][@class='paging-first']/a/@href", "?q=martin&sort=name",
     "the first page comes first"},
    {"table", "//li[@class='paging-first']/a", "Première page", "its words, from the view"},
    {"table", "//li[@class='paging-last']/a/@href", "?q=martin&sort=name&last=1", "last link"},
    {"table", "name(//nav[@class='paging']//li[last()]/a/..)", "li", "last page is last"},
    {"table", "//nav[@class='paging']//li[last()]/@class", "paging-last", "…of the list"},
    {"table", "//a[@rel='prev']/@id", "page-prev", "a paging link keeps its id"},
    {"table", "count(//a[@rel='next']/@id)", "0", "no id when none is given"},
    {"table", "//input[@name='q']/@placeholder", "Boulangerie Martin…", "a text's placeholder"},
    {"table", "count(//form[@method='get']//span[@class='optional'])", "0",
     "a search does not call its criteria optional"},
    {"table-empty", "count(//nav[@class='paging']//a)", "0", "no link when absent"},
    {"table-empty", "normalize-space(//nav[@class='paging'])", "Aucun site", "status only"},
};

static void
tables_sort_number_link_and_page(void **state)
{
    (void)state;
    check_table(tables, ROWS(tables));
}

/* ---------------------------------------------------------------------------
 * Cases the samples do not show, on small views of their own.
 */

/* A page around main (or the page itself when main starts with "<page"). */
static char *
small_view(const char *main)
{
    if (strncmp(main, "<page", 5) == 0)
        return pvi_strdup(main);
    return pvi_asprintf(
        "<page office=\"backoffice\" lang=\"fr\" status=\"200\"><head><title>T</title>"
        "<stylesheet href=\"/s.css\"/></head><header><office href=\"/\">O</office></header>"
        "<main>%s</main><labels><l k=\"skip\">Aller au contenu</l><l k=\"errors\">Problèmes</l>"
        "<l k=\"error\">Erreur :</l><l k=\"optional\">(facultatif)</l></labels></page>",
        main);
}

static const struct {
    const char *main, *expr, *want, *promise;
} small_cases[] = {
    {"<form action=\"/r\" method=\"post\" csrf=\"t\"><repeat name=\"ph\" legend=\"Tél.\" "
     "error=\"Au moins un numéro.\"><add name=\"_add\" value=\"ph\">Ajouter</add></repeat>"
     "<actions><submit>OK</submit></actions></form>",
     "concat(//div[@class='error-summary']//a/@href, ' ', name(//*[@id='f-ph-add']))",
     "#f-ph-add button", "a repeat without row: the summary points at its add button"},
    {"<form action=\"/r\" method=\"post\" csrf=\"t\"><repeat name=\"ph\" legend=\"Tél.\" "
     "error=\"Trop.\"><row legend=\"1\"><hidden name=\"ph.0.id\" value=\"9\"/>"
     "<text name=\"ph.0.n\" label=\"N\"/></row></repeat></form>",
     "//div[@class='error-summary']//a/@href", "#f-ph.0.n",
     "a repeat: the summary points at the first field of its first row"},
    {"<form action=\"/h\" method=\"post\" csrf=\"t\"><hours name=\"h\" legend=\"H\" "
     "open-label=\"De\" close-label=\"À\" error=\"Au moins un jour.\"><day code=\"mon\" "
     "label=\"Lundi\"/><day code=\"tue\" label=\"Mardi\"><slot open=\"\" close=\"\"/>"
     "<slot open=\"\" close=\"\"/></day></hours></form>",
     "concat(//div[@class='error-summary']//a/@href, ' ', "
     "count(//input[@type='time'][@aria-invalid='true']))",
     "#f-h.tue.0.open 4", "an hours error: first input of the grid, every input invalid"},
    {"<form action=\"/c\" method=\"post\" csrf=\"t\"><checkbox name=\"ok\" label=\"J’accepte\" "
     "value=\"1\" required=\"required\" hint=\"H\" error=\"Cochez la case.\"/></form>",
     "concat(//*[@id='f-ok']/@aria-describedby, ' ', //*[@id='f-ok']/@aria-invalid, ' ', "
     "count(//*[@id='f-ok'][@required]), ' ', //div[@class='error-summary']//a/@href)",
     "f-ok-hint f-ok-error true 1 #f-ok", "a single checkbox with an error"},
    {"<form action=\"/c\" method=\"post\" csrf=\"t\"><radios name=\"r\" legend=\"R\" "
     "error=\"Choisissez.\"><option value=\"a\">A</option><option value=\"b\">B</option>"
     "</radios></form>",
     "concat(//div[@class='error-summary']//a/@href, ' ', (//input[@type='radio'])[2]/@id)",
     "#f-r f-r-1", "a radio group: the summary points at its first radio"},
    {"<form action=\"/t\" method=\"post\" csrf=\"t\"><textarea name=\"d\" label=\"D\">&#10;x"
     "</textarea></form>",
     "string-length(//textarea)", "3",
     "a value's leading newline is doubled (browsers drop the first; libxml2 keeps both)"},
    {"<section heading=\"A\"><section heading=\"B\"><p>x</p></section></section>",
     "concat(name(//main/section/*[1]), name(//main/section/section/*[1]))", "h2h3",
     "a section in a section has an h3"},
    {"<form action=\"/a\" method=\"post\" csrf=\"t\"><actions><submit kind=\"primary\">A"
     "</submit><submit kind=\"primary\">B</submit><submit kind=\"warning\">C</submit></actions>"
     "</form>",
     "concat(count(//button[contains(@class, 'primary')]), ' ', //button[2]/@class, ' ', "
     "//button[3]/@class)",
     "1 button button-secondary button button-warning", "never two primary buttons"},
    {"<form action=\"/s\" method=\"get\"><text name=\"q\" label=\"Q\"/></form>",
     "concat(count(//main//input[@type='hidden']), count(//*[@class='error-summary']))", "00",
     "a GET form without error: no csrf, no summary"},
    {"<p>a <link href=\"/x\" current=\"page\">x</link></p>", "//main//a/@aria-current", "page",
     "current=page on any link"},
    {"<page office=\"client-fo\" lang=\"fr\" status=\"200\"><head><title>T</title></head>"
     "<header><office href=\"/\">O</office><nav label=\"N\"><link href=\"/\">A</link></nav>"
     "</header><main><h1>H</h1></main><labels><l k=\"menu\">Rubriques</l></labels></page>",
     "normalize-space(//nav//summary)", "Rubriques", "the menu word comes from the labels"},
    {"<form action=\"/k\" method=\"post\" csrf=\"t\"><checkboxes name=\"s\" legend=\"S\">"
     "<option value=\"a\">A</option><option value=\"b\" hint=\"Ce que B permet.\">B</option>"
     "</checkboxes></form>",
     "concat(count(//*[@id='f-s']/@aria-describedby), ' ', //*[@id='f-s-1']/@aria-describedby, ' ', "
     "//*[@id=//*[@id='f-s-1']/@aria-describedby], ' ', count(//p[contains(@class, 'hint')]))",
     "0 f-s-1-hint Ce que B permet. 1", "an option's hint: under its label, describing its box"},
    {"<button-form id=\"disable\" action=\"/d\" csrf=\"t\" kind=\"warning\">D</button-form>"
     "<p><code id=\"secret\">abc-def</code></p>",
     "concat(//form[@id='disable']/@action, ' ', //code[@id='secret'])", "/d abc-def",
     "the ids of a one-button form and of a code are kept"},
};

static void
the_remaining_rules_hold_on_small_views(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(small_cases); i++) {
        char *xml = small_view(small_cases[i].main);
        char *html = render_view(xml, small_cases[i].promise);
        htmlDocPtr doc = html_parse(html, small_cases[i].promise);
        expect_hx(doc, small_cases[i].expr, small_cases[i].want, small_cases[i].promise);
        xmlFreeDoc(doc);
        free(html);
        free(xml);
    }
}

/* ---------------------------------------------------------------------------
 * The files themselves.
 */

static char *
read_office_file(const char *name)
{
    char *path = pvi_asprintf("%s/offices/%s", testenv_require("PVI_XSL_DIR"), name);
    char *text = pvi_file_read(NULL, path);
    if (text == NULL)
        fail_msg("cannot read %s", path);
    free(path);
    return text;
}

/* Overwrites every XML comment of text with spaces (comments may name
 * what the code must not do). */
static void
blank_comments(char *text)
{
    for (char *c = strstr(text, "<!--"); c; c = strstr(c, "<!--")) {
        char *end = strstr(c, "-->");
        if (end == NULL)
            fail_msg("an XML comment does not end");
        memset(c, ' ', (size_t)(end + 3 - c));
        c = end + 3;
    }
}

/* The stylesheets read no file and use no extension; each opens with a
 * comment saying what it is for. The CSS is self-contained (no import, no
 * font, no image) and has an accent for each office. */
static void
stylesheet_files_are_self_contained(void **state)
{
    (void)state;
    static const char *const forbidden[] = {
        "document(",
        "extension-element-prefixes",
        "http://exslt.org",
        "xmlsoft.org/XSLT",
        "xsl:message",
        "xsl:strip-space",
        "<script",
        "style=",
        "select=\"//",
        "test=\"//",
        "(//",
    };
    char *dir_path = pvi_asprintf("%s/offices", testenv_require("PVI_XSL_DIR"));
    DIR *dp = opendir(dir_path);
    if (dp == NULL)
        fail_msg("cannot open %s", dir_path);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".xsl") != 0)
            continue;
        char *text = read_office_file(e->d_name);
        const char *start = strstr(text, "?>\n<!-- ");
        if (start == NULL || strncmp(start + 8, e->d_name, n) != 0)
            fail_msg("%s does not open with a comment naming it", e->d_name);
        blank_comments(text);
        for (size_t k = 0; k < ROWS(forbidden); k++)
            if (strstr(text, forbidden[k]) != NULL)
                fail_msg("%s uses %s", e->d_name, forbidden[k]);
        free(text);
        files++;
    }
    closedir(dp);
    free(dir_path);
    assert_true(files >= 2);

    char *css = read_office_file("office.css");
    static const char *const css_forbidden[] = {"@import", "url(", "@font-face", "http"};
    for (size_t k = 0; k < ROWS(css_forbidden); k++)
        if (strstr(css, css_forbidden[k]) != NULL)
            fail_msg("office.css uses %s", css_forbidden[k]);
    static const char *const css_needed[] = {
        ".backoffice", ".operator-fo", ".client-fo", ":focus-visible", "@media", "sans-serif",
    };
    for (size_t k = 0; k < ROWS(css_needed); k++)
        if (strstr(css, css_needed[k]) == NULL)
            fail_msg("office.css lacks %s", css_needed[k]);
    free(css);
}

/* ---------------------------------------------------------------------------
 * Figures and charts (charts.xsl): the numbers of the sample, the lengths
 * computed by hand (round(value × room ÷ largest), at least 1 unit).
 */

static void
expect_rects(xmlDocPtr doc, const char *chart, const char *attr, const char *const *want, int n)
{
    char *expr = pvi_asprintf("//figure[@id='%s']/svg/descendant::rect[@class='chart-bar']", chart);
    xmlXPathObjectPtr r = eval(doc, expr);
    if (node_count(r) != n)
        fail_msg("%s: %d bars, want %d", chart, node_count(r), n);
    for (int i = 0; i < n; i++) {
        char *got = prop(r->nodesetval->nodeTab[i], attr);
        if (got == NULL || strcmp(got, want[i]) != 0)
            fail_msg("%s: bar %d: %s=\"%s\", want \"%s\"", chart, i + 1, attr, got ? got : "(none)",
                     want[i]);
        free(got);
    }
    xmlXPathFreeObject(r);
    free(expr);
}

static void
charts_draw_bars_labels_and_their_figures(void **state)
{
    (void)state;
    xmlDocPtr d = page_of("dashboard")->doc;
    /* tiles: a list of links to the filtered lists, number then label */
    assert_int_equal(count_of(d, "count(//ul[@class='tiles']/li[@class='tile'])"), 4);
    expect_hx(d, "//ul[@class='tiles']/@aria-label", "Nombre de sites dans chaque état", "tiles");
    expect_hx(d, "//li[@class='tile'][1]/a/@href", "/sites?state=ordered", "tile link");
    expect_hx(d, "//li[@class='tile'][1]/a/span[@class='tile-value']", "200", "tile value");
    expect_hx(d, "//li[@class='tile'][1]/a/span[@class='tile-label']", "Commandés", "tile label");
    assert_int_equal(count_of(d, "count(//li[@class='tile'][4]/a)"), 0);
    expect_hx(d, "//li[@class='tile'][4]/span[@class='tile-label']", "Fermés <&>", "escaped");

    /* the bar chart: an image named by its title and description */
    expect_hx(d, "//figure[@id='chart-states']/svg/@role", "img", "role");
    expect_hx(d, "//figure[@id='chart-states']/svg/@aria-labelledby",
              "chart-states-title chart-states-desc", "labelledby");
    expect_hx(d, "//figure[@id='chart-states']/svg/title[@id='chart-states-title']",
              "Sites par état", "title");
    expect_hx(d, "//figure[@id='chart-states']/svg/desc[@id='chart-states-desc']",
              "Diagramme en barres.", "desc");
    expect_hx(d, "//figure[@id='chart-states']/svg/@viewbox", "0 0 420 144", "viewBox");
    expect_hx(d, "//figure[@id='chart-states']/svg/@width", "100%", "width");
    static const char *const widths[] = {"232", "116", "0", "1"};
    expect_rects(d, "chart-states", "width", widths, 4);
    static const char *const tops[] = {"4", "38", "72", "106"};
    expect_rects(d, "chart-states", "y", tops, 4);
    expect_hx(d, "//figure[@id='chart-states']//text[@class='chart-label'][1]", "Commandés",
              "bar label");
    expect_hx(d, "(//figure[@id='chart-states']//text[@class='chart-value'])[2]", "100",
              "bar value");
    expect_hx(d, "(//figure[@id='chart-states']//text[@class='chart-value'])[2]/@x", "250",
              "value after its bar");
    expect_hx(d, "(//figure[@id='chart-states']//text[@class='chart-label'])[4]", "Fermés <&>",
              "escaped label");
    /* the same figures as a table, folded */
    expect_hx(d, "//figure[@id='chart-states']/div[@class='chart-caption']/details/summary",
              "Voir les chiffres", "summary");
    assert_int_equal(count_of(d, "count(//figure[@id='chart-states']//table/tbody/tr)"), 4);
    expect_hx(d, "//figure[@id='chart-states']//table/tbody/tr[2]/th", "En collecte", "row");
    expect_hx(d, "//figure[@id='chart-states']//table/tbody/tr[2]/td", "100", "row value");
    expect_hx(d, "//figure[@id='chart-states']//table/thead/tr/th[2]", "Sites", "heading");

    /* the column chart: heights, tops from the axis at 200, ticks */
    expect_hx(d, "//figure[@id='chart-publications']/svg/@viewbox", "0 0 600 240", "viewBox");
    static const char *const heights[] = {"0", "170", "85", "1"};
    expect_rects(d, "chart-publications", "height", heights, 4);
    static const char *const ys[] = {"200", "30", "115", "199"};
    expect_rects(d, "chart-publications", "y", ys, 4);
    /* four columns of floor(530 / 4) = 132 units from x = 60, bars of 88 */
    static const char *const xs[] = {"82", "214", "346", "478"};
    expect_rects(d, "chart-publications", "x", xs, 4);
    static const char *const thick[] = {"88", "88", "88", "88"};
    expect_rects(d, "chart-publications", "width", thick, 4);
    assert_int_equal(
        count_of(d, "count(//figure[@id='chart-publications']//text[@class='chart-tick'])"), 2);
    expect_hx(d, "(//figure[@id='chart-publications']//text[@class='chart-tick'])[2]", "02/12",
              "tick");
    expect_hx(d, "(//figure[@id='chart-publications']//text[@class='chart-scale'])[1]", "1000",
              "the largest value on the scale");
    assert_int_equal(count_of(d, "count(//figure[@id='chart-publications']//table/tbody/tr)"), 4);
    expect_hx(d, "//figure[@id='chart-publications']//table/tbody/tr[4]/th", "02/12/2026", "day");
    /* a value's text, when it has one, is how the table writes it */
    expect_hx(d, "//figure[@id='chart-publications']//table/tbody/tr[2]/td", "1\u202f000",
              "grouped digits");
    expect_hx(d, "//figure[@id='chart-publications']//table/tbody/tr[3]/td", "500", "a number");
    /* sections keep their ids */
    assert_int_equal(count_of(d, "count(//section[@id='dash-publications'])"), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_page_is_html5_with_its_lang_title_and_skip_link),
        cmocka_unit_test(no_page_has_style_script_or_event_handler),
        cmocka_unit_test(every_control_has_a_label_for_its_f_name_id),
        cmocka_unit_test(every_aria_reference_points_at_an_element),
        cmocka_unit_test(every_post_form_carries_the_csrf_token),
        cmocka_unit_test(text_from_the_view_is_escaped),
        cmocka_unit_test(header_shows_office_user_navigation_logout_language_and_flashes),
        cmocka_unit_test(blocks_become_their_html),
        cmocka_unit_test(error_summary_lists_form_errors_then_each_faulty_field_in_order),
        cmocka_unit_test(faulty_fields_are_invalid_and_described),
        cmocka_unit_test(typed_values_are_written_back_except_passwords),
        cmocka_unit_test(every_field_kind_becomes_its_html),
        cmocka_unit_test(actions_have_one_primary_button),
        cmocka_unit_test(tables_sort_number_link_and_page),
        cmocka_unit_test(diffs_and_ids_become_their_html),
        cmocka_unit_test(the_remaining_rules_hold_on_small_views),
        cmocka_unit_test(stylesheet_files_are_self_contained),
        cmocka_unit_test(charts_draw_bars_labels_and_their_figures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
