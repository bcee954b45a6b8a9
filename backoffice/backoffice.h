/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the administrator's home page. */
void bo_home(struct pvi_http_request *req);

/* GET /demandes — the pending change requests, oldest first (requests.c). */
void bo_requests(struct pvi_http_request *req);
/* GET /demandes/{id:int} — one change request: values, decision form or
 * decision (request.c). */
void bo_request(struct pvi_http_request *req);
/* POST /demandes/{id:int}/decision — decide each field (request_decision.c). */
void bo_request_decision(struct pvi_http_request *req);

#endif
