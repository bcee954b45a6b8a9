/* fields.c — the inputs of a request: query arguments and bodies
 * (application/x-www-form-urlencoded and multipart/form-data, streamed
 * through MHD's post processor, files to temporary files; raw bodies for
 * JSON), counted against the limits as they arrive, then checked against
 * the route's declarations. A handler reads only what was declared. */
#include "http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXT_MAX_DEFAULT 4096
#define FILE_MAX_DEFAULT (5u * 1024 * 1024)
#define POST_BUFFER 8192

/* The CSRF token of unsafe methods, declared by the layer for every such route. */
static const struct pvi_http_field csrf_field = {
    .name = "csrf", .type = PVI_FIELD_TOKEN, .max_bytes = 128};

/* Whether name is an instance of pattern ("phones.*.number" ∋ "phones.3.number":
 * '*' stands for 0–99 without a leading zero). */
static int
name_matches(const char *pattern, const char *name)
{
    while (*pattern && *name) {
        if (*pattern == '*') {
            size_t d = 0;
            while (name[d] >= '0' && name[d] <= '9')
                d++;
            if (d == 0 || d > 2 || (d == 2 && name[0] == '0'))
                return 0;
            pattern++;
            name += d;
            continue;
        }
        if (*pattern++ != *name++)
            return 0;
    }
    return *pattern == '\0' && *name == '\0';
}

static const struct pvi_http_field *
spec_for(const struct pvi_http_request *req, const char *name)
{
    const struct pvi_http_route *r = req->route;
    for (size_t i = 0; i < r->nfields; i++)
        if (name_matches(r->fields[i].name, name))
            return &r->fields[i];
    if (pvi_http_route_unsafe(r) && strcmp(name, "csrf") == 0)
        return &csrf_field;
    return NULL;
}

static size_t
max_bytes(const struct pvi_http_field *f)
{
    if (f->max_bytes)
        return f->max_bytes;
    return f->type == PVI_FIELD_FILE ? FILE_MAX_DEFAULT : TEXT_MAX_DEFAULT;
}

static enum pvi_code
refuse(struct pvi_http_request *req, enum pvi_code code, const char *field)
{
    if (req->refusal == PVI_OK) {
        req->refusal = code;
        req->refused_field = field ? pvi_strdup(field) : NULL;
    }
    return req->refusal;
}

static struct pvi_http__value *
value_new(struct pvi_http_request *req, const char *name, const struct pvi_http_field *spec)
{
    if (req->nvalues == req->values_cap) {
        req->values_cap = req->values_cap ? req->values_cap * 2 : 16;
        req->values = pvi_realloc(req->values, req->values_cap * sizeof *req->values);
    }
    struct pvi_http__value *v = &req->values[req->nvalues++];
    memset(v, 0, sizeof *v);
    v->name = pvi_strdup(name);
    v->spec = spec;
    v->fd = -1;
    pvi_buf_puts(&v->value, "");
    return v;
}

/* ---- the query string ---- */

static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size, const char *value,
          size_t value_size)
{
    (void)kind;
    (void)key_size;
    struct pvi_http_request *req = cls;
    if (req->route->flags & PVI_ROUTE_ANY_QUERY)
        return MHD_YES;
    const struct pvi_http_field *spec =
        pvi_http_route_unsafe(req->route) ? NULL : spec_for(req, key);
    if (spec == NULL || spec->type == PVI_FIELD_FILE) {
        refuse(req, PVI_BAD_REQUEST, key);
        return MHD_NO;
    }
    if (value_size > max_bytes(spec)) {
        refuse(req, PVI_BAD_REQUEST, key);
        return MHD_NO;
    }
    struct pvi_http__value *v = value_new(req, key, spec);
    if (value)
        pvi_buf_append(&v->value, value, value_size);
    return MHD_YES;
}

/* ---- bodies ---- */

static int
upload_open(struct pvi_http__value *v)
{
    const char *dir = getenv("TMPDIR");
    v->path = pvi_asprintf("%s/pvi-upload-XXXXXX", dir && *dir ? dir : "/tmp");
    v->fd = mkstemp(v->path);
    if (v->fd < 0) {
        pvi_error("cannot create a temporary file for an upload: %s", strerror(errno));
        free(v->path);
        v->path = NULL;
        return -1;
    }
    return 0;
}

static enum MHD_Result
body_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
           const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
           size_t size)
{
    (void)kind;
    (void)transfer_encoding;
    struct pvi_http_request *req = cls;
    if (req->refusal != PVI_OK)
        return MHD_NO;
    const struct pvi_http_field *spec = key ? spec_for(req, key) : NULL;
    if (spec == NULL) {
        /* refused after the CSRF check (the order of pvi_http.h); not kept */
        if (req->undeclared == NULL)
            req->undeclared = pvi_strdup(key ? key : "");
        return MHD_YES;
    }
    struct pvi_http__value *v = NULL;
    if (off == 0 || req->nvalues == 0 || strcmp(req->values[req->nvalues - 1].name, key) != 0)
        v = value_new(req, key, spec);
    else
        v = &req->values[req->nvalues - 1];
    if (spec->type == PVI_FIELD_FILE) {
        if (filename == NULL) {
            refuse(req, PVI_BAD_REQUEST, key);
            return MHD_NO;
        }
        if (v->fd < 0 && v->path == NULL) {
            v->filename = pvi_strdup(filename);
            v->content_type = pvi_strdup(content_type ? content_type : "");
            if (upload_open(v) != 0) {
                refuse(req, PVI_UNAVAILABLE, NULL);
                return MHD_NO;
            }
        }
        if (v->upload.size + size > max_bytes(spec)) {
            refuse(req, PVI_PAYLOAD_TOO_LARGE, key);
            return MHD_NO;
        }
        for (size_t done = 0; done < size;) {
            ssize_t w = write(v->fd, data + done, size - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                pvi_error("cannot write an upload: %s", strerror(errno));
                refuse(req, PVI_UNAVAILABLE, NULL);
                return MHD_NO;
            }
            done += (size_t)w;
        }
        v->upload.size += size;
        return MHD_YES;
    }
    if (filename != NULL) { /* a file where text was declared */
        refuse(req, PVI_BAD_REQUEST, key);
        return MHD_NO;
    }
    if (v->value.len + size > max_bytes(spec)) {
        refuse(req, PVI_PAYLOAD_TOO_LARGE, key);
        return MHD_NO;
    }
    pvi_buf_append(&v->value, data, size);
    return MHD_YES;
}

enum pvi_code
pvi_http__inputs_begin(struct pvi_http_request *req)
{
    const struct pvi_http_route *r = req->route;
    req->body_limit = r->max_body_bytes ? r->max_body_bytes : req->srv->cfg->max_body_bytes;
    const char *cl =
        MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > req->body_limit)
        return refuse(req, PVI_PAYLOAD_TOO_LARGE, NULL);
    MHD_get_connection_values_n(req->conn, MHD_GET_ARGUMENT_KIND, query_arg, req);
    if (req->refusal != PVI_OK)
        return req->refusal;
    if (!pvi_http_route_unsafe(r) || (r->flags & PVI_ROUTE_RAW_BODY))
        return PVI_OK;
    req->pp = MHD_create_post_processor(req->conn, POST_BUFFER, body_field, req);
    return PVI_OK; /* without a form body, the fields are simply absent */
}

enum pvi_code
pvi_http__inputs_feed(struct pvi_http_request *req, const char *data, size_t size)
{
    if (req->refusal != PVI_OK)
        return req->refusal;
    req->body_bytes += size;
    if (req->body_bytes > req->body_limit)
        return refuse(req, PVI_PAYLOAD_TOO_LARGE, NULL);
    if (req->route->flags & PVI_ROUTE_RAW_BODY) {
        pvi_buf_append(&req->raw, data, size);
        return PVI_OK;
    }
    if (!pvi_http_route_unsafe(req->route))
        return PVI_OK; /* a body on a GET is not read */
    if (req->pp == NULL)
        return refuse(req, PVI_BAD_REQUEST, "Content-Type");
    if (MHD_post_process(req->pp, data, size) != MHD_YES && req->refusal == PVI_OK)
        refuse(req, PVI_BAD_REQUEST, "");
    return req->refusal;
}

/* ---- checks against the declarations ---- */

static int
printable_token(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < 0x21 || s[i] > 0x7E)
            return 0;
    return 1;
}

/* 0 when v fits its declaration (normalising BOOL to "1"); -1 otherwise. */
static int
value_check(struct pvi_http__value *v)
{
    const struct pvi_http_field *f = v->spec;
    const char *s = v->value.data;
    size_t len = v->value.len;
    if (f->type == PVI_FIELD_FILE)
        return v->path != NULL ? 0 : -1;
    if (strlen(s) != len) /* a NUL inside */
        return -1;
    switch (f->type) {
    case PVI_FIELD_TEXT:
        if (!pvi_utf8_valid(s))
            return -1;
        break;
    case PVI_FIELD_INT: {
        long long x;
        long long lo = f->min, hi = f->max;
        if (lo == 0 && hi == 0) {
            lo = INT64_MIN;
            hi = INT64_MAX;
        }
        if (pvi_int_parse(&x, s, lo, hi) != 0)
            return -1;
        break;
    }
    case PVI_FIELD_ENUM: {
        int found = 0;
        for (const char *const *c = f->choices; *c && !found; c++)
            found = strcmp(*c, s) == 0;
        if (!found)
            return -1;
        break;
    }
    case PVI_FIELD_BOOL:
        if (strcmp(s, "1") != 0 && strcmp(s, "on") != 0 && strcmp(s, "true") != 0)
            return -1;
        v->value.len = 0;
        pvi_buf_puts(&v->value, "1");
        break;
    case PVI_FIELD_TOKEN:
        if (!printable_token(s, len))
            return -1;
        break;
    case PVI_FIELD_FILE:
        break;
    }
    if (f->check && f->check(s) != 0)
        return -1;
    return 0;
}

static void
value_free(struct pvi_http__value *v)
{
    free(v->name);
    pvi_buf_free(&v->value);
    if (v->fd >= 0)
        close(v->fd);
    if (v->path) {
        unlink(v->path);
        free(v->path);
    }
    free(v->filename);
    free(v->content_type);
}

/* Empty values of fields that are not text are absent (a select's "none"). */
static void
drop_empty(struct pvi_http_request *req)
{
    size_t k = 0;
    for (size_t i = 0; i < req->nvalues; i++) {
        struct pvi_http__value *v = &req->values[i];
        enum pvi_http_field_type t = v->spec->type;
        if (v->value.len == 0 && t != PVI_FIELD_TEXT && t != PVI_FIELD_FILE) {
            value_free(v);
            continue;
        }
        req->values[k++] = *v;
    }
    req->nvalues = k;
}

enum pvi_code
pvi_http__inputs_end(struct pvi_http_request *req)
{
    if (req->pp != NULL) {
        if (MHD_destroy_post_processor(req->pp) != MHD_YES)
            refuse(req, PVI_BAD_REQUEST, "");
        req->pp = NULL;
    }
    for (size_t i = 0; i < req->nvalues; i++)
        if (req->values[i].fd >= 0) {
            close(req->values[i].fd);
            req->values[i].fd = -1;
        }
    if (req->raw.data == NULL)
        pvi_buf_puts(&req->raw, "");
    return req->refusal;
}

enum pvi_code
pvi_http__inputs_check(struct pvi_http_request *req)
{
    if (req->undeclared)
        return refuse(req, PVI_BAD_REQUEST, req->undeclared);
    drop_empty(req);
    for (size_t i = 0; i < req->nvalues; i++) {
        struct pvi_http__value *v = &req->values[i];
        if (value_check(v) != 0)
            return refuse(req, PVI_BAD_REQUEST, v->name);
        if (!(v->spec->flags & PVI_FIELD_MULTI))
            for (size_t j = 0; j < i; j++)
                if (strcmp(req->values[j].name, v->name) == 0)
                    return refuse(req, PVI_BAD_REQUEST, v->name);
        if (v->spec->type == PVI_FIELD_FILE)
            v->upload = (struct pvi_http_upload){
                .path = v->path,
                .filename = v->filename,
                .content_type = v->content_type,
                .size = v->upload.size,
            };
    }
    const struct pvi_http_route *r = req->route;
    for (size_t f = 0; f < r->nfields; f++) {
        const struct pvi_http_field *spec = &r->fields[f];
        if (!(spec->flags & PVI_FIELD_REQUIRED) || strchr(spec->name, '*'))
            continue;
        if (pvi_http_field(req, spec->name) == NULL && pvi_http_file(req, spec->name) == NULL)
            return refuse(req, PVI_BAD_REQUEST, spec->name);
    }
    return PVI_OK;
}

void
pvi_http__inputs_free(struct pvi_http_request *req)
{
    if (req->pp)
        MHD_destroy_post_processor(req->pp);
    req->pp = NULL;
    for (size_t i = 0; i < req->nvalues; i++)
        value_free(&req->values[i]);
    free(req->values);
    req->values = NULL;
    req->nvalues = req->values_cap = 0;
    pvi_buf_free(&req->raw);
    free(req->refused_field);
    req->refused_field = NULL;
    free(req->undeclared);
    req->undeclared = NULL;
}

/* ---- accessors ---- */

const char *
pvi_http_field(const struct pvi_http_request *req, const char *name)
{
    return pvi_http_field_at(req, name, 0);
}

size_t
pvi_http_field_count(const struct pvi_http_request *req, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < req->nvalues; i++)
        n += req->values[i].spec->type != PVI_FIELD_FILE && strcmp(req->values[i].name, name) == 0;
    return n;
}

const char *
pvi_http_field_at(const struct pvi_http_request *req, const char *name, size_t k)
{
    for (size_t i = 0; i < req->nvalues; i++)
        if (req->values[i].spec->type != PVI_FIELD_FILE && strcmp(req->values[i].name, name) == 0 &&
            k-- == 0)
            return req->values[i].value.data;
    return NULL;
}

long long
pvi_http_field_int(const struct pvi_http_request *req, const char *name, long long dflt)
{
    long long v;
    const char *s = pvi_http_field(req, name);
    if (s == NULL || pvi_int_parse(&v, s, INT64_MIN, INT64_MAX) != 0)
        return dflt;
    return v;
}

const struct pvi_http_upload *
pvi_http_file(const struct pvi_http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nvalues; i++)
        if (req->values[i].spec->type == PVI_FIELD_FILE && strcmp(req->values[i].name, name) == 0)
            return &req->values[i].upload;
    return NULL;
}

const char *
pvi_http_body(size_t *len_out, const struct pvi_http_request *req)
{
    if (len_out)
        *len_out = req->raw.len;
    return req->raw.data ? req->raw.data : "";
}
