/* site.c — GET /sites/{id}: the site page of the back office. The site's
 * state and who holds it, a link to the live site and to the edit form,
 * the content field by field as the public will see it, then the
 * publication status (site_publication.c), the decisions libpvi allows now
 * (site_actions.c), the revisions, the provenance of each field, the call
 * log and the audit trail (site_history.c). */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
bo_site_href(char out[static 64], long long id, const char *suffix)
{
    snprintf(out, 64, "/sites/%lld%s", id, suffix ? suffix : "");
}

int
bo_site_load(struct pvi_site **out, struct pvi_http_request *req)
{
    *out = NULL;
    enum pvi_code rc = pvi_site_get(out, pvi_web_service(req)->db, pvi_web_actor(req),
                                    pvi_http_param_int(req, "id"));
    if (rc == PVI_OK)
        return 0;
    pvi_web_error_page(req, rc, NULL);
    return -1;
}

static void
fact_int(struct pvi_view *v, struct pvi_vnode *facts, enum pvi_msg label, long long n,
         enum pvi_msg zero)
{
    char t[PVI_INT_TEXT_SIZE];
    pvi_int_text(t, n);
    pvi_view_fact(v, facts, label, n ? t : pvi_msg_text(pvi_view_lang(v), zero));
}

void
bo_site_state_facts(struct pvi_view *v, struct pvi_vnode *parent, const struct pvi_site *s)
{
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *facts = pvi_view_el(parent, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_STATE, bo_state_text(lang, s->state));
    if (s->state_reason)
        pvi_view_fact(v, facts, PVI_MSG_BO_SITE_REASON, s->state_reason);
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_OPERATOR,
                  s->operator_name ? s->operator_name : pvi_msg_text(lang, PVI_MSG_BO_SITE_NONE));
    fact_int(v, facts, PVI_MSG_BO_SITE_DRAFT, s->draft_number, PVI_MSG_BO_SITE_NONE);
    fact_int(v, facts, PVI_MSG_BO_SITE_PUBLISHED, s->published_number, PVI_MSG_BO_SITE_NEVER);
    if (s->pending_request_id) {
        char id[PVI_INT_TEXT_SIZE];
        pvi_int_text(id, s->pending_request_id);
        struct pvi_vnode *f = pvi_view_fact(v, facts, PVI_MSG_BO_SITE_PENDING, NULL);
        pvi_view_msg(v, f, "strong", PVI_MSG_BO_SITE_PENDING_YES, "id", id, NULL);
    }
    fact_int(v, facts, PVI_MSG_BO_SITE_VERSION, s->version, PVI_MSG_BO_SITE_NONE);
    char t[40];
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_UPDATED, bo_time_text(t, lang, s->updated_at));
}

/* The public address of a host, as visitors reach it. */
static char *
public_url(const struct pvi_config *cfg, const char *host)
{
    const char *scheme = cfg->public_scheme ? cfg->public_scheme : "https";
    if (cfg->public_port > 0)
        return pvi_asprintf("%s://%s:%d/", scheme, host, cfg->public_port);
    return pvi_asprintf("%s://%s/", scheme, host);
}

static void
summary(struct pvi_view *v, struct pvi_vnode *m, struct pvi_http_request *req,
        const struct pvi_site *s)
{
    const struct pvi_config *cfg = &pvi_web_service(req)->cfg;
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_BO_SITE_SUMMARY);
    struct pvi_vnode *facts = pvi_view_el(sec, "facts", NULL);
    char *who = pvi_asprintf("%s — %s", s->customer_number, s->company_name);
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_CUSTOMER, who);
    free(who);
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_SLUG, s->slug);
    pvi_view_fact(v, facts, PVI_MSG_BO_SITE_CHARTER,
                  s->charter ? s->charter : pvi_msg_text(pvi_view_lang(v), PVI_MSG_BO_SITE_NONE));
    /* the live site: its platform host, then each published domain */
    struct pvi_vnode *live = pvi_view_fact(v, facts, PVI_MSG_BO_SITE_LIVE, NULL);
    char *host = pvi_asprintf("%s.%s", s->slug, cfg->platform_domain);
    char *url = public_url(cfg, host);
    struct pvi_vnode *l = pvi_view_el(live, "link", url);
    pvi_view_attr(l, "href", url);
    free(url);
    free(host);
    const json_t *domains = json_object_get(s->published, "domains");
    size_t i;
    const json_t *d;
    json_array_foreach(domains, i, d)
    {
        url = public_url(cfg, json_string_value(d));
        pvi_view_el(live, "text", " · ");
        l = pvi_view_el(live, "link", url);
        pvi_view_attr(l, "href", url);
        free(url);
    }
    bo_site_state_facts(v, sec, s);
    char href[64];
    bo_site_href(href, s->id, "/modifier");
    pvi_view_link(v, pvi_view_el(sec, "links", NULL), href, PVI_MSG_BO_SITE_EDIT_LINK);
}

/* The content the public sees (or will see), field by field. */
static void
content_section(struct pvi_view *v, struct pvi_vnode *m, const struct pvi_site *s)
{
    enum pvi_lang lang = pvi_view_lang(v);
    const json_t *content;
    int n;
    enum pvi_msg which;
    if (s->pending) {
        content = s->pending;
        n = s->draft_number;
        which = PVI_MSG_BO_SITE_WHICH_PENDING;
    } else if (s->published && (s->state == PVI_STATE_ONLINE || s->state == PVI_STATE_SUSPENDED)) {
        content = s->published;
        n = s->published_number;
        which = PVI_MSG_BO_SITE_WHICH_PUBLISHED;
    } else {
        content = s->draft;
        n = s->draft_number;
        which = PVI_MSG_BO_SITE_WHICH_DRAFT;
    }
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_BO_SITE_CONTENT);
    pvi_view_attr(sec, "id", "contenu-du-site");
    char num[PVI_INT_TEXT_SIZE];
    pvi_int_text(num, n);
    pvi_view_msg(v, sec, "p", PVI_MSG_BO_SITE_CONTENT_INTRO, "n", num, "which",
                 pvi_msg_text(lang, which), NULL);
    struct pvi_vnode *facts = pvi_view_el(sec, "facts", NULL);
    for (size_t i = 0; i < bo_content_nfields; i++) {
        const char *f = bo_content_fields[i];
        char *text = bo_field_text(lang, f, json_object_get(content, f));
        struct pvi_vnode *fact = pvi_view_fact(v, facts, bo_field_label(f), text);
        pvi_view_attr(fact, "lines", "lines");
        free(text);
    }
}

void
bo_site_page(struct pvi_http_request *req)
{
    struct pvi_site *s;
    if (bo_site_load(&s, req) != 0)
        return;
    const char *name = s->business_name && *s->business_name ? s->business_name : s->slug;
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_SITE_TITLE);
    pvi_view_title(v, PVI_MSG_BO_SITE_TITLE, "name", name, NULL);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_SITE_HEADING, "name", name, NULL);
    summary(v, m, req, s);
    bo_site_actions_section(v, m, req, s);
    content_section(v, m, s);
    bo_site_publication_section(v, m, req, s);
    bo_site_revisions_section(v, m, req, s);
    bo_site_provenance_section(v, m, req, s);
    bo_site_calls_section(v, m, req, s);
    bo_site_audit_section(v, m, req, s);
    pvi_site_free(s);
    pvi_view_reply(req, v, 200);
}
