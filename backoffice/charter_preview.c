/* charter_preview.c — GET /chartes/{name}/apercu/{site}/…: one page of a
 * site's working content in a charter, as the public site would show it
 * (pvi_charter_preview: the same export and stylesheets as internet-fo), on
 * a page of its own with the charter's own CSP and a banner saying it is a
 * preview; the site's links ("/", "/services"…) stay under the preview's
 * path. GET /_charte/<name>.<hash>.css: the charters' CSS, as internet-fo
 * serves it. The charters are compiled once, at the first use. */
#include "backoffice.h"

#include "pvi/pvi_charter.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A charter page needs its CSS and nothing else: no script, no frame, no
 * form; images of the site come from internet-fo, not from here. */
#define PREVIEW_CSP                                                                                \
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"   \
    " frame-ancestors 'none'"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct pvi_charters *charters;
static const char *xsl_dir;

static void
load_charters(void)
{
    if (pvi_charters_load(&charters, xsl_dir) != PVI_OK)
        charters = NULL; /* logged; every preview answers 503 */
}

const struct pvi_charters *
bo_charters_compiled(struct pvi_http_request *req)
{
    xsl_dir = pvi_web_service(req)->cfg.xsl_dir;
    pthread_once(&once, load_charters);
    return charters;
}

/* "" → home; "services", "photos", "contact"; anything else: NULL. */
static const char *
page_of(const char *rest)
{
    static const char *const pages[] = {"services", "photos", "contact"};
    if (*rest == '\0')
        return "home";
    for (size_t i = 0; i < PVI_COUNT_OF(pages); i++)
        if (strcmp(rest, pages[i]) == 0)
            return pages[i];
    return NULL;
}

/* The charter's label as the database names it ("Azur"), or its name. */
static char *
charter_label(struct pvi_http_request *req, const char *name)
{
    json_t *list = NULL;
    char *label = NULL;
    size_t i;
    const json_t *c;
    if (pvi_charter_list(&list, pvi_web_service(req)->db, pvi_web_actor(req)) == PVI_OK)
        json_array_foreach(list, i,
                           c) if (label == NULL &&
                                  strcmp(json_string_value(json_object_get(c, "name")), name) == 0)
            label = pvi_strdup(json_string_value(json_object_get(c, "label")));
    json_decref(list);
    return label ? label : pvi_strdup(name);
}

static void
today(char out[static 16])
{
    time_t now = (time_t)pvi_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

void
bo_charter_preview(struct pvi_http_request *req)
{
    const struct pvi_charters *set = bo_charters_compiled(req);
    if (set == NULL) {
        pvi_web_error_page(req, PVI_UNAVAILABLE, NULL);
        return;
    }
    const char *name = pvi_http_param(req, "name");
    long long site_id = pvi_http_param_int(req, "site");
    char *prefix = pvi_asprintf("/chartes/%s/apercu/%lld", name, site_id);
    /* the path is the prefix, then nothing, '/' or '/' and the page */
    const char *rest = pvi_http_path(req) + strlen(prefix);
    const char *page = page_of(*rest == '/' ? rest + 1 : rest);
    struct pvi_service *svc = pvi_web_service(req);
    const struct pvi_actor *actor = pvi_web_actor(req);
    struct pvi_site *s = NULL;
    enum pvi_code rc = page ? pvi_site_get(&s, svc->db, actor, site_id) : PVI_NOT_FOUND;
    const struct pvi_charter *ch = pvi_charters_find(set, name);
    if (rc == PVI_OK && ch == NULL)
        rc = PVI_NOT_FOUND;
    char *html = NULL;
    size_t len = 0;
    if (rc == PVI_OK) {
        char *label = charter_label(req, ch->name);
        const struct pvi_msg_arg a[] = {{"charter", label}, {"name", s->business_name}};
        char *banner = pvi_msg_format(pvi_web_lang(req), PVI_MSG_UI_PREVIEW_BANNER, a, 2);
        free(label);
        char day[16];
        today(day);
        const struct pvi_preview in = {.site_id = site_id,
                                       .charter = name,
                                       .page = page,
                                       .link_prefix = prefix,
                                       .banner = banner,
                                       .platform_domain = svc->cfg.platform_domain,
                                       .today = day};
        rc = pvi_charter_preview(&html, &len, svc->db, actor, set, &in);
        free(banner);
    }
    pvi_site_free(s);
    free(prefix);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    pvi_http_add_header(req, "Content-Security-Policy", PREVIEW_CSP);
    pvi_http_add_header(req, "X-Robots-Tag", "noindex");
    pvi_http_reply(req, 200, "text/html; charset=utf-8", html, len);
}

void
bo_charter_css(struct pvi_http_request *req)
{
    const struct pvi_charters *set = bo_charters_compiled(req);
    const struct pvi_charter *c = pvi_charters_by_css(set, pvi_http_path(req));
    if (c == NULL) {
        pvi_web_error_page(req, set ? PVI_NOT_FOUND : PVI_UNAVAILABLE, NULL);
        return;
    }
    pvi_http_add_header(req, "Cache-Control", "private, max-age=31536000, immutable");
    pvi_http_reply(req, 200, "text/css; charset=utf-8", pvi_strndup(c->css, c->css_len),
                   c->css_len);
}
