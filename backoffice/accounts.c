/* accounts.c — the administrators' accounts:
 *   GET  /comptes                  the list (e-mail, name, active or not, last login, created)
 *   GET  /comptes/{id}             one account, with what may be done to it now
 *   POST /comptes/{id}/desactiver  disables it (libpvi revokes its sessions at once)
 *   POST /comptes/{id}/activer     enables it again
 * Creation is account_new.c, the password reset account_password.c. */
#include "backoffice.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"
#include "pvi/pvi_workflow.h"

#include <stdio.h>
#include <stdlib.h>

static struct pvi_db *
db_of(struct pvi_http_request *req)
{
    return pvi_web_service(req)->db;
}

void
bo_admins(struct pvi_http_request *req)
{
    struct pvi_admin_list *list = NULL;
    enum pvi_code rc = pvi_admin_list(&list, db_of(req), pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMINS_TITLE);
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_ADMINS_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_ADMINS_INTRO, NULL);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    pvi_view_link(v, links, "/comptes/nouveau", PVI_MSG_BO_ADMINS_NEW);

    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_BO_ADMINS_CAPTION);
    pvi_view_column(v, t, "email", PVI_MSG_BO_COL_EMAIL, NULL, NULL, 0);
    pvi_view_column(v, t, "name", PVI_MSG_BO_COL_NAME, NULL, NULL, 0);
    pvi_view_column(v, t, "state", PVI_MSG_BO_COL_STATE, NULL, NULL, 0);
    pvi_view_column(v, t, "last_login", PVI_MSG_BO_COL_LAST_LOGIN, NULL, NULL, 0);
    pvi_view_column(v, t, "created", PVI_MSG_BO_COL_CREATED, NULL, NULL, 0);
    for (size_t i = 0; i < list->n; i++) {
        const struct pvi_admin_info *a = &list->v[i];
        char href[48];
        snprintf(href, sizeof href, "/comptes/%lld", a->id);
        struct pvi_vnode *row = pvi_view_row(t);
        pvi_view_cell(row, a->email, href);
        pvi_view_cell(row, a->display_name, NULL);
        pvi_view_cell(
            row,
            pvi_msg_text(lang, a->active ? PVI_MSG_BO_ADMIN_ACTIVE : PVI_MSG_BO_ADMIN_DISABLED),
            NULL);
        bo_cell_when(row, lang, a->last_login_at_us);
        bo_cell_when(row, lang, a->created_at_us);
    }
    pvi_admin_list_free(list);
    pvi_view_reply(req, v, 200);
}

static void
fact_when(struct pvi_view *v, struct pvi_vnode *facts, enum pvi_msg label, int64_t t_us)
{
    char *t = bo_when(pvi_view_lang(v), t_us);
    pvi_view_fact(v, facts, label, t);
    free(t);
}

/* The account page; refusal (PVI_OK: none) is what libpvi answered to the
 * action just asked for, shown above everything with its own message. */
static void
account_page(struct pvi_http_request *req, const struct pvi_admin_info *a, enum pvi_code refusal)
{
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMIN_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_el(m, "h1", a->display_name);
    if (refusal != PVI_OK)
        pvi_view_attr(pvi_view_msg(v, m, "notice", pvi_code_msg(refusal), NULL), "kind", "warning");
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_EMAIL, a->email);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_NAME, a->display_name);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_STATE,
                  pvi_msg_text(pvi_view_lang(v),
                               a->active ? PVI_MSG_BO_ADMIN_ACTIVE : PVI_MSG_BO_ADMIN_DISABLED));
    fact_when(v, facts, PVI_MSG_BO_COL_LAST_LOGIN, a->last_login_at_us);
    fact_when(v, facts, PVI_MSG_BO_COL_CREATED, a->created_at_us);
    char sessions[PVI_INT_TEXT_SIZE];
    pvi_int_text(sessions, a->open_sessions);
    pvi_view_fact(v, facts, PVI_MSG_BO_COL_SESSIONS, sessions);

    char action[64];
    /* what libpvi would answer to disabling it: the form, or the reason
     * there is none (unless that reason is the refusal shown above) */
    const struct pvi_account_facts account = {.role = PVI_ROLE_ADMIN, .id = a->id};
    enum pvi_code may =
        pvi_perm_check_account(pvi_web_actor(req), PVI_ACT_DISABLE_ACCOUNT, &account);
    if (a->active && (may == PVI_OK || may != refusal)) {
        struct pvi_vnode *s = pvi_view_el(m, "section", NULL);
        pvi_view_attr_msg(v, s, "heading", PVI_MSG_BO_ADMIN_DISABLE_HEADING);
        if (may == PVI_OK) {
            pvi_view_msg(v, s, "p", PVI_MSG_BO_ADMIN_DISABLE_EXPLAIN, NULL);
            snprintf(action, sizeof action, "/comptes/%lld/desactiver", a->id);
            pvi_view_attr(pvi_view_button_form(v, s, action, PVI_MSG_BO_ADMIN_DISABLE, "warning"),
                          "id", "disable");
        } else {
            pvi_view_attr(pvi_view_msg(v, s, "notice", pvi_code_msg(may), NULL), "kind", "info");
        }
    } else if (!a->active) {
        struct pvi_vnode *s = pvi_view_el(m, "section", NULL);
        pvi_view_attr_msg(v, s, "heading", PVI_MSG_BO_ADMIN_ENABLE_HEADING);
        pvi_view_msg(v, s, "p", PVI_MSG_BO_ADMIN_ENABLE_EXPLAIN, NULL);
        snprintf(action, sizeof action, "/comptes/%lld/activer", a->id);
        pvi_view_attr(pvi_view_button_form(v, s, action, PVI_MSG_BO_ADMIN_ENABLE, "primary"), "id",
                      "enable");
    }
    struct pvi_vnode *s = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, s, "heading", PVI_MSG_BO_ADMIN_RESET_HEADING);
    pvi_view_msg(v, s, "p", PVI_MSG_BO_ADMIN_RESET_EXPLAIN, NULL);
    snprintf(action, sizeof action, "/comptes/%lld/mot-de-passe", a->id);
    pvi_view_link(v, pvi_view_el(s, "links", NULL), action, PVI_MSG_BO_ADMIN_RESET_LINK);

    pvi_view_link(v, pvi_view_el(m, "links", NULL), "/comptes", PVI_MSG_BO_ADMINS_BACK);
    pvi_view_reply(req, v, refusal == PVI_OK ? 200 : pvi_code_http(refusal));
}

void
bo_admin(struct pvi_http_request *req)
{
    struct pvi_admin_info *a = NULL;
    enum pvi_code rc =
        pvi_admin_get(&a, db_of(req), pvi_web_actor(req), pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    account_page(req, a, PVI_OK);
    pvi_admin_info_free(a);
}

/* Enables or disables the account, then back to its page (303 with a
 * flash), or the page again with libpvi's refusal. */
static void
set_active(struct pvi_http_request *req, int active)
{
    long long id = pvi_http_param_int(req, "id");
    enum pvi_code rc = pvi_admin_set_active(db_of(req), pvi_web_actor(req), id, active);
    if (rc == PVI_OK) {
        pvi_web_flash(req, "success",
                      active ? PVI_MSG_FLASH_BO_ADMIN_ENABLED : PVI_MSG_FLASH_BO_ADMIN_DISABLED);
        char to[48];
        snprintf(to, sizeof to, "/comptes/%lld", id);
        pvi_http_redirect(req, to);
        return;
    }
    struct pvi_admin_info *a = NULL;
    if (rc == PVI_NOT_FOUND || pvi_admin_get(&a, db_of(req), pvi_web_actor(req), id) != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    account_page(req, a, rc);
    pvi_admin_info_free(a);
}

void
bo_admin_disable(struct pvi_http_request *req)
{
    set_active(req, 0);
}

void
bo_admin_enable(struct pvi_http_request *req)
{
    set_active(req, 1);
}
