/* test_render.c — the locked-down XSLT engine: hostile stylesheets cannot
 * read files (document('file:///etc/passwd')), write files (exsl:document,
 * xsl:document), create folders or open network
 * connections (a local listener sees none); hostile documents get no
 * external entity expanded; parameters carry any text safely. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_render.h"

#include <arpa/inet.h>
#include <libxml/xmlerror.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char dir[64];

static int
setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/pvi-render-XXXXXX");
    assert_non_null(mkdtemp(dir));
    pvi_render_init();
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    char *cmd = pvi_asprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

/* Compiles <xsl:stylesheet version="version"> with body, written as name in
 * the test folder. */
static struct pvi_stylesheet *
compile_version(const char *name, const char *version, const char *method, const char *body)
{
    char *path = pvi_asprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "<xsl:stylesheet version=\"%s\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
            " xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">"
            "<xsl:output method=\"%s\"/>%s</xsl:stylesheet>",
            version, method, body);
    fclose(f);
    struct pvi_stylesheet *s = NULL;
    assert_int_equal(pvi_stylesheet_load(&s, path), PVI_OK);
    free(path);
    return s;
}

static struct pvi_stylesheet *
compile_as(const char *name, const char *method, const char *body)
{
    return compile_version(name, "1.0", method, body);
}

static struct pvi_stylesheet *
compile(const char *name, const char *body)
{
    return compile_as(name, "text", body);
}

static struct pvi_xml *
parse(const char *xml)
{
    struct pvi_xml *d = NULL;
    assert_int_equal(pvi_xml_parse(&d, xml, strlen(xml)), PVI_OK);
    return d;
}

/* A listening socket on a free loopback port; *port_out gets the port. */
static int
listener(int *port_out)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 8), 0);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port_out = ntohs(a.sin_port);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

static int
connections_seen(int fd)
{
    int n = 0, c;
    while ((c = accept(fd, NULL, NULL)) >= 0) {
        n++;
        close(c);
    }
    return n;
}

static void
stylesheet_cannot_read_a_file(void **state)
{
    (void)state;
    struct pvi_stylesheet *s =
        compile("read.xsl", "<xsl:template match=\"/\">[<xsl:value-of"
                            " select=\"document('file:///etc/passwd')\"/>]</xsl:template>");
    struct pvi_xml *d = parse("<x/>");
    char *out = NULL;
    size_t len = 0;
    enum pvi_code rc = pvi_render(&out, &len, s, d, NULL);
    assert_int_not_equal(rc, PVI_OK);
    assert_true(out == NULL || strstr(out, "root:") == NULL);
    free(out);
    /* nor a file the stylesheet could name relatively, next to it */
    char *near = pvi_asprintf("%s/near.xml", dir);
    FILE *f = fopen(near, "w");
    fputs("<v>secret</v>", f);
    fclose(f);
    struct pvi_stylesheet *s2 =
        compile("near.xsl", "<xsl:template match=\"/\">[<xsl:value-of"
                            " select=\"document('near.xml')\"/>]</xsl:template>");
    rc = pvi_render(&out, &len, s2, d, NULL);
    assert_true(rc != PVI_OK || strstr(out, "secret") == NULL);
    free(out);
    pvi_stylesheet_free(s2);
    free(near);
    pvi_xml_free(d);
    pvi_stylesheet_free(s);
}

static void
stylesheet_cannot_write_a_file(void **state)
{
    (void)state;
    char *target = pvi_asprintf("%s/pwned.txt", dir);
    char *body = pvi_asprintf("<xsl:template match=\"/\"><exsl:document href=\"%s\""
                              " method=\"text\">owned</exsl:document>done</xsl:template>",
                              target);
    struct pvi_stylesheet *s = compile("write.xsl", body);
    struct pvi_xml *d = parse("<x/>");
    char *out = NULL;
    size_t len = 0;
    assert_int_not_equal(pvi_render(&out, &len, s, d, NULL), PVI_OK);
    free(out);
    assert_int_not_equal(access(target, F_OK), 0);
    pvi_xml_free(d);
    pvi_stylesheet_free(s);
    free(body);
    free(target);
}

/* xsl:document (XSLT 1.1, which libxslt implements for stylesheets of
 * version 1.1) writes files through libxslt itself: only the security
 * preferences stop it, unlike exsl:document above, which fails anyway
 * because the EXSLT elements are not registered. Neither a file next to the
 * others nor one in a folder to create may appear. */
static void
stylesheet_cannot_write_a_file_with_xsl_document(void **state)
{
    (void)state;
    char *near = pvi_asprintf("%s/written.txt", dir);
    char *deep = pvi_asprintf("%s/made/written.txt", dir);
    const char *targets[] = {near, deep};
    for (size_t i = 0; i < PVI_COUNT_OF(targets); i++) {
        char *body = pvi_asprintf("<xsl:template match=\"/\"><xsl:document href=\"%s\""
                                  " method=\"text\">owned</xsl:document>done</xsl:template>",
                                  targets[i]);
        char *name = pvi_asprintf("document%zu.xsl", i);
        struct pvi_stylesheet *s = compile_version(name, "1.1", "text", body);
        struct pvi_xml *d = parse("<x/>");
        char *out = NULL;
        size_t len = 0;
        enum pvi_code rc = pvi_render(&out, &len, s, d, NULL);
        if (access(targets[i], F_OK) == 0)
            print_error("%s was written\n", targets[i]);
        assert_int_not_equal(access(targets[i], F_OK), 0);
        assert_int_not_equal(rc, PVI_OK); /* the refusal is a failed render */
        assert_null(out);
        pvi_xml_free(d);
        pvi_stylesheet_free(s);
        free(name);
        free(body);
    }
    char *made = pvi_asprintf("%s/made", dir);
    assert_int_not_equal(access(made, F_OK), 0);
    free(made);
    free(near);
    free(deep);
}

static void
stylesheet_cannot_open_a_connection(void **state)
{
    (void)state;
    int port;
    int fd = listener(&port);
    char *body = pvi_asprintf("<xsl:template match=\"/\">[<xsl:value-of"
                              " select=\"document('http://127.0.0.1:%d/x.xml')\"/>]"
                              "</xsl:template>",
                              port);
    struct pvi_stylesheet *s = compile("net.xsl", body);
    struct pvi_xml *d = parse("<x/>");
    char *out = NULL;
    size_t len = 0;
    assert_int_not_equal(pvi_render(&out, &len, s, d, NULL), PVI_OK);
    free(out);
    usleep(100 * 1000);
    assert_int_equal(connections_seen(fd), 0);
    close(fd);
    pvi_xml_free(d);
    pvi_stylesheet_free(s);
    free(body);
}

static void
documents_expand_no_external_entity(void **state)
{
    (void)state;
    int port;
    int fd = listener(&port);
    struct pvi_stylesheet *s =
        compile("text.xsl", "<xsl:template match=\"/\">[<xsl:value-of select=\".\"/>]"
                            "</xsl:template>");
    const char *file_xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                           " \"file:///etc/passwd\">]><x>a&e;b</x>";
    struct pvi_xml *d = NULL;
    char *out = NULL;
    size_t len = 0;
    if (pvi_xml_parse(&d, file_xxe, strlen(file_xxe)) == PVI_OK) {
        if (pvi_render(&out, &len, s, d, NULL) == PVI_OK)
            assert_null(strstr(out, "root:"));
        free(out);
        pvi_xml_free(d);
    }
    char *net_xxe = pvi_asprintf("<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM"
                                 " \"http://127.0.0.1:%d/evil.dtd\"><x>&e;</x>",
                                 port);
    if (pvi_xml_parse(&d, net_xxe, strlen(net_xxe)) == PVI_OK)
        pvi_xml_free(d);
    char *param = pvi_asprintf("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY %% p SYSTEM"
                               " \"http://127.0.0.1:%d/p.dtd\"> %%p;]><x/>",
                               port);
    if (pvi_xml_parse(&d, param, strlen(param)) == PVI_OK)
        pvi_xml_free(d);
    usleep(100 * 1000);
    assert_int_equal(connections_seen(fd), 0);
    /* billion laughs: refused or bounded, never expanded */
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                         "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                         "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;</l>";
    if (pvi_xml_parse(&d, laughs, strlen(laughs)) == PVI_OK) {
        if (pvi_render(&out, &len, s, d, NULL) == PVI_OK)
            assert_true(len < 100);
        free(out);
        pvi_xml_free(d);
    }
    close(fd);
    free(net_xxe);
    free(param);
    pvi_stylesheet_free(s);
}

static void
parameters_carry_any_text(void **state)
{
    (void)state;
    struct pvi_stylesheet *s =
        compile("param.xsl", "<xsl:param name=\"v\"/><xsl:template match=\"/\"><xsl:value-of"
                             " select=\"$v\"/></xsl:template>");
    struct pvi_xml *d = parse("<x/>");
    const char *values[] = {
        "simple", "l'apostrophe", "les \"guillemets\"", "les deux ' et \" mêlés '' \"\"",
        "'",      "\"'\"",        "') or ('1'='1",      ""};
    for (size_t i = 0; i < PVI_COUNT_OF(values); i++) {
        const char *params[] = {"v", values[i], NULL};
        char *out = NULL;
        size_t len = 0;
        assert_int_equal(pvi_render(&out, &len, s, d, params), PVI_OK);
        assert_string_equal(out, values[i]);
        free(out);
    }
    pvi_xml_free(d);
    pvi_stylesheet_free(s);
}

/* HTML5 output: void elements without end tag, escaping, and no text that
 * can close a <script> early. The expected text is written by hand. */
static void
html_output_is_html5_and_script_text_cannot_escape(void **state)
{
    (void)state;
    struct pvi_stylesheet *s = compile_as(
        "html.xsl", "html",
        "<xsl:template match=\"/\">"
        "<xsl:text disable-output-escaping=\"yes\">&lt;!DOCTYPE html&gt;</xsl:text>"
        "<html lang=\"fr\"><head><meta charset=\"utf-8\"/>"
        "<script type=\"application/ld+json\"><xsl:value-of select=\"/d/j\"/></script></head>"
        "<body><p title=\"{/d/t}\"><xsl:value-of select=\"/d/t\"/><br/>"
        "<img src=\"/m/a.jpg\" alt=\"\"/></p><p></p></body></html>"
        "</xsl:template>");
    struct pvi_xml *d = parse("<d><j>{\"n\":\"&lt;/script&gt;&lt;script&gt;x()\"}</j>"
                              "<t>Caf\xC3\xA9 &amp; \"th\xC3\xA9\" &lt;b&gt;</t></d>");
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(pvi_render(&out, &len, s, d, NULL), PVI_OK);
    assert_string_equal(out,
                        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                        "<script type=\"application/ld+json\">"
                        "{\"n\":\"<\\/script><script>x()\"}</script></head>"
                        "<body><p title=\"Caf\xC3\xA9 &amp; &quot;th\xC3\xA9&quot; &lt;b&gt;\">"
                        "Caf\xC3\xA9 &amp; \"th\xC3\xA9\" &lt;b&gt;<br>"
                        "<img src=\"/m/a.jpg\" alt=\"\"></p><p></p></body></html>");
    assert_int_equal(len, strlen(out));
    free(out);
    pvi_xml_free(d);
    pvi_stylesheet_free(s);
}

/* Render scopes (libxml2's allocations from a per-thread arena): a document
 * far larger than the arena's first chunk, in several scopes in a row; a
 * malformed one, whose error libxml2 does not keep past the scope; and one
 * parsed before a scope and freed inside it (freed in full: the ASan build's
 * leak check fails otherwise). */
static void
render_scopes_take_large_malformed_and_outside_documents(void **state)
{
    (void)state;
    struct pvi_stylesheet *s = compile_as(
        "scope.xsl", "html",
        "<xsl:template match=\"/\"><p id=\"n\"><xsl:value-of select=\"string-length(/d)\"/></p>"
        "<p><xsl:value-of select=\"substring(/d, 1, 4)\"/></p></xsl:template>");
    size_t big = (size_t)3 * 1024 * 1024;
    struct pvi_buf xml = {0};
    pvi_buf_puts(&xml, "<d>déb");
    for (size_t i = 0; i < big; i += 16)
        pvi_buf_puts(&xml, "aaaaaaaaaaaaaaaa");
    pvi_buf_puts(&xml, "</d>");
    char *want = pvi_asprintf("<p id=\"n\">%zu</p><p>déba</p>", big + 3);
    for (int round = 0; round < 3; round++) {
        pvi_render_scope_begin();
        struct pvi_xml *d = NULL;
        assert_int_equal(pvi_xml_parse(&d, xml.data, xml.len), PVI_OK);
        char *out = NULL;
        size_t len = 0;
        assert_int_equal(pvi_render(&out, &len, s, d, NULL), PVI_OK);
        pvi_xml_free(d);
        pvi_render_scope_end();
        assert_string_equal(out, want);
        free(out);
    }
    free(want);
    pvi_buf_free(&xml);

    pvi_render_scope_begin();
    struct pvi_xml *bad = NULL;
    assert_int_equal(pvi_xml_parse(&bad, "<d><e></d>", 10), PVI_BAD_REQUEST);
    assert_null(bad);
    assert_non_null(xmlGetLastError());
    pvi_render_scope_end();
    assert_null(xmlGetLastError());

    struct pvi_xml *outside = parse("<d>dehors</d>");
    pvi_render_scope_begin();
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(pvi_render(&out, &len, s, outside, NULL), PVI_OK);
    pvi_xml_free(outside);
    pvi_render_scope_end();
    assert_string_equal(out, "<p id=\"n\">6</p><p>deho</p>");
    free(out);
    pvi_stylesheet_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stylesheet_cannot_read_a_file),
        cmocka_unit_test(stylesheet_cannot_write_a_file),
        cmocka_unit_test(stylesheet_cannot_write_a_file_with_xsl_document),
        cmocka_unit_test(stylesheet_cannot_open_a_connection),
        cmocka_unit_test(documents_expand_no_external_entity),
        cmocka_unit_test(parameters_carry_any_text),
        cmocka_unit_test(html_output_is_html5_and_script_text_cannot_escape),
        cmocka_unit_test(render_scopes_take_large_malformed_and_outside_documents),
    };
    return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
