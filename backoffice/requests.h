/* requests.h — what the change-request pages share (request.c): the page
 * of one request, built from pvi_change_request_get's JSON. */
#ifndef PVI_BO_REQUESTS_H
#define PVI_BO_REQUESTS_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_http.h"

#include <jansson.h>

/* The catalog name of a role given by its name ("client": "Client"). */
enum pvi_msg bo_role_msg(const char *role);

/* How the page of a request is shown. */
enum bo_request_mode {
    BO_REQUEST_SHOW,     /* as it is: the decision form while pending */
    BO_REQUEST_RETRY,    /* the form again, with the choices sent (the request's fields) and
                            libpvi's errors next to them */
    BO_REQUEST_CONFLICT, /* decided or replaced meanwhile: what was sent, then the request
                            as it is now */
};

/* Answers with the page of request r (pvi_change_request_get) with status;
 * errs (may be NULL) are the decision's refusals. */
void bo_request_page(struct pvi_http_request *req, const json_t *r, enum bo_request_mode mode,
                     const struct pvi_errors *errs, int status);

#endif
