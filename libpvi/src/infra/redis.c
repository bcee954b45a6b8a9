/* redis.c — per-thread hiredis contexts with connect/read timeouts and reconnect. */
#include "pvi/pvi_redis.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct pvi_redis {
    char *host;
    int port;
    struct timeval timeout;
    pthread_key_t key;
};

static void
free_ctx(void *p)
{
    if (p)
        redisFree(p);
}

enum pvi_code
pvi_redis_open(struct pvi_redis **out, const char *host, int port, int timeout_ms)
{
    *out = NULL;
    if (host == NULL || port <= 0)
        return PVI_CONFIG;
    struct pvi_redis *r = pvi_calloc(1, sizeof *r);
    r->host = pvi_strdup(host);
    r->port = port;
    r->timeout.tv_sec = timeout_ms / 1000;
    r->timeout.tv_usec = (timeout_ms % 1000) * 1000;
    if (pthread_key_create(&r->key, free_ctx) != 0) {
        free(r->host);
        free(r);
        return PVI_INTERNAL;
    }
    *out = r;
    return PVI_OK;
}

void
pvi_redis_close(struct pvi_redis *r)
{
    if (r == NULL)
        return;
    pvi_redis_discard(r);
    pthread_key_delete(r->key);
    free(r->host);
    free(r);
}

redisContext *
pvi_redis_ctx(struct pvi_redis *r)
{
    redisContext *c = pthread_getspecific(r->key);
    if (c != NULL && c->err == 0)
        return c;
    if (c != NULL) {
        redisFree(c);
        pthread_setspecific(r->key, NULL);
    }
    c = redisConnectWithTimeout(r->host, r->port, r->timeout);
    if (c == NULL || c->err) {
        pvi_warn("redis unreachable at %s:%d: %s", r->host, r->port,
                 c ? c->errstr : "out of memory");
        if (c)
            redisFree(c);
        return NULL;
    }
    if (redisSetTimeout(c, r->timeout) != REDIS_OK) {
        redisFree(c);
        return NULL;
    }
    pthread_setspecific(r->key, c);
    return c;
}

void
pvi_redis_discard(struct pvi_redis *r)
{
    redisContext *c = pthread_getspecific(r->key);
    if (c) {
        redisFree(c);
        pthread_setspecific(r->key, NULL);
    }
}

enum pvi_code
pvi_redis_ping(struct pvi_redis *r)
{
    redisContext *c = pvi_redis_ctx(r);
    if (c == NULL)
        return PVI_UNAVAILABLE;
    redisReply *rep = redisCommand(c, "PING");
    enum pvi_code rc = PVI_UNAVAILABLE;
    if (rep != NULL && rep->type == REDIS_REPLY_STATUS && strcmp(rep->str, "PONG") == 0)
        rc = PVI_OK;
    else if (rep != NULL && rep->type == REDIS_REPLY_ERROR)
        pvi_warn("redis ping: %s", rep->str);
    else if (rep == NULL)
        pvi_warn("redis ping: %s", c->errstr);
    if (rep == NULL)
        pvi_redis_discard(r);
    freeReplyObject(rep);
    return rc;
}
