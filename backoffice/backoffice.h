/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the administrator's home page. */
void bo_home(struct pvi_http_request *req);

/* GET /clients/nouveau, POST /clients/nouveau — a new client (client_new.c). */
void bo_client_new_page(struct pvi_http_request *req);
void bo_client_create(struct pvi_http_request *req);
/* GET /clients/{id} — a client and their sites (client.c). */
void bo_client_page(struct pvi_http_request *req);
/* GET /sites/nouveau?client={id}, POST /sites/nouveau — a new site for a
 * client (site_new.c). */
void bo_site_new_page(struct pvi_http_request *req);
void bo_site_create(struct pvi_http_request *req);
/* GET /sites/{id}/modifier, POST /sites/{id}/modifier — the whole content
 * of a site on one form, conflicts included (site_edit.c). */
void bo_site_edit_page(struct pvi_http_request *req);
void bo_site_edit(struct pvi_http_request *req);

#endif
