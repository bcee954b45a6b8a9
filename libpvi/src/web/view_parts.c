/* view_parts.c — the components of office views built from libpvi's data:
 * selects and checkbox groups of reference lists, the weekly hours grid,
 * repeated rows, tables and paging (docs/views.md). */
#include "web.h"

#include "render/xmltree.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reference lists ---- */

struct pvi_vnode *
pvi_view_select_list(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                     enum pvi_msg label, enum pvi_reflist list, const char *selected, int required,
                     enum pvi_msg none)
{
    struct pvi_vnode *f = pvi_view_field(v, form, "select", name, label, NULL, NULL);
    if (required)
        pvi_view_attr(f, "required", "required");
    else
        pvi_view_option(f, "", pvi_msg_text(pvi_view_lang(v), none), selected == NULL);
    for (size_t i = 0; i < pvi_refdata_count(list); i++) {
        const struct pvi_refitem *it = pvi_refdata_at(list, i);
        pvi_view_option(f, it->code, it->label, selected && strcmp(selected, it->code) == 0);
    }
    return f;
}

struct pvi_vnode *
pvi_view_select_activity(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                         enum pvi_msg label, const char *selected, enum pvi_msg none)
{
    struct pvi_vnode *f = pvi_view_field(v, form, "select", name, label, NULL, NULL);
    pvi_view_option(f, "", pvi_msg_text(pvi_view_lang(v), none), selected == NULL);
    for (size_t i = 0; i < pvi_refdata_activity_count(); i++) {
        const char *a = pvi_refdata_activity_at(i);
        pvi_view_option(f, a, a, selected && strcmp(selected, a) == 0);
    }
    return f;
}

static int
json_array_has(const json_t *arr, const char *s)
{
    size_t i;
    const json_t *e;
    json_array_foreach(arr, i,
                       e) if (json_is_string(e) && strcmp(json_string_value(e), s) == 0) return 1;
    return 0;
}

struct pvi_vnode *
pvi_view_checkboxes_list(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                         enum pvi_msg legend, enum pvi_reflist list, const json_t *checked)
{
    struct pvi_vnode *f = pvi_view_field(v, form, "checkboxes", name, legend, NULL, NULL);
    for (size_t i = 0; i < pvi_refdata_count(list); i++) {
        const struct pvi_refitem *it = pvi_refdata_at(list, i);
        pvi_view_option(f, it->code, it->label, checked && json_array_has(checked, it->code));
    }
    return f;
}

/* ---- the weekly hours grid ---- */

struct pvi_vnode *
pvi_view_hours(struct pvi_view *v, struct pvi_vnode *form, const char *name, enum pvi_msg legend,
               const json_t *hours, size_t slots)
{
    struct pvi_vnode *h = pvi_view_el(form, "hours", NULL);
    pvi_view_attr(h, "name", name);
    pvi_view_attr_msg(v, h, "legend", legend);
    pvi_view_attr_msg(v, h, "open-label", PVI_MSG_UI_HOURS_OPEN);
    pvi_view_attr_msg(v, h, "close-label", PVI_MSG_UI_HOURS_CLOSE);
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const struct pvi_refitem *day = pvi_refdata_at(PVI_REF_WEEKDAY, d);
        struct pvi_vnode *dn = pvi_view_el(h, "day", NULL);
        pvi_view_attr(dn, "code", day->code);
        pvi_view_attr(dn, "label", day->label);
        const json_t *list = hours ? json_object_get(hours, day->code) : NULL;
        size_t n = json_is_array(list) ? json_array_size(list) : 0;
        size_t total = n < slots ? slots : n;
        for (size_t k = 0; k < total; k++) {
            const json_t *it = k < n ? json_array_get(list, k) : NULL;
            struct pvi_vnode *slot = pvi_view_el(dn, "slot", NULL);
            const char *o = it ? json_string_value(json_object_get(it, "open")) : NULL;
            const char *c = it ? json_string_value(json_object_get(it, "close")) : NULL;
            pvi_view_attr(slot, "open", o ? o : "");
            pvi_view_attr(slot, "close", c ? c : "");
            /* errors of libpvi name a slot as "<name>.<day>.<k>" */
            char path[96];
            snprintf(path, sizeof path, "%s.%s.%zu", name, day->code, k);
            pvi_view_attr(slot, "name", path);
        }
    }
    return h;
}

/* ---- repeated rows ---- */

struct pvi_vnode *
pvi_view_repeat(struct pvi_view *v, struct pvi_vnode *form, const char *name, enum pvi_msg legend)
{
    struct pvi_vnode *r = pvi_view_el(form, "repeat", NULL);
    pvi_view_attr(r, "name", name);
    pvi_view_attr_msg(v, r, "legend", legend);
    return r;
}

struct pvi_vnode *
pvi_view_repeat_row(struct pvi_view *v, struct pvi_vnode *repeat, size_t index,
                    enum pvi_msg row_legend)
{
    char n[PVI_INT_TEXT_SIZE];
    pvi_int_text(n, (long long)index + 1);
    struct pvi_vnode *row = pvi_view_el(repeat, "row", NULL);
    char *legend = pvi_msg_format(pvi_view_lang(v), row_legend, &(struct pvi_msg_arg){"n", n}, 1);
    pvi_view_attr(row, "legend", legend);
    free(legend);
    pvi_view_attr_int(row, "index", (long long)index);
    return row;
}

void
pvi_view_repeat_remove(struct pvi_view *v, struct pvi_vnode *row, enum pvi_msg remove)
{
    xmlNodePtr r = pvi_web__node(row);
    xmlChar *name = xmlGetProp(r->parent, BAD_CAST "name");
    xmlChar *index = xmlGetProp(r, BAD_CAST "index");
    char value[128];
    snprintf(value, sizeof value, "%s.%s", name ? (const char *)name : "",
             index ? (const char *)index : "0");
    xmlFree(name);
    xmlFree(index);
    struct pvi_vnode *rm = pvi_view_msg(v, row, "remove", remove, NULL);
    pvi_view_attr(rm, "name", "_remove");
    pvi_view_attr(rm, "value", value);
}

void
pvi_view_repeat_add(struct pvi_view *v, struct pvi_vnode *repeat, enum pvi_msg add)
{
    xmlChar *name = xmlGetProp(pvi_web__node(repeat), BAD_CAST "name");
    struct pvi_vnode *a = pvi_view_msg(v, repeat, "add", add, NULL);
    pvi_view_attr(a, "name", "_add");
    pvi_view_attr(a, "value", name ? (const char *)name : "");
    xmlFree(name);
}

/* ---- tables ---- */

struct pvi_vnode *
pvi_view_table(struct pvi_view *v, struct pvi_vnode *parent, enum pvi_msg caption)
{
    struct pvi_vnode *t = pvi_view_el(parent, "table", NULL);
    pvi_view_attr_msg(v, t, "caption", caption);
    pvi_view_el(t, "columns", NULL);
    return t;
}

struct pvi_vnode *
pvi_view_column(struct pvi_view *v, struct pvi_vnode *table, const char *key, enum pvi_msg label,
                const char *sort_href, const char *sorted, int numeric)
{
    xmlNodePtr cols = pvi_web__node(table)->children;
    while (cols && (cols->type != XML_ELEMENT_NODE || strcmp((const char *)cols->name, "columns")))
        cols = cols->next;
    struct pvi_vnode *c = pvi_view_msg(v, pvi_web__vnode(cols), "col", label, NULL);
    pvi_view_attr(c, "key", key);
    pvi_view_attr(c, "sort-href", sort_href);
    pvi_view_attr(c, "sorted", sorted);
    if (numeric)
        pvi_view_attr(c, "numeric", "numeric");
    return c;
}

struct pvi_vnode *
pvi_view_row(struct pvi_vnode *table)
{
    return pvi_view_el(table, "row", NULL);
}

struct pvi_vnode *
pvi_view_cell(struct pvi_vnode *row, const char *text, const char *href)
{
    struct pvi_vnode *c = pvi_view_el(row, "cell", text ? text : "");
    pvi_view_attr(c, "href", href);
    return c;
}

void
pvi_view_table_empty(struct pvi_view *v, struct pvi_vnode *table, enum pvi_msg m)
{
    pvi_view_msg(v, table, "empty", m, NULL);
}

struct pvi_vnode *
pvi_view_paging(struct pvi_view *v, struct pvi_vnode *parent, const char *previous_href,
                const char *next_href, enum pvi_msg status, ...)
{
    struct pvi_vnode *p = pvi_view_el(parent, "paging", NULL);
    if (previous_href)
        pvi_view_attr(pvi_view_el(p, "previous", NULL), "href", previous_href);
    if (next_href)
        pvi_view_attr(pvi_view_el(p, "next", NULL), "href", next_href);
    struct pvi_msg_arg args[PVI_MSG_ARGS_MAX];
    size_t n = 0;
    va_list ap;
    va_start(ap, status);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        if (n < PVI_MSG_ARGS_MAX)
            args[n++] = (struct pvi_msg_arg){name, value};
    }
    va_end(ap);
    char *t = pvi_msg_format(pvi_view_lang(v), status, args, n);
    pvi_view_el(p, "status", t);
    free(t);
    return p;
}
