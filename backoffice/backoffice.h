/* backoffice.h — the pages of the back office (one file each). */
#ifndef PVI_BACKOFFICE_H
#define PVI_BACKOFFICE_H

#include "pvi/pvi_http.h"
#include "pvi/pvi_view.h"
#include "pvi/pvi_web.h"

#include <stdint.h>

/* The office: its routes and navigation (routes.c). */
extern const struct pvi_office backoffice_office;

/* GET / — the dashboard: the production's figures and recent activity
 * (dashboard.c). */
void bo_dashboard(struct pvi_http_request *req);

/* GET /sites — the site list: search, filters, sort, keyset paging (sites.c). */
void bo_sites(struct pvi_http_request *req);

/* Administrators' accounts (accounts.c, account_new.c, account_password.c). */
void bo_admins(struct pvi_http_request *req);           /* GET  /comptes */
void bo_admin_new_form(struct pvi_http_request *req);   /* GET  /comptes/nouveau */
void bo_admin_create(struct pvi_http_request *req);     /* POST /comptes/nouveau */
void bo_admin(struct pvi_http_request *req);            /* GET  /comptes/{id} */
void bo_admin_disable(struct pvi_http_request *req);    /* POST /comptes/{id}/desactiver */
void bo_admin_enable(struct pvi_http_request *req);     /* POST /comptes/{id}/activer */
void bo_admin_reset_form(struct pvi_http_request *req); /* GET  /comptes/{id}/mot-de-passe */
void bo_admin_reset(struct pvi_http_request *req);      /* POST /comptes/{id}/mot-de-passe */

/* Integrators' API keys (apikeys.c, apikey_new.c, apikey_revoke.c). */
void bo_apikeys(struct pvi_http_request *req);            /* GET  /cles */
void bo_apikey_new_form(struct pvi_http_request *req);    /* GET  /cles/nouvelle */
void bo_apikey_create(struct pvi_http_request *req);      /* POST /cles/nouvelle */
void bo_apikey_revoke_form(struct pvi_http_request *req); /* GET  /cles/{id}/revoquer */
void bo_apikey_revoke(struct pvi_http_request *req);      /* POST /cles/{id}/revoquer */

/* ---- shared by the pages (no route) ---- */

struct pvi_view;

/* A moment as people read it (pvi_time_display: "02/12/2026 15:05" in
 * PVI_TIME_ZONE), or "never" for 0; free() it (when.c). */
char *bo_when(enum pvi_lang lang, int64_t t_us);
/* The same as a cell of a table row. */
struct pvi_vnode;
void bo_cell_when(struct pvi_vnode *row, enum pvi_lang lang, int64_t t_us);

/* A secret shown once (secret_page.c): a section of main with its heading,
 * the warning once (a notice), the secret (code, id "secret") and the
 * advice; then the reply, 200 and Cache-Control: no-store. */
void bo_secret_section(struct pvi_view *v, enum pvi_msg heading, enum pvi_msg once,
                       const char *secret, enum pvi_msg advice);
void bo_secret_reply(struct pvi_http_request *req, struct pvi_view *v);

/* The API key scopes of pvi_actor.h as the pages show them (apikeys.c):
 * the code integrators know, a label and what it allows. */
struct bo_scope {
    unsigned bit;     /* enum pvi_scope */
    const char *code; /* "sites:read" */
    enum pvi_msg label, hint;
};
#define BO_NSCOPES 3
extern const struct bo_scope bo_scopes[BO_NSCOPES];
/* "sites:read, workflow" (the codes of the bits set). */
#define BO_SCOPES_TEXT 64
const char *bo_scopes_text(char out[static BO_SCOPES_TEXT], unsigned scopes);
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
