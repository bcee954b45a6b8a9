/* apikey_revoke.c — revoking an API key, which cannot be undone:
 *   GET  /cles/{id}/revoquer  the confirmation page: which key, what happens
 *   POST /cles/{id}/revoquer  revokes it (refused at once by libpvi from then
 *                             on), 303 to the list with a flash message */
#include "backoffice.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>

void
bo_apikey_revoke_form(struct pvi_http_request *req)
{
    struct pvi_apikey_info *k = NULL;
    enum pvi_code rc = pvi_apikey_get(&k, pvi_web_service(req)->db, pvi_web_actor(req),
                                      pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_KEY_REVOKE_TITLE);
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_KEY_REVOKE_TITLE, NULL);
    char scopes[BO_SCOPES_TEXT];
    char *created = bo_when(lang, k->created_at_us), *used = bo_when(lang, k->last_used_at_us);
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_LABEL, k->name);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_PREFIX, k->prefix);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_SCOPES, bo_scopes_text(scopes, k->scopes));
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_CREATED, created);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_LAST_USE, used);
    if (k->revoked_at_us) {
        char *when = bo_when(lang, k->revoked_at_us);
        pvi_view_attr(
            pvi_view_msg(v, m, "notice", PVI_MSG_BO_KEY_ALREADY_REVOKED, "date", when, NULL),
            "kind", "info");
        free(when);
    } else {
        pvi_view_msg(v, m, "p", PVI_MSG_BO_KEY_REVOKE_CONFIRM, "name", k->name, "prefix", k->prefix,
                     NULL);
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_KEY_REVOKE_EXPLAIN, NULL), "kind",
                      "warning");
        char here[48];
        snprintf(here, sizeof here, "/cles/%lld/revoquer", k->id);
        struct pvi_vnode *f = pvi_view_form(v, m, "apikey-revoke", here, "post");
        struct pvi_vnode *actions = pvi_view_actions(f);
        pvi_view_submit(v, actions, PVI_MSG_BO_KEY_REVOKE_SUBMIT, "warning");
        pvi_view_link(v, actions, "/cles", PVI_MSG_BO_CANCEL);
    }
    pvi_view_link(v, pvi_view_el(m, "links", NULL), "/cles", PVI_MSG_BO_KEYS_BACK);
    free(created);
    free(used);
    pvi_apikey_info_free(k);
    pvi_view_reply(req, v, 200);
}

void
bo_apikey_revoke(struct pvi_http_request *req)
{
    enum pvi_code rc = pvi_apikey_revoke(pvi_web_service(req)->db, pvi_web_actor(req),
                                         pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    pvi_web_flash(req, "success", PVI_MSG_FLASH_BO_KEY_REVOKED);
    pvi_http_redirect(req, "/cles");
}
