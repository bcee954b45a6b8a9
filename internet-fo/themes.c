/* themes.c — internet-fo's charters: every xsl/charters/<name>.xsl compiled
 * with its CSS (pvi_charter.h), and the common pages (sitemap, unavailable,
 * not found); compiled at start and again, as a whole, on SIGHUP. */
#include "ifo.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <stdlib.h>
#include <string.h>

void
ifo_themes_free(struct ifo_themes *t)
{
    if (t == NULL)
        return;
    pvi_charters_free(t->charters);
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
    int ok = pvi_charters_load(&t->charters, xsl_dir) == PVI_OK;
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
    if (!ok) {
        pvi_error("cannot load the charters from %s/charters", xsl_dir);
        ifo_themes_free(t);
        return NULL;
    }
    pvi_info("loaded %zu charter(s), generation %u", t->charters->n, gen);
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

const struct pvi_charter *
ifo_charter_find(const struct ifo_themes *t, const char *name)
{
    const struct pvi_charter *c = pvi_charters_find(t->charters, name);
    if (c == NULL) /* unknown: the default charter */
        c = pvi_charters_find(t->charters, "classique");
    return c ? c : &t->charters->charters[0];
}

/* /_charte/<name>.<hash>.css */
void
ifo_serve_css(struct pvi_http_request *req, const struct ifo_themes *t)
{
    const struct pvi_charter *c = pvi_charters_by_css(t->charters, pvi_http_path(req));
    if (c != NULL) {
        pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
        pvi_http_reply(req, 200, "text/css; charset=utf-8", pvi_strndup(c->css, c->css_len),
                       c->css_len);
        return;
    }
    ifo_reply_text(req, 404, "Feuille de style introuvable.\n");
}
