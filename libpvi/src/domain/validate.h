/* validate.h — libpvi-internal: what the files of the content validation
 * share (text_rules.c, phone.c, values.c, social.c, content*.c): ASCII
 * helpers, the "why" forms of the single-value checkers, and the building
 * blocks and field validators of the content document. */
#ifndef PVI_DOMAIN_VALIDATE_H
#define PVI_DOMAIN_VALIDATE_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_validate.h"

#include <jansson.h>
#include <stddef.h>

#define PATH_MAX_LEN 256

/* ---- ASCII helpers (no locale dependence) ---- */

static inline int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int
is_lower_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

static inline int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline char
to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static inline int
all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

/* ---- texts (text_rules.c) ---- */

enum { TEXT_MULTILINE = 1 };

/* Normalises a text (see pvi_validate.h for the rules): returns a new
 * string owned by the caller, possibly "", or NULL with *why set (a French
 * message) when it holds a forbidden character. */
char *pvi_validate__text_normalize(const char *in, unsigned flags, enum pvi_msg *why);

/* ---- single values, with the reason of a refusal ---- */

/* pvi_phone_normalize, with *why a French message on error (phone.c). */
enum pvi_code pvi_validate__phone_parse(char out[static 16], const char *in, enum pvi_msg *why);
/* pvi_postal_code_check, with *why (values.c). */
enum pvi_code pvi_validate__postal_parse(char dept_out[static 4], const char *in,
                                         enum pvi_msg *why);
/* pvi_social_url_normalize, with *why (social.c). */
enum pvi_code pvi_validate__social_parse(char **out, const char *in, enum pvi_msg *why);

/* ---- building blocks of the document (content.c) ---- */

/* Formats an error path into p (PATH_MAX_LEN bytes). A path that does not
 * fit is cut: paths only label errors, and only unknown keys can be long. */
void pvi_validate__path_fmt(char *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A member of obj, NULL when absent or JSON null. */
const json_t *pvi_validate__member(const json_t *obj, const char *key);
/* Sets obj[key] to v (stolen) unless v is NULL. */
void pvi_validate__set_new(json_t *obj, const char *key, json_t *v);
/* Reports each member of obj whose key is not in allowed (NULL-terminated). */
void pvi_validate__check_keys(const json_t *obj, const char *path, const char *const *allowed,
                              struct pvi_errors *errs);
/* 1 when v is an object, else 0 (reported). */
int pvi_validate__expect_object(const json_t *v, const char *path, struct pvi_errors *errs);
/* Checks that v is an array of at most max elements (too many is reported
 * but the elements are still validated); 0 when it is not an array. */
int pvi_validate__expect_array(const json_t *v, const char *path, size_t max,
                               struct pvi_errors *errs);
/* The trimmed string value of v as a new C string, or NULL (reported) when
 * v is not a string or holds a NUL character. */
char *pvi_validate__string_value(const json_t *v, const char *path, struct pvi_errors *errs);
/* A human text: string, normalised, at most max characters, no markup.
 * Absent or empty: REQUIRED when required, else left out. */
json_t *pvi_validate__text(const json_t *v, const char *path, int required, size_t max,
                           unsigned flags, struct pvi_errors *errs);
/* A media reference (the SHA-256 of a file of the store). */
json_t *pvi_validate__media(const json_t *v, const char *path, int required,
                            struct pvi_errors *errs);
/* Whether an array of objects already has one whose key is s. */
int pvi_validate__array_has(const json_t *arr, const char *key, const char *s);
int pvi_validate__is_sha256_hex(const char *s);
int pvi_validate__is_charter_name(const char *s);

/* ---- the field validators (content_fields.c, content_lists.c) ----
 * Each takes the value (never NULL or JSON null), its path and the error
 * list, and returns the normalised value (a new reference) or NULL. */
json_t *pvi_validate__business_name(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__activity(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__tagline(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__description(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__seo_description(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__phones(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__email(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__address(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__hours(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__closures(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__services(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__photos(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__logo(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__videos(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__payment_methods(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__languages(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__social_links(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__domains(const json_t *v, const char *path, struct pvi_errors *errs);
json_t *pvi_validate__charter(const json_t *v, const char *path, struct pvi_errors *errs);

#endif
