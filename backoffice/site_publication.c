/* site_publication.c — the publication section of the site page (GET
 * /sites/{id}): what the public should see, what Redis serves for each host
 * against it (a mismatch is shown), and the last publication job with its
 * state and error — all from pvi_publish_status(). */
#include "site.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static char *
num_text(const json_t *o, const char *k)
{
    return pvi_asprintf("%lld", (long long)json_integer_value(json_object_get(o, k)));
}

static char *
msg_n(enum pvi_lang lang, enum pvi_msg m, const char *name, const char *value)
{
    struct pvi_msg_arg a = {name, value};
    return pvi_msg_format(lang, m, &a, 1);
}

/* What Redis serves for one host, in words. */
static char *
served_text(enum pvi_lang lang, const json_t *h, long long site_id)
{
    if (!json_is_true(json_object_get(h, "found")))
        return pvi_strdup(pvi_msg_text(lang, PVI_MSG_BO_PUB_SERVED_NOTHING));
    char *n = num_text(h, "site_id");
    char *t;
    if (json_integer_value(json_object_get(h, "site_id")) != site_id) {
        t = msg_n(lang, PVI_MSG_BO_PUB_SERVED_OTHER, "site", n);
    } else {
        free(n);
        n = num_text(h, "revision");
        const char *route = jstr(h, "route");
        t = msg_n(lang,
                  route && strcmp(route, "s") == 0 ? PVI_MSG_BO_PUB_SERVED_SUSPENDED
                                                   : PVI_MSG_BO_PUB_SERVED_ONLINE,
                  "n", n);
    }
    free(n);
    return t;
}

static void
hosts_table(struct pvi_view *v, struct pvi_vnode *sec, const json_t *st, long long site_id)
{
    enum pvi_lang lang = pvi_view_lang(v);
    static const struct bo_column cols[] = {
        {"host", PVI_MSG_BO_PUB_COL_HOST, 0},       {"expected", PVI_MSG_BO_PUB_COL_EXPECTED, 0},
        {"served", PVI_MSG_BO_PUB_COL_SERVED, 0},   {"document", PVI_MSG_BO_PUB_COL_DOCUMENT, 0},
        {"verdict", PVI_MSG_BO_PUB_COL_VERDICT, 0},
    };
    struct pvi_vnode *t = BO_TABLE(v, sec, PVI_MSG_BO_PUB_HOSTS, cols);
    pvi_view_attr(t, "id", "publication-hotes");
    size_t i;
    const json_t *h;
    json_array_foreach(json_object_get(st, "hosts"), i, h)
    {
        struct pvi_vnode *r = pvi_view_row(t);
        pvi_view_cell(r, jstr(h, "host"), NULL);
        bo_cell_choice(v, r, json_is_true(json_object_get(h, "expected")), PVI_MSG_BO_PUB_YES,
                       PVI_MSG_BO_PUB_NO);
        char *served = served_text(lang, h, site_id);
        pvi_view_cell(r, served, NULL);
        free(served);
        pvi_view_cell(r, jstr(h, "document"), NULL);
        bo_cell_choice(v, r, json_is_true(json_object_get(h, "matches")), PVI_MSG_BO_PUB_OK,
                       PVI_MSG_BO_PUB_WRONG);
    }
    if (i == 0)
        pvi_view_table_empty(v, t, PVI_MSG_BO_PUB_NO_HOST);
}

static void
job_facts(struct pvi_view *v, struct pvi_vnode *sec, const json_t *job)
{
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *s = pvi_view_el(sec, "section", NULL);
    pvi_view_attr_msg(v, s, "heading", PVI_MSG_BO_PUB_JOB);
    if (!json_is_object(job)) {
        pvi_view_msg(v, s, "p", PVI_MSG_BO_PUB_JOB_NONE, NULL);
        return;
    }
    struct pvi_vnode *facts = pvi_view_el(s, "facts", NULL);
    pvi_view_attr(facts, "id", "publication-tache");
    char *id = num_text(job, "id"), *rev = num_text(job, "revision");
    char *att = num_text(job, "attempts");
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_ID, id);
    const char *kind = jstr(job, "kind");
    enum pvi_msg km = strcmp(kind, "publish") == 0   ? PVI_MSG_BO_PUB_KIND_PUBLISH
                      : strcmp(kind, "suspend") == 0 ? PVI_MSG_BO_PUB_KIND_SUSPEND
                                                     : PVI_MSG_BO_PUB_KIND_UNPUBLISH;
    char *kt = msg_n(lang, km, "n", rev);
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_KIND, kt);
    int pending = strcmp(jstr(job, "state"), "pending") == 0;
    struct pvi_vnode *sf = pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_STATE, NULL);
    pvi_view_msg(v, sf, "strong",
                 pending ? PVI_MSG_BO_PUB_STATE_PENDING : PVI_MSG_BO_PUB_STATE_DONE, NULL);
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_ATTEMPTS, att);
    if (jstr(job, "last_error"))
        pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_ERROR, jstr(job, "last_error"));
    char t[40];
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_CREATED,
                  bo_time_text(t, lang, jstr(job, "created_at")));
    if (pending)
        pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_NEXT,
                      bo_time_text(t, lang, jstr(job, "run_after")));
    else
        pvi_view_fact(v, facts, PVI_MSG_BO_PUB_JOB_DONE_AT,
                      bo_time_text(t, lang, jstr(job, "done_at")));
    free(id);
    free(rev);
    free(att);
    free(kt);
}

void
bo_site_publication_section(struct pvi_view *v, struct pvi_vnode *parent,
                            struct pvi_http_request *req, const struct pvi_site *s)
{
    struct pvi_service *svc = pvi_web_service(req);
    struct pvi_publisher p = {
        .db = svc->db, .redis = svc->redis, .platform_domain = svc->cfg.platform_domain};
    json_t *st = NULL;
    if (pvi_publish_status(&st, &p, pvi_web_actor(req), s->id) != PVI_OK)
        return; /* the site was just read: only the database going away gets here */
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *sec = pvi_view_el(parent, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_BO_PUB_HEADING);
    pvi_view_attr(sec, "id", "publication");
    struct pvi_vnode *facts = pvi_view_el(sec, "facts", NULL);
    char *rev = num_text(st, "published_revision");
    const char *route = jstr(st, "expected_route");
    char *exp = route == NULL ? pvi_strdup(pvi_msg_text(lang, PVI_MSG_BO_PUB_EXPECTED_NOTHING))
                              : msg_n(lang,
                                      strcmp(route, "s") == 0 ? PVI_MSG_BO_PUB_EXPECTED_SUSPENDED
                                                              : PVI_MSG_BO_PUB_EXPECTED_ONLINE,
                                      "n", rev);
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_EXPECTED, exp);
    if (jstr(st, "expected_document"))
        pvi_view_fact(v, facts, PVI_MSG_BO_PUB_DOCUMENT, jstr(st, "expected_document"));
    char *gen = num_text(st, "generation");
    char *gt = msg_n(lang, PVI_MSG_BO_PUB_GENERATION_N, "n", gen);
    pvi_view_fact(v, facts, PVI_MSG_BO_PUB_GENERATION,
                  strcmp(gen, "0") ? gt : pvi_msg_text(lang, PVI_MSG_BO_SITE_NONE));
    free(rev);
    free(exp);
    free(gen);
    free(gt);

    struct pvi_vnode *n;
    if (strcmp(jstr(st, "redis"), "ok") != 0) {
        n = pvi_view_msg(v, sec, "notice", PVI_MSG_BO_PUB_REDIS_DOWN, NULL);
        pvi_view_attr(n, "kind", "warning");
    } else if (json_is_true(json_object_get(st, "matches"))) {
        n = pvi_view_msg(v, sec, "notice", PVI_MSG_BO_PUB_MATCHES, NULL);
        pvi_view_attr(n, "kind", "success");
    } else {
        n = pvi_view_msg(v, sec, "notice", PVI_MSG_BO_PUB_MISMATCH, NULL);
        pvi_view_attr(n, "kind", "warning");
    }
    pvi_view_attr(n, "id", "publication-verdict");
    if (strcmp(jstr(st, "redis"), "ok") == 0)
        hosts_table(v, sec, st, s->id);
    job_facts(v, sec, json_object_get(st, "last_job"));
    json_decref(st);
}
