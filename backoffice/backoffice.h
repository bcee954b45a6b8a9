/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_web.h"

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the administrator's home page. */
void bo_home(struct pvi_http_request *req);

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

#endif
