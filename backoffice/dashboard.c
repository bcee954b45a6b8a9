/* dashboard.c — GET /: the back office's dashboard. The figures of
 * pvi_stats_get (sites per state, each a link to /sites?state=<state>, and
 * their bar chart; the publication queue and its failing jobs; change
 * requests waiting, linked to /demandes/{id}; sites in review, linked to
 * /sites/{id}; publications per day over 30 days, a column chart) and the
 * recent activity of pvi_audit_list, as a view (docs/views.md, "Figures and
 * charts"). */
#include "backoffice.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_stats.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"
#include "pvi/pvi_workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many audit events the recent activity shows. */
#define ACTIVITY_EVENTS 10
/* A tick under every this many days of the publications chart, from today. */
#define TICK_EVERY 7

static const enum pvi_msg state_labels[] = {
    [PVI_STATE_ORDERED] = PVI_MSG_DASH_STATE_ORDERED,
    [PVI_STATE_COLLECTING] = PVI_MSG_DASH_STATE_COLLECTING,
    [PVI_STATE_REVIEW] = PVI_MSG_DASH_STATE_REVIEW,
    [PVI_STATE_ONLINE] = PVI_MSG_DASH_STATE_ONLINE,
    [PVI_STATE_SUSPENDED] = PVI_MSG_DASH_STATE_SUSPENDED,
    [PVI_STATE_CLOSED] = PVI_MSG_DASH_STATE_CLOSED,
};

/* ---- texts ---- */

/* A catalog message with its arguments (name, value pairs), in the view's
 * language; free() it. */
static char *
text_of(struct pvi_view *v, enum pvi_msg m, const struct pvi_msg_arg *args, size_t nargs)
{
    return pvi_msg_format(pvi_view_lang(v), m, args, nargs);
}

/* An attribute set to a message with arguments. */
static void
attr_of(struct pvi_view *v, struct pvi_vnode *n, const char *name, enum pvi_msg m,
        const struct pvi_msg_arg *args, size_t nargs)
{
    char *t = text_of(v, m, args, nargs);
    pvi_view_attr(n, name, t);
    free(t);
}

/* A count with its digits grouped by thousands as the language does
 * ("59 500", "59,500": the catalog joins two groups); free() it. */
static char *
count_text(struct pvi_view *v, long long n)
{
    char digits[PVI_INT_TEXT_SIZE];
    pvi_int_text(digits, n);
    const char *d = digits[0] == '-' ? digits + 1 : digits;
    size_t len = strlen(d), first = len % 3 ? len % 3 : 3;
    char *text = pvi_asprintf("%.*s%.*s", (int)(d - digits), digits, (int)first, d);
    for (size_t i = first; i < len; i += 3) {
        char group[4];
        snprintf(group, sizeof group, "%.3s", d + i);
        const struct pvi_msg_arg a[] = {{"a", text}, {"b", group}};
        char *joined = text_of(v, PVI_MSG_DASH_GROUPED, a, 2);
        free(text);
        text = joined;
    }
    return text;
}

/* A time of the data ("2026-12-01T10:05:00Z") as people read it, in the
 * platform's time zone (pvi_time_display); NULL: NULL. free() it. */
static char *
time_text(struct pvi_view *v, const char *iso)
{
    if (iso == NULL)
        return NULL;
    char t[PVI_TIME_DISPLAY_SIZE];
    pvi_time_display(t, iso, pvi_view_lang(v));
    return pvi_strdup(t);
}

/* "2026-12-01" as a day, short (without the year) or long. */
static char *
day_text(struct pvi_view *v, const char *day, enum pvi_msg m)
{
    if (day == NULL || strlen(day) < 10)
        return pvi_strdup("");
    char y[5], mo[3], d[3];
    snprintf(y, sizeof y, "%.4s", day);
    snprintf(mo, sizeof mo, "%.2s", day + 5);
    snprintf(d, sizeof d, "%.2s", day + 8);
    const struct pvi_msg_arg a[] = {{"y", y}, {"m", mo}, {"d", d}};
    return text_of(v, m, a, PVI_COUNT_OF(a));
}

/* A duration in seconds, in its largest two units. */
static char *
age_text(struct pvi_view *v, long long s)
{
    char a1[PVI_INT_TEXT_SIZE], a2[PVI_INT_TEXT_SIZE];
    if (s < 0)
        s = 0;
    if (s < 60) {
        pvi_int_text(a1, s);
        const struct pvi_msg_arg a[] = {{"n", a1}};
        return text_of(v, PVI_MSG_DASH_AGE_SECONDS, a, 1);
    }
    if (s < 3600) {
        pvi_int_text(a1, s / 60);
        const struct pvi_msg_arg a[] = {{"n", a1}};
        return text_of(v, PVI_MSG_DASH_AGE_MINUTES, a, 1);
    }
    if (s < 86400) {
        pvi_int_text(a1, s / 3600);
        pvi_int_text(a2, s % 3600 / 60);
        const struct pvi_msg_arg a[] = {{"h", a1}, {"m", a2}};
        return text_of(v, PVI_MSG_DASH_AGE_HOURS, a, 2);
    }
    pvi_int_text(a1, s / 86400);
    pvi_int_text(a2, s % 86400 / 3600);
    const struct pvi_msg_arg a[] = {{"d", a1}, {"h", a2}};
    return text_of(v, PVI_MSG_DASH_AGE_DAYS, a, 2);
}

static long long
num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *
str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A cell holding a number. */
static void
cell_int(struct pvi_view *v, struct pvi_vnode *row, long long n)
{
    char *t = count_text(v, n);
    pvi_view_cell(row, t, NULL);
    free(t);
}

/* A cell holding a time of the data. */
static void
cell_time(struct pvi_view *v, struct pvi_vnode *row, const char *iso)
{
    char *t = time_text(v, iso);
    pvi_view_cell(row, t ? t : "", NULL);
    free(t);
}

/* A section whose heading is a message with a count. */
static struct pvi_vnode *
section_count(struct pvi_view *v, const char *id, enum pvi_msg heading, long long n)
{
    char *t = count_text(v, n);
    const struct pvi_msg_arg a[] = {{"n", t}};
    struct pvi_vnode *s = pvi_view_el(pvi_view_main(v), "section", NULL);
    pvi_view_attr(s, "id", id);
    attr_of(v, s, "heading", heading, a, 1);
    free(t);
    return s;
}

/* A section of main with its id and heading. */
static struct pvi_vnode *
section(struct pvi_view *v, const char *id, enum pvi_msg heading)
{
    struct pvi_vnode *s = pvi_view_el(pvi_view_main(v), "section", NULL);
    pvi_view_attr(s, "id", id);
    pvi_view_attr_msg(v, s, "heading", heading);
    return s;
}

/* A chart (docs/views.md): its id, kind, title and the headings of its
 * table of figures; its bars are added by the caller, its desc too. */
static struct pvi_vnode *
chart(struct pvi_view *v, struct pvi_vnode *parent, const char *id, const char *kind,
      enum pvi_msg title, enum pvi_msg label_heading, enum pvi_msg value_heading)
{
    struct pvi_vnode *c = pvi_view_el(parent, "chart", NULL);
    pvi_view_attr(c, "id", id);
    pvi_view_attr(c, "kind", kind);
    pvi_view_attr_msg(v, c, "title", title);
    pvi_view_attr_msg(v, c, "figures", PVI_MSG_DASH_FIGURES);
    pvi_view_attr_msg(v, c, "label-heading", label_heading);
    pvi_view_attr_msg(v, c, "value-heading", value_heading);
    return c;
}

/* ---- the sections ---- */

static void
sites_section(struct pvi_view *v, const json_t *sites)
{
    struct pvi_vnode *s = section(v, "dash-sites", PVI_MSG_DASH_SITES_HEADING);
    struct pvi_vnode *tiles = pvi_view_el(s, "tiles", NULL);
    pvi_view_attr_msg(v, tiles, "label", PVI_MSG_DASH_SITES_TILES);
    struct pvi_vnode *bars = chart(v, s, "chart-states", "bars", PVI_MSG_DASH_SITES_HEADING,
                                   PVI_MSG_DASH_COL_STATE, PVI_MSG_DASH_COL_SITES);
    pvi_view_attr_msg(v, bars, "desc", PVI_MSG_DASH_STATES_DESC);
    for (int st = PVI_STATE_ORDERED; st <= PVI_STATE_CLOSED; st++) {
        const char *name = pvi_state_name((enum pvi_site_state)st);
        const char *label = pvi_msg_text(pvi_view_lang(v), state_labels[st]);
        long long n = num(sites, name);
        char *href = pvi_asprintf("/sites?state=%s", name);
        char *shown = count_text(v, n);
        struct pvi_vnode *t = pvi_view_el(tiles, "tile", NULL);
        pvi_view_attr(t, "key", name);
        pvi_view_attr(t, "href", href);
        pvi_view_attr(t, "label", label);
        pvi_view_attr(t, "value", shown);
        free(href);
        struct pvi_vnode *b = pvi_view_el(bars, "bar", NULL);
        pvi_view_attr(b, "label", label);
        pvi_view_attr_int(b, "value", n);
        pvi_view_attr(b, "text", shown);
        free(shown);
    }
}

static const char *
kind_text(struct pvi_view *v, const char *kind)
{
    enum pvi_msg m = PVI_MSG_DASH_KIND_PUBLISH;
    if (kind && strcmp(kind, "suspend") == 0)
        m = PVI_MSG_DASH_KIND_SUSPEND;
    else if (kind && strcmp(kind, "unpublish") == 0)
        m = PVI_MSG_DASH_KIND_UNPUBLISH;
    return pvi_msg_text(pvi_view_lang(v), m);
}

static void
queue_section(struct pvi_view *v, const json_t *q)
{
    struct pvi_vnode *s = section(v, "dash-queue", PVI_MSG_DASH_QUEUE_HEADING);
    struct pvi_vnode *facts = pvi_view_el(s, "facts", NULL);
    char *n = count_text(v, num(q, "pending"));
    pvi_view_fact(v, facts, PVI_MSG_DASH_QUEUE_PENDING, n);
    free(n);
    const char *oldest = str(q, "oldest_pending_at");
    if (oldest) {
        char *age = age_text(v, num(q, "oldest_pending_age_s"));
        char *at = time_text(v, oldest);
        const struct pvi_msg_arg a[] = {{"age", age}, {"at", at}};
        char *t = text_of(v, PVI_MSG_DASH_QUEUE_OLDEST_AGE, a, 2);
        pvi_view_fact(v, facts, PVI_MSG_DASH_QUEUE_OLDEST, t);
        free(t);
        free(at);
        free(age);
    } else {
        pvi_view_fact(v, facts, PVI_MSG_DASH_QUEUE_OLDEST,
                      pvi_msg_text(pvi_view_lang(v), PVI_MSG_DASH_QUEUE_NONE));
    }
    long long failing = num(q, "failing");
    n = count_text(v, failing);
    pvi_view_fact(v, facts, PVI_MSG_DASH_QUEUE_FAILING, n);
    char *last = time_text(v, str(q, "last_done_at"));
    pvi_view_fact(v, facts, PVI_MSG_DASH_QUEUE_LAST_DONE,
                  last ? last : pvi_msg_text(pvi_view_lang(v), PVI_MSG_DASH_QUEUE_NEVER));
    free(last);

    const json_t *failures = json_object_get(q, "failures");
    if (json_array_size(failures) == 0) {
        free(n);
        pvi_view_msg(v, s, "notice", PVI_MSG_DASH_FAILURES_NONE, NULL);
        return;
    }
    if ((size_t)failing > json_array_size(failures)) {
        char shown[PVI_INT_TEXT_SIZE];
        pvi_int_text(shown, (long long)json_array_size(failures));
        pvi_view_msg(v, s, "p", PVI_MSG_DASH_FAILURES_MORE, "n", n, "shown", shown, NULL);
    }
    free(n);
    struct pvi_vnode *t = pvi_view_table(v, s, PVI_MSG_DASH_FAILURES_CAPTION);
    pvi_view_attr(t, "id", "failures");
    pvi_view_column(v, t, "site", PVI_MSG_DASH_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "kind", PVI_MSG_DASH_COL_KIND, NULL, NULL, 0);
    pvi_view_column(v, t, "attempts", PVI_MSG_DASH_COL_ATTEMPTS, NULL, NULL, 1);
    pvi_view_column(v, t, "error", PVI_MSG_DASH_COL_ERROR, NULL, NULL, 0);
    pvi_view_column(v, t, "next", PVI_MSG_DASH_COL_NEXT, NULL, NULL, 0);
    size_t i;
    const json_t *f;
    json_array_foreach(failures, i, f)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        bo_site_cell(row, num(f, "site_id"), str(f, "business_name"), str(f, "slug"));
        pvi_view_cell(row, kind_text(v, str(f, "kind")), NULL);
        cell_int(v, row, num(f, "attempts"));
        pvi_view_cell(row, str(f, "last_error"), NULL);
        cell_time(v, row, str(f, "next_attempt_at"));
    }
}

static void
change_requests_section(struct pvi_view *v, const json_t *cr)
{
    struct pvi_vnode *s =
        section_count(v, "dash-change-requests", PVI_MSG_DASH_CR_HEADING, num(cr, "pending"));
    struct pvi_vnode *t = pvi_view_table(v, s, PVI_MSG_DASH_CR_CAPTION);
    pvi_view_attr(t, "id", "change-requests");
    pvi_view_column(v, t, "request", PVI_MSG_DASH_COL_REQUEST, NULL, NULL, 0);
    pvi_view_column(v, t, "site", PVI_MSG_DASH_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "fields", PVI_MSG_DASH_COL_FIELDS, NULL, NULL, 0);
    pvi_view_column(v, t, "since", PVI_MSG_DASH_COL_SINCE, NULL, NULL, 0);
    const json_t *list = json_object_get(cr, "oldest");
    size_t i;
    const json_t *c;
    json_array_foreach(list, i, c)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        char id[PVI_INT_TEXT_SIZE];
        pvi_int_text(id, num(c, "id"));
        const struct pvi_msg_arg a[] = {{"id", id}};
        char *label = text_of(v, PVI_MSG_DASH_CR_NUMBER, a, 1);
        char *href = pvi_asprintf("/demandes/%s", id);
        pvi_view_cell(row, label, href);
        free(href);
        free(label);
        bo_site_cell(row, num(c, "site_id"), str(c, "business_name"), str(c, "slug"));
        /* the content keys, as data */
        struct pvi_buf b = {0};
        size_t k;
        const json_t *field;
        json_array_foreach(json_object_get(c, "fields"), k, field)
        {
            pvi_buf_printf(&b, "%s%s", k ? ", " : "", json_string_value(field));
        }
        char *fields = pvi_buf_steal(&b);
        pvi_view_cell(row, fields ? fields : "", NULL);
        free(fields);
        cell_time(v, row, str(c, "created_at"));
    }
    if (json_array_size(list) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_DASH_CR_NONE);
    pvi_view_link(v, pvi_view_el(s, "links", NULL), "/demandes", PVI_MSG_DASH_CR_ALL);
}

static void
review_section(struct pvi_view *v, const json_t *rv)
{
    struct pvi_vnode *s =
        section_count(v, "dash-review", PVI_MSG_DASH_REVIEW_HEADING, num(rv, "count"));
    struct pvi_vnode *t = pvi_view_table(v, s, PVI_MSG_DASH_REVIEW_CAPTION);
    pvi_view_attr(t, "id", "reviews");
    pvi_view_column(v, t, "site", PVI_MSG_DASH_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "operator", PVI_MSG_DASH_COL_OPERATOR, NULL, NULL, 0);
    pvi_view_column(v, t, "since", PVI_MSG_DASH_COL_SINCE, NULL, NULL, 0);
    const json_t *list = json_object_get(rv, "oldest");
    size_t i;
    const json_t *r;
    json_array_foreach(list, i, r)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        bo_site_cell(row, num(r, "site_id"), str(r, "business_name"), str(r, "slug"));
        pvi_view_cell(row, str(r, "operator") ? str(r, "operator") : "", NULL);
        cell_time(v, row, str(r, "since"));
    }
    if (json_array_size(list) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_DASH_REVIEW_NONE);
    char *all = pvi_asprintf("/sites?state=%s", pvi_state_name(PVI_STATE_REVIEW));
    pvi_view_link(v, pvi_view_el(s, "links", NULL), all, PVI_MSG_DASH_REVIEW_ALL);
    free(all);
}

static void
publications_section(struct pvi_view *v, const json_t *days)
{
    struct pvi_vnode *s = section(v, "dash-publications", PVI_MSG_DASH_PUB_HEADING);
    struct pvi_vnode *cols = chart(v, s, "chart-publications", "columns", PVI_MSG_DASH_PUB_TITLE,
                                   PVI_MSG_DASH_COL_DAY, PVI_MSG_DASH_COL_PUBLICATIONS);
    long long total = 0;
    size_t n = json_array_size(days), i;
    const json_t *d;
    json_array_foreach(days, i, d)
    {
        const char *day = str(d, "day");
        total += num(d, "count");
        struct pvi_vnode *b = pvi_view_el(cols, "bar", NULL);
        char *label = day_text(v, day, PVI_MSG_DASH_DAY_LONG);
        pvi_view_attr(b, "label", label);
        free(label);
        pvi_view_attr_int(b, "value", num(d, "count"));
        char *shown = count_text(v, num(d, "count"));
        pvi_view_attr(b, "text", shown);
        free(shown);
        if ((n - 1 - i) % TICK_EVERY == 0) { /* today, a week before, … */
            char *tick = day_text(v, day, PVI_MSG_DASH_DAY_SHORT);
            pvi_view_attr(b, "tick", tick);
            free(tick);
        }
    }
    char *t = count_text(v, total);
    const struct pvi_msg_arg a[] = {{"total", t}};
    attr_of(v, cols, "desc", PVI_MSG_DASH_PUB_DESC, a, 1);
    free(t);
}

static void
activity_section(struct pvi_view *v, const json_t *events)
{
    struct pvi_vnode *s = section(v, "dash-activity", PVI_MSG_DASH_ACTIVITY_HEADING);
    struct pvi_vnode *t = pvi_view_table(v, s, PVI_MSG_DASH_ACTIVITY_CAPTION);
    pvi_view_attr(t, "id", "activity");
    pvi_view_column(v, t, "when", PVI_MSG_DASH_COL_WHEN, NULL, NULL, 0);
    pvi_view_column(v, t, "who", PVI_MSG_DASH_COL_WHO, NULL, NULL, 0);
    pvi_view_column(v, t, "action", PVI_MSG_DASH_COL_ACTION, NULL, NULL, 0);
    pvi_view_column(v, t, "object", PVI_MSG_DASH_COL_OBJECT, NULL, NULL, 0);
    size_t i;
    const json_t *e;
    json_array_foreach(events, i, e)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        cell_time(v, row, str(e, "at"));
        pvi_view_cell(row, str(e, "actor"), NULL);
        pvi_view_cell(row, str(e, "action"), NULL);
        char id[PVI_INT_TEXT_SIZE];
        pvi_int_text(id, num(e, "object_id"));
        const struct pvi_msg_arg a[] = {{"kind", str(e, "object")}, {"id", id}};
        /* an event about no one object (a seed load) names its kind only */
        char *object = json_is_integer(json_object_get(e, "object_id"))
                           ? text_of(v, PVI_MSG_DASH_OBJECT, a, 2)
                           : pvi_strdup(str(e, "object") ? str(e, "object") : "");
        long long site = num(e, "site_id");
        char *href = site > 0 ? pvi_asprintf("/sites/%lld", site) : NULL;
        pvi_view_cell(row, object, href);
        free(href);
        free(object);
    }
    if (json_array_size(events) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_DASH_ACTIVITY_NONE);
}

void
bo_dashboard(struct pvi_http_request *req)
{
    struct pvi_service *svc = pvi_web_service(req);
    const struct pvi_actor *actor = pvi_web_actor(req);
    json_t *stats = NULL, *events = NULL;
    enum pvi_code rc = pvi_stats_get(&stats, svc->db, actor);
    if (rc == PVI_OK)
        rc = pvi_audit_list(&events, svc->db, actor, 0, 0, ACTIVITY_EVENTS);
    if (rc != PVI_OK) {
        json_decref(stats);
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_DASH_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_DASH_TITLE, NULL);
    char *at = time_text(v, str(stats, "at"));
    pvi_view_msg(v, m, "p", PVI_MSG_DASH_INTRO, "at", at ? at : "", NULL);
    free(at);
    sites_section(v, json_object_get(stats, "sites"));
    queue_section(v, json_object_get(stats, "queue"));
    review_section(v, json_object_get(stats, "review"));
    change_requests_section(v, json_object_get(stats, "change_requests"));
    publications_section(v, json_object_get(stats, "publications"));
    activity_section(v, events);
    json_decref(events);
    json_decref(stats);
    pvi_view_reply(req, v, 200);
}
