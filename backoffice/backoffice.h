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

/* GET /operateurs — every active operator's workload (operators.c). */
void bo_operators(struct pvi_http_request *req);
/* GET /operateurs/{id} — one operator's queue (operators.c). */
void bo_operator_queue(struct pvi_http_request *req);
/* GET and POST /operateurs/{id}/sites/{site}/reassigner — a site of the
 * queue to another operator (operator_reassign.c). */
void bo_reassign_form(struct pvi_http_request *req);
void bo_reassign(struct pvi_http_request *req);

/* GET /chartes — the charters and the site to preview (charters.c). */
void bo_charters(struct pvi_http_request *req);
/* GET /chartes/{name}/apercu/{site}[/…] — a site in a charter; GET
 * /_charte/… — the charters' CSS (charter_preview.c). */
void bo_charter_preview(struct pvi_http_request *req);
void bo_charter_css(struct pvi_http_request *req);
/* The charters compiled from PVI_XSL_DIR (at the first call), or NULL when
 * they cannot be (logged) (charter_preview.c). */
struct pvi_charters;
const struct pvi_charters *bo_charters_compiled(struct pvi_http_request *req);

#endif
