/* client.c — GET /clients/{id}: who a client is (pvi_client_get), their
 * sites (pvi_site_list), and the link to create a site for them. */
#include "backoffice.h"
#include "site.h"

#include "pvi/pvi_client.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <string.h>

static const char *
str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void
sites_table(struct pvi_view *v, struct pvi_vnode *m, const json_t *sites)
{
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_BO_CLIENT_SITES);
    pvi_view_column(v, t, "name", PVI_MSG_BO_SITE_NAME, NULL, NULL, 0);
    pvi_view_column(v, t, "slug", PVI_MSG_BO_NEW_SITE_SLUG, NULL, NULL, 0);
    pvi_view_column(v, t, "state", PVI_MSG_BO_SITE_STATE, NULL, NULL, 0);
    pvi_view_column(v, t, "updated", PVI_MSG_BO_SITE_UPDATED, NULL, NULL, 0);
    pvi_view_column(v, t, "edit", PVI_MSG_BO_CLIENT_SITE_EDIT, NULL, NULL, 0);
    size_t i;
    const json_t *s;
    json_array_foreach(sites, i, s)
    {
        long long id = json_integer_value(json_object_get(s, "id"));
        char edit[64], when[40];
        bo_site_href(edit, id, "/modifier");
        struct pvi_vnode *r = pvi_view_row(t);
        bo_site_cell(r, id, str(s, "business_name"), str(s, "slug"));
        pvi_view_cell(r, str(s, "slug"), NULL);
        enum pvi_site_state st = PVI_STATE_ORDERED;
        pvi_state_parse(&st, str(s, "state"));
        pvi_view_cell(r, bo_state_text(lang, st), NULL);
        pvi_view_cell(r, bo_time_text(when, lang, str(s, "updated_at")), NULL);
        pvi_view_cell(r, pvi_msg_text(lang, PVI_MSG_BO_CLIENT_SITE_EDIT), edit);
    }
    if (json_array_size(sites) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_CLIENT_NO_SITE);
}

void
bo_client_page(struct pvi_http_request *req)
{
    struct pvi_db *db = pvi_web_service(req)->db;
    const struct pvi_actor *actor = pvi_web_actor(req);
    long long id = pvi_http_param_int(req, "id");
    json_t *c = NULL, *sites = NULL;
    enum pvi_code rc = pvi_client_get(&c, db, actor, id);
    struct pvi_site_filter f = {.state = -1, .client_id = id, .limit = 200};
    json_t *page = NULL;
    if (rc == PVI_OK)
        rc = pvi_site_list(&page, db, actor, &f, NULL);
    if (rc == PVI_OK)
        sites = json_incref(json_object_get(page, "sites"));
    json_decref(page);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        json_decref(c);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_CLIENT_TITLE);
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_el(m, "h1", str(c, "company_name"));
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_NUMBER, str(c, "customer_number"));
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_SIRET, str(c, "siret"));
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_EMAIL, str(c, "email"));
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_PHONE, str(c, "phone"));
    int active = json_is_true(json_object_get(c, "active"));
    int locked = json_is_true(json_object_get(c, "locked"));
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_STATUS,
                  pvi_msg_text(lang, locked    ? PVI_MSG_BO_CLIENT_LOCKED
                                     : active ? PVI_MSG_BO_CLIENT_ACTIVE
                                              : PVI_MSG_BO_CLIENT_INACTIVE));
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_LOGIN,
                  pvi_msg_text(lang, json_is_true(json_object_get(c, "can_log_in"))
                                         ? PVI_MSG_BO_CLIENT_CAN_LOGIN
                                         : PVI_MSG_BO_CLIENT_NO_LOGIN));
    char when[40];
    pvi_view_fact(v, facts, PVI_MSG_BO_CLIENT_CREATED_AT,
                  bo_time_text(when, lang, str(c, "created_at")));
    sites_table(v, m, sites);
    char create[64];
    snprintf(create, sizeof create, "/sites/nouveau?client=%lld", id);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    struct pvi_vnode *l = pvi_view_link(v, links, create, PVI_MSG_BO_SITE_CREATE_LINK);
    pvi_view_attr(l, "id", "client-site-new");
    json_decref(c);
    json_decref(sites);
    pvi_view_reply(req, v, 200);
}
