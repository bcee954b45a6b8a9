/* test_route.c — Host normalisation (hostile values refused), route values,
 * and the content store's confinement: no path, link or value leads out. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
host_headers_are_normalised_or_refused(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out; /* NULL: refused */
    } cases[] = {
        {"demo.pvi.localhost", "demo.pvi.localhost"},
        {"Demo.PVI.localhost:8080", "demo.pvi.localhost"},
        {"www.example.fr.", "www.example.fr"},
        {"www.example.fr.:80", "www.example.fr"},
        {"  www.example.fr  ", "www.example.fr"},
        {"xn--caf-dma.fr", "xn--caf-dma.fr"},
        {"", NULL},
        {".", NULL},
        {"..", NULL},
        {"a..b", NULL},
        {".example.fr", NULL},
        {"-example.fr", NULL},
        {"example.fr:", NULL},
        {"example.fr:80x", NULL},
        {"[::1]", NULL},
        {"[::1]:8080", NULL},
        {"example.fr/../../etc/passwd", NULL},
        {"exa mple.fr", NULL},
        {"example.fr\r\nX-Injected: 1", NULL},
        {"ex_ample.fr", NULL},
        {"exämple.fr", NULL},
        {"user@example.fr", NULL},
        {"example.fr%00", NULL},
        {NULL, NULL},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        char out[254];
        int rc = pvi_host_normalize(out, cases[i].in);
        if (cases[i].out) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, cases[i].out);
        } else {
            if (rc == 0)
                print_error("accepted hostile host \"%s\"\n", cases[i].in);
            assert_int_equal(rc, -1);
        }
    }
    char long_host[400];
    memset(long_host, 'a', sizeof long_host - 1);
    long_host[sizeof long_host - 1] = '\0';
    char out[254];
    assert_int_equal(pvi_host_normalize(out, long_host), -1);
}

static void
route_values_round_trip_and_bad_ones_are_refused(void **state)
{
    (void)state;
    struct pvi_route r = {.site_id = 42, .revision = 7, .state = 'o'};
    pvi_store_document_path(r.path, 42, 7);
    assert_string_equal(r.path, "sites/0/42-7.xml");
    char v[128];
    pvi_route_format(v, &r);
    assert_string_equal(v, "42 7 o sites/0/42-7.xml");
    struct pvi_route back;
    assert_int_equal(pvi_route_parse(&back, v), 0);
    assert_int_equal(back.site_id, 42);
    assert_int_equal(back.revision, 7);
    assert_int_equal(back.state, 'o');
    assert_string_equal(back.path, "sites/0/42-7.xml");
    const char *bad[] = {
        "42 7 o ../../../etc/passwd",
        "42 7 o /etc/passwd",
        "42 7 o sites/42/../../../etc/passwd",
        "42 7 o sites/0/42-7.xml extra",
        "42 7 x sites/0/42-7.xml",
        "42 7 o media/../sites/0/1-1.xml",
        "42 7 o sites/4a/42-7.xml",
        "42 7 o sites/0/42.xml",
        "42 7 o sites/0/-7.xml",
        "",
        "garbage",
    };
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++)
        assert_int_equal(pvi_route_parse(&back, bad[i]), -1);
}

static void
media_types_come_from_magic_bytes_only(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *type;
    } cases[] = {
        {"\xff\xd8\xff\xe0rest", 8, "image/jpeg"},
        {"\x89PNG\r\n\x1a\nrest", 12, "image/png"},
        {"RIFF\x10\0\0\0WEBPVP8 ", 16, "image/webp"},
        {"\0\0\0\x18"
         "ftypmp42",
         12, "video/mp4"},
        {"<svg xmlns=", 11, NULL},
        {"GIF89a", 6, NULL},
        {"\xff\xd8", 2, NULL}, /* too short */
        {"", 0, NULL},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        const char *t = pvi_media_type((const unsigned char *)cases[i].bytes, cases[i].len);
        if (cases[i].type == NULL)
            assert_null(t);
        else
            assert_string_equal(t, cases[i].type);
    }
}

static char tmpdir[64];

static int
mktmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pvi-store-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int
rmtmp(void **state)
{
    (void)state;
    char *cmd = pvi_asprintf("rm -rf '%s'", tmpdir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static void
store_writes_once_reads_back_and_stays_inside_its_root(void **state)
{
    (void)state;
    struct pvi_store *s = NULL;
    char *root = pvi_asprintf("%s/deep/er/content", tmpdir); /* parents created */
    assert_int_equal(pvi_store_open(&s, root), PVI_OK);
    assert_int_equal(pvi_store_put_document(s, 5, 1, "<site/>", 7), PVI_OK);
    assert_int_equal(pvi_store_sync(s), PVI_OK);
    assert_true(pvi_store_has(s, "sites/0/5-1.xml"));
    /* immutable: a second write keeps the first content */
    assert_int_equal(pvi_store_put_document(s, 5, 1, "<other/>", 8), PVI_OK);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(pvi_store_read(&data, &len, s, "sites/0/5-1.xml"), PVI_OK);
    assert_int_equal(len, 7);
    assert_string_equal(data, "<site/>");
    free(data);
    /* no temporary file left behind */
    char *cmd = pvi_asprintf("test $(ls '%s/sites/0' | wc -l) -eq 1", root);
    assert_int_equal(system(cmd), 0);
    free(cmd);

    /* hostile paths are refused before anything is opened */
    const char *bad[] = {"../../etc/passwd",   "/etc/passwd",    "sites/0/../../../../etc/passwd",
                         "sites/0/5-1.xml/..", "media/abc",      "sites//5-1.xml",
                         "sites/0/5-1.XML",    "sites/0/5/1.xml"};
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++)
        assert_int_equal(pvi_store_read(&data, &len, s, bad[i]), PVI_BAD_REQUEST);

    /* a symbolic link planted in the store does not lead out of it */
    cmd = pvi_asprintf("ln -s /etc '%s/sites/666' && ln -s /etc/passwd '%s/sites/0/5-2.xml'", root,
                       root);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    assert_int_not_equal(pvi_store_read(&data, &len, s, "sites/666/666001-1.xml"), PVI_OK);
    assert_int_not_equal(pvi_store_read(&data, &len, s, "sites/0/5-2.xml"), PVI_OK);
    assert_false(pvi_store_has(s, "sites/0/5-2.xml"));
    assert_int_equal(pvi_store_read(&data, &len, s, "sites/0/5-9.xml"), PVI_NOT_FOUND);
    pvi_store_close(s);
    free(root);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_headers_are_normalised_or_refused),
        cmocka_unit_test(route_values_round_trip_and_bad_ones_are_refused),
        cmocka_unit_test(media_types_come_from_magic_bytes_only),
        cmocka_unit_test_setup_teardown(store_writes_once_reads_back_and_stays_inside_its_root,
                                        mktmp, rmtmp),
    };
    return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
