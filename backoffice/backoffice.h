/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_view.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the administrator's home page. */
void bo_home(struct pvi_http_request *req);

/* GET /sites — the site list: search, filters, sort, keyset paging (sites.c). */
void bo_sites(struct pvi_http_request *req);

/* A table cell naming a site (its business name, else its slug) and
 * linking to its page /sites/{id} (links.c). */
void bo_site_cell(struct pvi_vnode *row, long long id, const char *business_name, const char *slug);

/* Batch actions over the sites of a filtered list (batch_new.c, batches.c):
 * GET /lots/nouveau (confirmation), POST /lots (start), GET /lots (the
 * latest), GET /lots/{id} (progress and report). */
void bo_batch_new(struct pvi_http_request *req);
/* The name of a batch action kind, for the pages (batch_new.c). */
enum pvi_msg bo_batch_kind_msg(const char *kind);
void bo_batch_create(struct pvi_http_request *req);
void bo_batch_list(struct pvi_http_request *req);
void bo_batch_page(struct pvi_http_request *req);
/* The site page and its decisions (site.h lists what their files share). */
/* GET /sites/{id} (site.c) */
void bo_site_page(struct pvi_http_request *req);
/* GET /sites/{id}/revisions?a=&b= (site_diff.c) */
void bo_site_revisions_page(struct pvi_http_request *req);
/* POST /sites/{id}/assigner, /approuver, /rejeter, /suspendre, /reprendre,
 * /fermer; GET /sites/{id}/fermer (site_decide.c) */
void bo_site_assign(struct pvi_http_request *req);
void bo_site_approve(struct pvi_http_request *req);
void bo_site_reject(struct pvi_http_request *req);
void bo_site_suspend(struct pvi_http_request *req);
void bo_site_resume(struct pvi_http_request *req);
void bo_site_close(struct pvi_http_request *req);
void bo_site_close_page(struct pvi_http_request *req);
/* GET and POST /sites/{id}/restaurer (site_restore.c) */
void bo_site_restore_page(struct pvi_http_request *req);
void bo_site_restore(struct pvi_http_request *req);
/* GET /demandes — the pending change requests, oldest first (requests.c). */
void bo_requests(struct pvi_http_request *req);
/* GET /demandes/{id:int} — one change request: values, decision form or
 * decision (request.c). */
void bo_request(struct pvi_http_request *req);
/* POST /demandes/{id:int}/decision — decide each field (request_decision.c). */
void bo_request_decision(struct pvi_http_request *req);

#endif
