/* site_actions.c — the decisions section of the site page (GET
 * /sites/{id}) and the decision forms it shares with the pages shown again
 * after a refusal (site_decide.c): for each lifecycle transition libpvi
 * allows this admin now (pvi_site_actions), its form — POST
 * /sites/{id}/assigner, /approuver, /rejeter, /suspendre, /reprendre, and a
 * link to the confirmation page /sites/{id}/fermer —; for each one refused,
 * the reason libpvi gives. Every form carries the site's version. */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct action {
    const char *path;   /* /sites/{id}/<path> */
    enum pvi_msg label; /* the button (and the page's heading) */
    const char *kind;   /* the button's kind */
} actions[PVI_TRANSITION_COUNT] = {
    [PVI_TR_ASSIGN] = {"assigner", PVI_MSG_BO_ACT_ASSIGN, "primary"},
    [PVI_TR_SUBMIT] = {NULL, PVI_MSG_BO_ACT_SUBMIT, "primary"},
    [PVI_TR_REJECT] = {"rejeter", PVI_MSG_BO_ACT_REJECT, "warning"},
    [PVI_TR_APPROVE] = {"approuver", PVI_MSG_BO_ACT_APPROVE, "primary"},
    [PVI_TR_SUSPEND] = {"suspendre", PVI_MSG_BO_ACT_SUSPEND, "warning"},
    [PVI_TR_RESUME] = {"reprendre", PVI_MSG_BO_ACT_RESUME, "primary"},
    [PVI_TR_CLOSE] = {"fermer", PVI_MSG_BO_ACT_CLOSE, "warning"},
};

const char *
bo_action_path(enum pvi_transition t)
{
    return (unsigned)t < PVI_TRANSITION_COUNT ? actions[t].path : NULL;
}

enum pvi_msg
bo_action_label(enum pvi_transition t)
{
    return (unsigned)t < PVI_TRANSITION_COUNT ? actions[t].label : PVI_MSG_NONE;
}

static void
operator_field(struct pvi_view *v, struct pvi_vnode *form, const struct pvi_site *s,
               const char *typed, const json_t *operators)
{
    struct pvi_vnode *f =
        pvi_view_field(v, form, "select", "operator_id", PVI_MSG_BO_ACT_OPERATOR, NULL, NULL);
    pvi_view_attr(f, "required", "required");
    size_t i;
    const json_t *o;
    json_array_foreach(operators, i, o)
    {
        char id[PVI_INT_TEXT_SIZE];
        long long oid = json_integer_value(json_object_get(o, "id"));
        pvi_int_text(id, oid);
        int chosen = typed ? strcmp(typed, id) == 0 : oid == s->operator_id;
        char *label = pvi_asprintf("%s (%s)", json_string_value(json_object_get(o, "name")),
                                   json_string_value(json_object_get(o, "uid")));
        pvi_view_option(f, id, label, chosen);
        free(label);
    }
}

void
bo_site_action_form(struct pvi_view *v, struct pvi_vnode *parent, const struct pvi_site *s,
                    enum pvi_transition t, int version, const struct bo_typed *typed,
                    const struct pvi_errors *errs, const json_t *operators)
{
    const struct action *a = &actions[t];
    if (a->path == NULL)
        return;
    if (t == PVI_TR_ASSIGN && json_array_size(operators) == 0) {
        struct pvi_vnode *n = pvi_view_msg(v, parent, "notice", PVI_MSG_BO_ACT_NO_OPERATOR, NULL);
        pvi_view_attr(n, "kind", "info");
        return;
    }
    char action[64], id[32], ver[PVI_INT_TEXT_SIZE];
    snprintf(action, sizeof action, "/sites/%lld/%s", s->id, a->path);
    snprintf(id, sizeof id, "site-%s", a->path);
    pvi_int_text(ver, version);
    struct pvi_vnode *f = pvi_view_form(v, parent, id, action, "post");
    pvi_view_hidden(f, "version", ver);
    if (t == PVI_TR_ASSIGN)
        operator_field(v, f, s, typed ? typed->operator_id : NULL, operators);
    if (t == PVI_TR_APPROVE) {
        char n[PVI_INT_TEXT_SIZE];
        pvi_int_text(n, s->draft_number);
        pvi_view_msg(v, f, "p", PVI_MSG_BO_ACT_APPROVE_INTRO, "n", n, NULL);
    }
    if (pvi_transition_needs_reason(t) || t == PVI_TR_CLOSE) {
        struct pvi_vnode *r = pvi_view_field(v, f, "textarea", "reason", PVI_MSG_BO_ACT_REASON,
                                             NULL, typed ? typed->reason : NULL);
        pvi_view_attr(r, "rows", "3");
        pvi_view_attr(r, "maxlength", "1000");
        if (pvi_transition_needs_reason(t)) {
            pvi_view_attr(r, "required", "required");
            pvi_view_attr_msg(v, r, "hint", PVI_MSG_BO_ACT_REASON_HINT);
        } else {
            pvi_view_attr_msg(v, r, "hint", PVI_MSG_BO_ACT_REASON_OPTIONAL_HINT);
        }
    }
    struct pvi_vnode *acts = pvi_view_actions(f);
    pvi_view_submit(v, acts, t == PVI_TR_CLOSE ? PVI_MSG_BO_CLOSE_SUBMIT : a->label, a->kind);
    if (errs)
        pvi_view_form_errors(v, f, errs);
}

void
bo_site_actions_section(struct pvi_view *v, struct pvi_vnode *parent, struct pvi_http_request *req,
                        const struct pvi_site *s)
{
    struct pvi_service *svc = pvi_web_service(req);
    const struct pvi_actor *actor = pvi_web_actor(req);
    struct pvi_site_actions now;
    if (pvi_site_actions(&now, svc->db, actor, s->id) != PVI_OK)
        return;
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = pvi_view_el(parent, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_BO_ACTIONS);
    pvi_view_attr(sec, "id", "decisions");
    json_t *operators = NULL;
    int offered = 0;
    for (int t = 0; t < PVI_TRANSITION_COUNT; t++) {
        const struct pvi_site_action *a = &now.v[t];
        if (a->verdict != PVI_OK || actions[t].path == NULL)
            continue;
        offered++;
        if (t == PVI_TR_CLOSE) {
            char href[64];
            bo_site_href(href, s->id, "/fermer");
            struct pvi_vnode *l = pvi_view_el(sec, "links", NULL);
            pvi_view_attr(pvi_view_link(v, l, href, PVI_MSG_BO_ACT_CLOSE_LINK), "id",
                          "site-fermer-lien");
            continue;
        }
        struct pvi_vnode *box = pvi_view_el(sec, "section", NULL);
        pvi_view_attr_msg(v, box, "heading", actions[t].label);
        if (t == PVI_TR_ASSIGN && operators == NULL &&
            pvi_operator_list(&operators, svc->db, actor) != PVI_OK)
            operators = json_array();
        bo_site_action_form(v, box, s, (enum pvi_transition)t, now.version, NULL, NULL, operators);
    }
    json_decref(operators);
    if (offered == 0)
        pvi_view_msg(v, sec, "p", PVI_MSG_BO_ACTIONS_NONE, NULL);
    /* what is refused, and why (a role that may never decide it is left out) */
    struct pvi_vnode *list = NULL;
    for (int t = 0; t < PVI_TRANSITION_COUNT; t++) {
        const struct pvi_site_action *a = &now.v[t];
        if (a->verdict == PVI_OK || a->why == PVI_MSG_NONE || actions[t].path == NULL)
            continue;
        if (list == NULL) {
            struct pvi_vnode *box = pvi_view_el(sec, "section", NULL);
            pvi_view_attr_msg(v, box, "heading", PVI_MSG_BO_ACTIONS_REFUSED);
            list = pvi_view_el(box, "list", NULL);
            pvi_view_attr(list, "id", "decisions-refusees");
        }
        struct pvi_msg_arg args[2] = {{"action", pvi_msg_text(lang, actions[t].label)},
                                      {"why", pvi_msg_text(lang, a->why)}};
        char *text = pvi_msg_format(lang, PVI_MSG_BO_ACTION_REFUSED_ITEM, args, 2);
        struct pvi_vnode *item = pvi_view_el(list, "item", text);
        pvi_view_attr(item, "action", actions[t].path);
        free(text);
    }
}
