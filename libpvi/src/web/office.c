/* office.c — serving an office: its stylesheet and CSS loaded once, the
 * cookie names and security headers of its scheme, the session policy from
 * the configuration, the gate, and the HTTP server with the office's
 * routes followed by the shared ones (routes.c). */
#include "web.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSP "default-src 'self'; frame-ancestors 'none'; form-action 'self'"

/* Whether addr is a loopback address (127.0.0.0/8, ::1). */
static int
loopback(const char *addr)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, addr, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, addr, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return 0;
}

static int
load(struct pvi_web__office *w, const char *xsl_dir)
{
    char *xsl = pvi_asprintf("%s/offices/office.xsl", xsl_dir);
    char *css = pvi_asprintf("%s/offices/office.css", xsl_dir);
    int ok = pvi_stylesheet_load(&w->xsl, xsl) == PVI_OK;
    if (ok) {
        w->css = pvi_file_read(&w->css_len, css);
        if (w->css == NULL) {
            pvi_error("cannot read %s", css);
            ok = 0;
        }
    }
    if (ok) {
        unsigned char h[crypto_generichash_BYTES];
        crypto_generichash(h, sizeof h, (const unsigned char *)w->css, w->css_len, NULL, 0);
        snprintf(w->css_href, sizeof w->css_href, "/_static/office.%02x%02x%02x%02x.css", h[0],
                 h[1], h[2], h[3]);
    }
    free(xsl);
    free(css);
    return ok ? 0 : -1;
}

/* The cookie names of the office: "__Host-pvi_<office>_<what>" over https,
 * "pvi_<office>_<what>" over http (the offices of one host on other ports
 * keep their cookies apart). */
static const char *
cookie_name(const struct pvi_web__office *w, const char *what)
{
    return pvi_asprintf("%spvi_%s_%s", w->secure ? "__Host-" : "", w->office->name, what);
}

int
pvi_office_serve(struct pvi_service *svc, const struct pvi_office *office)
{
    const struct pvi_config *cfg = &svc->cfg;
    struct pvi_web__office w = {.office = office, .svc = svc, .form_ttl_s = cfg->form_ttl_s};
    struct pvi_http_route *routes = NULL;
    int status = EXIT_FAILURE;
    if (strcmp(cfg->office_scheme, "https") == 0) {
        w.secure = 1;
    } else if (strcmp(cfg->office_scheme, "http") != 0) {
        pvi_error("PVI_OFFICE_SCHEME must be https or http");
        return EXIT_FAILURE;
    } else if (!loopback(cfg->listen_addr)) {
        pvi_error("PVI_OFFICE_SCHEME=http is only allowed on a loopback PVI_LISTEN_ADDR (not %s): "
                  "serve the office over https",
                  cfg->listen_addr);
        return EXIT_FAILURE;
    }
    pvi_render_init();
    if (load(&w, cfg->xsl_dir) != 0)
        goto cleanup;
    w.cookie_session = cookie_name(&w, "session");
    w.cookie_pre = cookie_name(&w, "pre");
    w.cookie_flash = cookie_name(&w, "flash");
    w.cookie_lang = cookie_name(&w, "lang");

    size_t h = 0;
    const char *headers[] = {
        "Content-Security-Policy", CSP,           "X-Content-Type-Options", "nosniff",
        "Referrer-Policy",         "same-origin", "X-Frame-Options",        "DENY",
        "Cache-Control",           "no-store"};
    for (size_t i = 0; i < PVI_COUNT_OF(headers); i++)
        w.headers[h++] = headers[i];
    if (w.secure) {
        w.headers[h++] = "Strict-Transport-Security";
        w.headers[h++] = "max-age=31536000";
    }
    w.headers[h] = NULL;

    struct pvi_auth_policy pol = {
        .session_idle_us = (int64_t)cfg->session_idle_s * 1000000,
        .session_absolute_us = (int64_t)cfg->session_absolute_s * 1000000,
    };
    pvi_auth_policy_set(&pol);

    const struct pvi_http_gate gate = {
        .enter = pvi_web__enter,
        .admit = pvi_web__admit,
        .refuse = pvi_web__refuse,
        .ctx = &w,
    };
    struct pvi_http_server srv;
    pvi_service_http(&srv, svc);
    size_t nroutes = 0;
    routes = pvi_web__routes(&nroutes, office);
    srv.routes = routes;
    srv.nroutes = nroutes;
    srv.gate = &gate;
    srv.headers = w.headers;
    srv.app = &w;
    status = pvi_http_run(&srv) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

cleanup:
    free(routes);
    pvi_stylesheet_free(w.xsl);
    free(w.css);
    free((char *)w.cookie_session);
    free((char *)w.cookie_pre);
    free((char *)w.cookie_flash);
    free((char *)w.cookie_lang);
    return status;
}
