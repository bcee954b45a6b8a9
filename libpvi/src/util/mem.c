/* mem.c — allocation wrappers that abort on out-of-memory, and a byte buffer. */
#include "pvi/pvi_mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
    fprintf(stderr, "level=fatal msg=\"out of memory\" bytes=%zu\n", n);
    abort();
}

void *
pvi_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        oom(n);
    return p;
}

void *
pvi_calloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (p == NULL)
        oom(nmemb * size);
    return p;
}

void *
pvi_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        oom(n);
    return q;
}

char *
pvi_strdup(const char *s)
{
    return s ? pvi_strndup(s, strlen(s)) : NULL;
}

char *
pvi_strndup(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    size_t len = strnlen(s, n);
    char *d = pvi_malloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

static char *
vasprintf_or_die(const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        oom(0);
    char *s = pvi_malloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *
pvi_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vasprintf_or_die(fmt, ap);
    va_end(ap);
    return s;
}

void
pvi_buf_append(struct pvi_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = pvi_realloc(b->data, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
pvi_buf_puts(struct pvi_buf *b, const char *s)
{
    pvi_buf_append(b, s, strlen(s));
}

void
pvi_buf_printf(struct pvi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vasprintf_or_die(fmt, ap);
    va_end(ap);
    pvi_buf_puts(b, s);
    free(s);
}

char *
pvi_buf_steal(struct pvi_buf *b)
{
    if (b->data == NULL)
        pvi_buf_append(b, "", 0);
    char *d = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void
pvi_buf_free(struct pvi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
pvi_file_read(size_t *len_out, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    struct pvi_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pvi_buf_append(&b, chunk, n);
    fclose(f);
    if (len_out)
        *len_out = b.len;
    return pvi_buf_steal(&b);
}
