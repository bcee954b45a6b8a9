/* page.c — internet-fo's pages of a published site: the page asked for, its
 * ETag, the render cache (key, entry) and the rendering of the site's
 * document with its charter, in one render scope; media files. */
#include "ifo.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
ifo_reply_text(struct pvi_http_request *req, int status, const char *text)
{
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_http_reply_text(req, status, "text/plain; charset=utf-8", text);
}

static int
etag_matches(struct pvi_http_request *req, const char *etag)
{
    const char *inm = pvi_http_header(req, "If-None-Match");
    return inm && (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0);
}

/* /media/<sha256> */
void
ifo_serve_media(struct pvi_http_request *req, struct ifo_app *a, const char *hash)
{
    char rel[80];
    snprintf(rel, sizeof rel, "media/%s", hash);
    char *data = NULL;
    size_t len = 0;
    if (!pvi_store_path_valid(rel) || pvi_store_read(&data, &len, a->store, rel) != PVI_OK) {
        ifo_reply_text(req, 404, "Média introuvable.\n");
        return;
    }
    const char *type = pvi_media_type((const unsigned char *)data, len);
    if (type == NULL) {
        free(data);
        ifo_reply_text(req, 404, "Média introuvable.\n");
        return;
    }
    char etag[72];
    snprintf(etag, sizeof etag, "\"%.64s\"", hash);
    pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
    if (etag_matches(req, etag)) {
        free(data);
        pvi_http_reply(req, 304, NULL, pvi_strdup(""), 0);
        return;
    }
    pvi_http_reply(req, 200, type, data, len);
}

static const char *const page_names[] = {"home",   "services", "contact",
                                         "photos", "sitemap",  "notfound"};

static enum ifo_page
page_of(const char *path)
{
    static const struct {
        const char *path;
        enum ifo_page page;
    } pages[] = {{"/", IFO_HOME},
                 {"/services", IFO_SERVICES},
                 {"/contact", IFO_CONTACT},
                 {"/photos", IFO_PHOTOS},
                 {"/sitemap.xml", IFO_SITEMAP}};
    for (size_t i = 0; i < PVI_COUNT_OF(pages); i++)
        if (strcmp(path, pages[i].path) == 0)
            return pages[i].page;
    return IFO_NOTFOUND;
}

/* Sends a rendered page (body is handed over). */
static void
answer_page(struct pvi_http_request *req, enum ifo_page page, int suspended, int status,
            const char *etag, char *body, size_t len)
{
    const char *type = "text/html; charset=utf-8";
    const char *cache_control = status == 200 ? "no-cache" : "no-store";
    if (page == IFO_SITEMAP && !suspended)
        type = "application/xml; charset=utf-8";
    else
        pvi_http_add_header(req, "X-Content-Type-Options", "nosniff");
    if (status == 200)
        pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", cache_control);
    pvi_http_reply(req, status, type, body, len);
}

/* The parts joined by sep into out; NULL when they do not fit. (Every
 * request builds a cache key: printf would be a tenth of a cache hit.) */
static const char *
join(char *out, size_t cap, char sep, const char *const *parts, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(parts[i]);
        if (len + l + 2 > cap)
            return NULL;
        if (i > 0)
            out[len++] = sep;
        memcpy(out + len, parts[i], l);
        len += l;
    }
    out[len] = '\0';
    return out;
}

/* "<site>-<revision>-<page>-<stylesheet generation>", quoted. */
static void
page_etag(char *out, size_t cap, const struct pvi_route *route, const char *pname, unsigned gen)
{
    char site[PVI_INT_TEXT_SIZE], rev[PVI_INT_TEXT_SIZE], g[PVI_INT_TEXT_SIZE];
    pvi_int_text(site, route->site_id);
    pvi_int_text(rev, route->revision);
    pvi_int_text(g, gen);
    const char *parts[] = {site, rev, pname, g};
    out[0] = '"';
    if (join(out + 1, cap - 2, '-', parts, 4) == NULL) {
        snprintf(out, cap, "\"%s\"", site);
        return;
    }
    size_t n = strlen(out);
    out[n] = '"';
    out[n + 1] = '\0';
}

/* Today's date (UTC, YYYY-MM-DD), worked out once a day per thread. */
const char *
ifo_today(void)
{
    static _Thread_local long day = -1;
    static _Thread_local char text[16];
    time_t now = (time_t)pvi_now();
    if (now / 86400 != day) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(text, sizeof text, "%Y-%m-%d", &tm);
        day = (long)(now / 86400);
    }
    return text;
}

/* Reads the site's published document and renders one page of it, in one
 * render scope (every libxml2 allocation of the page is released at once).
 * *status becomes 404 for a page the site does not have. PVI_INTERNAL when
 * the transformation fails; another code when the document is unreadable. */
enum pvi_code
ifo_render_page(char **body, size_t *len, int *status, struct ifo_app *a, struct ifo_themes *t,
                const struct pvi_route *route, enum ifo_page page, const char *pname,
                const char *base, const char *today)
{
    char *xml = NULL;
    size_t xlen = 0;
    struct pvi_xml *doc = NULL;
    enum pvi_code rc = pvi_store_read(&xml, &xlen, a->store, route->path);
    pvi_render_scope_begin();
    if (rc == PVI_OK)
        rc = pvi_xml_parse(&doc, xml, xlen);
    free(xml);
    if (rc != PVI_OK) {
        pvi_render_scope_end();
        pvi_error("published document %s unreadable (%s)", route->path, pvi_code_name(rc));
        return rc == PVI_INTERNAL ? PVI_UNAVAILABLE : rc;
    }
    char charter_name[48];
    pvi_xml_root_attr(charter_name, sizeof charter_name, doc, "charter");
    if (charter_name[0] == '\0')
        pvi_xml_find_text(charter_name, sizeof charter_name, doc, "charter");
    const struct pvi_charter *ch = ifo_charter_find(t, charter_name);
    /* a page the site does not have (no photos, say) is a 404 */
    if (*status == 200 && page != IFO_SITEMAP && !pvi_xml_has(doc, "page", "key", pname))
        *status = 404;
    const struct pvi_stylesheet *xsl = route->state == 's'   ? t->unavailable
                                       : page == IFO_SITEMAP ? t->sitemap
                                                             : ch->xsl;
    const char *params[] = {"page", pname, "base", base, "css", ch->css_href, "today", today, NULL};
    rc = pvi_render(body, len, xsl, doc, params);
    pvi_xml_free(doc);
    pvi_render_scope_end();
    return rc == PVI_OK ? PVI_OK : PVI_INTERNAL;
}

/* The render cache's key for a page: "<stylesheet generation>|<date>|"
 * (closures that ended are not shown), then document (site and revision),
 * page and base URL. The prefix says whether a page can still be asked for
 * (key_is_current). NULL when it does not fit in buf. */
const char *
ifo_page_key(char *buf, size_t cap, const struct pvi_route *route, const char *pname, unsigned gen,
             const char *base, const char *today)
{
    char g[PVI_INT_TEXT_SIZE];
    pvi_int_text(g, gen);
    const char *parts[] = {g, today, route->path, pname, base};
    return join(buf, cap, '|', parts, PVI_COUNT_OF(parts));
}

/* A cache entry is "<status> <body>". */
void
ifo_cache_store(struct ifo_app *a, const char *key, int status, const char *body, size_t len)
{
    char *entry = pvi_malloc(len + 5);
    snprintf(entry, 5, "%03d ", status);
    memcpy(entry + 4, body, len + 1);
    pvi_cache_put(a->cache, key, entry, len + 4);
    free(entry);
}

/* Renders (or finds in the cache) one page of a published site. */
void
ifo_serve_page(struct pvi_http_request *req, struct ifo_app *a, struct ifo_themes *t,
               const struct pvi_route *route, const char *base)
{
    enum ifo_page page = route->state == 's' ? IFO_NOTFOUND : page_of(pvi_http_path(req));
    int suspended = route->state == 's';
    int status = suspended ? 503 : page == IFO_NOTFOUND ? 404 : 200;
    const char *pname = suspended ? "unavailable" : page_names[page];
    char etag[128];
    page_etag(etag, sizeof etag, route, pname, t->gen);
    if (suspended)
        pvi_http_add_header(req, "Retry-After", "3600");
    if (status == 200 && etag_matches(req, etag)) {
        pvi_http_add_header(req, "ETag", etag);
        pvi_http_add_header(req, "Cache-Control", "no-cache");
        pvi_http_reply(req, 304, NULL, pvi_strdup(""), 0);
        return;
    }
    const char *today = ifo_today();
    char key_buf[512];
    const char *key = ifo_page_key(key_buf, sizeof key_buf, route, pname, t->gen, base, today);
    char *cached = NULL;
    size_t clen = 0;
    if (key && pvi_cache_get(&cached, &clen, a->cache, key) && clen >= 4) {
        int cached_status = atoi(cached);
        memmove(cached, cached + 4, clen - 4 + 1); /* drop the "NNN " prefix in place */
        answer_page(req, page, suspended, cached_status, etag, cached, clen - 4);
        return;
    }
    free(cached);
    char *body = NULL;
    size_t len = 0;
    enum pvi_code rc = ifo_render_page(&body, &len, &status, a, t, route, page, pname, base, today);
    if (rc != PVI_OK) {
        if (rc == PVI_INTERNAL)
            ifo_reply_text(req, 500, "Erreur interne.\n");
        else
            ifo_reply_text(req, 503, "Site momentanément indisponible.\n");
        return;
    }
    if (key)
        ifo_cache_store(a, key, status, body, len);
    answer_page(req, page, suspended, status, etag, body, len);
}

void
ifo_current_prefix(char out[static 48], unsigned gen)
{
    char g[PVI_INT_TEXT_SIZE];
    pvi_int_text(g, gen);
    const char *parts[] = {g, ifo_today(), ""};
    join(out, 48, '|', parts, 3);
}
