/* charters.c — the compiled charters (pvi_charter.h): every
 * xsl/charters/<name>.xsl with its CSS and the href the CSS is served at,
 * named after its hash so that browsers may keep it for ever. internet-fo
 * renders the public pages with them, the back office its previews. */
#include "pvi/pvi_charter.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
pvi_charters_free(struct pvi_charters *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n; i++) {
        pvi_stylesheet_free(set->charters[i].xsl);
        free(set->charters[i].css);
    }
    free(set);
}

/* Compiles dir/<file> (a name ending in ".xsl") and its CSS into c. */
static int
charter_load(struct pvi_charter *c, const char *dir, const char *file, size_t len)
{
    memcpy(c->name, file, len - 4);
    c->name[len - 4] = '\0';
    char *path = pvi_asprintf("%s/%s", dir, file);
    char *css_path = pvi_asprintf("%s/%s.css", dir, c->name);
    int ok = pvi_stylesheet_load(&c->xsl, path) == PVI_OK;
    c->css = pvi_file_read(&c->css_len, css_path);
    if (c->css == NULL) {
        c->css = pvi_strdup("");
        c->css_len = 0;
    }
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)c->css, c->css_len, NULL, 0);
    snprintf(c->css_href, sizeof c->css_href, "/_charte/%.47s.%02x%02x%02x%02x.css", c->name, h[0],
             h[1], h[2], h[3]);
    free(path);
    free(css_path);
    return ok;
}

enum pvi_code
pvi_charters_load(struct pvi_charters **out, const char *xsl_dir)
{
    *out = NULL;
    struct pvi_charters *set = pvi_calloc(1, sizeof *set);
    char *dir = pvi_asprintf("%s/charters", xsl_dir);
    DIR *d = opendir(dir);
    int ok = d != NULL;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL && set->n < PVI_MAX_CHARTERS) {
        size_t len = strlen(e->d_name);
        if (len < 5 || len - 4 >= sizeof set->charters[0].name ||
            strcmp(e->d_name + len - 4, ".xsl") != 0)
            continue;
        ok = charter_load(&set->charters[set->n], dir, e->d_name, len);
        set->n++; /* freed with the set, even when it failed */
    }
    if (d)
        closedir(d);
    if (!ok || set->n == 0) {
        pvi_error("cannot load the charters from %s", dir);
        free(dir);
        pvi_charters_free(set);
        return PVI_CONFIG;
    }
    free(dir);
    *out = set;
    return PVI_OK;
}

const struct pvi_charter *
pvi_charters_find(const struct pvi_charters *set, const char *name)
{
    for (size_t i = 0; set && name && i < set->n; i++)
        if (strcmp(set->charters[i].name, name) == 0)
            return &set->charters[i];
    return NULL;
}

const struct pvi_charter *
pvi_charters_by_css(const struct pvi_charters *set, const char *path)
{
    for (size_t i = 0; set && path && i < set->n; i++)
        if (strcmp(set->charters[i].css_href, path) == 0)
            return &set->charters[i];
    return NULL;
}
