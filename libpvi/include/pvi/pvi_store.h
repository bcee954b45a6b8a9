/* pvi_store.h — the content store: published XML documents (immutable, one
 * per site revision) and media files, under one root directory.
 *
 * Layout: <root>/sites/<site id / 1000>/<site id>-<revision>.xml and
 * <root>/media/<sha256>.
 * Writes are atomic (temporary file, rename) and made durable in batches
 * (pvi_store_sync) before anyone is told about them. Reads accept only
 * paths of exactly that shape, opened relative to the root without
 * following symbolic links, so no caller-supplied value (a Redis entry, a
 * URL) can make the store read outside its root. Thread-safe. */
#ifndef PVI_STORE_H
#define PVI_STORE_H

#include "pvi/pvi_error.h"

#include <stddef.h>

struct pvi_store;

#define PVI_STORE_PATH_MAX 64

/* Opens (creating the folders if needed) the store at root. *out belongs to
 * the caller (pvi_store_close). PVI_CONFIG when root cannot be used. */
enum pvi_code pvi_store_open(struct pvi_store **out, const char *root);
void pvi_store_close(struct pvi_store *s);

/* The relative path of a site revision's document ("sites/12/12345-3.xml"). */
void pvi_store_document_path(char out[static PVI_STORE_PATH_MAX], long long site_id, int revision);

/* Writes a revision's document unless it is already there (documents are
 * immutable: an existing one is kept). The file is complete under its final
 * name or absent, never partial; it is durable only after pvi_store_sync().
 * PVI_OK, or PVI_UNAVAILABLE when the disk refuses (full, read-only…). */
enum pvi_code pvi_store_put_document(struct pvi_store *s, long long site_id, int revision,
                                     const char *data, size_t len);

/* The same in two steps, for batches: stage writes the document under a
 * temporary name (tmp_out, PVI_STORE_PATH_MAX + 32 bytes) without waiting
 * for the disk; after one pvi_store_sync() for the whole batch, install
 * renames each staged file to its final name, and a second
 * pvi_store_sync() makes the names durable. A crash at any point leaves
 * either no document or a complete one. *staged_out is 0 when the
 * document already exists (nothing to install). */
enum pvi_code pvi_store_stage_document(char tmp_out[static PVI_STORE_PATH_MAX + 32],
                                       int *staged_out, struct pvi_store *s, long long site_id,
                                       int revision, const char *data, size_t len);
enum pvi_code pvi_store_install_document(struct pvi_store *s, const char *tmp, long long site_id,
                                         int revision);

/* Flushes everything written so far to disk (syncfs of the store's file
 * system). PVI_OK or PVI_UNAVAILABLE. */
enum pvi_code pvi_store_sync(struct pvi_store *s);

/* Whether a document exists (1) or not (0). */
int pvi_store_has(struct pvi_store *s, const char *relpath);

/* Reads a file of the store. relpath must be "sites/<digits>/<digits>-<digits>.xml"
 * or "media/<64 lowercase hex>" (else PVI_BAD_REQUEST, nothing opened).
 * *out (caller frees) receives the bytes, NUL-terminated, *len_out their
 * length. PVI_NOT_FOUND when absent. */
enum pvi_code pvi_store_read(char **out, size_t *len_out, struct pvi_store *s, const char *relpath);

/* Removes a document (reconcile tests; never needed in production). */
enum pvi_code pvi_store_remove(struct pvi_store *s, const char *relpath);

/* The type of a media file from its first bytes (docs/rules.md: JPEG, PNG,
 * WebP, MP4), or NULL when it is none of them. */
const char *pvi_media_type(const unsigned char *data, size_t len);

/* Whether relpath has one of the two accepted shapes. */
int pvi_store_path_valid(const char *relpath);

#endif
