/* client_fo.h — the pages of the clients' front office (one file each). */
#ifndef PVI_CLIENT_FO_H
#define PVI_CLIENT_FO_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office client_fo_office;

/* GET / — the client's home page. */
void cl_home(struct pvi_http_request *req);

#endif
