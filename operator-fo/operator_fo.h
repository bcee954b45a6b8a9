/* operator_fo.h — the pages of the operators' front office (one file each). */
#ifndef PVI_OPERATOR_FO_H
#define PVI_OPERATOR_FO_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office operator_fo_office;

/* GET / — the operator's home page. */
void op_home(struct pvi_http_request *req);

#endif
