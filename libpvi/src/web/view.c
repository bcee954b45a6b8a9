/* view.c — the page of an office view (docs/views.md "The page"): head,
 * header with the office, the user, the navigation, logout and the
 * language switch, the flash message, the layout's labels; elements and
 * attributes; rendering with the office stylesheet. */
#include "web.h"

#include "render/xmltree.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <libxml/xmlsave.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct pvi_view {
    struct pvi_http_request *req;
    enum pvi_lang lang;
    xmlDocPtr doc;
    xmlNodePtr page, head, main;
};

struct pvi_http_request *
pvi_web__view_request(const struct pvi_view *v)
{
    return v->req;
}

enum pvi_lang
pvi_view_lang(const struct pvi_view *v)
{
    return v->lang;
}

struct pvi_vnode *
pvi_view_main(struct pvi_view *v)
{
    return pvi_web__vnode(v->main);
}

/* ---- elements ---- */

struct pvi_vnode *
pvi_view_el(struct pvi_vnode *parent, const char *name, const char *text)
{
    xmlNodePtr p = pvi_web__node(parent);
    return pvi_web__vnode(text ? pvi_xml__text_el(p, name, text) : pvi_xml__el(p, name));
}

/* The text of m with the arguments of ap (name, value pairs ended by NULL). */
static char *
msg_text(enum pvi_lang lang, enum pvi_msg m, va_list ap)
{
    struct pvi_msg_arg args[PVI_MSG_ARGS_MAX];
    size_t n = 0;
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        if (n < PVI_MSG_ARGS_MAX)
            args[n++] = (struct pvi_msg_arg){name, value};
    }
    return pvi_msg_format(lang, m, args, n);
}

struct pvi_vnode *
pvi_view_msg(struct pvi_view *v, struct pvi_vnode *parent, const char *name, enum pvi_msg m, ...)
{
    va_list ap;
    va_start(ap, m);
    char *t = msg_text(v->lang, m, ap);
    va_end(ap);
    struct pvi_vnode *n = pvi_view_el(parent, name, t);
    free(t);
    return n;
}

void
pvi_view_title(struct pvi_view *v, enum pvi_msg m, ...)
{
    xmlNodePtr head = v->page->children;
    while (head && (head->type != XML_ELEMENT_NODE || strcmp((const char *)head->name, "head")))
        head = head->next;
    if (head == NULL)
        return;
    for (xmlNodePtr c = head->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "title") == 0) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            break;
        }
    va_list ap;
    va_start(ap, m);
    char *t = msg_text(v->lang, m, ap);
    va_end(ap);
    pvi_view_el(pvi_web__vnode(head), "title", t);
    free(t);
}

void
pvi_view_attr(struct pvi_vnode *n, const char *name, const char *value)
{
    if (value)
        pvi_xml__attr(pvi_web__node(n), name, value);
}

void
pvi_view_attr_msg(struct pvi_view *v, struct pvi_vnode *n, const char *name, enum pvi_msg m)
{
    pvi_view_attr(n, name, pvi_msg_text(v->lang, m));
}

void
pvi_view_attr_int(struct pvi_vnode *n, const char *name, long long value)
{
    pvi_xml__attr_ll(pvi_web__node(n), name, value);
}

struct pvi_vnode *
pvi_view_link(struct pvi_view *v, struct pvi_vnode *parent, const char *href, enum pvi_msg m)
{
    struct pvi_vnode *l = pvi_view_msg(v, parent, "link", m, NULL);
    pvi_view_attr(l, "href", href);
    return l;
}

struct pvi_vnode *
pvi_view_fact(struct pvi_view *v, struct pvi_vnode *facts, enum pvi_msg label, const char *value)
{
    struct pvi_vnode *f = pvi_view_el(facts, "fact", value ? value : "");
    pvi_view_attr_msg(v, f, "label", label);
    return f;
}

/* ---- the page ---- */

static const struct {
    const char *k;
    enum pvi_msg m;
} labels[] = {
    {"skip", PVI_MSG_UI_SKIP},         {"errors", PVI_MSG_UI_ERRORS},
    {"error", PVI_MSG_UI_ERROR},       {"optional", PVI_MSG_UI_OPTIONAL},
    {"sort-asc", PVI_MSG_UI_SORT_ASC}, {"sort-desc", PVI_MSG_UI_SORT_DESC},
    {"paging", PVI_MSG_UI_PAGING},     {"previous", PVI_MSG_UI_PREVIOUS},
    {"next", PVI_MSG_UI_NEXT},         {"user", PVI_MSG_UI_USER},
    {"menu", PVI_MSG_UI_MENU},
};

enum pvi_msg
pvi_web__role_msg(enum pvi_role r)
{
    switch (r) {
    case PVI_ROLE_ADMIN:
        return PVI_MSG_UI_ROLE_ADMIN;
    case PVI_ROLE_OPERATOR:
        return PVI_MSG_UI_ROLE_OPERATOR;
    case PVI_ROLE_CLIENT:
        return PVI_MSG_UI_ROLE_CLIENT;
    case PVI_ROLE_INTEGRATOR:
        return PVI_MSG_UI_ROLE_INTEGRATOR;
    case PVI_ROLE_SYSTEM:
        break;
    }
    return PVI_MSG_UI_ROLE_SYSTEM;
}

/* Whether the navigation entry href is the page at path (or contains it). */
static int
is_current(const char *href, const char *path)
{
    size_t n = strlen(href);
    if (strcmp(href, path) == 0)
        return 1;
    return n > 1 && strncmp(href, path, n) == 0 && path[n] == '/';
}

static void
page_header(struct pvi_view *v, struct pvi_web__ctx *c)
{
    struct pvi_http_request *req = v->req;
    const struct pvi_office *o = c->w->office;
    struct pvi_vnode *header = pvi_view_el(pvi_web__vnode(v->page), "header", NULL);
    struct pvi_vnode *office = pvi_view_msg(v, header, "office", o->title, NULL);
    pvi_view_attr(office, "href", "/");
    if (c->principal) {
        struct pvi_vnode *user = pvi_view_el(header, "user", c->principal->label);
        pvi_view_attr_msg(v, user, "role", pvi_web__role_msg(c->principal->role));
        struct pvi_vnode *nav = pvi_view_el(header, "nav", NULL);
        pvi_view_attr_msg(v, nav, "label", PVI_MSG_UI_NAV);
        for (size_t i = 0; i < o->nnav; i++) {
            struct pvi_vnode *l = pvi_view_link(v, nav, o->nav[i].href, o->nav[i].label);
            if (is_current(o->nav[i].href, pvi_http_path(req)))
                pvi_view_attr(l, "current", "page");
        }
        struct pvi_vnode *out = pvi_view_msg(v, header, "logout", PVI_MSG_UI_LOGOUT, NULL);
        pvi_view_attr(out, "action", "/logout");
        pvi_view_attr(out, "csrf", pvi_web_csrf_token(req));
    }
    struct pvi_vnode *lang = pvi_view_el(header, "language", NULL);
    pvi_view_attr(lang, "action", "/langue");
    pvi_view_attr(lang, "csrf", pvi_web_csrf_token(req));
    pvi_view_attr_msg(v, lang, "label", PVI_MSG_UI_LANGUAGE);
    pvi_view_attr_msg(v, lang, "submit", PVI_MSG_UI_LANGUAGE_SUBMIT);
    static const struct {
        enum pvi_lang lang;
        const char *name; /* each language in its own words */
    } langs[] = {{PVI_LANG_FR, "Français"}, {PVI_LANG_EN, "English"}};
    for (size_t i = 0; i < PVI_COUNT_OF(langs); i++)
        pvi_view_option(lang, pvi_lang_code(langs[i].lang), langs[i].name,
                        langs[i].lang == v->lang);
}

/* A document whose root is an empty page in lang. */
static struct pvi_view *
new_view(enum pvi_lang lang)
{
    struct pvi_view *v = pvi_calloc(1, sizeof *v);
    v->lang = lang;
    v->doc = xmlNewDoc(BAD_CAST "1.0");
    if (v->doc == NULL)
        pvi_xml__no_memory();
    v->page = xmlNewDocNode(v->doc, NULL, BAD_CAST "page", NULL);
    if (v->page == NULL)
        pvi_xml__no_memory();
    xmlDocSetRootElement(v->doc, v->page);
    pvi_xml__attr(v->page, "lang", pvi_lang_code(v->lang));
    return v;
}

struct pvi_view *
pvi_view_page(struct pvi_http_request *req, enum pvi_msg title)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    struct pvi_view *v = new_view(c->lang);
    v->req = req;
    pvi_xml__attr(v->page, "office", c->w->office->name);
    pvi_xml__attr(v->page, "status", "200");

    v->head = pvi_xml__el(v->page, "head");
    struct pvi_vnode *head = pvi_web__vnode(v->head);
    pvi_view_msg(v, head, "title", title, NULL);
    pvi_view_attr(pvi_view_el(head, "stylesheet", NULL), "href", c->w->css_href);
    page_header(v, c);
    if (c->flash_msg != PVI_MSG_NONE) {
        struct pvi_vnode *f = pvi_view_msg(v, pvi_web__vnode(v->page), "flash", c->flash_msg, NULL);
        pvi_view_attr(f, "kind", c->flash_kind);
        pvi_web__set_cookie(req, c->w->cookie_flash, "", -1); /* shown once */
        c->flash_msg = PVI_MSG_NONE;
    }
    v->main = pvi_xml__el(v->page, "main");
    struct pvi_vnode *ls = pvi_view_el(pvi_web__vnode(v->page), "labels", NULL);
    for (size_t i = 0; i < PVI_COUNT_OF(labels); i++)
        pvi_view_attr(pvi_view_msg(v, ls, "l", labels[i].m, NULL), "k", labels[i].k);
    return v;
}

struct pvi_view *
pvi_view_detached(enum pvi_lang lang)
{
    struct pvi_view *v = new_view(lang);
    v->main = pvi_xml__el(v->page, "main");
    return v;
}

void
pvi_view_refresh(struct pvi_view *v, int seconds)
{
    pvi_view_attr_int(pvi_view_el(pvi_web__vnode(v->head), "refresh", NULL), "seconds", seconds);
}

void
pvi_view_free(struct pvi_view *v)
{
    if (v == NULL)
        return;
    xmlFreeDoc(v->doc);
    free(v);
}

char *
pvi_view_xml(const struct pvi_view *v)
{
    xmlChar *buf = NULL;
    int len = 0;
    xmlDocDumpFormatMemoryEnc(v->doc, &buf, &len, "UTF-8", 1);
    char *s = pvi_strndup((const char *)buf, (size_t)(len > 0 ? len : 0));
    xmlFree(buf);
    return s;
}

void
pvi_view_reply(struct pvi_http_request *req, struct pvi_view *v, int status)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    pvi_xml__attr_ll(v->page, "status", status);
    char *html = NULL;
    size_t len = 0;
    enum pvi_code rc = pvi_render_tree(&html, &len, c->w->xsl, v->doc, NULL);
    pvi_view_free(v);
    if (rc != PVI_OK) {
        pvi_error("the office stylesheet failed on a page of %s", pvi_http_path(req));
        pvi_http_reply_text(req, 500, "text/plain; charset=utf-8", "Erreur interne.\n");
        return;
    }
    pvi_http_reply(req, status, "text/html; charset=utf-8", html, len);
}
