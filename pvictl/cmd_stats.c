/* cmd_stats.c — pvictl stats [--json | --explain]: the figures of the
 * dashboard (pvi_stats_get) for scripts and monitoring, as "name value"
 * lines (one figure per line, stable names, values without spaces but the
 * last error of a failing job), as the JSON document of pvi_stats_get, or
 * the query plans behind them (pvi_stats_explain). */
#include "pvictl.h"

#include "pvi/pvi_stats.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static long long
num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *
str_or(const json_t *o, const char *key, const char *none)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : none;
}

/* The text form:
 *   at 2026-12-01T10:00:00Z
 *   sites.<state> n                       (every state)
 *   queue.pending n
 *   queue.oldest_pending_at <time>|-     queue.oldest_pending_age_s n|-
 *   queue.failing n
 *   queue.failure <job> site=<id> slug=<slug> kind=<kind> attempts=<n> next=<time> <error>
 *   queue.last_done_at <time>|-
 *   change_requests.pending n
 *   change_request <id> site=<id> slug=<slug> since=<time>
 *   review.count n
 *   review <site> slug=<slug> since=<time>
 *   publications.<YYYY-MM-DD> n          (30 days, the oldest first) */
static void
print_text(const json_t *s)
{
    printf("at %s\n", str_or(s, "at", "-"));
    const json_t *sites = json_object_get(s, "sites");
    for (int st = PVI_STATE_ORDERED; st <= PVI_STATE_CLOSED; st++) {
        const char *name = pvi_state_name((enum pvi_site_state)st);
        printf("sites.%s %lld\n", name, num(sites, name));
    }
    const json_t *q = json_object_get(s, "queue");
    printf("queue.pending %lld\n", num(q, "pending"));
    printf("queue.oldest_pending_at %s\n", str_or(q, "oldest_pending_at", "-"));
    if (json_is_integer(json_object_get(q, "oldest_pending_age_s")))
        printf("queue.oldest_pending_age_s %lld\n", num(q, "oldest_pending_age_s"));
    else
        printf("queue.oldest_pending_age_s -\n");
    printf("queue.failing %lld\n", num(q, "failing"));
    size_t i;
    const json_t *e;
    json_array_foreach(json_object_get(q, "failures"), i, e)
    {
        printf("queue.failure %lld site=%lld slug=%s kind=%s attempts=%lld next=%s %s\n",
               num(e, "job_id"), num(e, "site_id"), str_or(e, "slug", "-"), str_or(e, "kind", "-"),
               num(e, "attempts"), str_or(e, "next_attempt_at", "-"), str_or(e, "last_error", ""));
    }
    printf("queue.last_done_at %s\n", str_or(q, "last_done_at", "-"));
    const json_t *cr = json_object_get(s, "change_requests");
    printf("change_requests.pending %lld\n", num(cr, "pending"));
    json_array_foreach(json_object_get(cr, "oldest"), i, e)
    {
        printf("change_request %lld site=%lld slug=%s since=%s\n", num(e, "id"), num(e, "site_id"),
               str_or(e, "slug", "-"), str_or(e, "created_at", "-"));
    }
    const json_t *rv = json_object_get(s, "review");
    printf("review.count %lld\n", num(rv, "count"));
    json_array_foreach(json_object_get(rv, "oldest"), i, e)
    {
        printf("review %lld slug=%s since=%s\n", num(e, "site_id"), str_or(e, "slug", "-"),
               str_or(e, "since", "-"));
    }
    json_array_foreach(json_object_get(s, "publications"), i, e)
    {
        printf("publications.%s %lld\n", str_or(e, "day", "-"), num(e, "count"));
    }
}

int
pvictl_cmd_stats(struct ctx *c, int argc, char **argv)
{
    int json = pvictl_flag(argc, argv, "json"), explain = pvictl_flag(argc, argv, "explain");
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--json") != 0 && strcmp(argv[i], "--explain") != 0) {
            fprintf(stderr, "pvictl: stats: unknown argument %s\n", argv[i]);
            return 2;
        }
    if (pvictl_open_db(c) != 0)
        return 1;
    json_t *s = NULL;
    enum pvi_code rc =
        explain ? pvi_stats_explain(&s, c->db, &c->actor) : pvi_stats_get(&s, c->db, &c->actor);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: stats: %s\n", pvictl_code_text(rc));
        return 1;
    }
    if (json || explain)
        pvictl_print_json(s);
    else
        print_text(s);
    json_decref(s);
    return 0;
}
