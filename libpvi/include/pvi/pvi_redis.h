/* pvi_redis.h — Redis connections, one per thread (a hiredis context is not
 * thread-safe), each connected with a timeout and re-connected after an error. */
#ifndef PVI_REDIS_H
#define PVI_REDIS_H

#include "pvi/pvi_error.h"

#include <hiredis/hiredis.h>

struct pvi_redis;

/* Describes the server; connects lazily. *out belongs to the caller (pvi_redis_close). */
enum pvi_code pvi_redis_open(struct pvi_redis **out, const char *host, int port, int timeout_ms);
/* Frees the description and the calling thread's context. Other threads'
 * contexts are freed when those threads exit. NULL is a no-op. */
void pvi_redis_close(struct pvi_redis *r);

/* The calling thread's connected context, or NULL when the server cannot be
 * reached now (the next call tries again). Owned by the library: do not free. */
redisContext *pvi_redis_ctx(struct pvi_redis *r);
/* Tell the library the context failed (after a NULL reply or REDIS_REPLY_ERROR
 * on I/O): it is dropped and re-opened by the next pvi_redis_ctx(). */
void pvi_redis_discard(struct pvi_redis *r);

/* PING round trip: PVI_OK or PVI_UNAVAILABLE. */
enum pvi_code pvi_redis_ping(struct pvi_redis *r);

#endif
