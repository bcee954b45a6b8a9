/* links.c — what several pages of the back office show the same way: a
 * table cell naming a site and linking to its page. */
#include "backoffice.h"

#include <stdio.h>

void
bo_site_cell(struct pvi_vnode *row, long long id, const char *business_name, const char *slug)
{
    char href[48];
    snprintf(href, sizeof href, "/sites/%lld", id);
    pvi_view_cell(row, business_name && *business_name ? business_name : slug, href);
}
