/* content_read.c — the content document made from a submitted content form
 * (pvi_content_form_read): the members the form carries from its inputs,
 * every other member kept from the content the edit starts from, the
 * repeated rows' add and remove buttons. Nothing is validated here:
 * pvi_site_edit does it and names every faulty input. */
#include "web.h"

#include "pvi/pvi_content_form.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of a list read at most (the inputs' "*" stands for 0–99). */
#define ROWS_MAX 100

/* Where the submitted values come from: the request, or name/value pairs. */
struct src {
    const char *(*at)(const void *ctx, const char *name, size_t k);
    const void *ctx;
    int rebuild;         /* an add or remove button: empty rows are kept */
    char removed[64];    /* "phones.1": the row the remove button names */
};

static const char *
get(const struct src *s, const char *name)
{
    return s->at(s->ctx, name, 0);
}

static int
blank(const char *v)
{
    return v == NULL || pvi_text_is_blank(v);
}

/* The members of the content the form carries (the others are kept). */
static const char *const carried[] = {
    "business_name", "activity", "tagline", "description", "phones", "email", "address", "hours",
    "closures", "services", "payment_methods", "languages", "social_links", "seo_description",
    "domains", "charter", NULL,
};

/* The lists with repeated rows: their members (NULL: a list of strings). */
static const struct list {
    const char *name;
    const char *const members[4];
} lists[] = {
    {"phones", {"kind", "number", NULL}},
    {"closures", {"from", "to", "reason", NULL}},
    {"services", {"title", "description", "price_cents", NULL}},
    {"social_links", {NULL}},
    {"domains", {NULL}},
};

static void
set_text(json_t *obj, const char *key, const char *v)
{
    if (!blank(v))
        json_object_set_new(obj, key, json_string(v));
}

/* A coordinate: a number when it reads as one (a decimal comma allowed),
 * else the text as typed, for the validation to name. */
static json_t *
coordinate(const char *v)
{
    char buf[64];
    const char *s;
    size_t len;
    pvi_text_trim(&s, &len, v);
    if (len > 0 && len < sizeof buf) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        char *comma = strchr(buf, ',');
        if (comma)
            *comma = '.';
        char *end;
        double d = strtod(buf, &end);
        if (*end == '\0' && isfinite(d) && buf[0] != '+' && strchr(buf, 'x') == NULL &&
            strchr(buf, 'X') == NULL)
            return json_real(d);
    }
    return json_string(v);
}

/* A price: its cents when it reads as euros, else the text as typed. */
static json_t *
price(const char *v)
{
    long long cents;
    if (pvi_price_parse(&cents, v) == PVI_OK)
        return json_integer(cents);
    return json_string(v);
}

/* Row i of list l, or NULL when the form has no such row (*end_out set). */
static json_t *
read_row(const struct src *s, const struct list *l, size_t i, int *end_out)
{
    char name[96];
    *end_out = 0;
    if (l->members[0] == NULL) {
        snprintf(name, sizeof name, "%s.%zu", l->name, i);
        const char *v = get(s, name);
        if (v == NULL) {
            *end_out = 1;
            return NULL;
        }
        return blank(v) ? (s->rebuild ? json_string("") : NULL) : json_string(v);
    }
    json_t *row = json_object();
    int present = 0, filled = 0;
    for (size_t m = 0; l->members[m]; m++) {
        snprintf(name, sizeof name, "%s.%zu.%s", l->name, i, l->members[m]);
        const char *v = get(s, name);
        if (v == NULL)
            continue;
        present = 1;
        if (blank(v))
            continue;
        json_object_set_new(row, l->members[m],
                            strcmp(l->members[m], "price_cents") == 0 ? price(v) : json_string(v));
        /* a phone's kind is a select: alone, it does not fill a row */
        if (strcmp(l->members[m], "kind") != 0)
            filled = 1;
    }
    if (!present)
        *end_out = 1;
    if (!present || (!filled && !s->rebuild)) {
        json_decref(row);
        return NULL;
    }
    return row;
}

static json_t *
read_list(const struct src *s, const struct list *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < ROWS_MAX; i++) {
        int end;
        json_t *row = read_row(s, l, i, &end);
        if (end)
            break;
        char id[96];
        snprintf(id, sizeof id, "%s.%zu", l->name, i);
        if (row && strcmp(id, s->removed) == 0) {
            json_decref(row);
            continue;
        }
        if (row)
            json_array_append_new(arr, row);
    }
    return arr;
}

static json_t *
read_address(const struct src *s)
{
    json_t *a = json_object();
    set_text(a, "street", get(s, "address.street"));
    set_text(a, "postal_code", get(s, "address.postal_code"));
    set_text(a, "city", get(s, "address.city"));
    const char *lat = get(s, "address.geo.lat"), *lon = get(s, "address.geo.lon");
    if (!blank(lat) || !blank(lon)) {
        json_t *geo = json_object();
        if (!blank(lat))
            json_object_set_new(geo, "lat", coordinate(lat));
        if (!blank(lon))
            json_object_set_new(geo, "lon", coordinate(lon));
        json_object_set_new(a, "geo", geo);
    }
    return a;
}

static json_t *
read_hours(const struct src *s)
{
    json_t *h = json_object();
    size_t filled = 0;
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const char *day = pvi_refdata_at(PVI_REF_WEEKDAY, d)->code;
        json_t *slots = json_array();
        for (size_t k = 0; k < ROWS_MAX; k++) {
            char on[48], cn[48];
            snprintf(on, sizeof on, "hours.%s.%zu.open", day, k);
            snprintf(cn, sizeof cn, "hours.%s.%zu.close", day, k);
            const char *o = get(s, on), *c = get(s, cn);
            if (o == NULL && c == NULL)
                break;
            if (blank(o) && blank(c))
                continue; /* an empty slot: the grid always has room */
            json_t *slot = json_object();
            set_text(slot, "open", o);
            set_text(slot, "close", c);
            json_array_append_new(slots, slot);
        }
        json_object_set_new(h, day, slots);
        filled += json_array_size(slots);
    }
    /* a grid with a slot: every day is said, a day without slot is closed
     * (as the public site reads it); an empty grid: no hours given */
    if (filled == 0)
        json_object_clear(h);
    return h;
}

static int
has_code(const json_t *arr, const char *code)
{
    size_t i;
    const json_t *e;
    json_array_foreach(arr, i, e) if (json_is_string(e) && strcmp(json_string_value(e), code) == 0)
        return 1;
    return 0;
}

/* The boxes checked in a group: those the content had first, in its order
 * (a group is a set: saving it unchanged changes nothing), then the others
 * as sent. */
static json_t *
read_codes(const struct src *s, const char *name, const json_t *before)
{
    json_t *sent = json_array(), *arr = json_array();
    const char *v;
    for (size_t k = 0; (v = s->at(s->ctx, name, k)) != NULL; k++)
        if (!blank(v))
            json_array_append_new(sent, json_string(v));
    size_t i;
    json_t *e;
    json_array_foreach(before, i, e) if (json_is_string(e) && has_code(sent, json_string_value(e)) &&
                                         !has_code(arr, json_string_value(e)))
        json_array_append(arr, e);
    json_array_foreach(sent, i, e) if (!has_code(arr, json_string_value(e)))
        json_array_append(arr, e);
    json_decref(sent);
    return arr;
}

/* Sets key to v unless v is an empty object or array (then drops it). */
static void
set_unless_empty(json_t *obj, const char *key, json_t *v)
{
    if ((json_is_object(v) && json_object_size(v) == 0) ||
        (json_is_array(v) && json_array_size(v) == 0))
        json_decref(v);
    else
        json_object_set_new(obj, key, v);
}

/* The list named by an "_add" button, or NULL. */
static const struct list *
list_named(const char *name, size_t len)
{
    for (size_t i = 0; name && i < PVI_COUNT_OF(lists); i++)
        if (strlen(lists[i].name) == len && strncmp(lists[i].name, name, len) == 0)
            return &lists[i];
    return NULL;
}

static json_t *
read_all(int *rows_out, struct src *s, const json_t *base)
{
    const char *add = get(s, "_add"), *remove = get(s, "_remove");
    s->rebuild = add != NULL || remove != NULL;
    if (remove)
        snprintf(s->removed, sizeof s->removed, "%s", remove);
    *rows_out = s->rebuild;

    json_t *c = json_object();
    set_text(c, "business_name", get(s, "business_name"));
    set_text(c, "activity", get(s, "activity"));
    set_text(c, "tagline", get(s, "tagline"));
    set_text(c, "description", get(s, "description"));
    json_t *kept_lists[PVI_COUNT_OF(lists)];
    for (size_t i = 0; i < PVI_COUNT_OF(lists); i++)
        kept_lists[i] = read_list(s, &lists[i]);
    const struct list *grow = add ? list_named(add, strlen(add)) : NULL;
    for (size_t i = 0; grow && i < PVI_COUNT_OF(lists); i++)
        if (grow == &lists[i])
            json_array_append_new(kept_lists[i],
                                  grow->members[0] ? json_object() : json_string(""));
    set_unless_empty(c, "phones", kept_lists[0]);
    set_text(c, "email", get(s, "email"));
    set_unless_empty(c, "address", read_address(s));
    set_unless_empty(c, "hours", read_hours(s));
    set_unless_empty(c, "closures", kept_lists[1]);
    set_unless_empty(c, "services", kept_lists[2]);
    set_unless_empty(c, "payment_methods",
                     read_codes(s, "payment_methods", json_object_get(base, "payment_methods")));
    set_unless_empty(c, "languages", read_codes(s, "languages", json_object_get(base, "languages")));
    set_unless_empty(c, "social_links", kept_lists[3]);
    set_text(c, "seo_description", get(s, "seo_description"));
    set_unless_empty(c, "domains", kept_lists[4]);
    set_text(c, "charter", get(s, "charter"));

    /* what the form does not carry is kept as it is */
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)base, key, v)
    {
        size_t i = 0;
        while (carried[i] && strcmp(carried[i], key) != 0)
            i++;
        if (carried[i] == NULL)
            json_object_set_new(c, key, json_deep_copy(v));
    }
    return c;
}

static const char *
request_at(const void *ctx, const char *name, size_t k)
{
    return pvi_http_field_at(ctx, name, k);
}

json_t *
pvi_content_form_read(int *rows_out, const struct pvi_http_request *req, const json_t *base)
{
    struct src s = {.at = request_at, .ctx = req};
    return read_all(rows_out, &s, base);
}

struct pairs {
    const char *const *v;
    size_t n;
};

static const char *
pairs_at(const void *ctx, const char *name, size_t k)
{
    const struct pairs *p = ctx;
    for (size_t i = 0; i + 1 < 2 * p->n; i += 2)
        if (strcmp(p->v[i], name) == 0 && k-- == 0)
            return p->v[i + 1];
    return NULL;
}

json_t *
pvi_content_form_read_pairs(int *rows_out, const char *const *pairs, size_t npairs,
                            const json_t *base)
{
    struct pairs p = {pairs, npairs};
    struct src s = {.at = pairs_at, .ctx = &p};
    return read_all(rows_out, &s, base);
}
