/* pvi_mem.h — allocation wrappers that abort on out-of-memory.
 *
 * Every allocation in libpvi and the services goes through these: a NULL from
 * malloc is not a condition the platform can recover from in a request, so it
 * is turned into an immediate, logged abort instead of a crash further on. */
#ifndef PVI_MEM_H
#define PVI_MEM_H

#include <stddef.h>

/* Number of elements of an array. Refuses to compile on a pointer (which
 * would silently give sizeof(pointer) / sizeof(element)). */
#define PVI_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]) + PVI__MUST_BE_ARRAY(a))
#define PVI__MUST_BE_ARRAY(a)                                                                      \
    (0 * sizeof(struct {                                                                           \
         int pvi_count_of_needs_an_array : 1 -                                                     \
             2 * __builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0]));                 \
     }))

/* Never return NULL (abort instead). Free with free(). */
void *pvi_malloc(size_t n);
void *pvi_calloc(size_t nmemb, size_t size);
void *pvi_realloc(void *p, size_t n);
/* Copy of s; NULL in gives NULL out. */
char *pvi_strdup(const char *s);
char *pvi_strndup(const char *s, size_t n);
/* printf into a new string owned by the caller. */
char *pvi_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated. Zero-initialise it. */
struct pvi_buf {
    char *data;
    size_t len;
    size_t cap;
};
void pvi_buf_append(struct pvi_buf *b, const void *p, size_t n);
void pvi_buf_puts(struct pvi_buf *b, const char *s);
void pvi_buf_printf(struct pvi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (who frees it) and resets the buffer. */
char *pvi_buf_steal(struct pvi_buf *b);
void pvi_buf_free(struct pvi_buf *b);

/* A whole (small) file, NUL-terminated, or NULL when it cannot be opened
 * (errno set). *len_out (may be NULL) receives its length. Caller frees. */
char *pvi_file_read(size_t *len_out, const char *path);

#endif
