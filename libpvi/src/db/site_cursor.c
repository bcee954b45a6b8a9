/* site_cursor.c — the site list's sort names and cursors: "<sort><dir><id>.<key>"
 * (sort n/a/c/s, dir a/d, the row's id and its sort key as text), written
 * in base64url without padding so that it travels in a URL untouched. */
#include "site_cursor.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    char code;
} sorts[] = {
    [PVI_SITE_SORT_NEWEST] = {"newest", 'n'},
    [PVI_SITE_SORT_NAME] = {"name", 'a'},
    [PVI_SITE_SORT_CHANGED] = {"changed", 'c'},
    [PVI_SITE_SORT_STATE] = {"state", 's'},
};

const char *
pvi_site_sort_name(enum pvi_site_sort s)
{
    return (size_t)s < PVI_COUNT_OF(sorts) ? sorts[s].name : "newest";
}

int
pvi_site_sort_parse(enum pvi_site_sort *out, const char *name)
{
    for (size_t i = 0; name && i < PVI_COUNT_OF(sorts); i++)
        if (strcmp(sorts[i].name, name) == 0) {
            *out = (enum pvi_site_sort)i;
            return 0;
        }
    return -1;
}

/* "2026-12-01 10:00:00.123456": the text form of updated_at in a cursor. */
static int
timestamp_shaped(const char *k)
{
    static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
    if (strlen(k) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (k[i] < '0' || k[i] > '9') : k[i] != shape[i])
            return 0;
    return 1;
}

static int
key_fits(enum pvi_site_sort sort, const char *k)
{
    switch (sort) {
    case PVI_SITE_SORT_NEWEST:
        return k[0] == '\0';
    case PVI_SITE_SORT_NAME:
        return pvi_utf8_valid(k);
    case PVI_SITE_SORT_CHANGED:
        return timestamp_shaped(k);
    case PVI_SITE_SORT_STATE:
        return k[0] >= '1' && k[0] <= '6' && k[1] == '\0';
    }
    return 0;
}

char *
pvi_site__cursor_encode(const struct pvi_site__cursor *c)
{
    char id[PVI_INT_TEXT_SIZE];
    pvi_int_text(id, c->id);
    char *plain = pvi_asprintf("%c%c%s.%s", sorts[c->sort].code, c->desc ? 'd' : 'a', id, c->key);
    size_t len = strlen(plain);
    size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = pvi_malloc(cap);
    sodium_bin2base64(out, cap, (const unsigned char *)plain, len,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    free(plain);
    return out;
}

int
pvi_site__cursor_decode(struct pvi_site__cursor *out, const char *text)
{
    unsigned char plain[PVI_SITE_CURSOR_KEY_MAX + 32];
    size_t len = 0;
    if (text == NULL || *text == '\0' ||
        sodium_base642bin(plain, sizeof plain - 1, text, strlen(text), NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return -1;
    plain[len] = '\0';
    const char *p = (const char *)plain;
    if (strlen(p) != len || len < 4)
        return -1;
    size_t s = 0;
    while (s < PVI_COUNT_OF(sorts) && sorts[s].code != p[0])
        s++;
    if (s == PVI_COUNT_OF(sorts) || (p[1] != 'a' && p[1] != 'd'))
        return -1;
    const char *dot = strchr(p + 2, '.');
    if (dot == NULL || (size_t)(dot - (p + 2)) >= PVI_INT_TEXT_SIZE)
        return -1;
    char id[PVI_INT_TEXT_SIZE];
    memcpy(id, p + 2, (size_t)(dot - (p + 2)));
    id[dot - (p + 2)] = '\0';
    long long idv;
    if (pvi_int_parse(&idv, id, 1, INT64_MAX) != 0)
        return -1;
    if (strlen(dot + 1) > PVI_SITE_CURSOR_KEY_MAX || !key_fits((enum pvi_site_sort)s, dot + 1))
        return -1;
    out->sort = (enum pvi_site_sort)s;
    out->desc = p[1] == 'd';
    out->id = idv;
    snprintf(out->key, sizeof out->key, "%s", dot + 1);
    return 0;
}

int
pvi_site_cursor_check(const char *text)
{
    struct pvi_site__cursor c;
    return pvi_site__cursor_decode(&c, text);
}
