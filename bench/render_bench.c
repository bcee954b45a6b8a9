/* render_bench.c — pvi-render-bench: what one page costs to render, in
 * process, phase by phase (read, parse, transform + serialise), for each
 * charter, over the documents given. A diagnostic printed by `make bench`
 * next to the throughput figures; not a test.
 *   pvi-render-bench XSL_DIR ROUNDS DOC...                                */
#include "pvi/pvi_mem.h"
#include "pvi/pvi_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s XSL_DIR ROUNDS DOC...\n", argv[0]);
        return 2;
    }
    static const char *const charters[] = {"classique", "azur", "terroir"};
    static const char *const pages[] = {"home", "services", "contact"};
    int rounds = atoi(argv[2]);
    int ndocs = argc - 3;
    char **docs = pvi_calloc((size_t)ndocs, sizeof *docs);
    size_t *lens = pvi_calloc((size_t)ndocs, sizeof *lens);
    for (int i = 0; i < ndocs; i++)
        if ((docs[i] = pvi_file_read(&lens[i], argv[3 + i])) == NULL) {
            fprintf(stderr, "cannot read %s\n", argv[3 + i]);
            return 1;
        }
    pvi_render_init();
    /* as internet-fo renders: one render scope per page (PVI_RENDER_BENCH_SCOPE=0: none) */
    const char *scope_env = getenv("PVI_RENDER_BENCH_SCOPE");
    int scoped = scope_env == NULL || strcmp(scope_env, "0") != 0;
    printf("%-10s %-9s %10s %12s %10s\n", "charter", "page", "parse µs", "render µs", "bytes");
    for (size_t c = 0; c < PVI_COUNT_OF(charters); c++) {
        char *path = pvi_asprintf("%s/charters/%s.xsl", argv[1], charters[c]);
        struct pvi_stylesheet *xsl = NULL;
        if (pvi_stylesheet_load(&xsl, path) != PVI_OK)
            return 1;
        free(path);
        for (size_t p = 0; p < PVI_COUNT_OF(pages); p++) {
            const char *only = getenv("PVI_RENDER_BENCH_PAGE"); /* e.g. "home" */
            if (only && strcmp(only, pages[p]) != 0)
                continue;
            double parse = 0, render = 0;
            size_t bytes = 0;
            long n = 0;
            for (int r = 0; r < rounds; r++)
                for (int d = 0; d < ndocs; d++) {
                    double t0 = now_us();
                    if (scoped)
                        pvi_render_scope_begin();
                    struct pvi_xml *doc = NULL;
                    if (pvi_xml_parse(&doc, docs[d], lens[d]) != PVI_OK)
                        return 1;
                    double t1 = now_us();
                    const char *params[] = {"page",  pages[p],
                                            "base",  "http://exemple.pvi.bench",
                                            "css",   "/_charte/x.00000000.css",
                                            "today", "2026-11-25",
                                            NULL};
                    char *out = NULL;
                    size_t len = 0;
                    if (pvi_render(&out, &len, xsl, doc, params) != PVI_OK)
                        return 1;
                    double t2 = now_us();
                    pvi_xml_free(doc);
                    if (scoped)
                        pvi_render_scope_end();
                    free(out);
                    if (r > 0) { /* the first round warms up */
                        parse += t1 - t0;
                        render += t2 - t1;
                        bytes += len;
                        n++;
                    }
                }
            if (n > 0)
                printf("%-10s %-9s %10.1f %12.1f %10zu\n", charters[c], pages[p], parse / n,
                       render / n, bytes / (size_t)n);
        }
        pvi_stylesheet_free(xsl);
    }
    for (int i = 0; i < ndocs; i++)
        free(docs[i]);
    free(docs);
    free(lens);
    return 0;
}
