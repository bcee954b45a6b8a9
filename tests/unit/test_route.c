/* test_route.c — Host normalisation (hostile values refused), route values,
 * and the content store's confinement: no path, link or value leads out,
 * and no link is followed even to a document of the store, with openat2()
 * and without it. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_store.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

/* Links planted inside the store, to documents or folders of the store:
 * refused like links that lead out. The number of links that could be read
 * (0 when the store is right). */
static int
links_inside_the_store_read(struct pvi_store *s)
{
    static const char *const links[] = {
        "sites/1/1001-1.xml", /* -> 1002-1.xml, beside it */
        "sites/1/1003-1.xml", /* -> the absolute path of sites/1/1002-1.xml */
        "sites/2/1002-1.xml", /* sites/2 -> 1: a folder link */
        "sites/1/1004-1.xml", /* -> ../3/1002-1.xml: through a folder link */
    };
    int read = 0;
    for (size_t i = 0; i < PVI_COUNT_OF(links); i++) {
        char *data = NULL;
        size_t len = 0;
        enum pvi_code rc = pvi_store_read(&data, &len, s, links[i]);
        if (rc == PVI_OK || pvi_store_has(s, links[i])) {
            print_error("%s was read through a link\n", links[i]);
            read++;
        }
        free(data);
    }
    /* the document itself is read */
    char *data = NULL;
    size_t len = 0;
    if (pvi_store_read(&data, &len, s, "sites/1/1002-1.xml") != PVI_OK ||
        strcmp(data, "<site id=\"1002\"/>") != 0) {
        print_error("the document itself is unreadable\n");
        read++;
    }
    free(data);
    return read;
}

/* Makes openat2() unknown to this process (ENOSYS), as on kernels before
 * 5.6: the store then opens paths one component at a time. */
static int
without_openat2(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = PVI_COUNT_OF(filter), .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        return -1;
    return syscall(SYS_openat2, AT_FDCWD, ".", NULL, 0) == -1 && errno == ENOSYS ? 0 : -1;
}

static void
store_refuses_links_that_stay_inside_it(void **state)
{
    (void)state;
    struct pvi_store *s = NULL;
    char *root = pvi_asprintf("%s/content", tmpdir);
    assert_int_equal(pvi_store_open(&s, root), PVI_OK);
    const char *doc = "<site id=\"1002\"/>";
    assert_int_equal(pvi_store_put_document(s, 1002, 1, doc, strlen(doc)), PVI_OK);
    char *cmd = pvi_asprintf("cd '%s/sites' && ln -s 1002-1.xml 1/1001-1.xml"
                             " && ln -s '%s/sites/1/1002-1.xml' 1/1003-1.xml"
                             " && ln -s 1 2 && ln -s 1 3"
                             " && ln -s ../3/1002-1.xml 1/1004-1.xml",
                             root, root);
    assert_int_equal(system(cmd), 0);
    free(cmd);

    /* with openat2() (RESOLVE_NO_SYMLINKS) */
    assert_int_equal(links_inside_the_store_read(s), 0);

    /* and without it, one component at a time (O_NOFOLLOW), in a child
     * process where openat2() does not exist */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (without_openat2() != 0)
            _exit(100);
        _exit(links_inside_the_store_read(s) == 0 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 100)
        print_error("could not hide openat2() from the child\n");
    assert_int_equal(WEXITSTATUS(status), 0);
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
        cmocka_unit_test_setup_teardown(store_refuses_links_that_stay_inside_it, mktmp, rmtmp),
    };
    return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
