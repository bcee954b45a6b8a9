/* publish_status.c — pvi_publish_status(): a site's published revision and
 * last publication job (PostgreSQL) against the routes Redis serves for its
 * hosts. */
#include "site_ops.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish_status.h"
#include "pvi/pvi_route.h"

#include <stdlib.h>
#include <string.h>

static struct pvi_stmt status_stmt = PVI_STMT(
    "SELECT json_build_object('state', s.state, 'slug', s.slug,"
    " 'published_revision', coalesce(pr.number, 0),"
    " 'domains', coalesce(pr.content -> 'domains', '[]'::jsonb),"
    " 'last_job', (SELECT json_build_object('id', j.id, 'kind', j.kind, 'state', j.state,"
    "   'revision', jr.number, 'attempts', j.attempts, 'last_error', j.last_error,"
    "   'created_at', " PVI_SQL_ISO("j.created_at") ", 'run_after', " PVI_SQL_ISO(
        "j.run_after") ", 'done_at', " PVI_SQL_ISO("j.done_at") ")"
                                                                "   FROM publication_jobs j LEFT "
                                                                "JOIN site_revisions jr ON jr.id = "
                                                                "j.revision_id"
                                                                "   WHERE j.site_id = s.id ORDER "
                                                                "BY j.id DESC LIMIT 1))"
                                                                " FROM sites s LEFT JOIN "
                                                                "site_revisions pr ON pr.id = "
                                                                "s.published_revision_id"
                                                                " WHERE s.id = $1");

static json_t *
find_host(json_t *hosts, const char *host)
{
    size_t i;
    json_t *h;
    json_array_foreach(hosts, i, h)
    {
        if (strcmp(json_string_value(json_object_get(h, "host")), host) == 0)
            return h;
    }
    return NULL;
}

static void
add_host(json_t *hosts, const char *host, int expected)
{
    if (host && *host && find_host(hosts, host) == NULL)
        json_array_append_new(hosts, json_pack("{s:s, s:b}", "host", host, "expected", expected));
}

/* Asks Redis about each host; 0 when Redis could not be reached. */
static int
look_up_hosts(json_t *st, struct pvi_redis *redis, long long site_id, int revision, char route)
{
    json_t *hosts = json_object_get(st, "hosts");
    int all = 1;
    size_t i;
    json_t *h;
    json_array_foreach(hosts, i, h)
    {
        struct pvi_route r;
        enum pvi_code rc =
            pvi_route_lookup(&r, redis, json_string_value(json_object_get(h, "host")));
        if (rc == PVI_UNAVAILABLE)
            return 0;
        int found = rc == PVI_OK, expected = json_is_true(json_object_get(h, "expected"));
        json_object_set_new(h, "found", json_boolean(found));
        if (found) {
            char state[2] = {r.state, 0};
            json_object_set_new(h, "site_id", json_integer(r.site_id));
            json_object_set_new(h, "revision", json_integer(r.revision));
            json_object_set_new(h, "route", json_string(state));
            json_object_set_new(h, "document", json_string(r.path));
        }
        int ok = expected
                     ? found && r.site_id == site_id && r.revision == revision && r.state == route
                     : !found || r.site_id != site_id;
        json_object_set_new(h, "matches", json_boolean(ok));
        all &= ok;
    }
    json_object_set_new(st, "matches", json_boolean(all));
    return 1;
}

static void
redis_side(json_t *st, const struct pvi_publisher *p, long long site_id)
{
    const char *state = json_string_value(json_object_get(st, "state"));
    int revision = (int)json_integer_value(json_object_get(st, "published_revision"));
    int online = strcmp(state, "online") == 0, suspended = strcmp(state, "suspended") == 0;
    int should = revision > 0 && (online || suspended);
    char route = online ? 'o' : 's';
    json_object_set_new(st, "should_route", json_boolean(should));
    json_object_set_new(st, "expected_route",
                        should ? json_string(online ? "o" : "s") : json_null());
    json_t *hosts = json_array();
    json_object_set_new(st, "hosts", hosts);
    if (should) {
        char doc[PVI_STORE_PATH_MAX];
        pvi_store_document_path(doc, site_id, revision);
        json_object_set_new(st, "expected_document", json_string(doc));
        size_t i;
        json_t *d;
        json_array_foreach(json_object_get(st, "domains"), i, d)
            add_host(hosts, json_string_value(d), 1);
        char *slug_host = pvi_asprintf("%s.%s", json_string_value(json_object_get(st, "slug")),
                                       p->platform_domain);
        add_host(hosts, slug_host, 1);
        free(slug_host);
    } else {
        json_object_set_new(st, "expected_document", json_null());
    }
    json_object_del(st, "domains");

    long long gen = 0;
    char *value = NULL, **listed = NULL;
    size_t nlisted = 0;
    enum pvi_code rc = p->redis ? pvi_route_site(&gen, &value, &listed, &nlisted, p->redis, site_id)
                                : PVI_UNAVAILABLE;
    int reached = rc == PVI_OK;
    for (size_t i = 0; i < nlisted; i++) {
        add_host(hosts, listed[i], 0);
        free(listed[i]);
    }
    free(listed);
    free(value);
    json_object_set_new(st, "generation", json_integer(gen));
    if (reached)
        reached = look_up_hosts(st, p->redis, site_id, revision, route);
    if (!reached) {
        json_array_clear(hosts);
        json_object_set_new(st, "matches", json_false());
    }
    json_object_set_new(st, "redis", json_string(reached ? "ok" : "unavailable"));
}

enum pvi_code
pvi_publish_status(json_t **out, const struct pvi_publisher *p, const struct pvi_actor *actor,
                   long long site_id)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id, .st = &status_stmt};
    enum pvi_code rc = pvi_db_run_json(p->db, pvi_site__select_tx, &c, &c.out, out);
    if (rc == PVI_OK)
        redis_side(*out, p, site_id);
    return rc;
}
