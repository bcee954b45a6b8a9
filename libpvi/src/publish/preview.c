/* preview.c — a site's working content in any charter, for the back office
 * (pvi_charter.h): the same export as a publication (pvi_export_xml) and the
 * same charter stylesheet and parameters as internet-fo, with a banner that
 * says it is a preview and links that stay in it. */
#include "pvi/pvi_charter.h"
#include "pvi/pvi_export.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_workflow.h"

#include <stdlib.h>
#include <string.h>

/* The working content as a revision in charter, exported. */
static enum pvi_code
export_working(char **xml, size_t *len, const struct pvi_site *s, const char *charter,
               const struct pvi_preview *in)
{
    const char *name =
        json_string_value(json_object_get(pvi_site_working_content(s), "business_name"));
    if (name == NULL || *name == '\0')
        return PVI_INCOMPLETE; /* nothing a page could be made of */
    json_t *content = json_deep_copy(pvi_site_working_content(s));
    json_object_set_new(content, "charter", json_string(charter));
    struct pvi_export_site ex = {
        .site_id = s->id,
        .slug = s->slug,
        .revision = s->draft_number ? s->draft_number : s->published_number,
        .published_at = s->updated_at,
        .platform_domain = in->platform_domain,
        .hosts = NULL, /* the content's own domains */
        .content = content,
    };
    enum pvi_code rc = pvi_export_xml(xml, len, &ex);
    json_decref(content);
    return rc;
}

static enum pvi_code
render_page(char **html, size_t *len, const struct pvi_charter *ch, const char *xml, size_t xlen,
            const struct pvi_preview *in)
{
    struct pvi_xml *doc = NULL;
    pvi_render_scope_begin();
    enum pvi_code rc = pvi_xml_parse(&doc, xml, xlen) == PVI_OK ? PVI_OK : PVI_INTERNAL;
    if (rc == PVI_OK && !pvi_xml_has(doc, "page", "key", in->page))
        rc = PVI_NOT_FOUND; /* a page the site does not have (no photos, say) */
    if (rc == PVI_OK) {
        const char *prefix = in->link_prefix ? in->link_prefix : "";
        const char *params[] = {"page",        in->page,
                                "base",        prefix,
                                "css",         ch->css_href,
                                "today",       in->today ? in->today : "",
                                "preview",     in->banner ? in->banner : "",
                                "link-prefix", prefix,
                                NULL};
        rc = pvi_render(html, len, ch->xsl, doc, params);
    }
    pvi_xml_free(doc);
    pvi_render_scope_end();
    return rc;
}

enum pvi_code
pvi_charter_preview(char **html_out, size_t *len_out, struct pvi_db *db,
                    const struct pvi_actor *actor, const struct pvi_charters *set,
                    const struct pvi_preview *in)
{
    *html_out = NULL;
    *len_out = 0;
    struct pvi_site *s = NULL;
    enum pvi_code rc = pvi_site_get(&s, db, actor, in->site_id);
    if (rc != PVI_OK)
        return rc;
    struct pvi_site_facts facts = {
        .client_id = s->client_id, .operator_id = s->operator_id, .state = s->state};
    rc = pvi_perm_check(actor, PVI_ACT_ADMINISTER, &facts);
    const struct pvi_charter *ch = pvi_charters_find(set, in->charter);
    if (rc == PVI_OK && (ch == NULL || in->page == NULL))
        rc = PVI_NOT_FOUND;
    char *xml = NULL;
    size_t xlen = 0;
    if (rc == PVI_OK)
        rc = export_working(&xml, &xlen, s, ch->name, in);
    if (rc == PVI_OK)
        rc = render_page(html_out, len_out, ch, xml, xlen, in);
    free(xml);
    pvi_site_free(s);
    return rc;
}
