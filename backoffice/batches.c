/* batches.c — following batch actions:
 *   GET /lots       the latest batch actions, with their progress;
 *   GET /lots/{id}  one batch: what it does, its progress (the page reloads
 *                   itself while the worker runs it) and its report — every
 *                   site refused, with what libpvi said. */
#include "backoffice.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFRESH_S 2

static const char *
str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static const char *
num(char out[static PVI_INT_TEXT_SIZE], const json_t *o, const char *key)
{
    pvi_int_text(out, json_integer_value(json_object_get(o, key)));
    return out;
}

static enum pvi_msg
state_label(const char *state)
{
    return strcmp(state, "done") == 0 ? PVI_MSG_UI_BATCH_STATE_DONE
                                      : PVI_MSG_UI_BATCH_STATE_RUNNING;
}

void
bo_batch_list(struct pvi_http_request *req)
{
    json_t *list = NULL;
    enum pvi_code rc = pvi_batch_list(&list, pvi_web_service(req)->db, pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_BATCH_LIST_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    enum pvi_lang lang = pvi_view_lang(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_BATCH_LIST_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_UI_BATCH_LIST_INTRO, NULL);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_BATCH_LIST_TITLE);
    pvi_view_column(v, t, "action", PVI_MSG_UI_BATCH_COL_ACTION, NULL, NULL, 0);
    pvi_view_column(v, t, "by", PVI_MSG_UI_BATCH_COL_BY, NULL, NULL, 0);
    pvi_view_column(v, t, "at", PVI_MSG_UI_BATCH_COL_AT, NULL, NULL, 0);
    pvi_view_column(v, t, "state", PVI_MSG_UI_BATCH_COL_STATE, NULL, NULL, 0);
    pvi_view_column(v, t, "total", PVI_MSG_UI_BATCH_COL_TOTAL, NULL, NULL, 1);
    pvi_view_column(v, t, "done", PVI_MSG_UI_BATCH_COL_DONE, NULL, NULL, 1);
    pvi_view_column(v, t, "refused", PVI_MSG_UI_BATCH_COL_REFUSED, NULL, NULL, 1);
    size_t i;
    json_t *b;
    json_array_foreach(list, i, b)
    {
        char href[48], n[PVI_INT_TEXT_SIZE];
        snprintf(href, sizeof href, "/lots/%lld",
                 (long long)json_integer_value(json_object_get(b, "id")));
        struct pvi_vnode *row = pvi_view_row(t);
        pvi_view_cell(row, pvi_msg_text(lang, bo_batch_kind_msg(str(b, "kind"))), href);
        pvi_view_cell(row, str(b, "actor"), NULL);
        char at[PVI_TIME_DISPLAY_SIZE];
        pvi_time_display(at, str(b, "created_at"), lang);
        pvi_view_cell(row, at, NULL);
        pvi_view_cell(row, pvi_msg_text(lang, state_label(str(b, "state"))), NULL);
        pvi_view_cell(row, num(n, b, "total"), NULL);
        pvi_view_cell(row, num(n, b, "done"), NULL);
        pvi_view_cell(row, num(n, b, "refused"), NULL);
    }
    if (json_array_size(list) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_UI_BATCH_LIST_EMPTY);
    json_decref(list);
    pvi_view_reply(req, v, 200);
}

/* What libpvi said about a refused site, in the reader's language. */
static char *
refusal_text(const json_t *item, enum pvi_lang lang)
{
    if (strcmp(str(item, "state"), "interrupted") == 0)
        return pvi_strdup(pvi_msg_text(lang, PVI_MSG_UI_BATCH_INTERRUPTED));
    struct pvi_buf b = {0};
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(item, "errors"), i, e)
    {
        char *t = pvi_batch_error_text(e, lang);
        pvi_buf_printf(&b, "%s%s", b.len ? " " : "", t);
        free(t);
    }
    if (b.len == 0) /* no field error: the code's own message */
        pvi_buf_puts(&b, pvi_msg_text(lang, pvi_code_msg(pvi_code_from_name(str(item, "code")))));
    return pvi_buf_steal(&b);
}

static void
report(struct pvi_view *v, struct pvi_vnode *m, const json_t *batch)
{
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *s = pvi_view_el(m, "section", NULL);
    pvi_view_attr(s, "heading", pvi_msg_text(lang, PVI_MSG_UI_BATCH_REFUSED_TITLE));
    const json_t *items = json_object_get(batch, "items");
    if (json_array_size(items) == 0) {
        pvi_view_msg(v, s, "p", PVI_MSG_UI_BATCH_REFUSED_NONE, NULL);
        return;
    }
    struct pvi_vnode *t = pvi_view_table(v, s, PVI_MSG_UI_BATCH_REFUSED_TITLE);
    pvi_view_column(v, t, "site", PVI_MSG_UI_BATCH_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "why", PVI_MSG_UI_BATCH_COL_WHY, NULL, NULL, 0);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        bo_site_cell(row, json_integer_value(json_object_get(it, "site_id")),
                     str(it, "business_name"), str(it, "slug"));
        char *why = refusal_text(it, lang);
        pvi_view_cell(row, why, NULL);
        free(why);
    }
}

void
bo_batch_page(struct pvi_http_request *req)
{
    json_t *batch = NULL;
    enum pvi_code rc = pvi_batch_get(&batch, pvi_web_service(req)->db, pvi_web_actor(req),
                                     pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    char id[PVI_INT_TEXT_SIZE], total[PVI_INT_TEXT_SIZE], done[PVI_INT_TEXT_SIZE],
        refused[PVI_INT_TEXT_SIZE], handled[PVI_INT_TEXT_SIZE];
    num(id, batch, "id");
    num(total, batch, "total");
    num(done, batch, "done");
    long long nrefused = json_integer_value(json_object_get(batch, "refused")) +
                         json_integer_value(json_object_get(batch, "interrupted"));
    pvi_int_text(refused, nrefused);
    pvi_int_text(handled, json_integer_value(json_object_get(batch, "done")) + nrefused);
    int running = strcmp(str(batch, "state"), "done") != 0;

    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_BATCH_LIST_TITLE);
    if (running)
        pvi_view_refresh(v, REFRESH_S);
    struct pvi_vnode *m = pvi_view_main(v);
    enum pvi_lang lang = pvi_view_lang(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_BATCH_TITLE, "id", id, NULL);
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_FACT_ACTION,
                  pvi_msg_text(lang, bo_batch_kind_msg(str(batch, "kind"))));
    if (*str(batch, "reason"))
        pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_REASON, str(batch, "reason"));
    if (*str(batch, "operator"))
        pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_OPERATOR, str(batch, "operator"));
    pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_FACT_BY, str(batch, "actor"));
    char at[PVI_TIME_DISPLAY_SIZE];
    pvi_time_display(at, str(batch, "created_at"), lang);
    pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_FACT_AT, at);
    if (!running) {
        pvi_time_display(at, str(batch, "finished_at"), lang);
        pvi_view_fact(v, facts, PVI_MSG_UI_BATCH_FACT_FINISHED, at);
    }
    struct pvi_vnode *status =
        pvi_view_msg(v, m, "notice", PVI_MSG_UI_BATCH_PROGRESS, "handled", handled, "total", total,
                     "done", done, "refused", refused, NULL);
    pvi_view_attr(status, "kind", running ? "info" : nrefused ? "warning" : "success");
    pvi_view_msg(v, m, "p", running ? PVI_MSG_UI_BATCH_RUNNING_NOTE : PVI_MSG_UI_BATCH_DONE_NOTE,
                 NULL);
    report(v, m, batch);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    struct pvi_buf b = {0};
    pvi_buf_printf(&b, "/sites%s%s", *str(batch, "query") ? "?" : "", str(batch, "query"));
    char *list_href = pvi_buf_steal(&b);
    pvi_view_link(v, links, list_href, PVI_MSG_UI_BATCH_SELECTION_LINK);
    pvi_view_link(v, links, "/lots", PVI_MSG_UI_BATCH_LIST_TITLE);
    free(list_href);
    json_decref(batch);
    pvi_view_reply(req, v, 200);
}
