/* content_lists.c — the validators of the content's lists: opening
 * hours, dated closures, services (with prices), photos, logo, videos. */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *
v_day(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"open", "close", NULL};
    char p[PATH_MAX_LEN];
    int prev_open = -1, prev_close = -1;
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, PVI_HOURS_PER_DAY_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        static const char *const ends[] = {"open", "close"};
        char *t[2] = {NULL, NULL};
        int minutes[2] = {-1, -1};

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if (!pvi_validate__expect_object(el, p, errs))
            continue;
        pvi_validate__check_keys(el, p, keys, errs);
        for (int e = 0; e < 2; e++) {
            const json_t *m = pvi_validate__member(el, ends[e]);
            pvi_validate__path_fmt(p, "%s.%zu.%s", path, i, ends[e]);
            if (m == NULL) {
                pvi_errors_add_msg(
                    errs, p, PVI_REQUIRED,
                    e == 0 ? PVI_MSG_HOURS_OPEN_MISSING : PVI_MSG_HOURS_CLOSE_MISSING, NULL);
            } else if ((t[e] = pvi_validate__string_value(m, p, errs)) != NULL &&
                       pvi_hhmm_parse(&minutes[e], t[e], e == 1) != PVI_OK) {
                pvi_errors_add_msg(errs, p, PVI_BAD_HOURS,
                                   e == 0 ? PVI_MSG_HOURS_OPEN_FORMAT : PVI_MSG_HOURS_CLOSE_FORMAT,
                                   NULL);
            }
        }
        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if (minutes[0] >= 0 && minutes[1] >= 0) {
            if (minutes[0] >= minutes[1]) {
                pvi_errors_add_msg(errs, p, PVI_BAD_HOURS, PVI_MSG_HOURS_ORDER, NULL);
            } else {
                if (prev_open >= 0 && minutes[0] < prev_open)
                    pvi_errors_add_msg(errs, p, PVI_HOURS_OVERLAP, PVI_MSG_HOURS_SLOTS_ORDER, NULL);
                else if (prev_close >= 0 && minutes[0] < prev_close)
                    pvi_errors_add_msg(errs, p, PVI_HOURS_OVERLAP, PVI_MSG_HOURS_SLOT_OVERLAP,
                                       NULL);
                else
                    json_array_append_new(result,
                                          json_pack("{s:s, s:s}", "open", t[0], "close", t[1]));
                prev_open = minutes[0];
                prev_close = minutes[1];
            }
        }
        free(t[0]);
        free(t[1]);
    }
    return result;
}

json_t *
pvi_validate__hours(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    const char *key;
    json_t *day;

    if (!pvi_validate__expect_object(v, path, errs))
        return NULL;
    json_object_foreach((json_t *)v, key, day)
    {
        if (!pvi_refdata_exists(PVI_REF_WEEKDAY, key))
            pvi_errors_addf(errs, PVI_UNKNOWN_FIELD, PVI_MSG_HOURS_UNKNOWN_DAY, "%s.%s", path, key);
    }
    json_t *result = json_object();
    for (size_t d = 0; d < pvi_refdata_count(PVI_REF_WEEKDAY); d++) {
        const char *code = pvi_refdata_at(PVI_REF_WEEKDAY, d)->code;
        const json_t *m = pvi_validate__member(v, code);
        if (m == NULL)
            continue;
        pvi_validate__path_fmt(p, "%s.%s", path, code);
        pvi_validate__set_new(result, code, v_day(m, p, errs));
    }
    return result;
}

json_t *
pvi_validate__closures(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"from", "to", "reason", NULL};
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, PVI_CLOSURES_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        static const char *const ends[] = {"from", "to"};
        char *date[2] = {NULL, NULL};
        int ok = 1;

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if (!pvi_validate__expect_object(el, p, errs))
            continue;
        pvi_validate__check_keys(el, p, keys, errs);
        for (int e = 0; e < 2; e++) {
            const json_t *m = pvi_validate__member(el, ends[e]);
            pvi_validate__path_fmt(p, "%s.%zu.%s", path, i, ends[e]);
            if (m == NULL) {
                pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CLOSURE_DATE_MISSING, NULL);
                ok = 0;
            } else if ((date[e] = pvi_validate__string_value(m, p, errs)) == NULL) {
                ok = 0;
            } else if (pvi_date_check(date[e]) != PVI_OK) {
                pvi_errors_add_msg(errs, p, PVI_BAD_DATE, PVI_MSG_CLOSURE_DATE, NULL);
                ok = 0;
            }
        }
        if (ok && strcmp(date[0], date[1]) > 0) {
            pvi_validate__path_fmt(p, "%s.%zu.to", path, i);
            pvi_errors_add_msg(errs, p, PVI_BAD_DATE, PVI_MSG_CLOSURE_END_BEFORE_START, NULL);
            ok = 0;
        }
        pvi_validate__path_fmt(p, "%s.%zu.reason", path, i);
        json_t *reason = pvi_validate__text(pvi_validate__member(el, "reason"), p, 0,
                                            PVI_CLOSURE_REASON_MAX, 0, errs);
        if (ok) {
            json_t *c = json_pack("{s:s, s:s}", "from", date[0], "to", date[1]);
            pvi_validate__set_new(c, "reason", reason);
            reason = NULL;
            json_array_append_new(result, c);
        }
        json_decref(reason);
        free(date[0]);
        free(date[1]);
    }
    return result;
}

static json_t *
v_price(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (json_is_integer(v)) {
        json_int_t c = json_integer_value(v);
        if (c >= 0 && c <= PVI_PRICE_CENTS_MAX)
            return json_integer(c);
        pvi_errors_add_msg(errs, path, PVI_BAD_PRICE, PVI_MSG_PRICE_RANGE, NULL);
    } else if (json_is_real(v)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_PRICE, PVI_MSG_PRICE_WHOLE_CENTS, NULL);
    } else if (json_is_string(v)) {
        /* a price a form could not read as euros (pvi_price_parse) */
        pvi_errors_add_msg(errs, path, PVI_BAD_TYPE, PVI_MSG_PRICE_EUROS, NULL);
    } else {
        pvi_errors_add_msg(errs, path, PVI_BAD_TYPE, PVI_MSG_PRICE_INTEGER, NULL);
    }
    return NULL;
}

/* One element of a list of objects: built from el (at path p, its members
 * at p.<name>), with the elements kept so far (for duplicates). */
typedef json_t *(*item_fn)(const json_t *el, const char *p, const json_t *kept,
                           struct pvi_errors *errs);

/* A list of at most max objects with only the given keys; an element with an
 * error is reported and left out of the result. */
static json_t *
v_items(const json_t *v, const char *path, size_t max, const char *const *keys, item_fn item,
        struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, max, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        size_t before = errs->n;

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if (!pvi_validate__expect_object(el, p, errs))
            continue;
        pvi_validate__check_keys(el, p, keys, errs);
        json_t *o = item(el, p, result, errs);
        if (errs->n == before)
            json_array_append_new(result, o);
        else
            json_decref(o);
    }
    return result;
}

/* The element's required media hash, not already in the list. */
static void
item_media(json_t *o, const json_t *el, const char *p, const json_t *kept, enum pvi_msg dup_msg,
           struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    pvi_validate__path_fmt(q, "%s.media", p);
    json_t *media = pvi_validate__media(pvi_validate__member(el, "media"), q, 1, errs);
    if (media != NULL && pvi_validate__array_has(kept, "media", json_string_value(media)))
        pvi_errors_add_msg(errs, q, PVI_DUPLICATE, dup_msg, NULL);
    pvi_validate__set_new(o, "media", media);
}

static json_t *
service_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    (void)kept;
    char q[PATH_MAX_LEN];
    const json_t *m;
    json_t *s = json_object();
    pvi_validate__path_fmt(q, "%s.title", p);
    pvi_validate__set_new(s, "title",
                          pvi_validate__text(pvi_validate__member(el, "title"), q, 1,
                                             PVI_SERVICE_TITLE_MAX, 0, errs));
    pvi_validate__path_fmt(q, "%s.description", p);
    pvi_validate__set_new(s, "description",
                          pvi_validate__text(pvi_validate__member(el, "description"), q, 0,
                                             PVI_SERVICE_DESCRIPTION_MAX, TEXT_MULTILINE, errs));
    pvi_validate__path_fmt(q, "%s.price_cents", p);
    if ((m = pvi_validate__member(el, "price_cents")) != NULL)
        pvi_validate__set_new(s, "price_cents", v_price(m, q, errs));
    return s;
}

json_t *
pvi_validate__services(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"title", "description", "price_cents", NULL};
    return v_items(v, path, PVI_SERVICES_MAX, keys, service_item, errs);
}

static json_t *
photo_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    json_t *ph = json_object();
    item_media(ph, el, p, kept, PVI_MSG_PHOTO_DUPLICATE, errs);
    pvi_validate__path_fmt(q, "%s.caption", p);
    pvi_validate__set_new(
        ph, "caption",
        pvi_validate__text(pvi_validate__member(el, "caption"), q, 0, PVI_CAPTION_MAX, 0, errs));
    pvi_validate__path_fmt(q, "%s.alt", p);
    size_t before_alt = errs->n;
    json_t *alt = pvi_validate__text(pvi_validate__member(el, "alt"), q, 0, PVI_ALT_MAX, 0, errs);
    if (alt == NULL && errs->n == before_alt)
        pvi_errors_add_msg(errs, q, PVI_REQUIRED, PVI_MSG_PHOTO_ALT_REQUIRED, NULL);
    pvi_validate__set_new(ph, "alt", alt);
    return ph;
}

json_t *
pvi_validate__photos(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"media", "caption", "alt", NULL};
    return v_items(v, path, PVI_PHOTOS_MAX, keys, photo_item, errs);
}

json_t *
pvi_validate__logo(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return pvi_validate__media(v, path, 0, errs);
}

static json_t *
video_item(const json_t *el, const char *p, const json_t *kept, struct pvi_errors *errs)
{
    char q[PATH_MAX_LEN];
    json_t *vid = json_object();
    item_media(vid, el, p, kept, PVI_MSG_VIDEO_DUPLICATE, errs);
    pvi_validate__path_fmt(q, "%s.title", p);
    pvi_validate__set_new(
        vid, "title",
        pvi_validate__text(pvi_validate__member(el, "title"), q, 0, PVI_VIDEO_TITLE_MAX, 0, errs));
    return vid;
}

json_t *
pvi_validate__videos(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"media", "title", NULL};
    return v_items(v, path, PVI_VIDEOS_MAX, keys, video_item, errs);
}
