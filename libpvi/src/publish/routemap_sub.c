/* routemap_sub.c — the route map's subscriber thread: connects to Redis
 * without blocking, subscribes to pvi:changed, drops each announced host,
 * notices a silent server with a PING, and reconnects with back-off. */
#include "routemap.h"

#include "pvi/pvi_log.h"

#include <errno.h>
#include <hiredis/hiredis.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static int64_t
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits at most ms for events on fd (none if fd < 0) or for a stop. Returns
 * fd's revents (0 on time-out), or -1 when the thread must stop. */
static int
wait_fd(struct pvi_routemap *m, int fd, short events, int ms)
{
    struct pollfd p[2] = {{.fd = m->wake[0], .events = POLLIN}, {.fd = fd, .events = events}};
    int n = poll(p, fd >= 0 ? 2 : 1, ms);
    if (atomic_load(&m->stop))
        return -1;
    if (n <= 0 || fd < 0)
        return 0; /* time-out or EINTR: the caller loops */
    return p[1].revents;
}

/* Waits until fd is ready for events or deadline passes. 1 ready, 0
 * time-out, -1 stop. */
static int
wait_until(struct pvi_routemap *m, int fd, short events, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            return 0;
        int ev = wait_fd(m, fd, events, left < POLL_MS ? (int)left : POLL_MS);
        if (ev != 0)
            return ev < 0 ? -1 : 1;
    }
}

/* Connects (without blocking: the connection is waited for with poll, so a
 * stop is seen at once) and sends SUBSCRIBE. NULL with *why on failure. */
static redisContext *
connect_and_subscribe(struct pvi_routemap *m, char *why, size_t cap)
{
    redisContext *c = redisConnectNonBlock(m->host, m->port);
    if (c == NULL) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    int64_t deadline = now_ms() + m->timeout_ms;
    int err = 0;
    socklen_t len = sizeof err;
    if (c->err) {
        snprintf(why, cap, "%s", c->errstr);
        goto fail;
    }
    int w = wait_until(m, c->fd, POLLOUT, deadline);
    if (w <= 0) {
        snprintf(why, cap, w < 0 ? "stopping" : "connect timed out");
        goto fail;
    }
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err != 0) {
        snprintf(why, cap, "%s", strerror(err));
        goto fail;
    }
    if (redisEnableKeepAlive(c) != REDIS_OK ||
        redisAppendCommand(c, "SUBSCRIBE " CHANNEL) != REDIS_OK) {
        snprintf(why, cap, "%s", c->errstr);
        goto fail;
    }
    for (int done = 0; !done;) {
        if (redisBufferWrite(c, &done) != REDIS_OK) {
            snprintf(why, cap, "%s", c->errstr);
            goto fail;
        }
        if (!done && (w = wait_until(m, c->fd, POLLOUT, deadline)) <= 0) {
            snprintf(why, cap, w < 0 ? "stopping" : "write timed out");
            goto fail;
        }
    }
    return c;
fail:
    redisFree(c);
    return NULL;
}

/* One reply on the subscribed connection. 0, or -1 to drop the connection. */
static int
on_reply(struct pvi_routemap *m, const redisReply *rep, int *live, char *why, size_t cap)
{
    if (rep->type == REDIS_REPLY_ERROR) {
        snprintf(why, cap, "redis: %s", rep->str);
        return -1;
    }
    if (rep->type != REDIS_REPLY_ARRAY || rep->elements < 3 ||
        rep->element[0]->type != REDIS_REPLY_STRING)
        return 0;
    const char *kind = rep->element[0]->str;
    if (strcmp(kind, "message") == 0) {
        const redisReply *host = rep->element[2];
        if (host->type == REDIS_REPLY_STRING) {
            pvi_routemap__forget(m, host->str, host->len);
            pthread_mutex_lock(&m->change_mu);
            if (m->on_change != NULL && host->len < 254)
                m->on_change(host->str, m->change_ctx);
            pthread_mutex_unlock(&m->change_mu);
        } else
            atomic_fetch_add(&m->state, 2);
    } else if (strcmp(kind, "subscribe") == 0 && !*live) {
        pvi_routemap__go_live(m);
        *live = 1;
        pvi_info("route map: subscribed to %s on %s:%d, the map is in use", CHANNEL, m->host,
                 m->port);
    } else if (strcmp(kind, "unsubscribe") == 0) {
        snprintf(why, cap, "unsubscribed");
        return -1;
    }
    return 0;
}

/* Reads the subscribed connection until it fails or the thread must stop.
 * Returns whether the subscription became live; *why says what ended it.
 *
 * After HEARTBEAT_MS without anything from Redis, a PING (allowed on a
 * subscribed connection) must be answered within PING_WAIT_MS or timeout_ms,
 * whichever is longer: a server that vanished without closing the
 * connection (a partition, a frozen host) is noticed in about two seconds,
 * rather than after the ~30 s of TCP keepalive, which stays on as a second
 * line. (A 200 ms deadline was seen to expire on a busy machine: a false
 * alarm empties the map.) */
static int
listen_on(struct pvi_routemap *m, redisContext *c, char *why, size_t cap)
{
    int live = 0;
    int64_t deadline = now_ms() + m->timeout_ms; /* for the confirmation */
    int64_t last_heard = now_ms(), ping_sent = 0;
    const int ping_wait = m->timeout_ms > PING_WAIT_MS ? m->timeout_ms : PING_WAIT_MS;
    int writing = 0; /* part of a PING still to send */
    for (;;) {
        void *rep = NULL;
        while (redisGetReplyFromReader(c, &rep) == REDIS_OK && rep != NULL) {
            int rc = on_reply(m, rep, &live, why, cap);
            freeReplyObject(rep);
            rep = NULL;
            last_heard = now_ms();
            ping_sent = 0;
            if (rc != 0)
                return live;
        }
        if (c->err) {
            snprintf(why, cap, "%s", c->errstr);
            return live;
        }
        int ms = POLL_MS;
        int64_t t = now_ms();
        if (!live) {
            int64_t left = deadline - t;
            if (left <= 0) {
                snprintf(why, cap, "no answer to SUBSCRIBE");
                return live;
            }
            if (left < ms)
                ms = (int)left;
        } else if (ping_sent != 0 && t - ping_sent > ping_wait) {
            snprintf(why, cap, "no answer to PING within %d ms", ping_wait);
            return live;
        } else if (ping_sent == 0 && t - last_heard >= HEARTBEAT_MS) {
            if (redisAppendCommand(c, "PING") != REDIS_OK) {
                snprintf(why, cap, "%s", c->errstr);
                return live;
            }
            ping_sent = t;
            writing = 1;
        }
        if (writing) {
            int done = 0;
            if (redisBufferWrite(c, &done) != REDIS_OK) {
                snprintf(why, cap, "%s", c->errstr);
                return live;
            }
            writing = !done;
        }
        int ev = wait_fd(m, c->fd, writing ? POLLIN | POLLOUT : POLLIN, ms);
        if (ev < 0) {
            snprintf(why, cap, "stopping");
            return live;
        }
        if ((ev & ~POLLOUT) != 0 && redisBufferRead(c) != REDIS_OK) {
            snprintf(why, cap, "%s", c->errstr);
            return live;
        }
    }
}

void *
pvi_routemap__subscriber(void *arg)
{
    struct pvi_routemap *m = arg;
    int backoff = BACKOFF_MIN_MS;
    int reported = 0; /* the current outage was logged */
    while (!atomic_load(&m->stop)) {
        char why[160] = "";
        int was_live = 0;
        redisContext *c = connect_and_subscribe(m, why, sizeof why);
        if (c != NULL) {
            was_live = listen_on(m, c, why, sizeof why);
            redisFree(c);
        }
        /* Any end of a connection: not live, epoch bumped, map emptied. */
        pvi_routemap__go_down(m);
        if (atomic_load(&m->stop))
            break;
        if (was_live) {
            pvi_warn("route map: subscription to %s lost (%s); lookups go to Redis until it is "
                     "restored",
                     CHANNEL, why);
            backoff = BACKOFF_MIN_MS;
            reported = 1;
        } else if (!reported) {
            pvi_warn("route map: cannot subscribe to %s on %s:%d (%s); lookups go to Redis, "
                     "retrying",
                     CHANNEL, m->host, m->port, why);
            reported = 1;
        }
        if (wait_fd(m, -1, 0, backoff) < 0)
            break;
        backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
    }
    return NULL;
}
