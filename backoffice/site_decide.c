/* site_decide.c — the lifecycle decisions on a site: POST
 * /sites/{id}/assigner (operator_id), /approuver, /rejeter (reason),
 * /suspendre (reason), /reprendre (reason), /fermer (reason, optional),
 * each with the version of the site the admin saw; and GET
 * /sites/{id}/fermer, the confirmation page that says what closing does.
 * Each POST is one pvi_site_transition(): success → 303 to the site page
 * with a flash; a refusal → the decision's page again with the input kept,
 * the message next to its field (status from the error registry); a stale
 * version → 409 with the site's current state and the input kept. */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
bo_site_decision_page(struct pvi_http_request *req, const struct pvi_site *s, enum pvi_transition t,
                      const struct bo_typed *typed, const struct pvi_errors *errs,
                      enum pvi_msg notice, int status)
{
    struct pvi_service *svc = pvi_web_service(req);
    const struct pvi_actor *actor = pvi_web_actor(req);
    enum pvi_lang lang = pvi_web_lang(req);
    const char *name = s->business_name && *s->business_name ? s->business_name : s->slug;
    const char *action = pvi_msg_text(lang, bo_action_label(t));
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ACT_PAGE_TITLE);
    pvi_view_title(v, PVI_MSG_BO_ACT_PAGE_TITLE, "action", action, "name", name, NULL);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_ACT_PAGE_TITLE, "action", action, "name", name, NULL);
    if (notice != PVI_MSG_NONE)
        pvi_view_attr(pvi_view_msg(v, m, "notice", notice, NULL), "kind", "warning");
    bo_site_state_facts(v, m, s);

    if (t == PVI_TR_CLOSE) {
        /* what closing does, for this site */
        pvi_view_msg(v, m, "p", PVI_MSG_BO_CLOSE_INTRO, NULL);
        struct pvi_vnode *list = pvi_view_el(m, "list", NULL);
        pvi_view_attr(list, "id", "fermeture-effets");
        pvi_view_msg(v, list, "item",
                     s->published_number ? PVI_MSG_BO_CLOSE_UNPUBLISH
                                         : PVI_MSG_BO_CLOSE_NOT_PUBLISHED,
                     NULL);
        const json_t *domains = json_object_get(s->published ? s->published : s->draft, "domains");
        if (json_array_size(domains)) {
            struct pvi_buf b = {0};
            size_t i;
            const json_t *d;
            json_array_foreach(domains, i, d)
            {
                pvi_buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(d));
            }
            pvi_view_msg(v, list, "item", PVI_MSG_BO_CLOSE_DOMAINS, "domains", b.data, NULL);
            pvi_buf_free(&b);
        } else {
            pvi_view_msg(v, list, "item", PVI_MSG_BO_CLOSE_NO_DOMAIN, NULL);
        }
        char rid[PVI_INT_TEXT_SIZE];
        pvi_int_text(rid, s->pending_request_id);
        pvi_view_msg(v, list, "item",
                     s->pending_request_id ? PVI_MSG_BO_CLOSE_REQUESTS
                                           : PVI_MSG_BO_CLOSE_NO_REQUEST,
                     "id", rid, NULL);
        pvi_view_msg(v, list, "item", PVI_MSG_BO_CLOSE_FINAL, NULL);
    }

    struct pvi_site_actions now;
    enum pvi_code rc = pvi_site_actions(&now, svc->db, actor, s->id);
    if (rc == PVI_OK && now.v[t].verdict == PVI_OK) {
        json_t *operators = NULL;
        if (t == PVI_TR_ASSIGN && pvi_operator_list(&operators, svc->db, actor) != PVI_OK)
            operators = json_array();
        bo_site_action_form(v, m, s, t, now.version, typed, errs, operators);
        json_decref(operators);
    } else if (rc == PVI_OK) {
        enum pvi_msg why =
            now.v[t].why != PVI_MSG_NONE ? now.v[t].why : pvi_code_msg(now.v[t].verdict);
        struct pvi_vnode *n = pvi_view_msg(v, m, "notice", PVI_MSG_BO_ACT_NOW_REFUSED, "why",
                                           pvi_msg_text(lang, why), NULL);
        pvi_view_attr(n, "kind", "warning");
        pvi_view_attr(n, "id", "decision-refusee");
        /* what was typed stays on the page */
        if (typed && typed->reason && *typed->reason)
            pvi_view_el(pvi_view_el(m, "p", NULL), "code", typed->reason);
    }
    char back[64];
    bo_site_href(back, s->id, NULL);
    pvi_view_link(v, pvi_view_el(m, "links", NULL), back, PVI_MSG_BO_ACT_BACK);
    pvi_view_reply(req, v, status);
}

/* GET /sites/{id}/fermer */
void
bo_site_close_page(struct pvi_http_request *req)
{
    struct pvi_site *s;
    if (bo_site_load(&s, req) != 0)
        return;
    bo_site_decision_page(req, s, PVI_TR_CLOSE, NULL, NULL, PVI_MSG_NONE, 200);
    pvi_site_free(s);
}

static enum pvi_msg
flash_of(enum pvi_transition t)
{
    switch (t) {
    case PVI_TR_ASSIGN:
        return PVI_MSG_BO_FLASH_ASSIGNED;
    case PVI_TR_APPROVE:
        return PVI_MSG_BO_FLASH_APPROVED;
    case PVI_TR_REJECT:
        return PVI_MSG_BO_FLASH_REJECTED;
    case PVI_TR_SUSPEND:
        return PVI_MSG_BO_FLASH_SUSPENDED;
    case PVI_TR_RESUME:
        return PVI_MSG_BO_FLASH_RESUMED;
    default:
        return PVI_MSG_BO_FLASH_CLOSED;
    }
}

static void
decide(struct pvi_http_request *req, enum pvi_transition t)
{
    struct pvi_service *svc = pvi_web_service(req);
    long long id = pvi_http_param_int(req, "id");
    struct bo_typed typed = {.reason = pvi_http_field(req, "reason"),
                             .operator_id = pvi_http_field(req, "operator_id")};
    struct pvi_transition_args args = {.operator_id = pvi_http_field_int(req, "operator_id", 0),
                                       .reason = typed.reason};
    struct pvi_errors errs = {0};
    enum pvi_code rc =
        pvi_site_transition(NULL, svc->db, pvi_web_actor(req), id,
                            (int)pvi_http_field_int(req, "version", 0), t, &args, &errs);
    if (rc == PVI_OK) {
        char href[64];
        bo_site_href(href, id, NULL);
        pvi_web_flash(req, "success", flash_of(t));
        pvi_http_redirect(req, href);
    } else if (rc == PVI_NOT_FOUND || rc == PVI_UNAVAILABLE || rc == PVI_INTERNAL) {
        pvi_web_error_page(req, rc, NULL);
    } else {
        struct pvi_site *s;
        if (bo_site_load(&s, req) == 0) {
            /* a stale version: the current state instead of a message on the version */
            int conflict = rc == PVI_CONFLICT;
            bo_site_decision_page(req, s, t, &typed, conflict ? NULL : &errs,
                                  conflict ? PVI_MSG_BO_ACT_CONFLICT : PVI_MSG_NONE,
                                  pvi_code_http(rc));
            pvi_site_free(s);
        }
    }
    pvi_errors_clear(&errs);
}

void
bo_site_assign(struct pvi_http_request *req)
{
    decide(req, PVI_TR_ASSIGN);
}

void
bo_site_approve(struct pvi_http_request *req)
{
    decide(req, PVI_TR_APPROVE);
}

void
bo_site_reject(struct pvi_http_request *req)
{
    decide(req, PVI_TR_REJECT);
}

void
bo_site_suspend(struct pvi_http_request *req)
{
    decide(req, PVI_TR_SUSPEND);
}

void
bo_site_resume(struct pvi_http_request *req)
{
    decide(req, PVI_TR_RESUME);
}

void
bo_site_close(struct pvi_http_request *req)
{
    decide(req, PVI_TR_CLOSE);
}
