/* listener.c — a connection that LISTENs for the worker's news: new
 * publication jobs (NOTIFY pvi_publication) and new batch actions (NOTIFY
 * pvi_batch); re-opened after it is lost. */
#include "audit.h"
#include "pg.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_export.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pvi_listener {
    char *conninfo;
    PGconn *conn;
};

static int
listener_connect(struct pvi_listener *l)
{
    if (l->conn && PQstatus(l->conn) == CONNECTION_OK)
        return 0;
    if (l->conn)
        PQfinish(l->conn);
    l->conn = PQconnectdb(l->conninfo);
    if (PQstatus(l->conn) != CONNECTION_OK) {
        PQfinish(l->conn);
        l->conn = NULL;
        return -1;
    }
    PGresult *r = PQexec(l->conn, "LISTEN pvi_publication; LISTEN pvi_batch");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : -1;
}

enum pvi_code
pvi_listener_open(struct pvi_listener **out, const char *conninfo)
{
    struct pvi_listener *l = pvi_calloc(1, sizeof *l);
    l->conninfo = pvi_strdup(conninfo);
    listener_connect(l); /* may fail now: retried by pvi_listener_wait */
    *out = l;
    return PVI_OK;
}

int
pvi_listener_wait(struct pvi_listener *l, int timeout_ms)
{
    if (listener_connect(l) != 0) {
        struct timespec nap = {timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
        nanosleep(&nap, NULL);
        return -1;
    }
    int notified = 0;
    PGnotify *n;
    PQconsumeInput(l->conn);
    while ((n = PQnotifies(l->conn)) != NULL) {
        notified = 1;
        PQfreemem(n);
    }
    if (notified)
        return 1;
    struct pollfd pfd = {.fd = PQsocket(l->conn), .events = POLLIN};
    int pr = poll(&pfd, 1, timeout_ms);
    if (pr < 0 && errno != EINTR)
        return -1;
    if (pr > 0) {
        if (PQconsumeInput(l->conn) == 0) {
            PQfinish(l->conn);
            l->conn = NULL;
            return -1;
        }
        while ((n = PQnotifies(l->conn)) != NULL) {
            notified = 1;
            PQfreemem(n);
        }
    }
    return notified;
}

void
pvi_listener_close(struct pvi_listener *l)
{
    if (l == NULL)
        return;
    if (l->conn)
        PQfinish(l->conn);
    free(l->conninfo);
    free(l);
}
