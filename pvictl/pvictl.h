/* pvictl.h — the parts of pvictl (main.c, common.c, cmd_*.c). */
#ifndef PVICTL_H
#define PVICTL_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_config.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_publish.h"

#include <jansson.h>

/* What a command works with: opened on demand (pvictl_open_db, …). */
struct ctx {
    struct pvi_config cfg;
    struct pvi_db *db;
    struct pvi_store *store;
    struct pvi_redis *redis;
    struct pvi_actor actor;
    char label[64];
};

/* ---- common.c ---- */

/* The value after --name, or NULL. */
const char *pvictl_opt(int argc, char **argv, const char *name);
/* Whether --name is there. */
int pvictl_flag(int argc, char **argv, const char *name);
/* 0, or -1 after telling that --name is required. */
int pvictl_need(const char *value, const char *name);
/* Prints what failed and every field error. */
void pvictl_print_errors(const char *what, enum pvi_code rc, const struct pvi_errors *e);
/* The password from stdin (--password-stdin) or PVI_PASSWORD; NULL when
 * neither (caller frees). */
char *pvictl_read_password(int argc, char **argv);
/* 0 once c->db is open (migrations not applied here), -1 on error (told). */
int pvictl_open_db(struct ctx *c);
/* 0 once the database, the content store and Redis are open and *out
 * describes them, -1 on error (told). */
int pvictl_open_publisher(struct ctx *c, struct pvi_publisher *out);
/* Prints j, indented, on stdout. */
void pvictl_print_json(const json_t *j);
/* The JSON document of a file, or NULL (told). */
json_t *pvictl_load_json_file(const char *path);

/* The language of pvictl's messages: LC_ALL or LANG when they name one of
 * the catalog's, else French. */
enum pvi_lang pvictl_lang(void);
/* The message of an error code in that language (static). */
const char *pvictl_code_text(enum pvi_code rc);
/* Prints "  path: message" of one field error on stderr. */
void pvictl_print_field_error(const struct pvi_field_error *fe);

/* ---- the commands: each returns the exit status ---- */

int pvictl_cmd_migrate(struct ctx *c, int argc, char **argv);
int pvictl_cmd_admin_create(struct ctx *c, int argc, char **argv);
int pvictl_cmd_client_create(struct ctx *c, int argc, char **argv);
int pvictl_cmd_site_create(struct ctx *c, int argc, char **argv);
int pvictl_cmd_site_show(struct ctx *c, int argc, char **argv);
int pvictl_cmd_site_transition(struct ctx *c, int argc, char **argv);
int pvictl_cmd_republish(struct ctx *c, int argc, char **argv);
int pvictl_cmd_reconcile(struct ctx *c, int argc, char **argv);
int pvictl_cmd_import(struct ctx *c, int argc, char **argv);
int pvictl_cmd_seed(struct ctx *c, int argc, char **argv);
int pvictl_cmd_stats(struct ctx *c, int argc, char **argv);

#endif
