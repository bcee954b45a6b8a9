/* msg.c — the message catalog (pvi_msg.h): lookups, the substitution of
 * named arguments, and the choice of a language. */
#include "pvi/pvi_msg.h"

#include "pvi/pvi_mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *key;
    const char *text[PVI_LANG_COUNT];
} catalog[] = {
#define PVI_MSG(id, key, fr, en) {key, {fr, en}},
#include "pvi/pvi_messages.def"
#undef PVI_MSG
};

static const char *const lang_codes[PVI_LANG_COUNT] = {"fr", "en"};

const char *
pvi_msg_key(enum pvi_msg m)
{
    return (unsigned)m < PVI__MSG_COUNT ? catalog[m].key : catalog[PVI_MSG_NONE].key;
}

int
pvi_msg_from_key(enum pvi_msg *out, const char *key)
{
    for (size_t i = 0; key && i < PVI__MSG_COUNT; i++)
        if (strcmp(catalog[i].key, key) == 0) {
            *out = (enum pvi_msg)i;
            return 0;
        }
    return -1;
}

const char *
pvi_msg_text(enum pvi_lang lang, enum pvi_msg m)
{
    if ((unsigned)m >= PVI__MSG_COUNT || (unsigned)lang >= PVI_LANG_COUNT)
        return "";
    return catalog[m].text[lang];
}

char *
pvi_msg_format(enum pvi_lang lang, enum pvi_msg m, const struct pvi_msg_arg *args, size_t nargs)
{
    const char *t = pvi_msg_text(lang, m);
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    while (*t) {
        const char *open = strchr(t, '{');
        if (open == NULL) {
            pvi_buf_puts(&b, t);
            break;
        }
        pvi_buf_append(&b, t, (size_t)(open - t));
        if (open[1] == '{') { /* "{{" is a literal brace */
            pvi_buf_append(&b, "{", 1);
            t = open + 2;
            continue;
        }
        const char *close = strchr(open, '}');
        if (close == NULL) {
            pvi_buf_puts(&b, open);
            break;
        }
        size_t n = (size_t)(close - open - 1);
        const char *value = NULL;
        for (size_t i = 0; i < nargs && value == NULL; i++)
            if (args[i].name && strlen(args[i].name) == n &&
                strncmp(args[i].name, open + 1, n) == 0)
                value = args[i].value ? args[i].value : "";
        if (value)
            pvi_buf_puts(&b, value);
        else
            pvi_buf_append(&b, open, n + 2);
        t = close + 1;
    }
    return pvi_buf_steal(&b);
}

const char *
pvi_lang_code(enum pvi_lang lang)
{
    return (unsigned)lang < PVI_LANG_COUNT ? lang_codes[lang] : lang_codes[PVI_LANG_FR];
}

int
pvi_lang_parse(enum pvi_lang *out, const char *code)
{
    if (code == NULL)
        return -1;
    size_t n = strcspn(code, "-_");
    for (size_t i = 0; i < PVI_LANG_COUNT; i++)
        if (n == strlen(lang_codes[i]) && strncasecmp(code, lang_codes[i], n) == 0) {
            *out = (enum pvi_lang)i;
            return 0;
        }
    return -1;
}

/* The q-value of the parameters that follow a language range (";q=0.5"),
 * in thousandths; 1000 when absent, -1 when malformed. */
static int
qvalue(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return 1000;
    if (*p != ';')
        return -1;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
        return -1;
    p += 2;
    int q = 0, digits = 0;
    if (p < end && (*p == '0' || *p == '1'))
        q = (*p++ - '0') * 1000;
    else
        return -1;
    if (p < end && *p == '.') {
        p++;
        for (int scale = 100; p < end && *p >= '0' && *p <= '9' && digits < 3; p++, digits++) {
            q += (*p - '0') * scale;
            scale /= 10;
        }
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p == end && q <= 1000 ? q : -1;
}

enum pvi_lang
pvi_lang_negotiate(const char *accept_language)
{
    enum pvi_lang best = PVI_LANG_FR;
    int best_q = 0;
    const char *p = accept_language;
    while (p && *p) {
        const char *end = strchr(p, ',');
        if (end == NULL)
            end = p + strlen(p);
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        size_t n = strcspn(p, ";, \t");
        if ((size_t)(end - p) < n)
            n = (size_t)(end - p);
        int q = qvalue(p + n, end);
        enum pvi_lang lang;
        char range[16];
        if (n > 0 && n < sizeof range && q > best_q) {
            memcpy(range, p, n);
            range[n] = '\0';
            if (strcmp(range, "*") == 0) {
                best = PVI_LANG_FR;
                best_q = q;
            } else if (pvi_lang_parse(&lang, range) == 0) {
                best = lang;
                best_q = q;
            }
        }
        p = *end ? end + 1 : end;
    }
    return best;
}
