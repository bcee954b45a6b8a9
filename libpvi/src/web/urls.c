/* urls.c — query strings of the offices' links (a list's criteria kept in
 * its sort, paging and action links). */
#include "web.h"

#include "pvi/pvi_mem.h"

#include <string.h>

void
pvi_web_query_add(struct pvi_buf *b, const char *name, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    static const char hex[] = "0123456789ABCDEF";
    pvi_buf_puts(b, b->len ? "&" : "");
    pvi_buf_puts(b, name);
    pvi_buf_puts(b, "=");
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p)) {
            pvi_buf_append(b, p, 1);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            pvi_buf_append(b, esc, 3);
        }
    }
}
