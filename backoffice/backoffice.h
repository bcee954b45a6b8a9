/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the administrator's home page. */
void bo_home(struct pvi_http_request *req);

/* GET /sites — the site list: search, filters, sort, keyset paging (sites.c). */
void bo_sites(struct pvi_http_request *req);

#endif
