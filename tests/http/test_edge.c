/* test_edge.c — the HTTP edge of every service, started as processes: a
 * request with two Host headers gets 400 (RFC 9112 §3.2); a client that
 * sends its request head too slowly is disconnected while others are
 * served; connections per address are limited by default. */
#include "testenv.h"

#include "pvi/pvi_mem.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *const services[] = {"internet-fo", "backoffice", "operator-fo", "client-fo",
                                       "publisher"};

static int
connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static long long
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Whether the server has closed fd (a read gives end of stream or an
 * error) within ms. */
static int
closed_within(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, ms) <= 0)
        return 0;
    char c;
    return recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

static void
two_host_headers_get_400_on_every_service(void **state)
{
    (void)state;
    for (size_t i = 0; i < PVI_COUNT_OF(services); i++) {
        struct testproc p;
        testenv_start(&p, services[i], NULL);
        char *req = pvi_asprintf("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                                 "Host: evil.example\r\nConnection: close\r\n\r\n",
                                 p.port);
        struct testhttp r;
        testenv_http_raw(&r, p.port, req, strlen(req));
        if (r.status != 400)
            print_error("%s: %d\n", services[i], r.status);
        assert_int_equal(r.status, 400);
        testhttp_free(&r);
        free(req);
        /* one Host is fine */
        testenv_get(&r, p.port, "/healthz");
        assert_int_equal(r.status, 200);
        testhttp_free(&r);
        assert_int_equal(testenv_stop(&p), 0);
    }
}

static void
a_slow_request_head_is_cut_while_others_are_served(void **state)
{
    (void)state;
    const char *env[] = {"PVI_HEADER_TIMEOUT_S=1", "PVI_CONNECTION_TIMEOUT_S=30", NULL};
    for (size_t i = 0; i < PVI_COUNT_OF(services); i++) {
        struct testproc p;
        testenv_start(&p, services[i], env);
        /* a client that sends one header byte every 200 ms, which would keep
         * the idle timeout (30 s) from ever firing */
        int slow = connect_to(p.port);
        const char *head =
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaa";
        long long t0 = now_ms();
        int cut = 0;
        for (size_t k = 0; k < strlen(head) && !cut; k++) {
            if (send(slow, head + k, 1, MSG_NOSIGNAL) != 1) {
                cut = 1;
                break;
            }
            cut = closed_within(slow, 200);
            if (k == 3) { /* meanwhile, another client is served at once */
                struct testhttp r;
                testenv_get(&r, p.port, "/healthz");
                assert_int_equal(r.status, 200);
                testhttp_free(&r);
            }
        }
        long long took = now_ms() - t0;
        close(slow);
        if (!cut || took > 3000)
            print_error("%s: cut=%d after %lld ms\n", services[i], cut, took);
        assert_true(cut);
        assert_true(took >= 900 && took <= 3000);
        /* the metrics count it */
        struct testhttp r;
        testenv_get(&r, p.port, "/metrics");
        char want[128];
        snprintf(want, sizeof want, "pvi_http_request_head_timeouts_total{service=\"%s\"} 1\n",
                 services[i]);
        assert_non_null(strstr(r.body, want));
        testhttp_free(&r);
        assert_int_equal(testenv_stop(&p), 0);
    }
}

static void
a_kept_alive_connection_gets_the_same_deadline_for_its_next_head(void **state)
{
    (void)state;
    const char *env[] = {"PVI_HEADER_TIMEOUT_S=1", NULL};
    struct testproc p;
    testenv_start(&p, "backoffice", env);
    int fd = connect_to(p.port);
    char *req = pvi_asprintf("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", p.port);
    assert_int_equal(send(fd, req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
    char buf[4096];
    assert_true(recv(fd, buf, sizeof buf, 0) > 0); /* the first answer */
    /* nothing more is sent: the connection is closed about a second later */
    long long t0 = now_ms();
    int cut = closed_within(fd, 3000);
    long long took = now_ms() - t0;
    assert_true(cut);
    assert_true(took >= 500 && took <= 3000);
    close(fd);
    free(req);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
connections_per_address_are_limited_by_default(void **state)
{
    (void)state;
    /* the default is on (PVI_PER_IP_CONNECTION_LIMIT=256): lowered here */
    const char *env[] = {"PVI_PER_IP_CONNECTION_LIMIT=3", NULL};
    struct testproc p;
    testenv_start(&p, "internet-fo", env);
    /* the connection that polled /healthz at start is gone first */
    struct timespec settle = {0, 300 * 1000 * 1000};
    nanosleep(&settle, NULL);
    int held[3];
    for (int i = 0; i < 3; i++) {
        held[i] = connect_to(p.port);
        assert_false(closed_within(held[i], 300)); /* accepted and kept */
    }
    /* the fourth connection from 127.0.0.1 is closed at once */
    int extra = connect_to(p.port);
    assert_true(closed_within(extra, 2000));
    close(extra);
    for (int i = 0; i < 3; i++)
        close(held[i]);
    /* once they are gone, a request is served again */
    assert_int_equal(testenv_wait_status(p.port, "/healthz", 200, 5000), 200);
    assert_int_equal(testenv_stop(&p), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_host_headers_get_400_on_every_service),
        cmocka_unit_test(a_slow_request_head_is_cut_while_others_are_served),
        cmocka_unit_test(a_kept_alive_connection_gets_the_same_deadline_for_its_next_head),
        cmocka_unit_test(connections_per_address_are_limited_by_default),
    };
    return cmocka_run_group_tests_name("edge", tests, NULL, NULL);
}
