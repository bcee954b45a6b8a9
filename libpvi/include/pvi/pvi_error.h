/* pvi_error.h — error codes (generated from pvi_errors.def) and field errors.
 *
 * Every fallible libpvi function returns an enum pvi_code. PVI_OK is 0.
 * Field-level problems (validation) are collected in a struct pvi_errors so
 * that a form or a JSON reply can name every faulty field at once. An error
 * carries a message of the catalog (pvi_msg.h) and its arguments, never a
 * finished sentence: the office or the API resolves it in the reader's
 * language (pvi_field_error_text). */
#ifndef PVI_ERROR_H
#define PVI_ERROR_H

#include "pvi/pvi_msg.h"

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
/* The code's own message in the catalog (PVI_MSG_ERR_INTERNAL for an
 * unknown code). */
enum pvi_msg pvi_code_msg(enum pvi_code c);
/* Reverse lookup; returns PVI_INTERNAL for an unknown name. */
enum pvi_code pvi_code_from_name(const char *name);

/* At most this many arguments per message. */
#define PVI_MSG_ARGS_MAX 4

/* One problem with one field. path is a JSON-pointer-like dotted path
 * ("phones.1.number", "hours.mon.0"; "" for the whole form or document);
 * msg says what to tell the user, with its arguments (owned copies). */
struct pvi_field_error {
    char *path;
    enum pvi_code code;
    enum pvi_msg msg;
    size_t nargs;
    struct {
        char *name;
        char *value;
    } args[PVI_MSG_ARGS_MAX];
};

/* A list of field errors. Zero-initialise; free with pvi_errors_clear(). */
struct pvi_errors {
    struct pvi_field_error *v;
    size_t n;
    size_t cap;
};

/* Adds an error whose message is the code's own (pvi_code_msg). path NULL
 * means "". */
void pvi_errors_add(struct pvi_errors *e, const char *path, enum pvi_code code);
/* Adds an error with a message of its own and its arguments, given as
 * name, value pairs of strings ended by NULL (values copied; at most
 * PVI_MSG_ARGS_MAX pairs, the others are ignored). msg PVI_MSG_NONE means
 * the code's own message. */
void pvi_errors_add_msg(struct pvi_errors *e, const char *path, enum pvi_code code,
                        enum pvi_msg msg, ...) __attribute__((sentinel));
/* The same without arguments, with a printf-style path. */
void pvi_errors_addf(struct pvi_errors *e, enum pvi_code code, enum pvi_msg msg,
                     const char *pathfmt, ...) __attribute__((format(printf, 4, 5)));
/* The first error whose path equals path, or NULL. */
const struct pvi_field_error *pvi_errors_find(const struct pvi_errors *e, const char *path);
void pvi_errors_clear(struct pvi_errors *e);

/* The error's message in lang with its arguments (a new string, owned by
 * the caller). */
char *pvi_field_error_text(const struct pvi_field_error *fe, enum pvi_lang lang);

#endif
