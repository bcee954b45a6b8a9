/* view_form.c — forms of office views (docs/views.md "Forms"): fields,
 * options, actions, one-button forms, and libpvi's field errors put next
 * to the fields they name. */
#include "web.h"

#include "render/xmltree.h"

#include "pvi/pvi_mem.h"

#include <stdlib.h>
#include <string.h>

struct pvi_vnode *
pvi_view_form(struct pvi_view *v, struct pvi_vnode *parent, const char *id, const char *action,
              const char *method)
{
    struct pvi_vnode *f = pvi_view_el(parent, "form", NULL);
    pvi_view_attr(f, "id", id);
    pvi_view_attr(f, "action", action);
    pvi_view_attr(f, "method", method);
    if (strcmp(method, "post") == 0)
        pvi_view_attr(f, "csrf", pvi_web_csrf_token(pvi_web__view_request(v)));
    return f;
}

struct pvi_vnode *
pvi_view_field(struct pvi_view *v, struct pvi_vnode *form, const char *element, const char *name,
               enum pvi_msg label, const char *type, const char *value)
{
    int group = strcmp(element, "checkboxes") == 0 || strcmp(element, "radios") == 0;
    int textarea = strcmp(element, "textarea") == 0;
    struct pvi_vnode *f = pvi_view_el(form, element, textarea ? (value ? value : "") : NULL);
    pvi_view_attr(f, "name", name);
    pvi_view_attr_msg(v, f, group ? "legend" : "label", label);
    if (type && strcmp(element, "text") == 0)
        pvi_view_attr(f, "type", type);
    if (value && !textarea && !group && strcmp(element, "select") != 0)
        pvi_view_attr(f, "value", value);
    return f;
}

void
pvi_view_hidden(struct pvi_vnode *form, const char *name, const char *value)
{
    struct pvi_vnode *h = pvi_view_el(form, "hidden", NULL);
    pvi_view_attr(h, "name", name);
    pvi_view_attr(h, "value", value ? value : "");
}

struct pvi_vnode *
pvi_view_option(struct pvi_vnode *field, const char *value, const char *label, int selected)
{
    struct pvi_vnode *o = pvi_view_el(field, "option", label);
    pvi_view_attr(o, "value", value);
    if (selected) {
        const char *fname = (const char *)pvi_web__node(field)->name;
        int boxes = strcmp(fname, "checkboxes") == 0 || strcmp(fname, "radios") == 0;
        pvi_view_attr(o, boxes ? "checked" : "selected", boxes ? "checked" : "selected");
    }
    return o;
}

struct pvi_vnode *
pvi_view_actions(struct pvi_vnode *form)
{
    return pvi_view_el(form, "actions", NULL);
}

struct pvi_vnode *
pvi_view_submit(struct pvi_view *v, struct pvi_vnode *actions, enum pvi_msg label, const char *kind)
{
    struct pvi_vnode *s = pvi_view_msg(v, actions, "submit", label, NULL);
    pvi_view_attr(s, "kind", kind ? kind : "primary");
    return s;
}

struct pvi_vnode *
pvi_view_button_form(struct pvi_view *v, struct pvi_vnode *parent, const char *action,
                     enum pvi_msg label, const char *kind)
{
    struct pvi_vnode *b = pvi_view_msg(v, parent, "button-form", label, NULL);
    pvi_view_attr(b, "action", action);
    pvi_view_attr(b, "csrf", pvi_web_csrf_token(pvi_web__view_request(v)));
    pvi_view_attr(b, "kind", kind ? kind : "primary");
    return b;
}

/* The element under n whose name attribute is name, or NULL. */
static xmlNodePtr
find_named(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *a = xmlGetProp(c, BAD_CAST "name");
        int same = a && strcmp((const char *)a, name) == 0;
        xmlFree(a);
        if (same && strcmp((const char *)c->name, "hidden") != 0)
            return c;
        xmlNodePtr d = find_named(c, name);
        if (d)
            return d;
    }
    return NULL;
}

/* The form's <errors> element (made on first use, first in the form). */
static xmlNodePtr
errors_el(xmlNodePtr form)
{
    for (xmlNodePtr c = form->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "errors") == 0)
            return c;
    xmlNodePtr e = xmlNewNode(NULL, BAD_CAST "errors");
    if (e == NULL)
        pvi_xml__no_memory();
    if (form->children)
        xmlAddPrevSibling(form->children, e);
    else
        xmlAddChild(form, e);
    return e;
}

void
pvi_view_form_error(struct pvi_view *v, struct pvi_vnode *form, enum pvi_msg m)
{
    pvi_xml__text_el(errors_el(pvi_web__node(form)), "error", pvi_msg_text(pvi_view_lang(v), m));
}

void
pvi_view_form_errors(struct pvi_view *v, struct pvi_vnode *form, const struct pvi_errors *errs)
{
    xmlNodePtr f = pvi_web__node(form);
    for (size_t i = 0; errs && i < errs->n; i++) {
        const struct pvi_field_error *fe = &errs->v[i];
        char *text = pvi_field_error_text(fe, pvi_view_lang(v));
        /* the field of that name, else of the nearest enclosing path
         * ("phones.0.number" → "phones.0" → "phones") */
        char *path = pvi_strdup(fe->path);
        xmlNodePtr target = NULL;
        while (path[0] && (target = find_named(f, path)) == NULL) {
            char *dot = strrchr(path, '.');
            if (dot == NULL)
                break;
            *dot = '\0';
        }
        free(path);
        if (target && !xmlHasProp(target, BAD_CAST "error"))
            pvi_xml__attr(target, "error", text);
        else if (target == NULL)
            pvi_xml__text_el(errors_el(f), "error", text);
        free(text);
    }
}
