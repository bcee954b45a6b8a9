/* xmlarena.c — render scopes: libxml2 and libxslt allocate through
 * xmlMalloc/xmlFree, set here (xmlMemSetup) to functions that hand out
 * memory from a per-thread arena while the thread is inside a render scope,
 * and pass through to malloc/free otherwise.
 *
 * A page costs a few thousand small allocations (nodes, attributes,
 * strings, XPath objects, hash tables) that all die with the page: bumping
 * a pointer instead of malloc, and doing nothing instead of free, saves a
 * tenth of a page's instructions, and the pages of a thread reuse the same
 * few hundred kilobytes, which stay in the CPU caches.
 *
 * The contract (pvi_render.h): everything libxml2 allocates inside a scope
 * is freed or dropped before the scope ends; nothing allocated inside is
 * kept after. Frees of arena memory are free at any time; memory allocated
 * before the scope is freed normally. */
#include "xmlarena.h"

#include "pvi/pvi_render.h"

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK ((size_t)256 * 1024)
#define MAX_CHUNKS 24
#define KEEP_BYTES ((size_t)2 * 1024 * 1024) /* more is given back at scope end */

/* Each block is preceded by its size (realloc must know how much to copy);
 * 16 bytes keep blocks aligned as malloc's are. */
struct hdr {
    size_t size;
    size_t pad;
};

struct chunk {
    char *base;
    size_t size;
};

struct arena {
    struct chunk chunks[MAX_CHUNKS];
    char *ptr, *end; /* free space in chunks[cur]: the fast path */
    int n;           /* chunks held */
    int cur;         /* chunk being filled */
    void *last;      /* the last block handed out: realloc grows it in place */
    int active;
};

/* initial-exec: the library is linked into executables, and the default
 * model for position-independent code calls __tls_get_addr at each access */
static _Thread_local struct arena *tl __attribute__((tls_model("initial-exec")));
static pthread_key_t arena_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* At thread exit (the thread's own key destructor). */
static void
arena_destroy(void *p)
{
    struct arena *a = p;
    tl = NULL; /* frees after this one (other destructors) go to free() */
    for (int i = 0; i < a->n; i++)
        free(a->chunks[i].base);
    free(a);
}

static void
key_init(void)
{
    pthread_key_create(&arena_key, arena_destroy);
}

static inline int
owns(const struct arena *a, const void *p)
{
    uintptr_t u = (uintptr_t)p;
    if (a->n > 0 && u - (uintptr_t)a->chunks[0].base < a->chunks[0].size)
        return 1;
    for (int i = 1; i < a->n; i++)
        if (u >= (uintptr_t)a->chunks[i].base &&
            u < (uintptr_t)a->chunks[i].base + a->chunks[i].size)
            return 1;
    return 0;
}

static size_t
block_bytes(size_t n)
{
    return sizeof(struct hdr) + ((n + 15) & ~(size_t)15);
}

static void *
take(struct arena *a, size_t n, size_t need)
{
    struct hdr *h = (struct hdr *)a->ptr;
    a->ptr += need;
    h->size = n;
    a->last = h + 1;
    return h + 1;
}

/* The next chunk with room for need bytes, allocated if none is left.
 * NULL when the arena is full (MAX_CHUNKS): the caller falls back to malloc. */
static void *
bump_slow(struct arena *a, size_t n)
{
    if (n > SIZE_MAX / 2)
        return NULL;
    size_t need = block_bytes(n);
    while (a->cur + 1 < a->n) {
        a->cur++;
        a->ptr = a->chunks[a->cur].base;
        a->end = a->ptr + a->chunks[a->cur].size;
        if ((size_t)(a->end - a->ptr) >= need)
            return take(a, n, need);
    }
    if (a->n == MAX_CHUNKS)
        return NULL;
    size_t size = FIRST_CHUNK << (a->n < 8 ? a->n : 8);
    if (size < need)
        size = need;
    char *base = malloc(size);
    if (base == NULL)
        return NULL;
    a->cur = a->n;
    a->chunks[a->n++] = (struct chunk){base, size};
    a->ptr = base;
    a->end = base + size;
    return take(a, n, need);
}

static inline void *
bump(struct arena *a, size_t n)
{
    if (n <= FIRST_CHUNK && a->ptr != NULL) {
        size_t need = block_bytes(n);
        if ((size_t)(a->end - a->ptr) >= need)
            return take(a, n, need);
    }
    return bump_slow(a, n);
}

static void *
arena_malloc(size_t n)
{
    struct arena *a = tl;
    if (a != NULL && a->active) {
        void *p = bump(a, n);
        if (p != NULL)
            return p;
    }
    return malloc(n);
}

static void
arena_free(void *p)
{
    if (p == NULL)
        return;
    struct arena *a = tl;
    if (a != NULL && owns(a, p))
        return; /* released with the scope */
    free(p);
}

static void *
arena_realloc(void *p, size_t n)
{
    if (p == NULL)
        return arena_malloc(n);
    struct arena *a = tl;
    if (a == NULL || !owns(a, p))
        return realloc(p, n);
    struct hdr *h = (struct hdr *)p - 1;
    if (n <= h->size)
        return p;
    if (a->active && p == a->last && n <= FIRST_CHUNK) { /* the newest block: grow it in place */
        size_t old = block_bytes(h->size), need = block_bytes(n);
        if ((size_t)(a->end - a->ptr) >= need - old) {
            a->ptr += need - old;
            h->size = n;
            return p;
        }
    }
    void *q = a->active ? bump(a, n) : NULL;
    if (q == NULL)
        q = malloc(n);
    if (q != NULL)
        memcpy(q, p, h->size);
    return q;
}

static char *
arena_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = arena_malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

/* Back to the start of the first chunk. */
static void
arena_rewind(struct arena *a)
{
    a->cur = 0;
    a->last = NULL;
    a->ptr = a->n > 0 ? a->chunks[0].base : NULL;
    a->end = a->n > 0 ? a->ptr + a->chunks[0].size : NULL;
}

void
pvi_xmlarena_install(void)
{
    xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup);
}

int
pvi_xmlarena_active(void)
{
    return tl != NULL && tl->active;
}

int
pvi_xmlarena_owns(const void *p)
{
    return tl != NULL && tl->active && owns(tl, p);
}

void
pvi_render_scope_begin(void)
{
    pvi_render_init(); /* installs the allocator */
    if (tl == NULL) {
        pthread_once(&key_once, key_init);
        tl = calloc(1, sizeof *tl);
        if (tl == NULL)
            return; /* no arena: malloc as usual */
        pthread_setspecific(arena_key, tl);
    }
    tl->active = 1;
    arena_rewind(tl);
}

void
pvi_render_scope_end(void)
{
    struct arena *a = tl;
    if (a == NULL || !a->active)
        return;
    /* libxml2 keeps a copy of the last error (strdup'ed, so in the arena) */
    xmlResetLastError();
    a->active = 0;
    size_t held = 0;
    for (int i = 0; i < a->n; i++)
        held += a->chunks[i].size;
    if (held > KEEP_BYTES) { /* an unusually large document: give back all but the first chunk */
        for (int i = 1; i < a->n; i++)
            free(a->chunks[i].base);
        a->n = 1;
    }
    arena_rewind(a);
}
