/* error.c — lookups over the error registry and the field-error list. */
#include "pvi/pvi_error.h"
#include "pvi/pvi_mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int http;
    const char *message;
} registry[] = {
#define PVI_ERR(name, code, http, msg) {code, http, msg},
#include "pvi/pvi_errors.def"
#undef PVI_ERR
};

static int
valid(enum pvi_code c)
{
    return (int)c >= 0 && c < PVI__CODE_COUNT;
}

const char *
pvi_code_name(enum pvi_code c)
{
    return valid(c) ? registry[c].name : "internal";
}

int
pvi_code_http(enum pvi_code c)
{
    return valid(c) ? registry[c].http : 500;
}

const char *
pvi_code_message(enum pvi_code c)
{
    return valid(c) ? registry[c].message : registry[PVI_INTERNAL].message;
}

enum pvi_code
pvi_code_from_name(const char *name)
{
    for (size_t i = 0; name && i < PVI__CODE_COUNT; i++)
        if (strcmp(registry[i].name, name) == 0)
            return (enum pvi_code)i;
    return PVI_INTERNAL;
}

void
pvi_errors_add(struct pvi_errors *e, const char *path, enum pvi_code code, const char *message)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->v = pvi_realloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->n].path = pvi_strdup(path ? path : "");
    e->v[e->n].code = code;
    e->v[e->n].message = pvi_strdup(message ? message : pvi_code_message(code));
    e->n++;
}

void
pvi_errors_addf(struct pvi_errors *e, enum pvi_code code, const char *message, const char *pathfmt,
                ...)
{
    char path[256];
    va_list ap;
    va_start(ap, pathfmt);
    vsnprintf(path, sizeof path, pathfmt, ap);
    va_end(ap);
    pvi_errors_add(e, path, code, message);
}

const struct pvi_field_error *
pvi_errors_find(const struct pvi_errors *e, const char *path)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->v[i].path, path) == 0)
            return &e->v[i];
    return NULL;
}

void
pvi_errors_clear(struct pvi_errors *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].path);
        free(e->v[i].message);
    }
    free(e->v);
    e->v = NULL;
    e->n = e->cap = 0;
}
