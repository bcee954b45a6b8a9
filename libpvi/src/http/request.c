/* request.c — a request's accessors, its per-request slots, and the
 * replies: headers, bodies handed to MHD without a copy, redirects, and
 * refusals through the gate's error page. */
#include "http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

const char *
pvi_http_method(const struct pvi_http_request *req)
{
    return req->method;
}

const char *
pvi_http_path(const struct pvi_http_request *req)
{
    return req->path;
}

const char *
pvi_http_target(const struct pvi_http_request *req)
{
    return req->target ? req->target : req->path;
}

const char *
pvi_http_header(const struct pvi_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const struct pvi_http_route *
pvi_http_route(const struct pvi_http_request *req)
{
    return req->route;
}

void *
pvi_http_app(const struct pvi_http_request *req)
{
    return req->srv->cfg->app;
}

void *
pvi_http_gate_ctx(const struct pvi_http_request *req)
{
    return req->srv->cfg->gate ? req->srv->cfg->gate->ctx : NULL;
}

void
pvi_http_set_slot(struct pvi_http_request *req, int slot, void *ptr, void (*cleanup)(void *))
{
    if (slot < 0 || slot >= PVI_HTTP_SLOTS)
        return;
    if (req->slot[slot] && req->slot_cleanup[slot])
        req->slot_cleanup[slot](req->slot[slot]);
    req->slot[slot] = ptr;
    req->slot_cleanup[slot] = cleanup;
}

void *
pvi_http_slot(const struct pvi_http_request *req, int slot)
{
    return slot >= 0 && slot < PVI_HTTP_SLOTS ? req->slot[slot] : NULL;
}

const char *
pvi_http_client_addr(const struct pvi_http_request *req)
{
    /* the request is the caller's; only the address cache changes */
    struct pvi_http_request *r = (struct pvi_http_request *)(uintptr_t)req;
    if (r->addr_known)
        return r->addr;
    r->addr_known = 1;
    r->addr[0] = '\0';
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL)
        return r->addr;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->addr,
                  sizeof r->addr);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->addr,
                  sizeof r->addr);
    return r->addr;
}

void
pvi_http_add_header(struct pvi_http_request *req, const char *name, const char *value)
{
    req->headers = pvi_realloc(req->headers, (req->nheaders + 1) * sizeof *req->headers);
    req->headers[req->nheaders].name = pvi_strdup(name);
    req->headers[req->nheaders].value = pvi_strdup(value);
    req->nheaders++;
}

int
pvi_http_replied(const struct pvi_http_request *req)
{
    return req->replied;
}

static int
has_header(const struct pvi_http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return 1;
    return 0;
}

void
pvi_http_reply(struct pvi_http_request *req, int status, const char *content_type, char *body,
               size_t len)
{
    if (req->replied) {
        pvi_error("handler for %s replied twice", req->path);
        free(body);
        return;
    }
    req->replied = 1;
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
    if (resp == NULL) {
        pvi_error("could not create the response for %s", req->path);
        free(body);
        return;
    }
    if (content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (size_t i = 0; i < req->nheaders; i++)
        MHD_add_response_header(resp, req->headers[i].name, req->headers[i].value);
    const char *const *h = req->srv->cfg->headers;
    for (size_t i = 0; h && h[i] && h[i + 1]; i += 2)
        if (!has_header(req, h[i]))
            MHD_add_response_header(resp, h[i], h[i + 1]);
    if (req->first_call) {
        /* queued on the next call, which keeps the connection alive */
        req->deferred = resp;
        req->deferred_status = (unsigned)status;
    } else {
        if (MHD_queue_response(req->conn, (unsigned)status, resp) != MHD_YES)
            pvi_warn("could not queue response for %s", req->path);
        MHD_destroy_response(resp);
    }
    pvi_http__observe(req->srv, req->metrics_index, status, pvi_http__elapsed_s(&req->start));
}

void
pvi_http_reply_text(struct pvi_http_request *req, int status, const char *content_type,
                    const char *text)
{
    size_t len = strlen(text);
    pvi_http_reply(req, status, content_type, pvi_strndup(text, len), len);
}

void
pvi_http_redirect(struct pvi_http_request *req, const char *location)
{
    pvi_http_add_header(req, "Location", location);
    pvi_http_reply(req, 303, NULL, pvi_strdup(""), 0);
}

void
pvi_http_reply_error(struct pvi_http_request *req, enum pvi_code code, const char *field,
                     enum pvi_lang lang)
{
    char *text = pvi_msg_format(lang, pvi_code_msg(code), NULL, 0);
    json_t *err = json_pack("{s:s, s:s}", "code", pvi_code_name(code), "message", text);
    free(text);
    if (field)
        json_object_set_new(err, "field", json_string(field));
    json_t *root = json_pack("{s:o}", "error", err);
    char *s = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    size_t len = strlen(s);
    char *body = pvi_strndup(s, len); /* free()-able copy for MHD */
    free(s);
    pvi_http_reply(req, pvi_code_http(code), "application/json; charset=utf-8", body, len);
}

void
pvi_http_refuse(struct pvi_http_request *req, enum pvi_code code, const char *field)
{
    const struct pvi_http_gate *g = req->srv->cfg->gate;
    if (g && g->refuse)
        g->refuse(req, code, field);
    else
        pvi_http_reply_error(req, code, field, PVI_LANG_FR);
}
