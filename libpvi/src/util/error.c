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
    enum pvi_msg msg;
} registry[] = {
#define PVI_ERR(name, code, http, msg) {code, http, PVI_MSG_##msg},
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

enum pvi_msg
pvi_code_msg(enum pvi_code c)
{
    return valid(c) ? registry[c].msg : registry[PVI_INTERNAL].msg;
}

enum pvi_code
pvi_code_from_name(const char *name)
{
    for (size_t i = 0; name && i < PVI__CODE_COUNT; i++)
        if (strcmp(registry[i].name, name) == 0)
            return (enum pvi_code)i;
    return PVI_INTERNAL;
}

/* A new error at the end of e, with its path and code; its message is the
 * code's own until the caller says otherwise. */
static struct pvi_field_error *
push(struct pvi_errors *e, const char *path, enum pvi_code code)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->v = pvi_realloc(e->v, e->cap * sizeof *e->v);
    }
    struct pvi_field_error *fe = &e->v[e->n++];
    memset(fe, 0, sizeof *fe);
    fe->path = pvi_strdup(path ? path : "");
    fe->code = code;
    fe->msg = pvi_code_msg(code);
    return fe;
}

void
pvi_errors_add(struct pvi_errors *e, const char *path, enum pvi_code code)
{
    push(e, path, code);
}

void
pvi_errors_add_msg(struct pvi_errors *e, const char *path, enum pvi_code code, enum pvi_msg msg,
                   ...)
{
    struct pvi_field_error *fe = push(e, path, code);
    if (msg != PVI_MSG_NONE)
        fe->msg = msg;
    va_list ap;
    va_start(ap, msg);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        if (fe->nargs < PVI_MSG_ARGS_MAX) {
            fe->args[fe->nargs].name = pvi_strdup(name);
            fe->args[fe->nargs].value = pvi_strdup(value ? value : "");
            fe->nargs++;
        }
    }
    va_end(ap);
}

void
pvi_errors_addf(struct pvi_errors *e, enum pvi_code code, enum pvi_msg msg, const char *pathfmt,
                ...)
{
    char path[256];
    va_list ap;
    va_start(ap, pathfmt);
    vsnprintf(path, sizeof path, pathfmt, ap);
    va_end(ap);
    pvi_errors_add_msg(e, path, code, msg, NULL);
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
        for (size_t k = 0; k < e->v[i].nargs; k++) {
            free(e->v[i].args[k].name);
            free(e->v[i].args[k].value);
        }
    }
    free(e->v);
    e->v = NULL;
    e->n = e->cap = 0;
}

char *
pvi_field_error_text(const struct pvi_field_error *fe, enum pvi_lang lang)
{
    struct pvi_msg_arg args[PVI_MSG_ARGS_MAX];
    for (size_t k = 0; k < fe->nargs; k++)
        args[k] = (struct pvi_msg_arg){fe->args[k].name, fe->args[k].value};
    return pvi_msg_format(lang, fe->msg, args, fe->nargs);
}
