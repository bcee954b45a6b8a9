/* operator_reassign.c — GET and POST /operateurs/{id}/sites/{site}/reassigner:
 * moves a site of an operator's queue to another operator (a select of the
 * active operators), through pvi_site_transition(PVI_TR_ASSIGN) with the
 * version the page was made from. A site changed meanwhile gives the form
 * again (409) with what changed and the choice kept; a site no longer in
 * that queue, 404 on the form. */
#include "backoffice.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>

/* Whether the site is in the queue of operator id. */
static int
in_queue(const struct pvi_site *s, long long id)
{
    return s->state == PVI_STATE_COLLECTING && s->operator_id == id;
}

/* The form, for the site as just read; chosen: the operator selected (0:
 * none); stale: the page says the site changed. */
static void
reassign_page(struct pvi_http_request *req, const struct pvi_site *s, long long from,
              long long chosen, int stale, const struct pvi_errors *errs, int status)
{
    json_t *ops = NULL;
    enum pvi_code rc = pvi_operator_list(&ops, pvi_web_service(req)->db, pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_REASSIGN_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_REASSIGN_TITLE, NULL);
    const char *name = s->operator_name ? s->operator_name : "";
    if (stale)
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_UI_REASSIGN_STALE, "name", name, NULL),
                      "kind", "warning");
    pvi_view_msg(v, m, "p", PVI_MSG_UI_REASSIGN_INTRO, "site", s->business_name, "slug", s->slug,
                 "name", name, NULL);
    char *action = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", from, s->id);
    struct pvi_vnode *f = pvi_view_form(v, m, "reassigner", action, "post");
    free(action);
    char version[PVI_INT_TEXT_SIZE];
    pvi_int_text(version, s->version);
    pvi_view_hidden(f, "version", version);
    struct pvi_vnode *sel =
        pvi_view_field(v, f, "select", "operator_id", PVI_MSG_UI_REASSIGN_OPERATOR, NULL, NULL);
    pvi_view_attr(sel, "required", "required");
    size_t i, others = 0;
    const json_t *op;
    json_array_foreach(ops, i, op)
    {
        long long oid = json_integer_value(json_object_get(op, "id"));
        if (oid == s->operator_id)
            continue; /* where the site is already */
        char value[PVI_INT_TEXT_SIZE];
        pvi_int_text(value, oid);
        char *label = pvi_asprintf("%s (%s)", json_string_value(json_object_get(op, "name")),
                                   json_string_value(json_object_get(op, "uid")));
        pvi_view_option(sel, value, label, oid == chosen);
        free(label);
        others++;
    }
    json_decref(ops);
    if (others == 0)
        pvi_view_form_error(v, f, PVI_MSG_UI_REASSIGN_NO_OTHER);
    struct pvi_vnode *actions = pvi_view_actions(f);
    pvi_view_submit(v, actions, PVI_MSG_UI_REASSIGN_SUBMIT, "primary");
    char *back = pvi_asprintf("/operateurs/%lld", from);
    pvi_view_link(v, actions, back, PVI_MSG_UI_REASSIGN_CANCEL);
    free(back);
    pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

/* The site of the path as the admin may see it, or an error page. */
static struct pvi_site *
site_of_path(struct pvi_http_request *req)
{
    struct pvi_site *s = NULL;
    enum pvi_code rc = pvi_site_get(&s, pvi_web_service(req)->db, pvi_web_actor(req),
                                    pvi_http_param_int(req, "site"));
    if (rc != PVI_OK)
        pvi_web_error_page(req, rc, NULL);
    return s;
}

void
bo_reassign_form(struct pvi_http_request *req)
{
    long long from = pvi_http_param_int(req, "id");
    struct pvi_site *s = site_of_path(req);
    if (s == NULL)
        return;
    if (in_queue(s, from))
        reassign_page(req, s, from, 0, 0, NULL, 200);
    else
        pvi_web_error_page(req, PVI_NOT_FOUND, NULL);
    pvi_site_free(s);
}

/* After a refusal: the site read again, the form with the choice kept. */
static void
refused(struct pvi_http_request *req, long long from, long long chosen, enum pvi_code rc,
        const struct pvi_errors *errs)
{
    struct pvi_site *s = site_of_path(req);
    if (s == NULL)
        return;
    if (rc == PVI_CONFLICT && s->state != PVI_STATE_COLLECTING) {
        struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_REASSIGN_TITLE);
        struct pvi_vnode *m = pvi_view_main(v);
        pvi_view_msg(v, m, "h1", PVI_MSG_UI_REASSIGN_TITLE, NULL);
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_UI_REASSIGN_GONE, NULL), "kind",
                      "warning");
        char *back = pvi_asprintf("/operateurs/%lld", from);
        pvi_view_link(v, pvi_view_el(m, "links", NULL), back, PVI_MSG_UI_REASSIGN_CANCEL);
        free(back);
        pvi_view_reply(req, v, 409);
    } else if (rc == PVI_CONFLICT) {
        /* the form now posts from the queue the site is in */
        reassign_page(req, s, s->operator_id, chosen, 1, NULL, 409);
    } else if (errs->n > 0) {
        reassign_page(req, s, from, chosen, 0, errs, pvi_code_http(rc));
    } else {
        pvi_web_error_page(req, rc, NULL);
    }
    pvi_site_free(s);
}

void
bo_reassign(struct pvi_http_request *req)
{
    long long from = pvi_http_param_int(req, "id");
    long long site = pvi_http_param_int(req, "site");
    long long to = pvi_http_field_int(req, "operator_id", 0);
    int version = (int)pvi_http_field_int(req, "version", 0);
    struct pvi_site *s = site_of_path(req);
    if (s == NULL)
        return;
    /* the queue the form came from: the site must still be in it, at the
     * version the admin saw (otherwise the form again, with what changed) */
    int here = in_queue(s, from) || s->version != version;
    pvi_site_free(s);
    if (!here) {
        pvi_web_error_page(req, PVI_NOT_FOUND, NULL);
        return;
    }
    struct pvi_errors errs = {0};
    struct pvi_transition_args args = {.operator_id = to};
    enum pvi_code rc = pvi_site_transition(NULL, pvi_web_service(req)->db, pvi_web_actor(req), site,
                                           version, PVI_TR_ASSIGN, &args, &errs);
    if (rc == PVI_OK) {
        pvi_web_flash(req, "success", PVI_MSG_FLASH_REASSIGNED);
        char *back = pvi_asprintf("/operateurs/%lld", from);
        pvi_http_redirect(req, back);
        free(back);
    } else {
        refused(req, from, to, rc, &errs);
    }
    pvi_errors_clear(&errs);
}
