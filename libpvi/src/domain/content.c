/* content.c — the content document as a whole (pvi_content_validate,
 * pvi_content_check_complete) and the building blocks every field
 * validator uses: paths, members, types, texts, media references. */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pvi_validate__is_sha256_hex(const char *s)
{
    if (strlen(s) != 64)
        return 0;
    for (size_t i = 0; i < 64; i++)
        if (!(is_digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int
pvi_validate__is_charter_name(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > PVI_CHARTER_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_lower_alnum(s[i]) && s[i] != '-')
            return 0;
    return 1;
}

/* ---------------------------------------------------------------------------
 * The content document. Every validator below takes the value (NULL when
 * absent, never JSON null: callers filter it), its path and the error list;
 * it reports what is wrong and returns the normalised value (a new
 * reference) or NULL to leave the pvi_validate__member out.
 */

/* Formats an error path into p (PATH_MAX_LEN bytes). A path that does not
 * fit is cut: paths only label errors, and only unknown keys can be long. */

void
pvi_validate__path_fmt(char *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p, PATH_MAX_LEN, fmt, ap);
    va_end(ap);
}

/* A pvi_validate__member of obj, NULL when absent or JSON null. */
const json_t *
pvi_validate__member(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_null(v) ? NULL : v;
}

void
pvi_validate__set_new(json_t *obj, const char *key, json_t *v)
{
    if (v != NULL)
        json_object_set_new(obj, key, v);
}

/* Reports each pvi_validate__member of obj whose key is not in allowed (NULL-terminated). */
void
pvi_validate__check_keys(const json_t *obj, const char *path, const char *const *allowed,
                         struct pvi_errors *errs)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        size_t i;
        for (i = 0; allowed[i]; i++)
            if (strcmp(allowed[i], key) == 0)
                break;
        if (allowed[i] == NULL) {
            char p[PATH_MAX_LEN];
            pvi_validate__path_fmt(p, *path ? "%s.%s" : "%s%s", path, key);
            pvi_errors_add_msg(errs, p, PVI_UNKNOWN_FIELD, PVI_MSG_CONTENT_UNKNOWN_FIELD, "field",
                               key, NULL);
        }
    }
}

int
pvi_validate__expect_object(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (json_is_object(v))
        return 1;
    pvi_errors_add_msg(errs, path, PVI_BAD_TYPE, PVI_MSG_CONTENT_OBJECT, NULL);
    return 0;
}

/* Checks that v is an array of at most max elements (too many is reported
 * but the elements are still validated); 0 when it is not an array. */
int
pvi_validate__expect_array(const json_t *v, const char *path, size_t max, struct pvi_errors *errs)
{
    if (!json_is_array(v)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_TYPE, PVI_MSG_CONTENT_LIST, NULL);
        return 0;
    }
    if (json_array_size(v) > max) {
        char m[PVI_INT_TEXT_SIZE];
        pvi_int_text(m, (long long)max);
        pvi_errors_add_msg(errs, path, PVI_TOO_MANY, PVI_MSG_CONTENT_TOO_MANY, "max", m, NULL);
    }
    return 1;
}

/* The trimmed string value of v as a new C string, or NULL (reported) when
 * v is not a string or holds a NUL character. */
char *
pvi_validate__string_value(const json_t *v, const char *path, struct pvi_errors *errs)
{
    if (!json_is_string(v)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_TYPE, PVI_MSG_CONTENT_TEXT, NULL);
        return NULL;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_VALUE, PVI_MSG_TEXT_NUL, NULL);
        return NULL;
    }
    return pvi_text_trim_dup(s);
}

/* A human text: string, normalised, at most max characters, no markup.
 * Absent or empty: REQUIRED when required, else left out. */
json_t *
pvi_validate__text(const json_t *v, const char *path, int required, size_t max, unsigned flags,
                   struct pvi_errors *errs)
{
    char *raw = NULL, *s = NULL;
    enum pvi_msg why = PVI_MSG_NONE;
    json_t *result = NULL;

    if (v != NULL && (raw = pvi_validate__string_value(v, path, errs)) == NULL)
        goto cleanup;
    if (raw != NULL && (s = pvi_validate__text_normalize(raw, flags, &why)) == NULL) {
        pvi_errors_add_msg(errs, path, PVI_BAD_VALUE, why, NULL);
        goto cleanup;
    }
    if (s == NULL || *s == '\0') {
        if (required)
            pvi_errors_add(errs, path, PVI_REQUIRED);
        goto cleanup;
    }
    size_t n = pvi_utf8_length(s);
    if (n > max) {
        char m[PVI_INT_TEXT_SIZE], c[PVI_INT_TEXT_SIZE];
        pvi_int_text(m, (long long)max);
        pvi_int_text(c, (long long)n);
        pvi_errors_add_msg(errs, path, PVI_TOO_LONG, PVI_MSG_TEXT_TOO_LONG, "max", m, "count", c,
                           NULL);
        goto cleanup;
    }
    if (pvi_text_has_markup(s)) {
        pvi_errors_add_msg(errs, path, PVI_MARKUP, PVI_MSG_TEXT_MARKUP, NULL);
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(raw);
    free(s);
    return result;
}

json_t *
pvi_validate__media(const json_t *v, const char *path, int required, struct pvi_errors *errs)
{
    char *s = NULL;
    json_t *result = NULL;

    if (v != NULL && (s = pvi_validate__string_value(v, path, errs)) == NULL)
        goto cleanup;
    if (s == NULL || *s == '\0') {
        if (required)
            pvi_errors_add_msg(errs, path, PVI_REQUIRED, PVI_MSG_CONTENT_CHOOSE_FILE, NULL);
        goto cleanup;
    }
    if (!pvi_validate__is_sha256_hex(s)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_MEDIA, PVI_MSG_CONTENT_MEDIA_ID, NULL);
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(s);
    return result;
}

/* 1 when the string pvi_validate__member key of one of the objects of arr equals s. */
int
pvi_validate__array_has(const json_t *arr, const char *key, const char *s)
{
    size_t i;
    json_t *el;
    json_array_foreach(arr, i, el)
    {
        const json_t *v = key ? json_object_get(el, key) : el;
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return 1;
    }
    return 0;
}

/* The top-level members, in the order of the normalised document. */
static const struct {
    const char *key;
    json_t *(*check)(const json_t *v, const char *path, struct pvi_errors *errs);
} content_fields[] = {
    {"business_name", pvi_validate__business_name},
    {"activity", pvi_validate__activity},
    {"tagline", pvi_validate__tagline},
    {"description", pvi_validate__description},
    {"phones", pvi_validate__phones},
    {"email", pvi_validate__email},
    {"address", pvi_validate__address},
    {"hours", pvi_validate__hours},
    {"closures", pvi_validate__closures},
    {"services", pvi_validate__services},
    {"photos", pvi_validate__photos},
    {"logo", pvi_validate__logo},
    {"videos", pvi_validate__videos},
    {"payment_methods", pvi_validate__payment_methods},
    {"languages", pvi_validate__languages},
    {"social_links", pvi_validate__social_links},
    {"seo_description", pvi_validate__seo_description},
    {"domains", pvi_validate__domains},
    {"charter", pvi_validate__charter},
};

enum pvi_code
pvi_content_validate(json_t **out, const json_t *content, struct pvi_errors *errs)
{
    const char *allowed[PVI_COUNT_OF(content_fields) + 1];
    size_t before = errs->n;
    json_t *result = NULL;

    if (out != NULL)
        *out = NULL;
    if (!json_is_object(content)) {
        pvi_errors_add_msg(errs, "", PVI_BAD_TYPE, PVI_MSG_CONTENT_DOCUMENT, NULL);
        goto cleanup;
    }
    for (size_t i = 0; i < PVI_COUNT_OF(content_fields); i++)
        allowed[i] = content_fields[i].key;
    allowed[PVI_COUNT_OF(content_fields)] = NULL;
    pvi_validate__check_keys(content, "", allowed, errs);

    result = json_object();
    for (size_t i = 0; i < PVI_COUNT_OF(content_fields); i++) {
        const json_t *v = pvi_validate__member(content, content_fields[i].key);
        if (v != NULL)
            pvi_validate__set_new(result, content_fields[i].key,
                                  content_fields[i].check(v, content_fields[i].key, errs));
    }

cleanup:
    if (errs->n != before) {
        json_decref(result);
        return PVI_VALIDATION;
    }
    if (out != NULL)
        *out = result;
    else
        json_decref(result);
    return PVI_OK;
}

/* 1 when obj has a string pvi_validate__member key that is not empty after trimming. */
static int
has_text(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s;
    size_t len;
    if (!json_is_string(v))
        return 0;
    pvi_text_trim(&s, &len, json_string_value(v));
    return len > 0;
}

static int
has_items(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_array(v) && json_array_size(v) > 0;
}

enum pvi_code
pvi_content_check_complete(const json_t *content, int has_slug, struct pvi_errors *errs)
{
    const json_t *address = json_object_get(content, "address");
    size_t before = errs->n;

    if (!has_text(content, "business_name"))
        pvi_errors_add_msg(errs, "business_name", PVI_REQUIRED, PVI_MSG_CONTENT_NAME_REQUIRED,
                           NULL);
    if (!has_text(content, "activity"))
        pvi_errors_add_msg(errs, "activity", PVI_REQUIRED, PVI_MSG_CONTENT_ACTIVITY_REQUIRED, NULL);
    if (!has_items(content, "phones"))
        pvi_errors_add_msg(errs, "phones", PVI_REQUIRED, PVI_MSG_CONTENT_PHONE_REQUIRED, NULL);
    if (!has_text(address, "street"))
        pvi_errors_add_msg(errs, "address.street", PVI_REQUIRED, PVI_MSG_CONTENT_STREET_REQUIRED,
                           NULL);
    if (!has_text(address, "postal_code"))
        pvi_errors_add_msg(errs, "address.postal_code", PVI_REQUIRED,
                           PVI_MSG_CONTENT_POSTAL_REQUIRED, NULL);
    if (!has_text(address, "city"))
        pvi_errors_add_msg(errs, "address.city", PVI_REQUIRED, PVI_MSG_CONTENT_CITY_REQUIRED, NULL);
    if (!has_text(content, "charter"))
        pvi_errors_add_msg(errs, "charter", PVI_REQUIRED, PVI_MSG_CONTENT_CHARTER_REQUIRED, NULL);
    if (!has_slug && !has_items(content, "domains"))
        pvi_errors_add_msg(errs, "domains", PVI_REQUIRED, PVI_MSG_CONTENT_DOMAIN_REQUIRED, NULL);
    return errs->n == before ? PVI_OK : PVI_INCOMPLETE;
}
