/* apikey_new.c — a new API key:
 *   GET  /cles/nouvelle  the form: label, scopes (a box per scope, with what
 *                        it allows), requests per minute
 *   POST /cles/nouvelle  creates it and answers 200 with the key shown once
 *                        (secret_page.c says why not a redirect); a refusal
 *                        shows the form again with what was typed (422). */
#include "backoffice.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RATE "600" /* the schema's default */

static void
new_form(struct pvi_http_request *req, const char *name, unsigned scopes, const char *rate,
         const struct pvi_errors *errs, int status)
{
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_KEY_NEW_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_KEY_NEW_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_KEY_NEW_INTRO, NULL);
    struct pvi_vnode *f = pvi_view_form(v, m, "apikey-new", "/cles/nouvelle", "post");
    struct pvi_vnode *n = pvi_view_field(v, f, "text", "name", PVI_MSG_BO_KEY_NAME, NULL, name);
    pvi_view_attr_msg(v, n, "hint", PVI_MSG_BO_KEY_NAME_HINT);
    pvi_view_attr(n, "required", "required");
    pvi_view_attr(n, "maxlength", "80");
    pvi_view_attr(n, "autocomplete", "off");
    pvi_view_attr(n, "width", "long");
    struct pvi_vnode *boxes =
        pvi_view_field(v, f, "checkboxes", "scopes", PVI_MSG_BO_KEY_SCOPES, NULL, NULL);
    pvi_view_attr_msg(v, boxes, "hint", PVI_MSG_BO_KEY_SCOPES_HINT);
    pvi_view_attr(boxes, "required", "required");
    for (size_t i = 0; i < BO_NSCOPES; i++) {
        struct pvi_vnode *o = pvi_view_option(boxes, bo_scopes[i].code,
                                              pvi_msg_text(pvi_view_lang(v), bo_scopes[i].label),
                                              (scopes & bo_scopes[i].bit) != 0);
        pvi_view_attr_msg(v, o, "hint", bo_scopes[i].hint);
    }
    struct pvi_vnode *r = pvi_view_field(v, f, "text", "rate_per_minute", PVI_MSG_BO_KEY_RATE,
                                         "number", rate ? rate : DEFAULT_RATE);
    pvi_view_attr_msg(v, r, "hint", PVI_MSG_BO_KEY_RATE_HINT);
    pvi_view_attr(r, "required", "required");
    pvi_view_attr(r, "inputmode", "numeric");
    pvi_view_attr(r, "width", "short");
    struct pvi_vnode *actions = pvi_view_actions(f);
    pvi_view_submit(v, actions, PVI_MSG_BO_KEY_CREATE, "primary");
    pvi_view_link(v, actions, "/cles", PVI_MSG_BO_CANCEL);
    pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

void
bo_apikey_new_form(struct pvi_http_request *req)
{
    new_form(req, NULL, 0, NULL, NULL, 200);
}

void
bo_apikey_create(struct pvi_http_request *req)
{
    const char *name = pvi_http_field(req, "name");
    const char *rate_typed = pvi_http_field(req, "rate_per_minute");
    /* the boxes checked (each one a scope: the route's choices) */
    unsigned scopes = 0;
    for (size_t i = 0; i < pvi_http_field_count(req, "scopes"); i++) {
        unsigned bit = 0;
        if (pvi_scopes_parse(&bit, pvi_http_field_at(req, "scopes", i)) == 0)
            scopes |= bit;
    }
    /* a number as typed, or 0 for what is not one: libpvi says what is valid */
    long long rate = 0;
    char *trimmed = pvi_text_trim_dup(rate_typed);
    if (pvi_int_parse(&rate, trimmed, 0, PVI_APIKEY_RATE_MAX + 1LL) != 0)
        rate = 0;
    free(trimmed);

    struct pvi_errors errs = {0};
    char *key = NULL;
    enum pvi_code rc = pvi_apikey_create(&key, NULL, pvi_web_service(req)->db, pvi_web_actor(req),
                                         name, scopes, (int)rate, &errs);
    if (rc == PVI_VALIDATION) {
        new_form(req, name, scopes, rate_typed, &errs, 422);
    } else if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
    } else {
        char *label = pvi_text_trim_dup(name);
        char list[BO_SCOPES_TEXT];
        struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_KEY_CREATED_TITLE);
        struct pvi_vnode *m = pvi_view_main(v);
        pvi_view_msg(v, m, "h1", PVI_MSG_BO_KEY_CREATED_TITLE, NULL);
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_KEY_CREATED, "name", label, "scopes",
                                   bo_scopes_text(list, scopes), NULL),
                      "kind", "success");
        bo_secret_section(v, PVI_MSG_BO_KEY_SECRET, PVI_MSG_BO_KEY_SECRET_ONCE, key,
                          PVI_MSG_BO_KEY_ADVICE);
        pvi_view_link(v, pvi_view_el(m, "links", NULL), "/cles", PVI_MSG_BO_KEYS_BACK);
        free(label);
        bo_secret_reply(req, v);
    }
    if (key) {
        sodium_memzero(key, strlen(key));
        free(key);
    }
    pvi_errors_clear(&errs);
}
