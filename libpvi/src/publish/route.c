/* route.c — host → document routing in Redis, with generation compare-and-set. */
#include "pvi/pvi_route.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pvi_host_normalize(char out[static 254], const char *host)
{
    out[0] = '\0';
    if (host == NULL)
        return -1;
    size_t n = 0;
    const char *p = host;
    while (*p == ' ' || *p == '\t')
        p++;
    for (; *p && *p != ':' && *p != ' ' && *p != '\t'; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            return -1;
        if (n >= 253 + 1)
            return -1;
        out[n++] = c;
    }
    if (*p == ':') { /* a port: digits only */
        p++;
        if (*p == '\0')
            return -1;
        for (; *p; p++)
            if (*p < '0' || *p > '9')
                return -1;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0')
        return -1;
    if (n > 0 && out[n - 1] == '.')
        n--;
    if (n == 0 || n > 253 || out[0] == '.' || out[0] == '-') {
        out[0] = '\0';
        return -1;
    }
    for (size_t i = 1; i < n; i++)
        if (out[i] == '.' && out[i - 1] == '.') {
            out[0] = '\0';
            return -1;
        }
    out[n] = '\0';
    return 0;
}

void
pvi_route_format(char out[static 128], const struct pvi_route *r)
{
    snprintf(out, 128, "%lld %d %c %s", r->site_id, r->revision, r->state, r->path);
}

int
pvi_route_parse(struct pvi_route *out, const char *value)
{
    memset(out, 0, sizeof *out);
    char state = 0;
    int used = 0;
    if (value == NULL ||
        sscanf(value, "%lld %d %c %63s%n", &out->site_id, &out->revision, &state, out->path,
               &used) != 4 ||
        value[used] != '\0' || (state != 'o' && state != 's') || !pvi_store_path_valid(out->path))
        return -1;
    out->state = state;
    return 0;
}

enum pvi_code
pvi_route_lookup(struct pvi_route *out, struct pvi_redis *r, const char *host)
{
    redisContext *c = pvi_redis_ctx(r);
    if (c == NULL)
        return PVI_UNAVAILABLE;
    redisReply *rep = redisCommand(c, "GET pvi:h:%s", host);
    if (rep == NULL) {
        pvi_redis_discard(r);
        return PVI_UNAVAILABLE;
    }
    enum pvi_code rc;
    if (rep->type == REDIS_REPLY_NIL)
        rc = PVI_NOT_FOUND;
    else if (rep->type != REDIS_REPLY_STRING)
        rc = PVI_UNAVAILABLE;
    else if (pvi_route_parse(out, rep->str) != 0) {
        pvi_error("malformed route for host %s", host);
        rc = PVI_INTERNAL;
    } else
        rc = PVI_OK;
    freeReplyObject(rep);
    return rc;
}

static const char publish_lua[] =
    "local site, gen, value = ARGV[1], tonumber(ARGV[2]), ARGV[3]\n"
    "local cur = tonumber(redis.call('HGET', KEYS[1], 'gen') or '0')\n"
    "if cur > gen then return 0 end\n"
    "local keep = {}\n"
    "for i = 4, #ARGV do keep[ARGV[i]] = true end\n"
    "for _, h in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n"
    "  if not keep[h] then\n"
    "    local v = redis.call('GET', 'pvi:h:' .. h)\n"
    "    if v and string.match(v, '^(%d+) ') == site then\n"
    "      redis.call('DEL', 'pvi:h:' .. h)\n"
    "      redis.call('PUBLISH', 'pvi:changed', h)\n"
    "    end\n"
    "    redis.call('SREM', KEYS[2], h)\n"
    "  end\n"
    "end\n"
    "for i = 4, #ARGV do\n"
    "  redis.call('SET', 'pvi:h:' .. ARGV[i], value)\n"
    "  redis.call('SADD', KEYS[2], ARGV[i])\n"
    "  redis.call('PUBLISH', 'pvi:changed', ARGV[i])\n"
    "end\n"
    "redis.call('HSET', KEYS[1], 'gen', gen, 'value', value)\n"
    "return 1\n";

static const char unpublish_lua[] =
    "local site, gen = ARGV[1], tonumber(ARGV[2])\n"
    "local cur = tonumber(redis.call('HGET', KEYS[1], 'gen') or '0')\n"
    "if cur > gen then return 0 end\n"
    "for _, h in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n"
    "  local v = redis.call('GET', 'pvi:h:' .. h)\n"
    "  if v and string.match(v, '^(%d+) ') == site then\n"
    "    redis.call('DEL', 'pvi:h:' .. h)\n"
    "    redis.call('PUBLISH', 'pvi:changed', h)\n"
    "  end\n"
    "end\n"
    "redis.call('DEL', KEYS[2])\n"
    "redis.call('HSET', KEYS[1], 'gen', gen, 'value', '')\n"
    "return 1\n";

static enum pvi_code
run_script(struct pvi_redis *r, const char *script, long long site_id, long long gen,
           const char *value, const char *const *hosts, size_t nhosts, int *applied_out)
{
    redisContext *c = pvi_redis_ctx(r);
    if (c == NULL)
        return PVI_UNAVAILABLE;
    char skey[48], hkey[56], site[24], g[24];
    snprintf(skey, sizeof skey, "pvi:s:%lld", site_id);
    snprintf(hkey, sizeof hkey, "pvi:s:%lld:hosts", site_id);
    snprintf(site, sizeof site, "%lld", site_id);
    snprintf(g, sizeof g, "%lld", gen);
    size_t argc = 8 + nhosts;
    const char **argv = pvi_calloc(argc, sizeof *argv);
    size_t *lens = pvi_calloc(argc, sizeof *lens);
    argv[0] = "EVAL";
    argv[1] = script;
    argv[2] = "2";
    argv[3] = skey;
    argv[4] = hkey;
    argv[5] = site;
    argv[6] = g;
    argv[7] = value;
    for (size_t i = 0; i < nhosts; i++)
        argv[8 + i] = hosts[i];
    for (size_t i = 0; i < argc; i++)
        lens[i] = strlen(argv[i]);
    redisReply *rep = redisCommandArgv(c, (int)argc, argv, lens);
    free(argv);
    free(lens);
    if (rep == NULL) {
        pvi_redis_discard(r);
        return PVI_UNAVAILABLE;
    }
    enum pvi_code rc = PVI_UNAVAILABLE;
    if (rep->type == REDIS_REPLY_INTEGER) {
        if (applied_out)
            *applied_out = (int)rep->integer;
        rc = PVI_OK;
    } else if (rep->type == REDIS_REPLY_ERROR) {
        pvi_error("redis script: %s", rep->str);
    }
    freeReplyObject(rep);
    return rc;
}

enum pvi_code
pvi_route_publish(int *applied_out, struct pvi_redis *r, long long site_id, long long gen,
                  const struct pvi_route *route, const char *const *hosts, size_t nhosts)
{
    char value[128];
    pvi_route_format(value, route);
    return run_script(r, publish_lua, site_id, gen, value, hosts, nhosts, applied_out);
}

enum pvi_code
pvi_route_unpublish(int *applied_out, struct pvi_redis *r, long long site_id, long long gen)
{
    return run_script(r, unpublish_lua, site_id, gen, "", NULL, 0, applied_out);
}

enum pvi_code
pvi_route_site(long long *gen_out, char **value_out, char ***hosts_out, size_t *nhosts_out,
               struct pvi_redis *r, long long site_id)
{
    *gen_out = 0;
    *value_out = NULL;
    *hosts_out = NULL;
    *nhosts_out = 0;
    redisContext *c = pvi_redis_ctx(r);
    if (c == NULL)
        return PVI_UNAVAILABLE;
    redisAppendCommand(c, "HMGET pvi:s:%lld gen value", site_id);
    redisAppendCommand(c, "SMEMBERS pvi:s:%lld:hosts", site_id);
    redisReply *a = NULL, *b = NULL;
    if (redisGetReply(c, (void **)&a) != REDIS_OK || redisGetReply(c, (void **)&b) != REDIS_OK) {
        freeReplyObject(a);
        pvi_redis_discard(r);
        return PVI_UNAVAILABLE;
    }
    enum pvi_code rc = PVI_UNAVAILABLE;
    if (a->type == REDIS_REPLY_ARRAY && a->elements == 2 && b->type == REDIS_REPLY_ARRAY) {
        if (a->element[0]->type == REDIS_REPLY_STRING)
            *gen_out = strtoll(a->element[0]->str, NULL, 10);
        if (a->element[1]->type == REDIS_REPLY_STRING && a->element[1]->len > 0)
            *value_out = pvi_strdup(a->element[1]->str);
        *hosts_out = pvi_calloc(b->elements + 1, sizeof **hosts_out);
        for (size_t i = 0; i < b->elements; i++)
            (*hosts_out)[i] = pvi_strdup(b->element[i]->str);
        *nhosts_out = b->elements;
        rc = PVI_OK;
    }
    freeReplyObject(a);
    freeReplyObject(b);
    return rc;
}

enum pvi_code
pvi_route_each(struct pvi_redis *r, pvi_route_fn fn, void *arg)
{
    char cursor[32] = "0";
    do {
        redisContext *c = pvi_redis_ctx(r);
        if (c == NULL)
            return PVI_UNAVAILABLE;
        redisReply *rep = redisCommand(c, "SCAN %s MATCH pvi:h:* COUNT 500", cursor);
        if (rep == NULL || rep->type != REDIS_REPLY_ARRAY || rep->elements != 2 ||
            rep->element[0]->type != REDIS_REPLY_STRING) {
            freeReplyObject(rep);
            pvi_redis_discard(r);
            return PVI_UNAVAILABLE;
        }
        snprintf(cursor, sizeof cursor, "%s", rep->element[0]->str);
        const redisReply *keys = rep->element[1];
        /* the values of this batch in one round trip */
        for (size_t k = 0; k < keys->elements; k++)
            redisAppendCommand(c, "GET %s", keys->element[k]->str);
        int stop = 0;
        for (size_t k = 0; k < keys->elements; k++) {
            redisReply *v = NULL;
            if (redisGetReply(c, (void **)&v) != REDIS_OK || v == NULL) {
                freeReplyObject(rep);
                pvi_redis_discard(r);
                return PVI_UNAVAILABLE;
            }
            struct pvi_route route;
            const char *host = keys->element[k]->str + 6; /* after "pvi:h:" */
            if (!stop && v->type == REDIS_REPLY_STRING && pvi_route_parse(&route, v->str) == 0)
                stop = fn(host, &route, arg);
            freeReplyObject(v);
        }
        freeReplyObject(rep);
        if (stop)
            return PVI_OK;
    } while (strcmp(cursor, "0") != 0);
    return PVI_OK;
}
