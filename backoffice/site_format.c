/* site_format.c — the words and readable values of the site pages (no
 * route): states, channels, roles, times, and each content field as the
 * public reads it (reference codes as their labels, phones in their French
 * form, hours per day, prices in euros). */
#include "site.h"

#include "pvi/pvi_clock.h"

#include "pvi/pvi_export.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
bo_state_text(enum pvi_lang lang, enum pvi_site_state s)
{
    static const enum pvi_msg m[] = {
        [PVI_STATE_ORDERED] = PVI_MSG_BO_STATE_ORDERED,
        [PVI_STATE_COLLECTING] = PVI_MSG_BO_STATE_COLLECTING,
        [PVI_STATE_REVIEW] = PVI_MSG_BO_STATE_REVIEW,
        [PVI_STATE_ONLINE] = PVI_MSG_BO_STATE_ONLINE,
        [PVI_STATE_SUSPENDED] = PVI_MSG_BO_STATE_SUSPENDED,
        [PVI_STATE_CLOSED] = PVI_MSG_BO_STATE_CLOSED,
    };
    return (unsigned)s < PVI_COUNT_OF(m) ? pvi_msg_text(lang, m[s]) : pvi_state_name(s);
}

struct word {
    const char *name;
    enum pvi_msg msg;
};

static const char *
word_text(enum pvi_lang lang, const struct word *w, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(w[i].name, name) == 0)
            return pvi_msg_text(lang, w[i].msg);
    return name ? name : "";
}

const char *
bo_channel_text(enum pvi_lang lang, const char *channel)
{
    static const struct word w[] = {
        {"phone", PVI_MSG_BO_CHANNEL_PHONE},   {"client", PVI_MSG_BO_CHANNEL_CLIENT},
        {"admin", PVI_MSG_BO_CHANNEL_ADMIN},   {"api", PVI_MSG_BO_CHANNEL_API},
        {"import", PVI_MSG_BO_CHANNEL_IMPORT}, {"system", PVI_MSG_BO_CHANNEL_SYSTEM},
    };
    return word_text(lang, w, PVI_COUNT_OF(w), channel);
}

const char *
bo_role_text(enum pvi_lang lang, const char *role)
{
    static const struct word w[] = {
        {"admin", PVI_MSG_UI_ROLE_ADMIN},   {"operator", PVI_MSG_UI_ROLE_OPERATOR},
        {"client", PVI_MSG_UI_ROLE_CLIENT}, {"integrator", PVI_MSG_UI_ROLE_INTEGRATOR},
        {"system", PVI_MSG_UI_ROLE_SYSTEM},
    };
    return word_text(lang, w, PVI_COUNT_OF(w), role);
}

const char *
bo_time_text(char out[static 40], enum pvi_lang lang, const char *iso)
{
    int y, mo, d;
    out[0] = '\0';
    if (iso == NULL)
        return out;
    if (strlen(iso) == 10 && sscanf(iso, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
        if (lang == PVI_LANG_FR)
            snprintf(out, 40, "%02d/%02d/%04d", d, mo, y); /* a day: no time zone */
        else
            snprintf(out, 40, "%s", iso);
        return out;
    }
    /* a moment: in the zone people read times in (PVI_TIME_ZONE) */
    char t[PVI_TIME_DISPLAY_SIZE];
    pvi_time_display(t, iso, lang);
    snprintf(out, 40, "%s", t);
    return out;
}

struct pvi_vnode *
bo_table(struct pvi_view *v, struct pvi_vnode *parent, enum pvi_msg caption,
         const struct bo_column *cols, size_t ncols)
{
    struct pvi_vnode *t = pvi_view_table(v, parent, caption);
    for (size_t i = 0; i < ncols; i++)
        pvi_view_column(v, t, cols[i].key, cols[i].label, NULL, NULL, cols[i].numeric);
    return t;
}

void
bo_cell_choice(struct pvi_view *v, struct pvi_vnode *row, int which, enum pvi_msg yes,
               enum pvi_msg no)
{
    pvi_view_cell(row, pvi_msg_text(pvi_view_lang(v), which ? yes : no), NULL);
}

/* ---- the content ---- */

static const struct {
    const char *field;
    enum pvi_msg label;
} fields[] = {
    {"business_name", PVI_MSG_BO_FIELD_BUSINESS_NAME},
    {"activity", PVI_MSG_BO_FIELD_ACTIVITY},
    {"tagline", PVI_MSG_BO_FIELD_TAGLINE},
    {"description", PVI_MSG_BO_FIELD_DESCRIPTION},
    {"phones", PVI_MSG_BO_FIELD_PHONES},
    {"email", PVI_MSG_BO_FIELD_EMAIL},
    {"address", PVI_MSG_BO_FIELD_ADDRESS},
    {"hours", PVI_MSG_BO_FIELD_HOURS},
    {"closures", PVI_MSG_BO_FIELD_CLOSURES},
    {"services", PVI_MSG_BO_FIELD_SERVICES},
    {"photos", PVI_MSG_BO_FIELD_PHOTOS},
    {"logo", PVI_MSG_BO_FIELD_LOGO},
    {"videos", PVI_MSG_BO_FIELD_VIDEOS},
    {"payment_methods", PVI_MSG_BO_FIELD_PAYMENT_METHODS},
    {"languages", PVI_MSG_BO_FIELD_LANGUAGES},
    {"social_links", PVI_MSG_BO_FIELD_SOCIAL_LINKS},
    {"seo_description", PVI_MSG_BO_FIELD_SEO_DESCRIPTION},
    {"domains", PVI_MSG_BO_FIELD_DOMAINS},
    {"charter", PVI_MSG_BO_FIELD_CHARTER},
};

const char *const bo_content_fields[] = {
    "business_name", "activity",        "tagline",   "description",  "phones",          "email",
    "address",       "hours",           "closures",  "services",     "photos",          "logo",
    "videos",        "payment_methods", "languages", "social_links", "seo_description", "domains",
    "charter",
};
const size_t bo_content_nfields = PVI_COUNT_OF(bo_content_fields);

enum pvi_msg
bo_field_label(const char *field)
{
    for (size_t i = 0; field && i < PVI_COUNT_OF(fields); i++)
        if (strcmp(fields[i].field, field) == 0)
            return fields[i].label;
    return PVI_MSG_NONE;
}

const char *
bo_field_label_text(enum pvi_lang lang, const char *field)
{
    enum pvi_msg m = bo_field_label(field);
    return m == PVI_MSG_NONE ? field : pvi_msg_text(lang, m);
}

static const char *
str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Appends a line: catalog message m with its arguments. */
#define ARGS(...)                                                                                  \
    (const struct pvi_msg_arg[]){__VA_ARGS__},                                                     \
        sizeof((const struct pvi_msg_arg[]){__VA_ARGS__}) / sizeof(struct pvi_msg_arg)
static void
line(struct pvi_buf *b, enum pvi_lang lang, enum pvi_msg m, const struct pvi_msg_arg *args,
     size_t n)
{
    char *t = pvi_msg_format(lang, m, args, n);
    if (b->len)
        pvi_buf_puts(b, "\n");
    pvi_buf_puts(b, t);
    free(t);
}

static void
raw_line(struct pvi_buf *b, const char *text)
{
    if (b->len)
        pvi_buf_puts(b, "\n");
    pvi_buf_puts(b, text);
}

static void
hours_text(struct pvi_buf *b, enum pvi_lang lang, const json_t *hours)
{
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const struct pvi_refitem *day = pvi_refdata_at(PVI_REF_WEEKDAY, d);
        const json_t *slots = json_object_get(hours, day->code);
        struct pvi_buf h = {0};
        size_t i;
        const json_t *s;
        json_array_foreach(slots, i, s)
        {
            pvi_buf_printf(&h, "%s%s–%s", i ? ", " : "", str(s, "open"), str(s, "close"));
        }
        if (h.len)
            line(b, lang, PVI_MSG_BO_VALUE_DAY_HOURS, ARGS({"day", day->label}, {"hours", h.data}));
        else
            line(b, lang, PVI_MSG_BO_VALUE_CLOSED_DAY, ARGS({"day", day->label}));
        pvi_buf_free(&h);
    }
}

static void
item_text(struct pvi_buf *b, enum pvi_lang lang, const char *field, const json_t *it)
{
    char t1[40], t2[40], num[64];
    if (strcmp(field, "phones") == 0) {
        const char *kind = pvi_refdata_label(PVI_REF_PHONE_KIND, str(it, "kind"));
        pvi_export_phone_display(num, sizeof num, str(it, "number"));
        line(b, lang, PVI_MSG_BO_VALUE_PHONE,
             ARGS({"kind", kind ? kind : str(it, "kind")}, {"number", num}));
    } else if (strcmp(field, "closures") == 0) {
        bo_time_text(t1, lang, str(it, "from"));
        bo_time_text(t2, lang, str(it, "to"));
        if (*str(it, "reason"))
            line(b, lang, PVI_MSG_BO_VALUE_CLOSURE_REASON,
                 ARGS({"from", t1}, {"to", t2}, {"reason", str(it, "reason")}));
        else
            line(b, lang, PVI_MSG_BO_VALUE_CLOSURE, ARGS({"from", t1}, {"to", t2}));
    } else if (strcmp(field, "services") == 0) {
        const json_t *price = json_object_get(it, "price_cents");
        if (price)
            pvi_export_price_display(num, sizeof num, json_integer_value(price));
        else
            snprintf(num, sizeof num, "%s", pvi_msg_text(lang, PVI_MSG_BO_VALUE_ON_QUOTE));
        line(b, lang, PVI_MSG_BO_VALUE_SERVICE, ARGS({"title", str(it, "title")}, {"price", num}));
        if (*str(it, "description")) {
            pvi_buf_puts(b, " — ");
            pvi_buf_puts(b, str(it, "description"));
        }
    } else if (strcmp(field, "photos") == 0) {
        line(b, lang, PVI_MSG_BO_VALUE_PHOTO,
             ARGS({"caption", str(it, "caption")}, {"alt", str(it, "alt")},
                  {"media", str(it, "media")}));
    } else if (strcmp(field, "videos") == 0) {
        line(b, lang, PVI_MSG_BO_VALUE_MEDIA, ARGS({"media", str(it, "media")}));
        if (*str(it, "title")) {
            pvi_buf_puts(b, " — ");
            pvi_buf_puts(b, str(it, "title"));
        }
    } else if (json_is_string(it)) {
        const char *code = json_string_value(it), *label = NULL;
        if (strcmp(field, "payment_methods") == 0)
            label = pvi_refdata_label(PVI_REF_PAYMENT, code);
        else if (strcmp(field, "languages") == 0)
            label = pvi_refdata_label(PVI_REF_LANGUAGE, code);
        raw_line(b, label ? label : code);
    } else {
        char *j = json_dumps(it, JSON_COMPACT | JSON_ENCODE_ANY);
        raw_line(b, j ? j : "");
        free(j);
    }
}

char *
bo_field_text(enum pvi_lang lang, const char *field, const json_t *value)
{
    struct pvi_buf b = {0};
    if (json_is_string(value) && strcmp(field, "logo") == 0) {
        line(&b, lang, PVI_MSG_BO_VALUE_MEDIA, ARGS({"media", json_string_value(value)}));
    } else if (json_is_string(value)) {
        pvi_buf_puts(&b, json_string_value(value));
    } else if (json_is_array(value)) {
        size_t i;
        const json_t *it;
        json_array_foreach(value, i, it) item_text(&b, lang, field, it);
    } else if (json_is_object(value) && strcmp(field, "hours") == 0) {
        hours_text(&b, lang, value);
    } else if (json_is_object(value) && strcmp(field, "address") == 0) {
        raw_line(&b, str(value, "street"));
        char *city = pvi_asprintf("%s %s", str(value, "postal_code"), str(value, "city"));
        raw_line(&b, city);
        free(city);
        const json_t *geo = json_object_get(value, "geo");
        if (geo) {
            char lat[32], lon[32];
            snprintf(lat, sizeof lat, "%.5f", json_number_value(json_object_get(geo, "lat")));
            snprintf(lon, sizeof lon, "%.5f", json_number_value(json_object_get(geo, "lon")));
            line(&b, lang, PVI_MSG_BO_VALUE_GEO, ARGS({"lat", lat}, {"lon", lon}));
        }
    } else if (value && !json_is_null(value)) {
        char *j = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
        pvi_buf_puts(&b, j ? j : "");
        free(j);
    }
    if (b.len == 0)
        pvi_buf_puts(&b, pvi_msg_text(lang, PVI_MSG_BO_VALUE_EMPTY));
    return pvi_buf_steal(&b);
}
