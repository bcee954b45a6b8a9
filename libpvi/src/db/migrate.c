/* migrate.c — applies the numbered SQL files of schema/ in order, once each. */
#include "pg.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct migration {
    char *version; /* "001" */
    char *file;    /* "001_init.sql" */
    char *sql;
    char checksum[65];
};

struct migrate_ctx {
    struct migration *m;
    size_t n;
    int applied;
};

static int
is_migration_file(const char *name)
{
    size_t len = strlen(name);
    return len > 8 && name[0] >= '0' && name[0] <= '9' && name[1] >= '0' && name[1] <= '9' &&
           name[2] >= '0' && name[2] <= '9' && name[3] == '_' &&
           strcmp(name + len - 4, ".sql") == 0;
}

static int
by_file(const void *a, const void *b)
{
    return strcmp(((const struct migration *)a)->file, ((const struct migration *)b)->file);
}

static enum pvi_code
load_dir(struct migrate_ctx *ctx, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        pvi_error("cannot open schema directory %s (PVI_SCHEMA_DIR)", dir);
        return PVI_CONFIG;
    }
    struct dirent *e;
    size_t cap = 0;
    while ((e = readdir(d)) != NULL) {
        if (!is_migration_file(e->d_name))
            continue;
        if (ctx->n == cap) {
            cap = cap ? cap * 2 : 16;
            ctx->m = pvi_realloc(ctx->m, cap * sizeof *ctx->m);
        }
        struct migration *m = &ctx->m[ctx->n++];
        memset(m, 0, sizeof *m);
        m->file = pvi_strdup(e->d_name);
        m->version = pvi_strndup(e->d_name, 3);
    }
    closedir(d);
    qsort(ctx->m, ctx->n, sizeof *ctx->m, by_file);
    for (size_t i = 0; i < ctx->n; i++) {
        struct migration *m = &ctx->m[i];
        if (i > 0 && strcmp(m->version, ctx->m[i - 1].version) == 0) {
            pvi_error("two migrations share number %s", m->version);
            return PVI_CONFIG;
        }
        char *path = pvi_asprintf("%s/%s", dir, m->file);
        m->sql = pvi_file_read(NULL, path);
        free(path);
        if (m->sql == NULL) {
            pvi_error("cannot read migration %s", m->file);
            return PVI_CONFIG;
        }
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, (const unsigned char *)m->sql, strlen(m->sql));
        sodium_bin2hex(m->checksum, sizeof m->checksum, h, sizeof h);
    }
    return PVI_OK;
}

static struct pvi_stmt lock_stmt = PVI_STMT("SELECT pg_advisory_xact_lock(7317001)");
static struct pvi_stmt create_stmt =
    PVI_STMT("CREATE TABLE IF NOT EXISTS schema_migrations ("
             " version text PRIMARY KEY, file text NOT NULL, checksum text NOT NULL,"
             " applied_at timestamptz NOT NULL DEFAULT now())");
static struct pvi_stmt get_stmt =
    PVI_STMT("SELECT checksum FROM schema_migrations WHERE version = $1");
static struct pvi_stmt put_stmt =
    PVI_STMT("INSERT INTO schema_migrations (version, file, checksum) VALUES ($1, $2, $3)");

/* One transaction per migration; the advisory lock serialises concurrent runs. */
static enum pvi_code
apply_one(struct pvi_tx *tx, void *arg)
{
    struct migration *m = arg;
    PGresult *r;
    if ((r = pvi_tx_exec(tx, &lock_stmt, 0, NULL)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    /* CREATE TABLE IF NOT EXISTS may notice; harmless */
    if ((r = pvi_tx_exec(tx, &create_stmt, 0, NULL)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    const char *p[3] = {m->version, m->file, m->checksum};
    if ((r = pvi_tx_exec(tx, &get_stmt, 1, p)) == NULL)
        return pvi_tx_failure(tx);
    const char *have = pvi_pg_get(r, 0, "checksum");
    enum pvi_code rc = PVI_OK;
    if (have != NULL) {
        if (strcmp(have, m->checksum) != 0) {
            pvi_error("migration %s was changed after it was applied", m->file);
            rc = PVI_CONFIG;
        }
        PQclear(r);
        return rc == PVI_OK ? PVI_NOT_FOUND /* already applied: roll back, nothing to do */ : rc;
    }
    PQclear(r);
    if ((r = pvi_tx_exec_script(tx, m->sql)) == NULL) {
        pvi_error("migration %s failed", m->file);
        return PVI_INTERNAL;
    }
    PQclear(r);
    if ((r = pvi_tx_exec(tx, &put_stmt, 3, p)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_db_migrate(int *applied_out, struct pvi_db *db, const char *dir)
{
    struct migrate_ctx ctx = {0};
    enum pvi_code rc = load_dir(&ctx, dir);
    for (size_t i = 0; rc == PVI_OK && i < ctx.n; i++) {
        rc = pvi_db_run_tx(db, apply_one, &ctx.m[i]);
        if (rc == PVI_OK) {
            ctx.applied++;
            pvi_info("applied migration %s", ctx.m[i].file);
        } else if (rc == PVI_NOT_FOUND) {
            rc = PVI_OK;
        }
    }
    if (applied_out)
        *applied_out = ctx.applied;
    for (size_t i = 0; i < ctx.n; i++) {
        free(ctx.m[i].version);
        free(ctx.m[i].file);
        free(ctx.m[i].sql);
    }
    free(ctx.m);
    return rc;
}
