/* pvi_msg.h — the message catalog: every sentence a person reads, in
 * French and in English, named by a stable key (pvi_messages.def), with
 * named arguments ("{max}") filled in when the page or the JSON reply is
 * made. libpvi's functions never build sentences: they report a code, a
 * message and its arguments (struct pvi_errors), and the edge resolves them
 * in the reader's language.
 *
 * Everything here is static data or pure: thread-safe, nothing to free
 * unless said. */
#ifndef PVI_MSG_H
#define PVI_MSG_H

#include <stddef.h>

enum pvi_lang {
    PVI_LANG_FR, /* the default: the users are French */
    PVI_LANG_EN,
};
#define PVI_LANG_COUNT 2

enum pvi_msg {
#define PVI_MSG(id, key, fr, en) PVI_MSG_##id,
#include "pvi/pvi_messages.def"
#undef PVI_MSG
    PVI__MSG_COUNT
};

/* A named argument of a message (both strings borrowed). */
struct pvi_msg_arg {
    const char *name;  /* "max" for "{max}" */
    const char *value; /* what replaces it, as typed (no markup is interpreted) */
};

/* The stable key of m ("error.bad_phone"); "none" for an unknown value. */
const char *pvi_msg_key(enum pvi_msg m);
/* The message whose key is key: 0 with *out set, or -1. */
int pvi_msg_from_key(enum pvi_msg *out, const char *key);

/* The text of m in lang as written in the catalog, placeholders included
 * (static; "" for PVI_MSG_NONE or an unknown value). */
const char *pvi_msg_text(enum pvi_lang lang, enum pvi_msg m);

/* The text of m in lang with each "{name}" replaced by the value of the
 * argument of that name (a placeholder without argument stays as written;
 * "{{" is a literal "{"). A new string, owned by the caller (free()). */
char *pvi_msg_format(enum pvi_lang lang, enum pvi_msg m, const struct pvi_msg_arg *args,
                     size_t nargs);

/* "fr" or "en". */
const char *pvi_lang_code(enum pvi_lang lang);
/* The language of a code ("fr", "EN", "en-GB": the primary subtag, any
 * case): 0 with *out set, or -1 for another language or NULL. */
int pvi_lang_parse(enum pvi_lang *out, const char *code);
/* The best language for an Accept-Language header (RFC 9110 §12.5.4:
 * ranges with q-values, "*"): the first of the highest q that the catalog
 * has; French when the header is NULL, empty, malformed or names none. */
enum pvi_lang pvi_lang_negotiate(const char *accept_language);

#endif
