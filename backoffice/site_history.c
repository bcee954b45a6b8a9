/* site_history.c — the history sections of the site page (GET
 * /sites/{id}, query audit_before for the audit trail's older events):
 * the revisions with the form that compares two of them (GET
 * /sites/{id}/revisions, site_diff.c) and a link to restore each older one;
 * the provenance of each field; the call log; the site's audit trail, by
 * pages of AUDIT_PAGE events (keyset: the events before an id). */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 20

static const char *
jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static struct pvi_vnode *
section(struct pvi_view *v, struct pvi_vnode *parent, enum pvi_msg heading, const char *id)
{
    struct pvi_vnode *sec = pvi_view_el(parent, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", heading);
    pvi_view_attr(sec, "id", id);
    return sec;
}

/* "name (role)" of an author or actor. */
static char *
who(enum pvi_lang lang, const char *name, const char *role)
{
    struct pvi_msg_arg a[2] = {{"name", name}, {"role", bo_role_text(lang, role)}};
    return pvi_msg_format(lang, PVI_MSG_BO_REV_AUTHOR, a, 2);
}

void
bo_site_revision_select(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                        enum pvi_msg label, const json_t *revs, int selected)
{
    struct pvi_vnode *f = pvi_view_field(v, form, "select", name, label, NULL, NULL);
    pvi_view_attr(f, "required", "required");
    size_t i;
    const json_t *r;
    json_array_foreach(revs, i, r)
    {
        int n = (int)json_integer_value(json_object_get(r, "number"));
        char num[PVI_INT_TEXT_SIZE];
        pvi_int_text(num, n);
        struct pvi_msg_arg a = {"n", num};
        char *label_text = pvi_msg_format(pvi_view_lang(v), PVI_MSG_BO_SITE_REVISION_N, &a, 1);
        pvi_view_option(f, num, label_text, n == selected);
        free(label_text);
    }
}

void
bo_site_revisions_section(struct pvi_view *v, struct pvi_vnode *parent,
                          struct pvi_http_request *req, const struct pvi_site *s)
{
    json_t *revs = NULL;
    if (pvi_revision_list(&revs, pvi_web_service(req)->db, pvi_web_actor(req), s->id) != PVI_OK)
        return;
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = section(v, parent, PVI_MSG_BO_REV_HEADING, "revisions");
    char action[64];
    bo_site_href(action, s->id, "/revisions");
    if (json_array_size(revs) > 1) {
        struct pvi_vnode *f = pvi_view_form(v, sec, "revisions-compare", action, "get");
        int b = s->draft_number,
            a = s->published_number && s->published_number != b ? s->published_number : b - 1;
        bo_site_revision_select(v, f, "a", PVI_MSG_BO_REV_A, revs, a);
        bo_site_revision_select(v, f, "b", PVI_MSG_BO_REV_B, revs, b);
        pvi_view_submit(v, pvi_view_actions(f), PVI_MSG_BO_REV_COMPARE_SUBMIT, "secondary");
    }
    static const struct bo_column cols[] = {
        {"number", PVI_MSG_BO_REV_COL_NUMBER, 1}, {"at", PVI_MSG_BO_REV_COL_AT, 0},
        {"author", PVI_MSG_BO_REV_COL_AUTHOR, 0}, {"channel", PVI_MSG_BO_REV_COL_CHANNEL, 0},
        {"note", PVI_MSG_BO_REV_COL_NOTE, 0},     {"status", PVI_MSG_BO_REV_COL_STATUS, 0},
        {"action", PVI_MSG_BO_REV_COL_ACTION, 0},
    };
    struct pvi_vnode *t = BO_TABLE(v, sec, PVI_MSG_BO_REV_CAPTION, cols);
    size_t i;
    const json_t *r;
    json_array_foreach(revs, i, r)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        long long n = json_integer_value(json_object_get(r, "number"));
        char num[PVI_INT_TEXT_SIZE], at[40];
        pvi_int_text(num, n);
        pvi_view_cell(row, num, NULL);
        pvi_view_cell(row, bo_time_text(at, lang, jstr(r, "created_at")), NULL);
        char *author = who(lang, jstr(r, "author"), jstr(r, "role"));
        pvi_view_cell(row, author, NULL);
        free(author);
        pvi_view_cell(row, bo_channel_text(lang, jstr(r, "channel")), NULL);
        pvi_view_cell(row, jstr(r, "note"), NULL);
        int pub = json_is_true(json_object_get(r, "published"));
        int draft = json_is_true(json_object_get(r, "draft"));
        pvi_view_cell(row,
                      pub && draft ? pvi_msg_text(lang, PVI_MSG_BO_REV_STATUS_BOTH)
                      : pub        ? pvi_msg_text(lang, PVI_MSG_BO_REV_STATUS_PUBLISHED)
                      : draft      ? pvi_msg_text(lang, PVI_MSG_BO_REV_STATUS_DRAFT)
                                   : "",
                      NULL);
        if (n != s->draft_number) {
            char href[96];
            snprintf(href, sizeof href, "/sites/%lld/restaurer?revision=%lld", s->id, n);
            pvi_view_cell(row, pvi_msg_text(lang, PVI_MSG_BO_RESTORE_LINK), href);
        } else {
            pvi_view_cell(row, "", NULL);
        }
    }
    json_decref(revs);
}

void
bo_site_provenance_section(struct pvi_view *v, struct pvi_vnode *parent,
                           struct pvi_http_request *req, const struct pvi_site *s)
{
    json_t *prov = NULL;
    if (pvi_site_provenance(&prov, pvi_web_service(req)->db, pvi_web_actor(req), s->id) != PVI_OK)
        return;
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = section(v, parent, PVI_MSG_BO_PROV_HEADING, "provenance");
    static const struct bo_column cols[] = {
        {"field", PVI_MSG_BO_DIFF_FIELD, 0}, {"how", PVI_MSG_BO_PROV_COL_HOW, 0},
        {"by", PVI_MSG_BO_PROV_COL_BY, 0},   {"channel", PVI_MSG_BO_REV_COL_CHANNEL, 0},
        {"at", PVI_MSG_BO_PROV_COL_AT, 0},   {"revision", PVI_MSG_BO_PROV_COL_REVISION, 1},
    };
    struct pvi_vnode *t = BO_TABLE(v, sec, PVI_MSG_BO_PROV_CAPTION, cols);
    /* the fields in the order of the public site, then any other */
    size_t rows = 0;
    for (size_t i = 0; i <= bo_content_nfields; i++) {
        const char *key;
        const json_t *p;
        json_object_foreach((json_t *)prov, key, p)
        {
            int known = bo_field_label(key) != PVI_MSG_NONE;
            if (i < bo_content_nfields ? strcmp(key, bo_content_fields[i]) != 0 : known)
                continue;
            struct pvi_vnode *row = pvi_view_row(t);
            rows++;
            pvi_view_cell(row, bo_field_label_text(lang, key), NULL);
            int confirmed = strcmp(jstr(p, "how"), "confirmed") == 0;
            bo_cell_choice(v, row, confirmed, PVI_MSG_BO_PROV_CONFIRMED, PVI_MSG_BO_PROV_CHANGED);
            char *by = who(lang, jstr(p, "by"), jstr(p, "role"));
            pvi_view_cell(row, by, NULL);
            free(by);
            pvi_view_cell(row, bo_channel_text(lang, jstr(p, "channel")), NULL);
            char at[40], num[PVI_INT_TEXT_SIZE];
            pvi_view_cell(row, bo_time_text(at, lang, jstr(p, "at")), NULL);
            pvi_int_text(num, json_integer_value(json_object_get(p, "revision")));
            pvi_view_cell(row, num, NULL);
        }
    }
    if (rows == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_PROV_EMPTY);
    json_decref(prov);
}

void
bo_site_calls_section(struct pvi_view *v, struct pvi_vnode *parent, struct pvi_http_request *req,
                      const struct pvi_site *s)
{
    json_t *calls = NULL;
    if (pvi_call_log_list(&calls, pvi_web_service(req)->db, pvi_web_actor(req), s->id) != PVI_OK)
        return;
    static const struct {
        const char *code;
        enum pvi_msg m;
    } outcomes[] = {{"reached", PVI_MSG_BO_CALL_REACHED},
                    {"no_answer", PVI_MSG_BO_CALL_NO_ANSWER},
                    {"wrong_number", PVI_MSG_BO_CALL_WRONG_NUMBER},
                    {"call_back", PVI_MSG_BO_CALL_BACK}};
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = section(v, parent, PVI_MSG_BO_CALLS_HEADING, "appels");
    static const struct bo_column cols[] = {
        {"at", PVI_MSG_BO_REV_COL_AT, 0},
        {"operator", PVI_MSG_BO_CALLS_COL_OPERATOR, 0},
        {"outcome", PVI_MSG_BO_CALLS_COL_OUTCOME, 0},
        {"call_back", PVI_MSG_BO_CALLS_COL_CALL_BACK, 0},
        {"notes", PVI_MSG_BO_CALLS_COL_NOTES, 0},
    };
    struct pvi_vnode *t = BO_TABLE(v, sec, PVI_MSG_BO_CALLS_CAPTION, cols);
    size_t i;
    const json_t *c;
    json_array_foreach(calls, i, c)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        char at[40];
        pvi_view_cell(row, bo_time_text(at, lang, jstr(c, "at")), NULL);
        pvi_view_cell(row, jstr(c, "operator"), NULL);
        const char *o = jstr(c, "outcome");
        for (size_t k = 0; k < PVI_COUNT_OF(outcomes); k++)
            if (strcmp(outcomes[k].code, o) == 0)
                o = pvi_msg_text(lang, outcomes[k].m);
        pvi_view_cell(row, o, NULL);
        pvi_view_cell(row,
                      bo_time_text(at, lang, json_string_value(json_object_get(c, "call_back_at"))),
                      NULL);
        pvi_view_cell(row, jstr(c, "notes"), NULL);
    }
    if (i == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_CALLS_EMPTY);
    json_decref(calls);
}

/* An event's before and after, compact ("state: review → online"). */
static char *
event_details(const json_t *e)
{
    const json_t *before = json_object_get(e, "before"), *after = json_object_get(e, "after");
    struct pvi_buf b = {0};
    const char *key;
    const json_t *val;
    json_object_foreach((json_t *)after, key, val)
    {
        const json_t *old = json_object_get(before, key);
        char *nv = json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);
        char *ov = old ? json_dumps(old, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
        pvi_buf_printf(&b, "%s%s: %s%s%s", b.len ? "; " : "", key, ov ? ov : "", ov ? " → " : "",
                       nv ? nv : "");
        free(nv);
        free(ov);
    }
    return pvi_buf_steal(&b);
}

void
bo_site_audit_section(struct pvi_view *v, struct pvi_vnode *parent, struct pvi_http_request *req,
                      const struct pvi_site *s)
{
    long long before = pvi_http_field_int(req, "audit_before", 0);
    json_t *events = NULL;
    if (pvi_audit_list(&events, pvi_web_service(req)->db, pvi_web_actor(req), s->id, before,
                       AUDIT_PAGE + 1) != PVI_OK)
        return;
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = section(v, parent, PVI_MSG_BO_AUDIT_HEADING, "historique");
    static const struct bo_column cols[] = {
        {"at", PVI_MSG_BO_REV_COL_AT, 0},
        {"who", PVI_MSG_BO_AUDIT_COL_WHO, 0},
        {"action", PVI_MSG_BO_AUDIT_COL_ACTION, 0},
        {"details", PVI_MSG_BO_AUDIT_COL_DETAILS, 0},
        {"address", PVI_MSG_BO_AUDIT_COL_ADDRESS, 0},
    };
    struct pvi_vnode *t = BO_TABLE(v, sec, PVI_MSG_BO_AUDIT_CAPTION, cols);
    size_t n = json_array_size(events), shown = n > AUDIT_PAGE ? AUDIT_PAGE : n;
    long long last_id = 0;
    for (size_t i = 0; i < shown; i++) {
        const json_t *e = json_array_get(events, i);
        struct pvi_vnode *row = pvi_view_row(t);
        char at[40];
        pvi_view_cell(row, bo_time_text(at, lang, jstr(e, "at")), NULL);
        char *actor = who(lang, jstr(e, "actor"), jstr(e, "actor_kind"));
        pvi_view_cell(row, actor, NULL);
        free(actor);
        pvi_view_cell(row, jstr(e, "action"), NULL);
        char *details = event_details(e);
        pvi_view_cell(row, details, NULL);
        free(details);
        pvi_view_cell(row, jstr(e, "address"), NULL);
        last_id = json_integer_value(json_object_get(e, "id"));
    }
    if (shown == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_AUDIT_EMPTY);
    char first[64], next[96], count[PVI_INT_TEXT_SIZE];
    bo_site_href(first, s->id, "#historique");
    snprintf(next, sizeof next, "/sites/%lld?audit_before=%lld#historique", s->id, last_id);
    pvi_int_text(count, (long long)shown);
    if (before || n > AUDIT_PAGE)
        pvi_view_paging(v, sec, before ? first : NULL, n > AUDIT_PAGE ? next : NULL,
                        PVI_MSG_BO_AUDIT_PAGING, "count", count, NULL);
    json_decref(events);
}
