/* request.c — one request of the public: the Host header normalised and
 * looked up (route map, else Redis), then the charter CSS, a media file,
 * robots.txt or a page of the site; unknown hosts get the generic 404 page. */
#include "ifo.h"

#include "pvi/pvi_mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
reply_html(struct pvi_http_request *req, int status, char *html, size_t len, const char *etag,
           const char *cache_control)
{
    if (etag)
        pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", cache_control);
    pvi_http_add_header(req, "X-Content-Type-Options", "nosniff");
    pvi_http_reply(req, status, "text/html; charset=utf-8", html, len);
}

static void
serve_unknown_host(struct pvi_http_request *req, struct ifo_themes *t, const char *host)
{
    struct pvi_xml *doc = NULL;
    char *body = NULL;
    size_t len = 0;
    const char *params[] = {"host", host, NULL};
    pvi_render_scope_begin();
    int ok = pvi_xml_empty(&doc) == PVI_OK &&
             pvi_render(&body, &len, t->notfound, doc, params) == PVI_OK;
    pvi_xml_free(doc);
    pvi_render_scope_end();
    if (ok)
        reply_html(req, 404, body, len, NULL, "no-store");
    else
        ifo_reply_text(req, 404, "Site introuvable.\n");
}

void
ifo_handle(struct pvi_http_request *req)
{
    struct ifo_app *a = pvi_http_app(req);
    char host[254];
    if (pvi_host_normalize(host, pvi_http_header(req, "Host")) != 0) {
        ifo_reply_text(req, 400, "En-tête Host invalide.\n");
        return;
    }
    const char *path = pvi_http_path(req);
    pthread_rwlock_rdlock(&a->lock);
    struct ifo_themes *t = a->themes;
    if (strncmp(path, "/_charte/", 9) == 0) {
        ifo_serve_css(req, t);
        goto done;
    }
    struct pvi_route route;
    enum pvi_code rc = a->routes ? pvi_routemap_lookup(&route, a->routes, a->svc->redis, host)
                                 : pvi_route_lookup(&route, a->svc->redis, host);
    if (rc == PVI_NOT_FOUND) {
        serve_unknown_host(req, t, host);
        goto done;
    }
    if (rc != PVI_OK) {
        pvi_http_add_header(req, "Retry-After", "5");
        ifo_reply_text(req, 503, "Service momentanément indisponible.\n");
        goto done;
    }
    if (strncmp(path, "/media/", 7) == 0) {
        ifo_serve_media(req, a, path + 7);
        goto done;
    }
    const char *proto = pvi_http_header(req, "X-Forwarded-Proto");
    const char *raw_host = pvi_http_header(req, "Host");
    char base[300];
    /* the Host header passed normalisation: only [A-Za-z0-9.-] and a port */
    snprintf(base, sizeof base, "%s://%s", proto && strcmp(proto, "https") == 0 ? "https" : "http",
             raw_host);
    for (char *p = base; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (strcmp(path, "/robots.txt") == 0) {
        char *txt = route.state == 'o'
                        ? pvi_asprintf("User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", base)
                        : pvi_strdup("User-agent: *\nDisallow: /\n");
        pvi_http_add_header(req, "Cache-Control", "public, max-age=300");
        pvi_http_reply(req, 200, "text/plain; charset=utf-8", txt, strlen(txt));
        goto done;
    }
    ifo_serve_page(req, a, t, &route, base);
done:
    pthread_rwlock_unlock(&a->lock);
}

void
ifo_refuse(struct pvi_http_request *req, enum pvi_code code, const char *field)
{
    (void)field;
    char *text = pvi_msg_format(PVI_LANG_FR, pvi_code_msg(code), NULL, 0);
    char *line = pvi_asprintf("%s\n", text);
    free(text);
    ifo_reply_text(req, pvi_code_http(code), line);
    free(line);
}
