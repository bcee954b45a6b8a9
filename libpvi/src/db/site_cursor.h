/* site_cursor.h — libpvi-internal: the cursors of the site list (a row's
 * sort, direction, id and sort key, as opaque base64url text). */
#ifndef PVI_DB_SITE_CURSOR_H
#define PVI_DB_SITE_CURSOR_H

#include "pvi/pvi_site_list.h"

#define PVI_SITE_CURSOR_KEY_MAX 400 /* bytes of a sort key (a business name is ≤ 80 characters) */

struct pvi_site__cursor {
    enum pvi_site_sort sort;
    int desc;
    long long id;
    char key[PVI_SITE_CURSOR_KEY_MAX + 1]; /* "" for PVI_SITE_SORT_NEWEST */
};

/* The cursor text of c (free() it). */
char *pvi_site__cursor_encode(const struct pvi_site__cursor *c);
/* 0 and *out filled when text is a well-formed cursor, else -1. */
int pvi_site__cursor_decode(struct pvi_site__cursor *out, const char *text);

#endif
