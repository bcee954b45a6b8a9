/* apikeys.c — the integrators' API keys:
 *   GET /cles  the list, newest first: label, prefix, scopes, created, last
 *              use, active or revoked (never the key: libpvi does not have it)
 * Creation is apikey_new.c, revocation apikey_revoke.c; the scopes as the
 * pages name them are here. */
#include "backoffice.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scopes of pvi_actor.h, with the words the pages use for them. */
const struct bo_scope bo_scopes[BO_NSCOPES] = {
    {PVI_SCOPE_SITES_READ, "sites:read", PVI_MSG_BO_SCOPE_SITES_READ,
     PVI_MSG_BO_SCOPE_SITES_READ_HINT},
    {PVI_SCOPE_SITES_WRITE, "sites:write", PVI_MSG_BO_SCOPE_SITES_WRITE,
     PVI_MSG_BO_SCOPE_SITES_WRITE_HINT},
    {PVI_SCOPE_WORKFLOW, "workflow", PVI_MSG_BO_SCOPE_WORKFLOW, PVI_MSG_BO_SCOPE_WORKFLOW_HINT},
};

const char *
bo_scopes_text(char out[static BO_SCOPES_TEXT], unsigned scopes)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < BO_NSCOPES; i++)
        if (scopes & bo_scopes[i].bit)
            len += (size_t)snprintf(out + len, BO_SCOPES_TEXT - len, "%s%s", len ? ", " : "",
                                    bo_scopes[i].code);
    return out;
}

void
bo_apikeys(struct pvi_http_request *req)
{
    struct pvi_apikey_list *list = NULL;
    enum pvi_code rc = pvi_apikey_list(&list, pvi_web_service(req)->db, pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_KEYS_TITLE);
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_KEYS_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_KEYS_INTRO, NULL);
    pvi_view_link(v, pvi_view_el(m, "links", NULL), "/cles/nouvelle", PVI_MSG_BO_KEYS_NEW);

    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_BO_KEYS_CAPTION);
    pvi_view_column(v, t, "label", PVI_MSG_BO_COL_LABEL, NULL, NULL, 0);
    pvi_view_column(v, t, "prefix", PVI_MSG_BO_COL_PREFIX, NULL, NULL, 0);
    pvi_view_column(v, t, "scopes", PVI_MSG_BO_COL_SCOPES, NULL, NULL, 0);
    pvi_view_column(v, t, "created", PVI_MSG_BO_COL_CREATED, NULL, NULL, 0);
    pvi_view_column(v, t, "last_use", PVI_MSG_BO_COL_LAST_USE, NULL, NULL, 0);
    pvi_view_column(v, t, "state", PVI_MSG_BO_COL_STATE, NULL, NULL, 0);
    pvi_view_column(v, t, "action", PVI_MSG_BO_COL_ACTION, NULL, NULL, 0);
    for (size_t i = 0; i < list->n; i++) {
        const struct pvi_apikey_info *k = &list->v[i];
        struct pvi_vnode *row = pvi_view_row(t);
        char scopes[BO_SCOPES_TEXT];
        pvi_view_cell(row, k->name, NULL);
        pvi_view_cell(row, k->prefix, NULL);
        pvi_view_cell(row, bo_scopes_text(scopes, k->scopes), NULL);
        bo_cell_when(row, lang, k->created_at_us);
        bo_cell_when(row, lang, k->last_used_at_us);
        if (k->revoked_at_us) {
            char *when = bo_when(lang, k->revoked_at_us);
            char *text = pvi_msg_format(lang, PVI_MSG_BO_KEY_REVOKED,
                                        &(struct pvi_msg_arg){"date", when}, 1);
            pvi_view_cell(row, text, NULL);
            pvi_view_cell(row, "", NULL);
            free(text);
            free(when);
        } else {
            char href[48];
            snprintf(href, sizeof href, "/cles/%lld/revoquer", k->id);
            pvi_view_cell(row, pvi_msg_text(lang, PVI_MSG_BO_KEY_ACTIVE), NULL);
            pvi_view_cell(row, pvi_msg_text(lang, PVI_MSG_BO_KEY_REVOKE_LINK), href);
        }
    }
    if (list->n == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_KEYS_EMPTY);
    pvi_apikey_list_free(list);
    pvi_view_reply(req, v, 200);
}
