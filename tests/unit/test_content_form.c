/* test_content_form.c — the content form of the offices
 * (pvi_content_form.h) without a server: the round trip content → form
 * inputs → content gives the same document for the demo's content and
 * for generated ones (the inputs read back from the view as a browser
 * would send them); each kind of error pvi_content_validate reports lands
 * on the input that holds the value; the repeated rows' add and remove
 * buttons; what the form does not carry is kept; prices in euros. */
#include "testenv.h"

#include "pvi/pvi_content_form.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_validate.h"
#include "pvi/pvi_view.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the inputs a browser sends for a form ---- */

struct pairs {
    char **v; /* name, value, name, value… */
    size_t n; /* pairs */
};

static void
add_pair(struct pairs *p, const char *name, const char *value)
{
    p->v = realloc(p->v, (p->n + 1) * 2 * sizeof *p->v);
    assert_non_null(p->v);
    p->v[2 * p->n] = pvi_strdup(name);
    p->v[2 * p->n + 1] = pvi_strdup(value);
    p->n++;
}

static void
pairs_free(struct pairs *p)
{
    for (size_t i = 0; i < 2 * p->n; i++)
        free(p->v[i]);
    free(p->v);
    memset(p, 0, sizeof *p);
}

static char *
prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = pvi_strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static int
is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* What a browser submits for the fields under n (the view's vocabulary,
 * docs/views.md): every text and textarea, the selected option of a
 * select, the checked boxes, both times of every slot; no button. */
static void
collect(struct pairs *p, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *name = prop(c, "name");
        if (is(c, "text")) {
            char *v = prop(c, "value");
            add_pair(p, name, v);
            free(v);
        } else if (is(c, "textarea")) {
            xmlChar *t = xmlNodeGetContent(c);
            add_pair(p, name, t ? (const char *)t : "");
            xmlFree(t);
        } else if (is(c, "select") || is(c, "checkboxes")) {
            const char *mark = is(c, "select") ? "selected" : "checked";
            int any = 0;
            for (xmlNodePtr o = c->children; o; o = o->next) {
                if (!is(o, "option") || !xmlHasProp(o, BAD_CAST mark))
                    continue;
                char *v = prop(o, "value");
                add_pair(p, name, v);
                free(v);
                any = 1;
            }
            /* a select without a selected option sends its first */
            if (!any && is(c, "select") && c->children) {
                char *v = prop(c->children, "value");
                add_pair(p, name, v);
                free(v);
            }
        } else if (is(c, "slot")) {
            char key[128], *o = prop(c, "open"), *cl = prop(c, "close");
            snprintf(key, sizeof key, "%s.open", name);
            add_pair(p, key, o);
            snprintf(key, sizeof key, "%s.close", name);
            add_pair(p, key, cl);
            free(o);
            free(cl);
        } else if (!is(c, "hidden") && !is(c, "add") && !is(c, "remove")) {
            collect(p, c); /* fieldset, repeat, row, hours, day */
        }
        free(name);
    }
}

/* The view of the content form for content, as XML. */
static xmlDocPtr
form_view(const json_t *content, const struct pvi_errors *errs)
{
    struct pvi_view *v = pvi_view_detached(PVI_LANG_FR);
    struct pvi_vnode *form = pvi_view_el(pvi_view_main(v), "form", NULL);
    pvi_content_form_fields(v, form, content);
    if (errs)
        pvi_view_form_errors(v, form, errs);
    char *xml = pvi_view_xml(v);
    pvi_view_free(v);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "view.xml", NULL, XML_PARSE_NONET);
    free(xml);
    assert_non_null(doc);
    return doc;
}

static xmlNodePtr
form_of(xmlDocPtr doc)
{
    xmlNodePtr main = xmlDocGetRootElement(doc)->children;
    while (main && !is(main, "main"))
        main = main->next;
    assert_non_null(main);
    xmlNodePtr form = main->children;
    while (form && !is(form, "form"))
        form = form->next;
    assert_non_null(form);
    return form;
}

/* The inputs the form of content sends. */
static void
inputs_of(struct pairs *p, const json_t *content)
{
    xmlDocPtr doc = form_view(content, NULL);
    collect(p, form_of(doc));
    xmlFreeDoc(doc);
}

static json_t *
read_back(int *rows, const struct pairs *p, const json_t *base)
{
    return pvi_content_form_read_pairs(rows, (const char *const *)p->v, p->n, base);
}

/* The members the form does not carry, alone, and the order of the
 * checkbox groups (kept by the form: a group is a set). */
static json_t *
uncarried(const json_t *content)
{
    json_t *o = json_object();
    static const char *const keys[] = {"photos", "logo", "videos", "payment_methods",
                                       "languages"};
    for (size_t i = 0; i < PVI_COUNT_OF(keys); i++) {
        json_t *m = json_object_get(content, keys[i]);
        if (m)
            json_object_set(o, keys[i], m);
    }
    return o;
}

static void
expect_round_trip(const json_t *content, const char *what)
{
    struct pairs p = {0};
    inputs_of(&p, content);
    json_t *base = uncarried(content);
    int rows = -1;
    json_t *back = read_back(&rows, &p, base);
    assert_int_equal(rows, 0);
    if (!json_equal(back, (json_t *)content)) {
        const char *key;
        json_t *m;
        json_object_foreach((json_t *)content, key, m)
        {
            json_t *b = json_object_get(back, key);
            if (b == NULL || !json_equal(m, b)) {
                char *x = json_dumps(m, JSON_ENCODE_ANY), *y = b ? json_dumps(b, JSON_ENCODE_ANY) : NULL;
                print_error("%s, %s:\n  content %.400s\n  back    %.400s\n", what, key, x,
                            y ? y : "(none)");
                free(x);
                free(y);
            }
        }
        json_object_foreach(back, key, m) if (json_object_get(content, key) == NULL)
            print_error("%s, %s: not in the content\n", what, key);
    }
    assert_true(json_equal(back, (json_t *)content));
    json_decref(back);
    json_decref(base);
    pairs_free(&p);
}

static void
the_demo_content_comes_back_from_its_form(void **state)
{
    (void)state;
    json_t *demo = pvi_seed_demo_content();
    /* the demo fills every member the form has */
    static const char *const every[] = {
        "business_name", "activity", "tagline", "description", "phones", "email", "address",
        "hours", "closures", "services", "payment_methods", "languages", "social_links",
        "seo_description", "domains", "charter"};
    for (size_t i = 0; i < PVI_COUNT_OF(every); i++)
        if (json_object_get(demo, every[i]) == NULL)
            print_message("the demo has no %s\n", every[i]);
    expect_round_trip(demo, "demo");
    json_decref(demo);
}

static void
generated_contents_come_back_from_their_form(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(1, NULL, 400);
    for (size_t i = 0; i < 400; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        char what[32];
        snprintf(what, sizeof what, "site %zu", i);
        expect_round_trip(s.content, what);
        pvi_seed_site_clear(&s);
    }
    pvi_seed_gen_free(g);
}

static void
what_the_form_does_not_carry_is_kept(void **state)
{
    (void)state;
    json_t *base = json_pack(
        "{s:s, s:[{s:s, s:s}], s:s, s:[{s:s}], s:{s:i}}", "business_name", "Ancien nom", "photos",
        "media", "0000000000000000000000000000000000000000000000000000000000000001", "alt",
        "Vitrine", "logo", "0000000000000000000000000000000000000000000000000000000000000002",
        "videos", "media", "0000000000000000000000000000000000000000000000000000000000000003",
        "future_member", "x", 1);
    const char *pairs[] = {"business_name", "Nouveau nom", "tagline", ""};
    int rows = -1;
    json_t *c = pvi_content_form_read_pairs(&rows, pairs, 2, base);
    assert_int_equal(rows, 0);
    assert_string_equal(json_string_value(json_object_get(c, "business_name")), "Nouveau nom");
    assert_null(json_object_get(c, "tagline")); /* empty: left out */
    static const char *const kept[] = {"photos", "logo", "videos", "future_member"};
    for (size_t i = 0; i < PVI_COUNT_OF(kept); i++)
        assert_true(json_equal(json_object_get(c, kept[i]), json_object_get(base, kept[i])));
    json_decref(c);
    json_decref(base);
}

/* ---- errors land on their inputs ---- */

/* An input typed wrong, and the input whose error it must be (the hours
 * grid shows a slot's errors on the slot). */
static const struct {
    const char *name, *value;
    const char *lands_on;
} wrong[] = {
    {"business_name", "<b>Gras</b>", "business_name"},
    {"activity", "Pas une rubrique", "activity"},
    {"tagline",
     "Une accroche beaucoup trop longue pour tenir dans les cent vingt caractères que la règle "
     "permet, vraiment beaucoup trop longue",
     "tagline"},
    {"phones.0.kind", "fixed", NULL},
    {"phones.0.number", "02 99 12 34 56", NULL},
    {"phones.1.kind", "mobile", NULL},
    {"phones.1.number", "08 99 12 34 56", "phones.1.number"},
    {"phones.2.kind", "satellite", "phones.2.kind"},
    {"phones.2.number", "06 12 34 56 78", NULL},
    {"email", "pas-une-adresse", "email"},
    {"address.postal_code", "35 000", "address.postal_code"},
    {"address.geo.lat", "95", "address.geo.lat"},
    {"address.geo.lon", "est", "address.geo.lon"},
    {"hours.mon.0.open", "25:00", "hours.mon.0"},
    {"hours.mon.0.close", "12:00", NULL},
    {"hours.tue.0.open", "09:00", NULL},
    {"hours.tue.0.close", "12:00", NULL},
    {"hours.tue.1.open", "11:00", "hours.tue.1"},
    {"hours.tue.1.close", "18:00", NULL},
    {"hours.wed.0.open", "14:00", "hours.wed.0"},
    {"closures.0.from", "2026-02-30", "closures.0.from"},
    {"closures.0.to", "2026-03-02", NULL},
    {"closures.1.from", "2026-08-20", NULL},
    {"closures.1.to", "2026-08-01", "closures.1.to"},
    {"services.0.title", "", "services.0.title"},
    {"services.0.description", "Sur devis", NULL},
    {"services.0.price_cents", "douze euros", "services.0.price_cents"},
    {"services.1.title", "Pain", NULL},
    {"services.1.price_cents", "1,205", "services.1.price_cents"},
    {"payment_methods", "bitcoin", "payment_methods"},
    {"languages", "klingon", "languages"},
    {"social_links.0", "http://www.facebook.com/page", "social_links.0"},
    {"social_links.1", "https://exemple.fr/page", "social_links.1"},
    {"seo_description",
     "Une description pour les moteurs de recherche qui dépasse de loin les cent soixante "
     "caractères autorisés par la règle, ce qui doit être signalé à côté de son champ.",
     "seo_description"},
    {"domains.0", "pas un domaine", "domains.0"},
    {"domains.1", "exemple.fr", NULL},
    {"domains.2", "EXEMPLE.fr", "domains.2"},
    {"charter", "Pas Valide", "charter"},
};

/* The element under n whose name is name (hidden fields aside). */
static xmlNodePtr
named(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *a = prop(c, "name");
        int same = strcmp(a, name) == 0 && !is(c, "hidden");
        free(a);
        if (same)
            return c;
        xmlNodePtr d = named(c, name);
        if (d)
            return d;
    }
    return NULL;
}

static void
count_errors(xmlNodePtr n, int *n_out, int *form_level_out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "errors"))
            (*form_level_out)++;
        if (xmlHasProp(c, BAD_CAST "error"))
            (*n_out)++;
        count_errors(c, n_out, form_level_out);
    }
}

static void
each_kind_of_error_lands_on_its_input(void **state)
{
    (void)state;
    struct pairs p = {0};
    for (size_t i = 0; i < PVI_COUNT_OF(wrong); i++)
        add_pair(&p, wrong[i].name, wrong[i].value);
    int rows = -1;
    json_t *c = read_back(&rows, &p, NULL);
    assert_int_equal(rows, 0);
    struct pvi_errors errs = {0};
    json_t *norm = NULL;
    assert_int_equal(pvi_content_validate(&norm, c, &errs), PVI_VALIDATION);
    /* the form shown again from what was read, with the errors */
    xmlDocPtr doc = form_view(c, &errs);
    xmlNodePtr form = form_of(doc);
    size_t expected = 0;
    for (size_t i = 0; i < PVI_COUNT_OF(wrong); i++) {
        if (wrong[i].lands_on == NULL)
            continue;
        expected++;
        xmlNodePtr n = named(form, wrong[i].lands_on);
        if (n == NULL || !xmlHasProp(n, BAD_CAST "error"))
            print_error("%s = \"%s\": no error on %s\n", wrong[i].name, wrong[i].value,
                        wrong[i].lands_on);
        assert_non_null(n);
        assert_true(xmlHasProp(n, BAD_CAST "error"));
    }
    /* nothing else is marked, and nothing is left without its input */
    int marked = 0, form_level = 0;
    count_errors(form, &marked, &form_level);
    for (size_t i = 0; i < errs.n; i++)
        print_message("  %s: %s\n", errs.v[i].path, testenv_error_fr(&errs.v[i]));
    assert_int_equal(form_level, 0);
    assert_int_equal((size_t)marked, expected);
    /* what was typed is shown again, even where it is wrong */
    char *typed = prop(named(form, "address.postal_code"), "value");
    assert_string_equal(typed, "35 000");
    free(typed);
    xmlFreeDoc(doc);
    pvi_errors_clear(&errs);
    json_decref(c);
    pairs_free(&p);
}

/* ---- repeated rows ---- */

static void
add_and_remove_buttons_change_one_row_and_keep_the_rest(void **state)
{
    (void)state;
    const char *add[] = {"business_name", "Chez Paul",  "services.0.title", "Pain",
                         "services.0.price_cents", "1,20", "services.1.title", "",
                         "_add", "services"};
    int rows = 0;
    json_t *c = pvi_content_form_read_pairs(&rows, add, 5, NULL);
    assert_int_equal(rows, 1);
    /* the row left empty is kept while rows are being added, plus the new one */
    assert_int_equal(json_array_size(json_object_get(c, "services")), 3);
    assert_string_equal(json_string_value(json_object_get(c, "business_name")), "Chez Paul");
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(c, "services"), 0), "price_cents")),
                     120);
    /* and the form shows three rows */
    xmlDocPtr doc = form_view(c, NULL);
    assert_non_null(named(form_of(doc), "services.2.title"));
    xmlFreeDoc(doc);
    json_decref(c);

    const char *rm[] = {"phones.0.kind", "fixed",  "phones.0.number", "02 99 00 00 01",
                        "phones.1.kind", "mobile", "phones.1.number", "06 00 00 00 02",
                        "phones.2.kind", "fax",    "phones.2.number", "02 99 00 00 03",
                        "_remove",       "phones.1"};
    c = pvi_content_form_read_pairs(&rows, rm, 7, NULL);
    assert_int_equal(rows, 1);
    json_t *phones = json_object_get(c, "phones");
    assert_int_equal(json_array_size(phones), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(phones, 0), "number")),
                        "02 99 00 00 01");
    assert_string_equal(json_string_value(json_object_get(json_array_get(phones, 1), "number")),
                        "02 99 00 00 03");
    json_decref(c);

    /* saving drops rows left empty: their positions are the errors' */
    const char *save[] = {"domains.0", "", "domains.1", "exemple.fr"};
    c = pvi_content_form_read_pairs(&rows, save, 2, NULL);
    assert_int_equal(rows, 0);
    assert_int_equal(json_array_size(json_object_get(c, "domains")), 1);
    json_decref(c);
}

/* ---- prices ---- */

static void
prices_are_typed_in_euros(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        long long cents; /* -1: refused */
    } cases[] = {
        {"12,50", 1250},   {"12.5", 1250},     {"12", 1200},      {" 0 ", 0},
        {"1 200", 120000}, {"1 200,05", 120005}, {"45 €", 4500}, {"45,00\xc2\xa0\xe2\x82\xac", 4500},
        {"1000000", 100000000}, {"1000000,01", -1}, {"12,505", -1}, {"-1", -1},
        {"12,", -1},       {",5", -1},         {"1 20", -1},      {"douze", -1},
        {"", -1},          {"12 50", -1},      {"€", -1},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        long long c = -1;
        enum pvi_code rc = pvi_price_parse(&c, cases[i].in);
        if ((cases[i].cents < 0) != (rc != PVI_OK) || (rc == PVI_OK && c != cases[i].cents))
            print_error("\"%s\": %s %lld\n", cases[i].in, pvi_code_name(rc), c);
        assert_int_equal(rc, cases[i].cents < 0 ? PVI_BAD_PRICE : PVI_OK);
        if (rc == PVI_OK)
            assert_int_equal(c, cases[i].cents);
    }
    char out[PVI_PRICE_TEXT_SIZE];
    pvi_price_text(out, 1250);
    assert_string_equal(out, "12,50");
    pvi_price_text(out, 5);
    assert_string_equal(out, "0,05");
    pvi_price_text(out, 120000);
    assert_string_equal(out, "1200,00");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_demo_content_comes_back_from_its_form),
        cmocka_unit_test(generated_contents_come_back_from_their_form),
        cmocka_unit_test(what_the_form_does_not_carry_is_kept),
        cmocka_unit_test(each_kind_of_error_lands_on_its_input),
        cmocka_unit_test(add_and_remove_buttons_change_one_row_and_keep_the_rest),
        cmocka_unit_test(prices_are_typed_in_euros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
