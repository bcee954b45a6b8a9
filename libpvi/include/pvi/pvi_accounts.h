/* pvi_accounts.h — what the back office needs to manage accounts, beyond
 * pvi_auth.h: the administrators as listed and one of them, an
 * administrator created — or a password reset — with a password libpvi
 * generates and hands out once, and one API key as listed.
 *
 * Why generated passwords: the admin who creates an account (or resets a
 * forgotten password) never chooses the secret of someone else, so it is
 * never weak, reused or said aloud; it satisfies the password policy by
 * construction (nothing to type twice, no form that bounces on it), and it
 * is handed out exactly like an API key: returned once to the caller,
 * stored only as its argon2id hash, never audited, logged or put in a URL.
 * pvi_admin_create() and pvi_admin_set_password() (a password typed on
 * pvictl's standard input) stay for the command line.
 *
 * Conventions of pvi_auth.h: output parameters first, then the database,
 * the actor and the inputs, a struct pvi_errors last when there is one;
 * what comes back belongs to the caller (the matching *_free(), NULL is a
 * no-op; secrets with free() after wiping them, sodium_memzero); outputs
 * are NULL / 0 on error. Besides the codes listed, any function that uses
 * the database may return PVI_UNAVAILABLE or PVI_INTERNAL. Permissions are
 * the matrix's (pvi_workflow.h). */
#ifndef PVI_ACCOUNTS_H
#define PVI_ACCOUNTS_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_auth.h"
#include "pvi/pvi_error.h"

#include <stddef.h>
#include <stdint.h>

struct pvi_db;

/* ---- administrators as listed ---- */

struct pvi_admin_info {
    long long id;
    char *email;
    char *display_name;
    int active;
    int64_t created_at_us;
    int64_t last_login_at_us; /* 0: never logged in */
    long long open_sessions;  /* sessions neither revoked, nor past their absolute or idle
                               * expiry (the session policy in force) */
};

struct pvi_admin_list {
    struct pvi_admin_info *v;
    size_t n;
};

/* Every administrator, active or not, by e-mail (PVI_ACT_MANAGE_ACCOUNTS:
 * admin or system, else PVI_FORBIDDEN). They are about ten: the list is
 * whole, one query on admin_users and the sessions index of each.
 * *list_out belongs to the caller (pvi_admin_list_free). */
enum pvi_code pvi_admin_list(struct pvi_admin_list **list_out, struct pvi_db *db,
                             const struct pvi_actor *actor);
void pvi_admin_list_free(struct pvi_admin_list *list);

/* One administrator (PVI_ACT_MANAGE_ACCOUNTS, else PVI_FORBIDDEN);
 * PVI_NOT_FOUND for an unknown id. *info_out belongs to the caller
 * (pvi_admin_info_free). */
enum pvi_code pvi_admin_get(struct pvi_admin_info **info_out, struct pvi_db *db,
                            const struct pvi_actor *actor, long long admin_id);
void pvi_admin_info_free(struct pvi_admin_info *info);

/* ---- generated passwords ---- */

/* 20 characters of an alphabet without look-alikes (a–z but i, l, o;
 * 2–9: 31 signs, about 99 bits) in four groups of five joined by '-':
 * "k7mqp-3xtzr-…" (23 characters + NUL), from randombytes_uniform. It
 * passes pvi_password_policy_check(). Pure, thread-safe. */
#define PVI_GENERATED_PASSWORD_CHARS 23
void pvi_password_generate(char out[static PVI_GENERATED_PASSWORD_CHARS + 1]);

/* pvi_admin_create() with a generated password instead of a typed one:
 * the same permission (PVI_ACT_MANAGE_ACCOUNTS), fields ("email",
 * "display_name", in errs, then PVI_VALIDATION; PVI_DUPLICATE for an
 * e-mail taken), audit ("admin.create", without the password). On PVI_OK
 * *password_out is the new admin's password, the only copy there will
 * ever be (show it once, then wipe and free() it); *id_out (may be NULL)
 * the new id. */
enum pvi_code pvi_admin_create_generated(char **password_out, long long *id_out, struct pvi_db *db,
                                         const struct pvi_actor *actor, const char *email,
                                         const char *display_name, struct pvi_errors *errs);

/* Replaces an administrator's password by a generated one and revokes
 * every session of that admin, in one transaction (pvi_admin_set_password:
 * PVI_ACT_SET_PASSWORD, admin or system, else PVI_FORBIDDEN; PVI_NOT_FOUND
 * for an unknown id; audited "admin.password"). The old password stops
 * working at once. On PVI_OK *password_out is the new password, shown
 * once (wipe and free() it). No field to get wrong, so no errs. */
enum pvi_code pvi_admin_reset_password(char **password_out, struct pvi_db *db,
                                       const struct pvi_actor *actor, long long admin_id);

/* ---- one API key ---- */

/* One key as pvi_apikey_list() shows it, never its secret
 * (PVI_ACT_MANAGE_ACCOUNTS, else PVI_FORBIDDEN); PVI_NOT_FOUND for an
 * unknown id. *info_out belongs to the caller (pvi_apikey_info_free). */
enum pvi_code pvi_apikey_get(struct pvi_apikey_info **info_out, struct pvi_db *db,
                             const struct pvi_actor *actor, long long id);
void pvi_apikey_info_free(struct pvi_apikey_info *info);

#endif
