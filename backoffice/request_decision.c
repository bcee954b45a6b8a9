/* request_decision.c — POST /demandes/{id:int}/decision: the decision on
 * each field of a change request (approve, or reject with a reason), sent
 * to pvi_change_request_decide_fields. Recorded: 303 to the request's page
 * with a flash. Refused: the request's page again, every choice and reason
 * kept, libpvi's errors next to the fields (422; 403 for its own author's
 * approval). Decided or replaced meanwhile: 409, the choices sent shown
 * above the request as it now is. */
#include "backoffice.h"
#include "requests.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fields[] = {"business_name", "activity", "address", "domains", "charter"};

void
bo_request_decision(struct pvi_http_request *req)
{
    struct pvi_db *db = pvi_web_service(req)->db;
    const struct pvi_actor *actor = pvi_web_actor(req);
    long long id = pvi_http_param_int(req, "id");
    struct pvi_field_verdict verdicts[PVI_COUNT_OF(fields)];
    size_t n = 0;
    for (size_t i = 0; i < PVI_COUNT_OF(fields); i++) {
        char dname[40], rname[40];
        snprintf(dname, sizeof dname, "%s.decision", fields[i]);
        snprintf(rname, sizeof rname, "%s.reason", fields[i]);
        const char *d = pvi_http_field(req, dname);
        if (d != NULL)
            verdicts[n++] = (struct pvi_field_verdict){fields[i], strcmp(d, "approve") == 0,
                                                       pvi_http_field(req, rname)};
    }
    struct pvi_errors errs = {0};
    enum pvi_code rc = pvi_change_request_decide_fields(NULL, db, actor, id, verdicts, n, &errs);
    if (rc == PVI_OK) {
        char to[48];
        snprintf(to, sizeof to, "/demandes/%lld", id);
        pvi_web_flash(req, "success", PVI_MSG_FLASH_REQUEST_DECIDED);
        pvi_http_redirect(req, to);
        pvi_errors_clear(&errs);
        return;
    }
    json_t *r = NULL;
    enum pvi_code got =
        rc == PVI_NOT_FOUND || rc == PVI_FORBIDDEN || rc == PVI_UNAVAILABLE || rc == PVI_INTERNAL
            ? rc
            : pvi_change_request_get(&r, db, actor, id);
    if (got != PVI_OK)
        pvi_web_error_page(req, got, NULL);
    else if (rc == PVI_BAD_TRANSITION)
        bo_request_page(req, r, BO_REQUEST_CONFLICT, NULL, 409);
    else
        bo_request_page(req, r, BO_REQUEST_RETRY, &errs, pvi_code_http(rc));
    json_decref(r);
    pvi_errors_clear(&errs);
}
