/* request.c — GET /demandes/{id:int}: one change request. While it is
 * pending: the current and proposed value of each field, and the decision
 * form (approve or reject each field, a reason for each rejection; sent to
 * POST /demandes/{id}/decision, request_decision.c). Once decided or
 * replaced: what was decided, read-only. The page is also what the decision
 * answers with when it is refused (bo_request_page, requests.h). */
#include "backoffice.h"
#include "requests.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pvi_msg
bo_role_msg(const char *role)
{
    static const struct {
        const char *name;
        enum pvi_msg msg;
    } roles[] = {
        {"admin", PVI_MSG_UI_ROLE_ADMIN},   {"operator", PVI_MSG_UI_ROLE_OPERATOR},
        {"client", PVI_MSG_UI_ROLE_CLIENT}, {"integrator", PVI_MSG_UI_ROLE_INTEGRATOR},
        {"system", PVI_MSG_UI_ROLE_SYSTEM},
    };
    for (size_t i = 0; role && i < PVI_COUNT_OF(roles); i++)
        if (strcmp(roles[i].name, role) == 0)
            return roles[i].msg;
    return PVI_MSG_UI_ROLE_SYSTEM;
}

static const char *
s_of(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static enum pvi_msg
state_msg(const char *state)
{
    if (strcmp(state, "pending") == 0)
        return PVI_MSG_UI_REQUEST_STATE_PENDING;
    if (strcmp(state, "approved") == 0)
        return PVI_MSG_UI_REQUEST_STATE_APPROVED;
    if (strcmp(state, "rejected") == 0)
        return PVI_MSG_UI_REQUEST_STATE_REJECTED;
    if (strcmp(state, "partial") == 0)
        return PVI_MSG_UI_REQUEST_STATE_PARTIAL;
    return PVI_MSG_UI_REQUEST_STATE_SUPERSEDED;
}

/* A value's text, or "(vide)". */
static const char *
value_or_empty(struct pvi_view *v, const char *text)
{
    return text && *text ? text : pvi_msg_text(pvi_view_lang(v), PVI_MSG_UI_REQUEST_EMPTY_VALUE);
}

static const char *
field_label(struct pvi_view *v, const char *field)
{
    enum pvi_msg m = pvi_change_request_field_msg(field);
    return m != PVI_MSG_NONE ? pvi_msg_text(pvi_view_lang(v), m) : field;
}

/* Site, requester, dates, state, and for a decided request who decided. */
static void
request_facts(struct pvi_view *v, struct pvi_vnode *m, const json_t *r, int pending)
{
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    struct pvi_vnode *site = pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_SITE, NULL);
    char href[48];
    snprintf(href, sizeof href, "/sites/%lld",
             (long long)json_integer_value(json_object_get(r, "site_id")));
    char *name = pvi_asprintf("%s (%s)", s_of(r, "business_name"), s_of(r, "slug"));
    pvi_view_attr(pvi_view_el(site, "link", name), "href", href);
    free(name);
    char *by =
        pvi_msg_format(lang, PVI_MSG_UI_REQUEST_BY_VALUE,
                       (struct pvi_msg_arg[]){
                           {"label", s_of(r, "requested_by")},
                           {"role", pvi_msg_text(lang, bo_role_msg(s_of(r, "requested_kind")))}},
                       2);
    pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_BY, by);
    free(by);
    pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_RECEIVED, s_of(r, "created_local"));
    pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_STATE,
                  pvi_msg_text(lang, state_msg(s_of(r, "state"))));
    if (pending)
        return;
    if (s_of(r, "decided_local"))
        pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_DECIDED_AT, s_of(r, "decided_local"));
    if (s_of(r, "decided_by"))
        pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_DECIDED_BY, s_of(r, "decided_by"));
    const json_t *rev = json_object_get(r, "published_revision");
    if (json_is_integer(rev)) {
        char n[PVI_INT_TEXT_SIZE];
        pvi_int_text(n, (long long)json_integer_value(rev));
        pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_PUBLISHED, n);
    }
}

/* Field, current and proposed values; once decided, the decision and its reason. */
static void
values_table(struct pvi_view *v, struct pvi_vnode *m, const json_t *r, int pending)
{
    struct pvi_vnode *t = pvi_view_table(
        v, m, pending ? PVI_MSG_UI_REQUEST_COMPARE : PVI_MSG_UI_REQUEST_COMPARE_DECIDED);
    pvi_view_attr(t, "id", "values");
    pvi_view_column(v, t, "field", PVI_MSG_UI_REQUEST_COL_FIELD, NULL, NULL, 0);
    pvi_view_column(v, t, "current",
                    pending ? PVI_MSG_UI_REQUEST_COL_CURRENT : PVI_MSG_UI_REQUEST_COL_BEFORE, NULL,
                    NULL, 0);
    pvi_view_column(v, t, "proposed", PVI_MSG_UI_REQUEST_COL_PROPOSED, NULL, NULL, 0);
    if (!pending) {
        pvi_view_column(v, t, "decision", PVI_MSG_UI_REQUEST_COL_DECISION, NULL, NULL, 0);
        pvi_view_column(v, t, "reason", PVI_MSG_UI_REQUEST_COL_REASON, NULL, NULL, 0);
    }
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "fields"), i, f)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        pvi_view_cell(row, field_label(v, s_of(f, "field")), NULL);
        pvi_view_cell(row, value_or_empty(v, s_of(f, "current_text")), NULL);
        pvi_view_cell(row, value_or_empty(v, s_of(f, "proposed_text")), NULL);
        if (pending)
            continue;
        const char *d = s_of(f, "decision");
        enum pvi_msg dm = d == NULL                    ? PVI_MSG_UI_REQUEST_STATE_SUPERSEDED
                          : strcmp(d, "approved") == 0 ? PVI_MSG_UI_REQUEST_FIELD_APPROVED
                                                       : PVI_MSG_UI_REQUEST_FIELD_REJECTED;
        pvi_view_cell(row, pvi_msg_text(pvi_view_lang(v), dm), NULL);
        pvi_view_cell(row, s_of(f, "reason"), NULL);
    }
}

static char *
part_name(const char *field, const char *part)
{
    return pvi_asprintf("%s.%s", field, part);
}

/* The decision form: for each field, approve or reject and a reason; the
 * choices typed (retry) kept. */
static void
decision_form(struct pvi_http_request *req, struct pvi_view *v, struct pvi_vnode *m,
              const json_t *r, int retry, const struct pvi_errors *errs)
{
    enum pvi_lang lang = pvi_view_lang(v);
    long long id = (long long)json_integer_value(json_object_get(r, "id"));
    int may_approve = json_is_true(json_object_get(r, "may_approve"));
    char action[64];
    snprintf(action, sizeof action, "/demandes/%lld/decision", id);
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_UI_REQUEST_FORM_HEADING);
    pvi_view_msg(v, sec, "p", PVI_MSG_UI_REQUEST_FORM_INTRO, NULL);
    struct pvi_vnode *form = pvi_view_form(v, sec, "decision", action, "post");
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "fields"), i, f)
    {
        const char *field = s_of(f, "field");
        struct pvi_vnode *fs = pvi_view_el(form, "fieldset", NULL);
        pvi_view_attr(fs, "legend", field_label(v, field));
        struct pvi_vnode *facts = pvi_view_el(fs, "facts", NULL);
        pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_COL_CURRENT,
                      value_or_empty(v, s_of(f, "current_text")));
        pvi_view_fact(v, facts, PVI_MSG_UI_REQUEST_COL_PROPOSED,
                      value_or_empty(v, s_of(f, "proposed_text")));
        char *dname = part_name(field, "decision"), *rname = part_name(field, "reason");
        const char *chosen = retry ? pvi_http_field(req, dname) : NULL;
        struct pvi_vnode *radios =
            pvi_view_field(v, fs, "radios", dname, PVI_MSG_UI_REQUEST_DECISION, NULL, NULL);
        pvi_view_attr(radios, "required", "required");
        if (may_approve)
            pvi_view_option(radios, "approve", pvi_msg_text(lang, PVI_MSG_UI_REQUEST_APPROVE),
                            chosen && strcmp(chosen, "approve") == 0);
        pvi_view_option(radios, "reject", pvi_msg_text(lang, PVI_MSG_UI_REQUEST_REJECT),
                        chosen && strcmp(chosen, "reject") == 0);
        struct pvi_vnode *reason =
            pvi_view_field(v, fs, "textarea", rname, PVI_MSG_UI_REQUEST_REASON, NULL,
                           retry ? pvi_http_field(req, rname) : NULL);
        pvi_view_attr_msg(v, reason, "hint", PVI_MSG_UI_REQUEST_REASON_HINT);
        pvi_view_attr(reason, "conditional", "conditional");
        pvi_view_attr(reason, "maxlength", "1000");
        pvi_view_attr(reason, "rows", "3");
        free(dname);
        free(rname);
    }
    struct pvi_vnode *actions = pvi_view_actions(form);
    pvi_view_submit(v, actions, PVI_MSG_UI_REQUEST_SUBMIT, "primary");
    pvi_view_attr(pvi_view_link(v, actions, "/demandes", PVI_MSG_UI_REQUEST_BACK), "id", "back");
    pvi_view_form_errors(v, form, errs);
}

/* What the admin sent, which was not recorded (a conflict). */
static void
sent_choices(struct pvi_http_request *req, struct pvi_view *v, struct pvi_vnode *m, const json_t *r)
{
    enum pvi_lang lang = pvi_view_lang(v);
    pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_UI_REQUEST_CONFLICT, NULL), "kind",
                  "warning");
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_UI_REQUEST_YOUR_CHOICES);
    pvi_view_attr(sec, "id", "sent");
    struct pvi_vnode *list = pvi_view_el(sec, "list", NULL);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(r, "fields"), i, f)
    {
        const char *field = s_of(f, "field");
        char *dname = part_name(field, "decision"), *rname = part_name(field, "reason");
        const char *d = pvi_http_field(req, dname), *why = pvi_http_field(req, rname);
        enum pvi_msg msg = d == NULL                   ? PVI_MSG_UI_REQUEST_CHOICE_NONE
                           : strcmp(d, "approve") == 0 ? PVI_MSG_UI_REQUEST_CHOICE_APPROVE
                                                       : PVI_MSG_UI_REQUEST_CHOICE_REJECT;
        char *t = pvi_msg_format(
            lang, msg,
            (struct pvi_msg_arg[]){{"field", field_label(v, field)}, {"reason", why ? why : ""}},
            2);
        pvi_view_el(list, "item", t);
        free(t);
        free(dname);
        free(rname);
    }
}

void
bo_request_page(struct pvi_http_request *req, const json_t *r, enum bo_request_mode mode,
                const struct pvi_errors *errs, int status)
{
    const char *state = s_of(r, "state");
    int pending = state && strcmp(state, "pending") == 0;
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_REQUEST_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    char id[PVI_INT_TEXT_SIZE];
    pvi_int_text(id, (long long)json_integer_value(json_object_get(r, "id")));
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_REQUEST_HEADING, "id", id, "site", s_of(r, "business_name"),
                 NULL);
    if (mode == BO_REQUEST_CONFLICT)
        sent_choices(req, v, m, r);
    request_facts(v, m, r, pending);
    if (pending && !json_is_true(json_object_get(r, "may_approve")))
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_CR_SELF_APPROVAL, NULL), "kind",
                      "warning");
    if (!pending && mode != BO_REQUEST_CONFLICT)
        pvi_view_attr(pvi_view_msg(v, m, "notice",
                                   strcmp(state, "superseded") == 0
                                       ? PVI_MSG_CR_SUPERSEDED
                                       : PVI_MSG_UI_REQUEST_NOT_PENDING,
                                   NULL),
                      "kind", "info");
    values_table(v, m, r, pending);
    if (pending) {
        decision_form(req, v, m, r, mode == BO_REQUEST_RETRY, errs);
    } else {
        struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
        const json_t *newer = json_object_get(r, "site_pending_request");
        if (json_is_integer(newer)) {
            char href[48];
            snprintf(href, sizeof href, "/demandes/%lld", (long long)json_integer_value(newer));
            pvi_view_attr(pvi_view_link(v, links, href, PVI_MSG_UI_REQUEST_PENDING_LINK), "id",
                          "pending-request");
        }
        pvi_view_attr(pvi_view_link(v, links, "/demandes", PVI_MSG_UI_REQUEST_BACK), "id", "back");
    }
    pvi_view_reply(req, v, status);
}

void
bo_request(struct pvi_http_request *req)
{
    json_t *r = NULL;
    enum pvi_code rc = pvi_change_request_get(&r, pvi_web_service(req)->db, pvi_web_actor(req),
                                              pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    bo_request_page(req, r, BO_REQUEST_SHOW, NULL, 200);
    json_decref(r);
}
