/* pvi_charter.h — the graphic charters of the public sites: the compiled
 * stylesheets of xsl/charters/ with their CSS (what internet-fo renders
 * every public page with), the charters the database knows (name, label,
 * description), and the preview of a site's working content in any charter
 * for the back office, made by the same export and the same stylesheets as
 * the published pages. */
#ifndef PVI_CHARTER_H
#define PVI_CHARTER_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_render.h"

#include <jansson.h>
#include <stddef.h>

#define PVI_MAX_CHARTERS 32

/* One compiled charter: xsl/charters/<name>.xsl and <name>.css. */
struct pvi_charter {
    char name[48];
    struct pvi_stylesheet *xsl;
    char *css; /* "" when the charter has no CSS file */
    size_t css_len;
    char css_href[96]; /* "/_charte/<name>.<8 hex of the CSS's hash>.css" */
};

struct pvi_charters {
    struct pvi_charter charters[PVI_MAX_CHARTERS];
    size_t n;
};

/* Compiles every <xsl_dir>/charters/<name>.xsl with its CSS (the common
 * pages of charters/common/ are not charters). *out belongs to the caller
 * (pvi_charters_free). PVI_CONFIG (logged) when the folder cannot be read,
 * a stylesheet does not compile, or there is no charter at all. Call
 * pvi_render_init() first. */
enum pvi_code pvi_charters_load(struct pvi_charters **out, const char *xsl_dir);
/* NULL is a no-op. */
void pvi_charters_free(struct pvi_charters *set);
/* The charter of that name, or NULL. */
const struct pvi_charter *pvi_charters_find(const struct pvi_charters *set, const char *name);
/* The charter whose css_href is path, or NULL (serving /_charte/…). */
const struct pvi_charter *pvi_charters_by_css(const struct pvi_charters *set, const char *path);

/* The charters of the database, by label: [{"name","label","description",
 * "active"}]. *out belongs to the caller. Who may manage charters
 * (PVI_ACT_ADMINISTER: admin, system); others PVI_FORBIDDEN. */
enum pvi_code pvi_charter_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

/* What a preview shows. Strings are borrowed for the call. */
struct pvi_preview {
    long long site_id;
    const char *charter;         /* a compiled charter's name */
    const char *page;            /* "home", "services", "photos" or "contact" */
    const char *link_prefix;     /* put before the site's own links ("/services" → prefix +
                                    "/services"), so that they stay in the preview */
    const char *banner;          /* the text of the banner that says it is a preview */
    const char *platform_domain; /* the site's host is <slug>.<this> when it has no domain */
    const char *today;           /* YYYY-MM-DD: closures that ended are not shown */
};

/* Renders one page of the site's working content (pvi_site_working_content:
 * the draft before publication; for an online site the pending change
 * request's proposal, else the published content) in the charter given,
 * whatever the site's own charter is: the content is exported as a
 * published revision would be (pvi_export_xml) and transformed by the
 * charter's stylesheet with the parameters internet-fo gives, plus the
 * banner and the link prefix. *html_out (free()) gets the HTML, *len_out
 * its length.
 * Who may see unpublished content in any charter: PVI_ACT_ADMINISTER
 * (admin, system), after the read of the site (PVI_ACT_READ).
 * Errors: PVI_FORBIDDEN; PVI_NOT_FOUND (no such site, no such charter, or a
 * page the site does not have); PVI_INCOMPLETE (the content has no
 * business name yet: nothing to show); PVI_INTERNAL (the transformation
 * failed, logged); PVI_UNAVAILABLE. */
enum pvi_code pvi_charter_preview(char **html_out, size_t *len_out, struct pvi_db *db,
                                  const struct pvi_actor *actor, const struct pvi_charters *set,
                                  const struct pvi_preview *in);

#endif
