/* auth.h — libpvi-internal: what the logins, sessions, accounts and API
 * keys (login.c, auth_attempt.c, session.c, admin_account.c,
 * client_password.c, apikey.c) share. */
#ifndef PVI_DB_AUTH_H
#define PVI_DB_AUTH_H

#include "pg.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_workflow.h"

#include <stddef.h>
#include <stdint.h>

#define EPOCH_US(col) "(extract(epoch FROM " col ") * 1000000)::bigint"
#define ACCOUNT_KEY_MAX 254
#define MINUTE_US ((int64_t)60 * 1000000)
#define DAY_US ((int64_t)24 * 3600 * 1000000)

/* ---- field rules of the account operations (account_fields.c) ---- */

/* A name already trimmed: PVI_REQUIRED when empty, PVI_BAD_VALUE when not
 * UTF-8, PVI_TOO_LONG over max_chars characters, recorded in e at path. */
void pvi_auth__name_check(struct pvi_errors *e, const char *path, const char *name,
                          size_t max_chars);
/* A new password against pvi_password_policy_check(); a problem is
 * recorded in e at path. */
void pvi_auth__password_check(struct pvi_errors *e, const char *path, const char *password);
/* An outcome that concerns no field in particular (wrong credentials,
 * throttled, locked…): recorded in e at path "" unless rc is PVI_OK or a
 * field error was recorded since e had `before` errors. */
void pvi_auth__outcome(struct pvi_errors *e, size_t before, enum pvi_code rc);

/* ---- sessions (session.c) ---- */

/* The role a sessions.principal_kind names (admin, operator, client): 0,
 * or -1 for anything else. */
int pvi_auth__role_of_kind(enum pvi_role *out, const char *kind);
/* Creates a session for the principal in tx; *out (owned by the caller)
 * holds the token, given nowhere else. */
enum pvi_code pvi_auth__session_create(struct pvi_tx *tx, struct pvi_session **out,
                                       enum pvi_role role, long long id, const char *label,
                                       const char *address);
/* Revokes every live session of a principal; *count_out their number. */
enum pvi_code pvi_auth__sessions_revoke_all(struct pvi_tx *tx, long long *count_out,
                                            enum pvi_role role, long long id);

/* ---- login attempts (auth_attempt.c) ---- */

enum pvi_auth__realm { PVI_AUTH__REALM_ADMIN, PVI_AUTH__REALM_CLIENT, PVI_AUTH__REALM_OPERATOR };

extern const char *const pvi_auth__realm_names[];

struct pvi_auth__attempt {
    /* input */
    enum pvi_auth__realm realm;
    char account[ACCOUNT_KEY_MAX + 1]; /* normalised key */
    char address[64 + 1];              /* "" when unknown */
    const char *password;
    /* step 1 */
    int throttled;
    long long failure_id;
    long long account_id; /* 0: no such account (or operator: not known yet) */
    char *hash;           /* stored hash read in step 1, or NULL */
    /* step 2 */
    enum pvi_code verdict;
    int needs_rehash;
    char new_hash[PVI_PASSWORD_HASH_SIZE];
    struct pvi_ldap_person *person; /* operators */
    /* step 3 */
    enum pvi_code result;
    struct pvi_session *session;
    /* client password change */
    const char *new_password_hash;
};

/* The account key of a typed identifier: in trimmed of blanks
 * (pvi_text_trim), at most cap−1 bytes, lower- or upper-cased (ASCII) when
 * fold is 'l' or 'u'; text that is not valid UTF-8 has its non-ASCII bytes
 * and control characters replaced by '?', so that it can be stored and
 * audited. */
void pvi_auth__account_key(char *out, size_t cap, const char *in, char fold);
/* Zeroes a and sets its realm, address and password (borrowed). */
void pvi_auth__attempt_init(struct pvi_auth__attempt *a, enum pvi_auth__realm realm,
                            const char *address, const char *password);
/* Frees what a holds (hash, person, session) and wipes the new hash. */
void pvi_auth__attempt_clear(struct pvi_auth__attempt *a);
/* One audit event for the attempt (anonymous actor labelled with the key). */
enum pvi_code pvi_auth__audit_attempt(struct pvi_tx *tx, const struct pvi_auth__attempt *a,
                                      const char *action, const char *reason);
/* Step 1, a pvi_tx_fn over a struct pvi_auth__attempt: throttling
 * (a->throttled), the provisional failure (a->failure_id), the account's id
 * and stored hash (admins and clients). */
enum pvi_code pvi_auth__attempt_begin_fn(struct pvi_tx *tx, void *arg);
/* Deletes the failures of the attempt's account (after a success). */
enum pvi_code pvi_auth__clear_failures(struct pvi_tx *tx, const struct pvi_auth__attempt *a);
/* The attempt failed with why: audited (and counted on the client). */
enum pvi_code pvi_auth__record_failure(struct pvi_tx *tx, struct pvi_auth__attempt *a,
                                       enum pvi_code why);

#endif
