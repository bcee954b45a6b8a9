/* content_fields.c — the validators of the content's single fields and
 * small objects: name, activity, texts, phones, e-mail, address, reference
 * codes, social links, domains, charter. Each takes the value, its path and
 * the error list, and returns the normalised value (NULL: left out). */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *
pvi_validate__business_name(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return pvi_validate__text(v, path, 0, PVI_BUSINESS_NAME_MAX, 0, errs);
}

json_t *
pvi_validate__activity(const json_t *v, const char *path, struct pvi_errors *errs)
{
    json_t *s = pvi_validate__text(v, path, 0, 200, 0, errs);
    if (s != NULL && !pvi_refdata_activity_exists(json_string_value(s))) {
        pvi_errors_add_msg(errs, path, PVI_NOT_IN_LIST, PVI_MSG_CONTENT_ACTIVITY_UNKNOWN, NULL);
        json_decref(s);
        s = NULL;
    }
    return s;
}

json_t *
pvi_validate__tagline(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return pvi_validate__text(v, path, 0, PVI_TAGLINE_MAX, 0, errs);
}

json_t *
pvi_validate__description(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return pvi_validate__text(v, path, 0, PVI_DESCRIPTION_MAX, TEXT_MULTILINE, errs);
}

json_t *
pvi_validate__seo_description(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return pvi_validate__text(v, path, 0, PVI_SEO_DESCRIPTION_MAX, 0, errs);
}

json_t *
pvi_validate__phones(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"kind", "number", NULL};
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, PVI_PHONES_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        char *kind = NULL, *number = NULL;
        char e164[16];
        enum pvi_msg why = PVI_MSG_NONE;
        int ok = 1;

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if (!pvi_validate__expect_object(el, p, errs))
            continue;
        pvi_validate__check_keys(el, p, keys, errs);

        pvi_validate__path_fmt(p, "%s.%zu.kind", path, i);
        const json_t *k = pvi_validate__member(el, "kind");
        if (k == NULL) {
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_PHONE_KIND_REQUIRED, NULL);
            ok = 0;
        } else if ((kind = pvi_validate__string_value(k, p, errs)) == NULL) {
            ok = 0;
        } else if (!pvi_refdata_exists(PVI_REF_PHONE_KIND, kind)) {
            pvi_errors_add_msg(errs, p, PVI_NOT_IN_LIST, PVI_MSG_CONTENT_PHONE_KIND, NULL);
            ok = 0;
        }

        pvi_validate__path_fmt(p, "%s.%zu.number", path, i);
        const json_t *nv = pvi_validate__member(el, "number");
        if (nv == NULL) {
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_PHONE_NUMBER_REQUIRED, NULL);
            ok = 0;
        } else if ((number = pvi_validate__string_value(nv, p, errs)) == NULL) {
            ok = 0;
        } else if (*number == '\0') {
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_PHONE_NUMBER_REQUIRED, NULL);
            ok = 0;
        } else {
            enum pvi_code c = pvi_validate__phone_parse(e164, number, &why);
            if (c != PVI_OK) {
                pvi_errors_add_msg(errs, p, c, why, NULL);
                ok = 0;
            } else if (pvi_validate__array_has(result, "number", e164)) {
                pvi_errors_add_msg(errs, p, PVI_DUPLICATE, PVI_MSG_CONTENT_PHONE_DUPLICATE, NULL);
                ok = 0;
            }
        }
        if (ok)
            json_array_append_new(result, json_pack("{s:s, s:s}", "kind", kind, "number", e164));
        free(kind);
        free(number);
    }
    return result;
}

json_t *
pvi_validate__email(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char *s = pvi_validate__string_value(v, path, errs);
    char out[255];
    json_t *result = NULL;

    if (s == NULL || *s == '\0')
        goto cleanup;
    if (pvi_email_normalize(out, s) != PVI_OK) {
        pvi_errors_add_msg(errs, path, PVI_BAD_EMAIL, PVI_MSG_CONTENT_EMAIL, NULL);
        goto cleanup;
    }
    result = json_string(out);

cleanup:
    free(s);
    return result;
}

static json_t *
v_geo(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"lat", "lon", NULL};
    static const struct {
        const char *key;
        double limit;
        enum pvi_msg msg;
    } axes[] = {
        {"lat", 90.0, PVI_MSG_CONTENT_LATITUDE},
        {"lon", 180.0, PVI_MSG_CONTENT_LONGITUDE},
    };
    char p[PATH_MAX_LEN];
    int ok = 1;

    if (!pvi_validate__expect_object(v, path, errs))
        return NULL;
    pvi_validate__check_keys(v, path, keys, errs);
    json_t *result = json_object();
    for (size_t i = 0; i < PVI_COUNT_OF(axes); i++) {
        const json_t *a = pvi_validate__member(v, axes[i].key);
        pvi_validate__path_fmt(p, "%s.%s", path, axes[i].key);
        if (a == NULL) {
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_COORDINATE_MISSING, NULL);
            ok = 0;
        } else if (!json_is_number(a)) {
            pvi_errors_add_msg(errs, p, PVI_BAD_TYPE, PVI_MSG_CONTENT_NUMBER, NULL);
            ok = 0;
        } else {
            double x = json_number_value(a);
            if (!(x >= -axes[i].limit && x <= axes[i].limit)) {
                pvi_errors_add_msg(errs, p, PVI_BAD_GEO, axes[i].msg, NULL);
                ok = 0;
            } else {
                json_object_set_new(result, axes[i].key, json_real(x));
            }
        }
    }
    if (!ok) {
        json_decref(result);
        result = NULL;
    }
    return result;
}

json_t *
pvi_validate__address(const json_t *v, const char *path, struct pvi_errors *errs)
{
    static const char *const keys[] = {"street", "postal_code", "city", "geo", NULL};
    char p[PATH_MAX_LEN];
    const json_t *m;
    char *pc = NULL;

    if (!pvi_validate__expect_object(v, path, errs))
        return NULL;
    pvi_validate__check_keys(v, path, keys, errs);
    json_t *result = json_object();

    pvi_validate__path_fmt(p, "%s.street", path);
    pvi_validate__set_new(
        result, "street",
        pvi_validate__text(pvi_validate__member(v, "street"), p, 0, PVI_STREET_MAX, 0, errs));

    pvi_validate__path_fmt(p, "%s.postal_code", path);
    if ((m = pvi_validate__member(v, "postal_code")) != NULL &&
        (pc = pvi_validate__string_value(m, p, errs)) != NULL && *pc != '\0') {
        char dept[4];
        enum pvi_msg why = PVI_MSG_NONE;
        if (pvi_validate__postal_parse(dept, pc, &why) != PVI_OK)
            pvi_errors_add_msg(errs, p, PVI_BAD_POSTAL_CODE, why, NULL);
        else
            json_object_set_new(result, "postal_code", json_string(pc));
    }
    free(pc);

    pvi_validate__path_fmt(p, "%s.city", path);
    pvi_validate__set_new(
        result, "city",
        pvi_validate__text(pvi_validate__member(v, "city"), p, 0, PVI_CITY_MAX, 0, errs));

    pvi_validate__path_fmt(p, "%s.geo", path);
    if ((m = pvi_validate__member(v, "geo")) != NULL)
        pvi_validate__set_new(result, "geo", v_geo(m, p, errs));

    if (json_object_size(result) == 0) {
        json_decref(result);
        result = NULL;
    }
    return result;
}

/* A list of codes from a reference list, without duplicates. */
static json_t *
v_codes(const json_t *v, const char *path, enum pvi_reflist list, enum pvi_msg unknown_msg,
        struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, pvi_refdata_count(list), errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        char *s = pvi_validate__string_value(el, p, errs);
        if (s == NULL)
            continue;
        if (!pvi_refdata_exists(list, s))
            pvi_errors_add_msg(errs, p, PVI_NOT_IN_LIST, unknown_msg, NULL);
        else if (pvi_validate__array_has(result, NULL, s))
            pvi_errors_add_msg(errs, p, PVI_DUPLICATE, PVI_MSG_CONTENT_CODE_DUPLICATE, NULL);
        else
            json_array_append_new(result, json_string(s));
        free(s);
    }
    return result;
}

json_t *
pvi_validate__payment_methods(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_codes(v, path, PVI_REF_PAYMENT, PVI_MSG_CONTENT_PAYMENT_UNKNOWN, errs);
}

json_t *
pvi_validate__languages(const json_t *v, const char *path, struct pvi_errors *errs)
{
    return v_codes(v, path, PVI_REF_LANGUAGE, PVI_MSG_CONTENT_LANGUAGE_UNKNOWN, errs);
}

json_t *
pvi_validate__social_links(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, PVI_SOCIAL_LINKS_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        char *s, *url = NULL;
        enum pvi_msg why = PVI_MSG_NONE;

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if ((s = pvi_validate__string_value(el, p, errs)) == NULL)
            continue;
        if (*s == '\0')
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_LINK_EMPTY, NULL);
        else if (pvi_validate__social_parse(&url, s, &why) != PVI_OK)
            pvi_errors_add_msg(errs, p, PVI_BAD_URL, why, NULL);
        else if (pvi_validate__array_has(result, NULL, url))
            pvi_errors_add_msg(errs, p, PVI_DUPLICATE, PVI_MSG_CONTENT_LINK_DUPLICATE, NULL);
        else
            json_array_append_new(result, json_string(url));
        free(url);
        free(s);
    }
    return result;
}

json_t *
pvi_validate__domains(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char p[PATH_MAX_LEN];
    size_t i;
    json_t *el;

    if (!pvi_validate__expect_array(v, path, PVI_DOMAINS_MAX, errs))
        return NULL;
    json_t *result = json_array();
    json_array_foreach(v, i, el)
    {
        char host[254];
        char *s;

        pvi_validate__path_fmt(p, "%s.%zu", path, i);
        if ((s = pvi_validate__string_value(el, p, errs)) == NULL)
            continue;
        if (*s == '\0')
            pvi_errors_add_msg(errs, p, PVI_REQUIRED, PVI_MSG_CONTENT_DOMAIN_EMPTY, NULL);
        else if (pvi_domain_normalize(host, s) != PVI_OK)
            pvi_errors_add_msg(errs, p, PVI_BAD_DOMAIN, PVI_MSG_CONTENT_DOMAIN, NULL);
        else if (pvi_validate__array_has(result, NULL, host))
            pvi_errors_add_msg(errs, p, PVI_DUPLICATE, PVI_MSG_CONTENT_DOMAIN_DUPLICATE, NULL);
        else
            json_array_append_new(result, json_string(host));
        free(s);
    }
    return result;
}

json_t *
pvi_validate__charter(const json_t *v, const char *path, struct pvi_errors *errs)
{
    char *s = pvi_validate__string_value(v, path, errs);
    json_t *result = NULL;

    if (s == NULL || *s == '\0')
        goto cleanup;
    if (!pvi_validate__is_charter_name(s)) {
        pvi_errors_add_msg(errs, path, PVI_BAD_VALUE, PVI_MSG_CONTENT_CHARTER_NAME, NULL);
        goto cleanup;
    }
    result = json_string(s);

cleanup:
    free(s);
    return result;
}
