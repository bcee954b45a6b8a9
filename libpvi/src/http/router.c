/* router.c — the route table: patterns with typed path parameters, the
 * route of a request (404, 405 with Allow), and the check of a service's
 * table at start. */
#include "http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pvi_http_route_unsafe(const struct pvi_http_route *route)
{
    const char *m = route->method;
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 && strcmp(m, "OPTIONS") != 0;
}

enum ptype { P_STR, P_INT, P_SLUG, P_BAD };

/* The type of the parameter segment "{name:type}" (name_len set), or P_BAD. */
static enum ptype
param_type(const char *seg, size_t len, size_t *name_len)
{
    if (len < 3 || seg[0] != '{' || seg[len - 1] != '}')
        return P_BAD;
    const char *colon = memchr(seg, ':', len);
    size_t n = colon ? (size_t)(colon - seg - 1) : len - 2;
    *name_len = n;
    if (n == 0)
        return P_BAD;
    for (size_t i = 1; i <= n; i++)
        if (!((seg[i] >= 'a' && seg[i] <= 'z') || seg[i] == '_'))
            return P_BAD;
    if (colon == NULL)
        return P_STR;
    size_t tlen = (size_t)(seg + len - 1 - colon - 1);
    if (tlen == 3 && strncmp(colon + 1, "int", 3) == 0)
        return P_INT;
    if (tlen == 4 && strncmp(colon + 1, "slug", 4) == 0)
        return P_SLUG;
    return P_BAD;
}

static int
value_fits(enum ptype t, const char *v, size_t len)
{
    if (len == 0)
        return 0;
    switch (t) {
    case P_STR:
        return 1;
    case P_INT: {
        if (len > 19 || v[0] == '0')
            return 0;
        char buf[20];
        memcpy(buf, v, len);
        buf[len] = '\0';
        long long x;
        return pvi_int_parse(&x, buf, 1, INT64_MAX) == 0;
    }
    case P_SLUG:
        if (len > 63)
            return 0;
        for (size_t i = 0; i < len; i++)
            if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
                return 0;
        return 1;
    case P_BAD:
        break;
    }
    return 0;
}

static void
params_clear(struct pvi_http_request *req)
{
    for (size_t i = 0; i < req->nparams; i++)
        free(req->params[i].value);
    req->nparams = 0;
}

/* Whether path matches pattern; its parameters are stored in req. */
static int
path_matches(struct pvi_http_request *req, const char *pattern, const char *path)
{
    params_clear(req);
    const char *p = pattern, *s = path;
    for (;;) {
        if (*p != '/' || *s != '/')
            return *p == '\0' && *s == '\0';
        p++;
        s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (plen == 1 && p[0] == '*' && p[1] == '\0')
            return 1; /* the rest, whatever it is */
        size_t name_len = 0;
        if (plen > 0 && p[0] == '{') {
            enum ptype t = param_type(p, plen, &name_len);
            if (!value_fits(t, s, slen) || req->nparams == PVI_HTTP_MAX_PARAMS)
                return 0;
            req->params[req->nparams].name = p + 1;
            req->params[req->nparams].name_len = name_len;
            req->params[req->nparams].value = pvi_strndup(s, slen);
            req->nparams++;
        } else if (plen != slen || strncmp(p, s, plen) != 0) {
            return 0;
        }
        p += plen;
        s += slen;
    }
}

static int
method_matches(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0)
        return 1;
    return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

static void
allow_add(char *allow, size_t cap, const char *method)
{
    size_t n = strlen(method);
    for (const char *p = allow; *p;) {
        size_t l = strcspn(p, ",");
        if (l == n && strncmp(p, method, n) == 0)
            return;
        p += l;
        p += strspn(p, ", ");
    }
    size_t len = strlen(allow);
    snprintf(allow + len, cap - len, "%s%s", len ? ", " : "", method);
}

const struct pvi_http_route *
pvi_http__route_find(enum pvi_code *code_out, char *allow, size_t allow_cap,
                     struct pvi_http_request *req)
{
    const struct pvi_http_server *cfg = req->srv->cfg;
    allow[0] = '\0';
    int path_seen = 0;
    for (size_t i = 0; i < cfg->nroutes; i++) {
        const struct pvi_http_route *r = &cfg->routes[i];
        if (!path_matches(req, r->path, req->path))
            continue;
        if (method_matches(r->method, req->method)) {
            req->metrics_index = i;
            *code_out = PVI_OK;
            return r;
        }
        path_seen = 1;
        allow_add(allow, allow_cap, r->method);
        if (strcmp(r->method, "GET") == 0)
            allow_add(allow, allow_cap, "HEAD");
    }
    params_clear(req);
    *code_out = path_seen ? PVI_METHOD_NOT_ALLOWED : PVI_NOT_FOUND;
    return NULL;
}

const char *
pvi_http_param(const struct pvi_http_request *req, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < req->nparams; i++)
        if (req->params[i].name_len == n && strncmp(req->params[i].name, name, n) == 0)
            return req->params[i].value;
    return NULL;
}

long long
pvi_http_param_int(const struct pvi_http_request *req, const char *name)
{
    long long v = 0;
    const char *s = pvi_http_param(req, name);
    if (s == NULL || pvi_int_parse(&v, s, 1, INT64_MAX) != 0)
        return 0;
    return v;
}

/* 0 when the pattern is well-formed, else -1 (logged). */
static int
pattern_check(const struct pvi_http_route *r)
{
    const char *p = r->path;
    if (p == NULL || p[0] != '/') {
        pvi_error("route %s %s: a path starts with '/'", r->method, p ? p : "(null)");
        return -1;
    }
    const char *names[PVI_HTTP_MAX_PARAMS];
    size_t lens[PVI_HTTP_MAX_PARAMS], n = 0;
    while (*p == '/') {
        p++;
        size_t len = strcspn(p, "/");
        if (len == 1 && p[0] == '*' && p[1] != '\0') {
            pvi_error("route %s %s: '*' only as the last segment", r->method, r->path);
            return -1;
        }
        if (len > 0 && p[0] == '{') {
            size_t nl = 0;
            if (param_type(p, len, &nl) == P_BAD || n == PVI_HTTP_MAX_PARAMS) {
                pvi_error("route %s %s: bad parameter", r->method, r->path);
                return -1;
            }
            for (size_t k = 0; k < n; k++)
                if (lens[k] == nl && strncmp(names[k], p + 1, nl) == 0) {
                    pvi_error("route %s %s: parameter named twice", r->method, r->path);
                    return -1;
                }
            names[n] = p + 1;
            lens[n++] = nl;
        }
        p += len;
    }
    if (*p != '\0') {
        pvi_error("route %s %s: malformed path", r->method, r->path);
        return -1;
    }
    return 0;
}

int
pvi_http__routes_check(const struct pvi_http_server *cfg)
{
    for (size_t i = 0; i < cfg->nroutes; i++) {
        const struct pvi_http_route *r = &cfg->routes[i];
        if (r->method == NULL || r->handler == NULL) {
            pvi_error("route %zu: a method and a handler are required", i);
            return -1;
        }
        if (pattern_check(r) != 0)
            return -1;
        if ((r->auth != PVI_AUTH_NONE || pvi_http_route_unsafe(r)) && cfg->gate == NULL) {
            pvi_error("route %s %s needs the web layer (authentication or CSRF) but the server "
                      "has none",
                      r->method, r->path);
            return -1;
        }
        for (size_t f = 0; f < r->nfields; f++) {
            if (r->fields[f].name == NULL || strcmp(r->fields[f].name, "csrf") == 0) {
                pvi_error("route %s %s: field %zu unnamed or reserved", r->method, r->path, f);
                return -1;
            }
            if (r->fields[f].type == PVI_FIELD_ENUM && r->fields[f].choices == NULL) {
                pvi_error("route %s %s: field %s has no choices", r->method, r->path,
                          r->fields[f].name);
                return -1;
            }
            for (size_t g = 0; g < f; g++)
                if (strcmp(r->fields[f].name, r->fields[g].name) == 0) {
                    pvi_error("route %s %s: field %s declared twice", r->method, r->path,
                              r->fields[f].name);
                    return -1;
                }
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(cfg->routes[j].path, r->path) == 0 &&
                strcmp(cfg->routes[j].method, r->method) == 0) {
                pvi_error("route %s %s declared twice", r->method, r->path);
                return -1;
            }
    }
    return 0;
}
