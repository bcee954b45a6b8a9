/* store.c — the local-files content store: atomic writes, confined reads. */
#include "pvi/pvi_store.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SHARDS_KNOWN 8192

struct pvi_store {
    char *root;
    int rootfd;
    _Atomic unsigned char shard_made[SHARDS_KNOWN]; /* sites/<n> exists */
};

static int
mkdir_at(int dirfd, const char *name)
{
    if (mkdirat(dirfd, name, 0755) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

/* mkdir -p */
static int
make_dirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

enum pvi_code
pvi_store_open(struct pvi_store **out, const char *root)
{
    *out = NULL;
    if (root == NULL || *root == '\0')
        return PVI_CONFIG;
    if (make_dirs(root) != 0) {
        pvi_error("content store %s: %s", root, strerror(errno));
        return PVI_CONFIG;
    }
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || mkdir_at(fd, "sites") != 0 || mkdir_at(fd, "media") != 0) {
        pvi_error("content store %s: %s", root, strerror(errno));
        if (fd >= 0)
            close(fd);
        return PVI_CONFIG;
    }
    struct pvi_store *s = pvi_calloc(1, sizeof *s);
    s->root = pvi_strdup(root);
    s->rootfd = fd;
    *out = s;
    return PVI_OK;
}

void
pvi_store_close(struct pvi_store *s)
{
    if (s == NULL)
        return;
    close(s->rootfd);
    free(s->root);
    free(s);
}

/* Documents are grouped by thousands of sites: a folder per site would make
 * the file system allocate 70,000 folders, much slower than files. */
void
pvi_store_document_path(char out[static PVI_STORE_PATH_MAX], long long site_id, int revision)
{
    snprintf(out, PVI_STORE_PATH_MAX, "sites/%lld/%lld-%d.xml", site_id / 1000, site_id, revision);
}

static int
all_digits(const char *p, size_t n)
{
    if (n == 0 || n > 19)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

int
pvi_store_path_valid(const char *p)
{
    if (p == NULL)
        return 0;
    if (strncmp(p, "media/", 6) == 0) {
        const char *h = p + 6;
        size_t n = strlen(h);
        if (n != 64)
            return 0;
        for (size_t i = 0; i < n; i++)
            if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
                return 0;
        return 1;
    }
    if (strncmp(p, "sites/", 6) != 0)
        return 0;
    const char *a = p + 6;
    const char *slash = strchr(a, '/');
    if (slash == NULL || !all_digits(a, (size_t)(slash - a)))
        return 0;
    const char *b = slash + 1;
    const char *dash = strchr(b, '-');
    if (dash == NULL || !all_digits(b, (size_t)(dash - b)))
        return 0;
    const char *c = dash + 1;
    size_t n = strlen(c);
    return n > 4 && strcmp(c + n - 4, ".xml") == 0 && all_digits(c, n - 4);
}

static int open_beneath(int rootfd, const char *relpath);

int
pvi_store_has(struct pvi_store *s, const char *relpath)
{
    if (!pvi_store_path_valid(relpath))
        return 0;
    int fd = open_beneath(s->rootfd, relpath);
    if (fd < 0)
        return 0;
    struct stat st;
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    return ok;
}

static enum pvi_code
write_tmp(struct pvi_store *s, long long site_id, int revision, const char *data, size_t len,
          int sync, char tmp[static PVI_STORE_PATH_MAX + 32])
{
    char rel[PVI_STORE_PATH_MAX], dir[32];
    pvi_store_document_path(rel, site_id, revision);
    long long shard = site_id / 1000;
    if (shard < 0 || shard >= SHARDS_KNOWN || !s->shard_made[shard]) {
        snprintf(dir, sizeof dir, "sites/%lld", shard);
        if (mkdir_at(s->rootfd, dir) != 0) {
            pvi_warn("content store: mkdir %s: %s", dir, strerror(errno));
            return PVI_UNAVAILABLE;
        }
        if (shard >= 0 && shard < SHARDS_KNOWN)
            s->shard_made[shard] = 1;
    }
    static _Atomic unsigned long counter;
    snprintf(tmp, PVI_STORE_PATH_MAX + 32, "%s.tmp.%d.%lu", rel, (int)getpid(), ++counter);
    int fd = openat(s->rootfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        pvi_warn("content store: create %s: %s", tmp, strerror(errno));
        return PVI_UNAVAILABLE;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            pvi_warn("content store: write %s: %s", tmp, strerror(errno));
            close(fd);
            unlinkat(s->rootfd, tmp, 0);
            return PVI_UNAVAILABLE;
        }
        off += (size_t)n;
    }
    if ((sync && fdatasync(fd) != 0) || close(fd) != 0) {
        pvi_warn("content store: sync %s: %s", tmp, strerror(errno));
        unlinkat(s->rootfd, tmp, 0);
        return PVI_UNAVAILABLE;
    }
    return PVI_OK;
}

enum pvi_code
pvi_store_install_document(struct pvi_store *s, const char *tmp, long long site_id, int revision)
{
    char rel[PVI_STORE_PATH_MAX];
    pvi_store_document_path(rel, site_id, revision);
    if (renameat(s->rootfd, tmp, s->rootfd, rel) != 0) {
        pvi_warn("content store: rename %s: %s", rel, strerror(errno));
        unlinkat(s->rootfd, tmp, 0);
        return PVI_UNAVAILABLE;
    }
    return PVI_OK;
}

enum pvi_code
pvi_store_stage_document(char tmp_out[static PVI_STORE_PATH_MAX + 32], int *staged_out,
                         struct pvi_store *s, long long site_id, int revision, const char *data,
                         size_t len)
{
    char rel[PVI_STORE_PATH_MAX];
    pvi_store_document_path(rel, site_id, revision);
    *staged_out = 0;
    tmp_out[0] = '\0';
    if (pvi_store_has(s, rel))
        return PVI_OK; /* immutable: already published once */
    enum pvi_code rc = write_tmp(s, site_id, revision, data, len, 0, tmp_out);
    if (rc == PVI_OK)
        *staged_out = 1;
    return rc;
}

enum pvi_code
pvi_store_put_document(struct pvi_store *s, long long site_id, int revision, const char *data,
                       size_t len)
{
    char rel[PVI_STORE_PATH_MAX], tmp[PVI_STORE_PATH_MAX + 32];
    pvi_store_document_path(rel, site_id, revision);
    if (pvi_store_has(s, rel))
        return PVI_OK; /* immutable: already published once */
    /* The data must be on disk before the name points at it. */
    enum pvi_code rc = write_tmp(s, site_id, revision, data, len, 1, tmp);
    return rc == PVI_OK ? pvi_store_install_document(s, tmp, site_id, revision) : rc;
}

enum pvi_code
pvi_store_sync(struct pvi_store *s)
{
    if (syncfs(s->rootfd) != 0) {
        pvi_warn("content store: syncfs: %s", strerror(errno));
        return PVI_UNAVAILABLE;
    }
    return PVI_OK;
}

/* Opens a valid relative path refusing a symbolic link at every step (a
 * link planted inside the store cannot lead out): in one openat2() call with
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where the kernel has it (Linux 5.6),
 * else one component at a time. */
static int
open_beneath(int rootfd, const char *relpath)
{
    static atomic_int no_openat2;
    if (!atomic_load_explicit(&no_openat2, memory_order_relaxed)) {
        struct open_how how = {
            .flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW,
            .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
        };
        long fd = syscall(SYS_openat2, rootfd, relpath, &how, sizeof how);
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
            return (int)fd;
        atomic_store_explicit(&no_openat2, 1, memory_order_relaxed);
    }
    char buf[PVI_STORE_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", relpath);
    int dirfd = rootfd;
    char *part = buf;
    for (char *slash; (slash = strchr(part, '/')) != NULL; part = slash + 1) {
        *slash = '\0';
        int fd = openat(dirfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (dirfd != rootfd)
            close(dirfd);
        if (fd < 0)
            return -1;
        dirfd = fd;
    }
    int fd = openat(dirfd, part, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    if (dirfd != rootfd)
        close(dirfd);
    errno = saved;
    return fd;
}

enum pvi_code
pvi_store_read(char **out, size_t *len_out, struct pvi_store *s, const char *relpath)
{
    *out = NULL;
    if (!pvi_store_path_valid(relpath))
        return PVI_BAD_REQUEST;
    int fd = open_beneath(s->rootfd, relpath);
    if (fd < 0)
        return errno == ENOENT ? PVI_NOT_FOUND : PVI_UNAVAILABLE;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return PVI_NOT_FOUND;
    }
    size_t size = (size_t)st.st_size;
    char *buf = pvi_malloc(size + 1);
    size_t off = 0;
    while (off < size) {
        ssize_t n = read(fd, buf + off, size - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    close(fd);
    buf[off] = '\0';
    *out = buf;
    *len_out = off;
    return PVI_OK;
}

enum pvi_code
pvi_store_remove(struct pvi_store *s, const char *relpath)
{
    if (!pvi_store_path_valid(relpath))
        return PVI_BAD_REQUEST;
    if (unlinkat(s->rootfd, relpath, 0) != 0)
        return errno == ENOENT ? PVI_NOT_FOUND : PVI_UNAVAILABLE;
    return PVI_OK;
}

const char *
pvi_media_type(const unsigned char *p, size_t n)
{
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return "image/jpeg";
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return "image/webp";
    if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
        return "video/mp4";
    return NULL;
}
