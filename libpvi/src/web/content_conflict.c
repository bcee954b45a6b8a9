/* content_conflict.c — the comparison a content form shows when someone
 * else saved the site meanwhile (pvi_content_form_conflict): for each
 * member the form carries, the version saved and the user's input side by
 * side as text, the ones that differ marked (docs/views.md "Conflicts"). */
#include "web.h"

#include "pvi/pvi_content_form.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The members compared, in the order of the form. */
static const struct {
    const char *key;
    enum pvi_msg label;
} members[] = {
    {"business_name", PVI_MSG_CF_BUSINESS_NAME},
    {"activity", PVI_MSG_CF_ACTIVITY},
    {"tagline", PVI_MSG_CF_TAGLINE},
    {"description", PVI_MSG_CF_DESCRIPTION},
    {"phones", PVI_MSG_CF_PHONES},
    {"email", PVI_MSG_CF_EMAIL},
    {"address", PVI_MSG_CF_ADDRESS},
    {"hours", PVI_MSG_CF_HOURS},
    {"closures", PVI_MSG_CF_CLOSURES},
    {"services", PVI_MSG_CF_SERVICES},
    {"payment_methods", PVI_MSG_CF_PAYMENT_METHODS},
    {"languages", PVI_MSG_CF_LANGUAGES},
    {"social_links", PVI_MSG_CF_SOCIAL_LINKS},
    {"seo_description", PVI_MSG_CF_SEO_DESCRIPTION},
    {"domains", PVI_MSG_CF_DOMAINS},
    {"charter", PVI_MSG_CF_CHARTER},
};

static const char *
str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

/* A line of text: a catalog message with its arguments. */
static void
line_msg(struct pvi_view *v, struct pvi_vnode *side, enum pvi_msg m, const struct pvi_msg_arg *a,
         size_t n)
{
    char *t = pvi_msg_format(pvi_view_lang(v), m, a, n);
    pvi_view_el(side, "line", t);
    free(t);
}

static void
line(struct pvi_vnode *side, const char *text)
{
    pvi_view_el(side, "line", text);
}

/* A scalar as text (numbers in their shortest form). */
static void
scalar_line(struct pvi_vnode *side, const json_t *x)
{
    char buf[40];
    if (json_is_string(x)) {
        line(side, json_string_value(x));
    } else if (json_is_integer(x)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(x));
        line(side, buf);
    } else if (json_is_real(x)) {
        snprintf(buf, sizeof buf, "%.10g", json_real_value(x));
        line(side, buf);
    }
}

/* The codes of a reference list as their labels, on one line. */
static void
codes_line(struct pvi_vnode *side, const json_t *arr, enum pvi_reflist list)
{
    struct pvi_buf b = {0};
    size_t i;
    const json_t *e;
    json_array_foreach(arr, i, e)
    {
        const char *code = json_string_value(e);
        const char *label = pvi_refdata_label(list, code);
        const char *t = label ? label : code ? code : "";
        if (i > 0)
            pvi_buf_append(&b, ", ", 2);
        pvi_buf_append(&b, t, strlen(t));
    }
    char *s = pvi_buf_steal(&b);
    line(side, s ? s : "");
    free(s);
}

static void
hours_lines(struct pvi_view *v, struct pvi_vnode *side, const json_t *hours)
{
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const struct pvi_refitem *day = pvi_refdata_at(PVI_REF_WEEKDAY, d);
        const json_t *slots = json_object_get(hours, day->code);
        if (!json_is_array(slots) || json_array_size(slots) == 0)
            continue;
        struct pvi_buf b = {0};
        size_t i;
        const json_t *s;
        json_array_foreach(slots, i, s)
        {
            if (i > 0)
                pvi_buf_append(&b, ", ", 2);
            const char *o = str(s, "open"), *c = str(s, "close");
            pvi_buf_append(&b, o, strlen(o));
            pvi_buf_append(&b, "\xe2\x80\x93", 3); /* – */
            pvi_buf_append(&b, c, strlen(c));
        }
        char *t = pvi_buf_steal(&b);
        struct pvi_msg_arg a[] = {{"day", day->label}, {"slots", t ? t : ""}};
        line_msg(v, side, PVI_MSG_CF_HOURS_LINE, a, 2);
        free(t);
    }
}

/* The lines of one member. */
static void
member_lines(struct pvi_view *v, struct pvi_vnode *side, const char *key, const json_t *x)
{
    size_t i;
    const json_t *e;
    if (strcmp(key, "phones") == 0) {
        json_array_foreach(x, i, e)
        {
            const char *kind = pvi_refdata_label(PVI_REF_PHONE_KIND, str(e, "kind"));
            struct pvi_msg_arg a[] = {{"kind", kind ? kind : str(e, "kind")},
                                      {"number", str(e, "number")}};
            line_msg(v, side, PVI_MSG_CF_PHONE_LINE, a, 2);
        }
    } else if (strcmp(key, "address") == 0) {
        line(side, str(x, "street"));
        char *pc = pvi_asprintf("%s %s", str(x, "postal_code"), str(x, "city"));
        line(side, pc);
        free(pc);
        const json_t *geo = json_object_get(x, "geo");
        if (geo) {
            scalar_line(side, json_object_get(geo, "lat"));
            scalar_line(side, json_object_get(geo, "lon"));
        }
    } else if (strcmp(key, "hours") == 0) {
        hours_lines(v, side, x);
    } else if (strcmp(key, "closures") == 0) {
        json_array_foreach(x, i, e)
        {
            struct pvi_msg_arg a[] = {
                {"from", str(e, "from")}, {"to", str(e, "to")}, {"reason", str(e, "reason")}};
            line_msg(v, side, PVI_MSG_CF_CLOSURE_LINE, a, 3);
        }
    } else if (strcmp(key, "services") == 0) {
        json_array_foreach(x, i, e)
        {
            const json_t *p = json_object_get(e, "price_cents");
            if (p == NULL) {
                line(side, str(e, "title"));
                continue;
            }
            char price[PVI_PRICE_TEXT_SIZE];
            const char *shown = json_is_string(p) ? json_string_value(p) : price;
            if (json_is_integer(p))
                pvi_price_text(price, (long long)json_integer_value(p));
            struct pvi_msg_arg a[] = {{"title", str(e, "title")}, {"price", shown}};
            line_msg(v, side, PVI_MSG_CF_PRICE_LINE, a, 2);
            if (*str(e, "description"))
                line(side, str(e, "description"));
        }
    } else if (strcmp(key, "payment_methods") == 0) {
        codes_line(side, x, PVI_REF_PAYMENT);
    } else if (strcmp(key, "languages") == 0) {
        codes_line(side, x, PVI_REF_LANGUAGE);
    } else if (json_is_array(x)) {
        json_array_foreach(x, i, e) scalar_line(side, e);
    } else {
        scalar_line(side, x);
    }
}

static void
side(struct pvi_view *v, struct pvi_vnode *m, const char *name, const char *key, const json_t *x)
{
    struct pvi_vnode *s = pvi_view_el(m, name, NULL);
    if (x == NULL)
        pvi_view_msg(v, s, "line", PVI_MSG_CF_EMPTY, NULL);
    else
        member_lines(v, s, key, x);
}

size_t
pvi_content_form_conflict(struct pvi_view *v, struct pvi_vnode *parent, const json_t *theirs,
                          const json_t *yours)
{
    /* compared as libpvi stores them, shown as typed when they do not
     * validate */
    struct pvi_errors errs = {0};
    json_t *norm = NULL;
    if (pvi_content_validate(&norm, yours, &errs) != PVI_OK)
        norm = json_incref((json_t *)yours);
    pvi_errors_clear(&errs);

    struct pvi_vnode *c = pvi_view_el(parent, "conflict", NULL);
    pvi_view_attr_msg(v, c, "caption", PVI_MSG_CF_CONFLICT_CAPTION);
    pvi_view_attr_msg(v, c, "field-label", PVI_MSG_CF_CONFLICT_FIELD);
    pvi_view_attr_msg(v, c, "theirs-label", PVI_MSG_CF_CONFLICT_THEIRS);
    pvi_view_attr_msg(v, c, "yours-label", PVI_MSG_CF_CONFLICT_YOURS);
    pvi_view_attr_msg(v, c, "differs-label", PVI_MSG_CF_CONFLICT_DIFFERS);
    pvi_view_attr_msg(v, c, "same-label", PVI_MSG_CF_CONFLICT_SAME);
    size_t differ = 0;
    for (size_t i = 0; i < PVI_COUNT_OF(members); i++) {
        const char *key = members[i].key;
        const json_t *t = json_object_get(theirs, key), *y = json_object_get(norm, key);
        int same = (t == NULL && y == NULL) || (t && y && json_equal((json_t *)t, (json_t *)y));
        struct pvi_vnode *m = pvi_view_el(c, "member", NULL);
        pvi_view_attr(m, "name", key);
        pvi_view_attr_msg(v, m, "label", members[i].label);
        if (!same) {
            pvi_view_attr(m, "differs", "differs");
            differ++;
        }
        side(v, m, "theirs", key, t);
        side(v, m, "yours", key, y);
    }
    json_decref(norm);
    return differ;
}
