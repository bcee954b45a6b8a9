/* themes.c — internet-fo's charters: every xsl/charters/<name>.xsl compiled
 * with its CSS, and the common pages (sitemap, unavailable, not found);
 * compiled at start and again, as a whole, on SIGHUP. */
#include "ifo.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ifo_themes_free(struct ifo_themes *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        pvi_stylesheet_free(t->charters[i].xsl);
        free(t->charters[i].css);
    }
    pvi_stylesheet_free(t->sitemap);
    pvi_stylesheet_free(t->unavailable);
    pvi_stylesheet_free(t->notfound);
    free(t);
}

/* Compiles every xsl/charters/<name>.xsl (with its <name>.css) and the common pages. */
struct ifo_themes *
ifo_themes_load(const char *xsl_dir, unsigned gen)
{
    struct ifo_themes *t = pvi_calloc(1, sizeof *t);
    t->gen = gen;
    char *dir = pvi_asprintf("%s/charters", xsl_dir);
    DIR *d = opendir(dir);
    int ok = d != NULL;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL && t->n < IFO_MAX_CHARTERS) {
        size_t len = strlen(e->d_name);
        if (len < 5 || len - 4 >= sizeof t->charters[0].name ||
            strcmp(e->d_name + len - 4, ".xsl") != 0)
            continue;
        struct ifo_charter *c = &t->charters[t->n];
        memcpy(c->name, e->d_name, len - 4);
        c->name[len - 4] = '\0';
        char *path = pvi_asprintf("%s/%s", dir, e->d_name);
        char *css_path = pvi_asprintf("%s/%s.css", dir, c->name);
        ok = pvi_stylesheet_load(&c->xsl, path) == PVI_OK;
        c->css = pvi_file_read(&c->css_len, css_path);
        if (c->css == NULL) {
            c->css = pvi_strdup("");
            c->css_len = 0;
        }
        unsigned char h[crypto_generichash_BYTES];
        crypto_generichash(h, sizeof h, (const unsigned char *)c->css, c->css_len, NULL, 0);
        char name[sizeof c->name], href[sizeof c->css_href];
        memcpy(name, c->name, sizeof name);
        snprintf(href, sizeof href, "/_charte/%s.%02x%02x%02x%02x.css", name, h[0], h[1], h[2],
                 h[3]);
        memcpy(c->css_href, href, sizeof href);
        free(path);
        free(css_path);
        t->n++;
    }
    if (d)
        closedir(d);
    const struct {
        const char *file;
        struct pvi_stylesheet **dst;
    } common[] = {{"sitemap.xsl", &t->sitemap},
                  {"unavailable.xsl", &t->unavailable},
                  {"notfound.xsl", &t->notfound}};
    for (size_t i = 0; ok && i < PVI_COUNT_OF(common); i++) {
        char *path = pvi_asprintf("%s/common/%s", dir, common[i].file);
        ok = pvi_stylesheet_load(common[i].dst, path) == PVI_OK;
        free(path);
    }
    free(dir);
    if (!ok || t->n == 0) {
        pvi_error("cannot load the charters from %s/charters", xsl_dir);
        ifo_themes_free(t);
        return NULL;
    }
    pvi_info("loaded %zu charter(s), generation %u", t->n, gen);
    return t;
}

void
ifo_themes_reload(void *arg)
{
    struct ifo_app *a = arg;
    unsigned gen = atomic_load(&a->gen) + 1;
    struct ifo_themes *t = ifo_themes_load(a->svc->cfg.xsl_dir, gen);
    if (t == NULL) {
        pvi_error("reload failed: keeping the stylesheets in use");
        return;
    }
    pthread_rwlock_wrlock(&a->lock);
    struct ifo_themes *old = a->themes;
    a->themes = t;
    atomic_store(&a->gen, gen);
    pthread_rwlock_unlock(&a->lock);
    ifo_themes_free(old);
}

const struct ifo_charter *
ifo_charter_find(const struct ifo_themes *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->charters[i].name, name) == 0)
            return &t->charters[i];
    for (size_t i = 0; i < t->n; i++) /* unknown: the default charter */
        if (strcmp(t->charters[i].name, "classique") == 0)
            return &t->charters[i];
    return &t->charters[0];
}

/* /_charte/<name>.<hash>.css */
void
ifo_serve_css(struct pvi_http_request *req, const struct ifo_themes *t)
{
    const char *path = pvi_http_path(req);
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(path, t->charters[i].css_href) == 0) {
            pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
            pvi_http_reply(req, 200, "text/css; charset=utf-8",
                           pvi_strndup(t->charters[i].css, t->charters[i].css_len),
                           t->charters[i].css_len);
            return;
        }
    ifo_reply_text(req, 404, "Feuille de style introuvable.\n");
}
