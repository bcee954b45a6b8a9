/* pvi_error.h — error codes (generated from pvi_errors.def) and field errors.
 *
 * Every fallible libpvi function returns an enum pvi_code. PVI_OK is 0.
 * Field-level problems (validation) are collected in a struct pvi_errors so
 * that a form or a JSON reply can name every faulty field at once. */
#ifndef PVI_ERROR_H
#define PVI_ERROR_H

#include <stddef.h>

enum pvi_code {
#define PVI_ERR(name, code, http, msg) PVI_##name,
#include "pvi/pvi_errors.def"
#undef PVI_ERR
    PVI__CODE_COUNT
};

/* Stable machine code, e.g. "bad_phone". Never NULL. */
const char *pvi_code_name(enum pvi_code c);
/* HTTP status to answer with. */
int pvi_code_http(enum pvi_code c);
/* French message for the user. Never NULL. */
const char *pvi_code_message(enum pvi_code c);
/* Reverse lookup; returns PVI_INTERNAL for an unknown name. */
enum pvi_code pvi_code_from_name(const char *name);

/* One problem with one field. path is a JSON-pointer-like dotted path
 * ("phones.1.number", "hours.mon.0"); message is French, owned. */
struct pvi_field_error {
    char *path;
    enum pvi_code code;
    char *message;
};

/* A list of field errors. Zero-initialise; free with pvi_errors_clear(). */
struct pvi_errors {
    struct pvi_field_error *v;
    size_t n;
    size_t cap;
};

/* Adds an error. message NULL means the registry's message for code. */
void pvi_errors_add(struct pvi_errors *e, const char *path, enum pvi_code code,
                    const char *message);
/* printf-style path. */
void pvi_errors_addf(struct pvi_errors *e, enum pvi_code code, const char *message,
                     const char *pathfmt, ...) __attribute__((format(printf, 4, 5)));
/* The first error whose path equals path, or NULL. */
const struct pvi_field_error *pvi_errors_find(const struct pvi_errors *e, const char *path);
void pvi_errors_clear(struct pvi_errors *e);

#endif
