/* pvi_auth.h — authentication: password hashing, admin accounts, the three
 * logins (admins by e-mail, clients by customer number, operators through the
 * directory), web sessions, login throttling and integrators' API keys.
 *
 * Secrets
 *   - Passwords are hashed with argon2id (libsodium crypto_pwhash_str,
 *     OPSLIMIT_INTERACTIVE = 2 passes, MEMLIMIT_INTERACTIVE = 64 MiB). A hash
 *     made with weaker parameters (or another algorithm) is replaced by a new
 *     one at the next successful login, in the login's transaction. At most
 *     PVI_PWHASH_CONCURRENCY hash computations run at once in a process (each
 *     takes 64 MiB); the others wait their turn.
 *   - Session tokens and CSRF tokens are 32 bytes from randombytes_buf (256
 *     bits), handed out once as 43 characters of URL-safe base64 without
 *     padding. Only the SHA-256 of a session token is stored.
 *   - API keys read "pvi_<prefix>_<secret>": a 12-character public prefix
 *     ([a-z0-9], used to find the key) and 43 characters of URL-safe base64
 *     (32 random bytes). Only the prefix and the SHA-256 of the whole key are
 *     stored; the key is shown once, at creation.
 *
 * Time: every timestamp and expiry comes from pvi_now_us() (pvi_clock.h), so
 * tests drive expiry and throttling without sleeping.
 *
 * Login throttling (all three realms; constants below):
 *   - Every failed attempt is recorded (realm, account key, address, time).
 *     The account key is the normalised identifier that was typed (lower-case
 *     e-mail, upper-case customer number, lower-case uid), whether or not the
 *     account exists.
 *   - Before any password is checked, the failures of the last
 *     PVI_LOGIN_WINDOW_S seconds are counted for that account (from any
 *     address) and for that address (against any account, any realm).
 *     With n account failures, n >= PVI_LOGIN_ACCOUNT_THRESHOLD (5), the
 *     attempt is refused with PVI_LOGIN_THROTTLED — without looking at the
 *     password — until min(2^(n−5) s, PVI_LOGIN_MAX_DELAY_S) have passed since
 *     the account's last failure: 5 failures → 1 s, 6 → 2 s, 7 → 4 s, …,
 *     15 and more → 15 min. The same rule applies per address with
 *     PVI_LOGIN_ADDRESS_THRESHOLD (20): delay min(2^(n−20) s, 15 min) after the
 *     address's last failure. Refused attempts are not counted as failures.
 *   - An attempt that passes the check is counted as a failure at once
 *     (so that concurrent guesses see each other); a successful login deletes
 *     the failures of its account (not those of other accounts from the same
 *     address).
 *   - An unknown account costs the same argon2id verification (against a fixed
 *     dummy hash), is recorded and answered exactly like a wrong password
 *     (PVI_BAD_CREDENTIALS). A locked or disabled account is reported as
 *     PVI_ACCOUNT_LOCKED only to someone who gave its right password.
 *   - Every attempt leaves exactly one audit event: "login.success" (actor:
 *     the account), "login.failure" or "login.throttled" (anonymous actor
 *     labelled with the account key, the address, and the realm and reason in
 *     the detail; never the password).
 *
 * Sessions: idle expiry (default 30 min since the last request) and absolute
 * expiry (default 12 h since the login), both configurable with
 * pvi_auth_policy_set(). last_seen_at is written at most once per
 * session_touch_us (default 60 s) to spare writes, so the idle expiry is
 * measured from a time up to one minute before the last request. A login
 * always creates a new session with a new token (a token is never reused or
 * carried over, so a fixed session cannot survive a login); when the browser
 * still presents an older session cookie at login, the office ends it with
 * pvi_session_logout(). pvi_session_rotate() swaps a live session for a new
 * token when the privileges behind it change. Logout, disabling an admin and
 * changing a password revoke sessions; pvi_session_check() also refuses (and
 * revokes) a session whose account has since been disabled or locked.
 *
 * Field errors: the logins and every account operation (admin accounts,
 * client passwords, API keys) take a struct pvi_errors *errs last (NULL
 * when the caller does not want details) and report there every faulty
 * field at once, each at the path of its form field ("email",
 * "display_name", "password", "current_password", "new_password", "name",
 * "scopes", "rate_per_minute", "customer_number", "uid") with its code and a
 * catalog message; a problem that concerns no field is at path "". Account
 * operations return PVI_VALIDATION when any field is wrong (nothing is
 * written, no password is hashed); their refusals (PVI_FORBIDDEN,
 * PVI_NOT_FOUND) are only returned. The permissions are the matrix's
 * (pvi_workflow.h: PVI_ACT_MANAGE_ACCOUNTS, PVI_ACT_SET_PASSWORD,
 * PVI_ACT_DISABLE_ACCOUNT).
 *
 * Conventions (those of every libpvi header): output parameters first
 * (named out or *_out), then the handle worked on (the database), then the
 * inputs, and a struct pvi_errors last when there is one; what comes back through them belongs to
 * the caller and is freed with the matching pvi_*_free() (NULL is a no-op). On error, outputs are
 * NULL / 0. Every function returns PVI_OK or an enum pvi_code; besides the codes listed, any
 * function that uses the database may return PVI_UNAVAILABLE (database unreachable or timed out) or
 * PVI_INTERNAL. */
#ifndef PVI_AUTH_H
#define PVI_AUTH_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_ldap.h"

#include <stddef.h>
#include <stdint.h>

struct pvi_db;

/* ---- limits and policy constants ---- */

#define PVI_PASSWORD_MIN_CHARS 12 /* UTF-8 characters */
#define PVI_PASSWORD_MAX_BYTES 1024
#define PVI_PASSWORD_HASH_SIZE 128 /* crypto_pwhash_STRBYTES, with the NUL */
#define PVI_PWHASH_CONCURRENCY 4   /* argon2id computations at once per process */

#define PVI_TOKEN_CHARS 43 /* session and CSRF tokens, without the NUL */

#define PVI_APIKEY_PREFIX_CHARS 12
#define PVI_APIKEY_SECRET_CHARS 43
#define PVI_APIKEY_CHARS (4 + PVI_APIKEY_PREFIX_CHARS + 1 + PVI_APIKEY_SECRET_CHARS) /* 60 */
#define PVI_APIKEY_NAME_MAX 80     /* UTF-8 characters */
#define PVI_APIKEY_RATE_MAX 100000 /* requests per minute */

#define PVI_LOGIN_WINDOW_S 900 /* failures older than this are forgotten */
#define PVI_LOGIN_ACCOUNT_THRESHOLD 5
#define PVI_LOGIN_ADDRESS_THRESHOLD 20
#define PVI_LOGIN_MAX_DELAY_S 900

#define PVI_ADMIN_DISPLAY_NAME_MAX 120 /* UTF-8 characters */

/* ---- passwords (pure, thread-safe) ---- */

/* Checks the password rules: PVI_OK; PVI_EMPTY_PASSWORD for NULL or "";
 * PVI_WEAK_PASSWORD under PVI_PASSWORD_MIN_CHARS characters (code points);
 * PVI_TOO_LONG over PVI_PASSWORD_MAX_BYTES bytes. */
enum pvi_code pvi_password_policy_check(const char *password);

/* Hashes password with argon2id at the current parameters into out
 * ("$argon2id$v=19$m=65536,t=2,p=1$…", NUL-terminated; "" on error).
 * PVI_OK; PVI_EMPTY_PASSWORD for NULL or ""; PVI_TOO_LONG over
 * PVI_PASSWORD_MAX_BYTES; PVI_INTERNAL if libsodium fails (out of memory).
 * The minimum length is NOT checked here (a rehash at login keeps an old
 * shorter password working): the functions that set a password chosen by a
 * user apply pvi_password_policy_check(). Takes ≈ 0.1 s and 64 MiB: call it
 * outside any transaction. Usable for bulk seeding (hash once, store many
 * times). */
enum pvi_code pvi_password_hash(char out[static PVI_PASSWORD_HASH_SIZE], const char *password);

/* Verifies password against a stored hash. PVI_OK when it matches, then
 * *needs_rehash_out (may be NULL) is 1 when the hash is weaker than the
 * current parameters (see pvi_password_needs_rehash), else 0.
 * PVI_BAD_CREDENTIALS when it does not match, the hash is malformed, or the
 * password is NULL or longer than PVI_PASSWORD_MAX_BYTES. hash NULL means
 * "no such account": the password is verified against a fixed dummy hash, so
 * that the answer takes as long as for a real account, and the result is
 * PVI_BAD_CREDENTIALS. */
enum pvi_code pvi_password_verify(int *needs_rehash_out, const char *hash, const char *password);

/* 1 when hash should be replaced: not argon2id, or memory or passes below
 * the current parameters (a hash with stronger parameters is kept); 0
 * otherwise. A malformed hash or NULL gives 1. */
int pvi_password_needs_rehash(const char *hash);

/* ---- tokens and API key format (pure) ---- */

/* A new random token: 32 bytes from randombytes_buf, URL-safe base64
 * without padding (PVI_TOKEN_CHARS characters + NUL). */
void pvi_token_new(char out[static PVI_TOKEN_CHARS + 1]);

/* 1 when s has the shape of a token (exactly 43 base64url characters). */
int pvi_token_well_formed(const char *s);

/* The lower-case hex SHA-256 of a secret string (token or API key): what the
 * database stores instead of the secret. */
void pvi_secret_digest_hex(char out[static 65], const char *secret);

/* A new API key "pvi_<12 [a-z0-9]>_<43 base64url>" (PVI_APIKEY_CHARS + NUL). */
void pvi_apikey_generate(char out[static PVI_APIKEY_CHARS + 1]);

/* Checks the shape of an API key and copies its prefix into prefix_out
 * ("" on error). PVI_OK or PVI_UNAUTHENTICATED (NULL, wrong length, wrong
 * "pvi_" tag or separator, a character outside the alphabets). */
enum pvi_code pvi_apikey_parse(char prefix_out[static PVI_APIKEY_PREFIX_CHARS + 1],
                               const char *key);

/* The throttling delay, in µs, after `failures` failures when the limit is
 * `threshold`: 0 below the threshold, else min(2^(failures−threshold) s,
 * PVI_LOGIN_MAX_DELAY_S). */
int64_t pvi_login_delay_us(long long failures, int threshold);

/* ---- session policy ---- */

struct pvi_auth_policy {
    int64_t session_idle_us;     /* default 30 min */
    int64_t session_absolute_us; /* default 12 h */
    int64_t session_touch_us;    /* default 60 s: last_seen_at is refreshed at most this often */
};

/* Replaces the session policy (NULL restores the defaults; values ≤ 0 keep
 * their default). Call at start-up, before requests are served: not
 * synchronised with concurrent logins and checks. */
void pvi_auth_policy_set(const struct pvi_auth_policy *p);
/* Copies the policy in force into out. */
void pvi_auth_policy_get(struct pvi_auth_policy *out);

/* ---- principals and sessions ---- */

/* Who is behind a session or an API key. Strings are owned by the struct. */
struct pvi_principal {
    enum pvi_role role;    /* admin, operator, client (sessions) or integrator (keys) */
    long long id;          /* admin_users.id, operators.id, clients.id, api_keys.id */
    char *label;           /* e-mail, uid, customer number, or the key's name */
    char *address;         /* address of the current request (copy), or NULL */
    long long session_id;  /* sessions.id; 0 for an API key */
    char *csrf_token;      /* the session's CSRF token; NULL for an API key */
    unsigned scopes;       /* enum pvi_scope bits (integrators); 0 otherwise */
    int rate_per_minute;   /* the key's rate limit (integrators); 0 otherwise */
    int64_t expires_at_us; /* sessions: when the session ends if idle from now on
                            * (min of idle and absolute expiry); 0 for a key */
};

/* Frees a principal returned by pvi_session_check() or pvi_apikey_check().
 * NULL is a no-op. */
void pvi_principal_free(struct pvi_principal *p);

/* The actor to pass to libpvi calls on behalf of p. The actor borrows p's
 * strings: it is valid as long as p is. */
struct pvi_actor pvi_principal_actor(const struct pvi_principal *p);

/* A session just created by a login or a rotation. */
struct pvi_session {
    char *token;                    /* the secret for the cookie, PVI_TOKEN_CHARS characters;
                                     * not stored anywhere: this is its only copy */
    int64_t absolute_expires_at_us; /* the cookie need not outlive this */
    struct pvi_principal principal; /* who logged in, with the CSRF token */
};

/* Frees a session and its principal's strings (wiping the token). NULL is a no-op. */
void pvi_session_free(struct pvi_session *s);

/* ---- logins: each creates a new session on success ----
 *
 * address is the client's IP address (may be NULL: then no per-address
 * throttling). On success *session_out is a new session owned by the caller;
 * on any error it is NULL. Throttling and audit as described at the top.
 *
 * Field errors (errs, may be NULL), the same for the three logins:
 *   - an identifier blank after trimming (the blanks of pvi_text.h) is
 *     PVI_REQUIRED at "email", "customer_number" or "uid", and an empty
 *     (NULL or "") password PVI_EMPTY_PASSWORD at "password"; then nothing
 *     is recorded (no throttling count, no audit event) and the login
 *     returns PVI_EMPTY_PASSWORD when the password is the only problem,
 *     PVI_VALIDATION when the identifier is blank (with or without a
 *     password);
 *   - every other outcome is a form-level error at path "" with the code
 *     returned and its own message: PVI_BAD_CREDENTIALS, PVI_LOGIN_THROTTLED,
 *     PVI_ACCOUNT_LOCKED, and for operators PVI_NOT_IN_GROUP,
 *     PVI_DIRECTORY_DOWN, PVI_CONFIG (also PVI_UNAVAILABLE, PVI_INTERNAL).
 *     Nothing is added on success. */

/* Admin login by e-mail (trimmed, case-insensitive) and password.
 * PVI_OK; PVI_VALIDATION or PVI_EMPTY_PASSWORD (see above, nothing
 * recorded); PVI_LOGIN_THROTTLED; PVI_BAD_CREDENTIALS (unknown e-mail or
 * wrong password); PVI_ACCOUNT_LOCKED (right password, account disabled). */
enum pvi_code pvi_login_admin(struct pvi_session **session_out, struct pvi_db *db,
                              const char *email, const char *password, const char *address,
                              struct pvi_errors *errs);

/* Client login by customer number ("pj12345678", surrounding blanks
 * accepted) and password. Same codes as pvi_login_admin; PVI_ACCOUNT_LOCKED
 * when the client is locked or inactive (right password only). A client
 * without a password yet behaves like an unknown one. A failure also counts
 * in clients.failed_logins (reset by a success); that counter locks nothing
 * by itself. */
enum pvi_code pvi_login_client(struct pvi_session **session_out, struct pvi_db *db,
                               const char *customer_number, const char *password,
                               const char *address, struct pvi_errors *errs);

/* Operator login through the directory (see pvi_ldap_authenticate): a blank
 * uid or an empty password is refused before any network or database
 * access (see above); the entry must be found by uid, accept the password
 * and be a member of cfg->group_dn. The operators row is then created or
 * updated (uid, DN, display name from cn, e-mail from mail, last_login_at);
 * a new row is audited as "operator.provision".
 * PVI_OK; PVI_VALIDATION or PVI_EMPTY_PASSWORD; PVI_LOGIN_THROTTLED;
 * PVI_BAD_CREDENTIALS (no such uid, several, wrong password);
 * PVI_NOT_IN_GROUP (right password, not an operator); PVI_ACCOUNT_LOCKED
 * (right password, operator disabled in PVI); PVI_DIRECTORY_DOWN (directory
 * unreachable or too slow; the attempt does not count as a failure);
 * PVI_CONFIG (the service account or the configuration is refused by the
 * directory). */
enum pvi_code pvi_login_operator(struct pvi_session **session_out, struct pvi_db *db,
                                 const struct pvi_ldap_config *cfg, const char *uid,
                                 const char *password, const char *address,
                                 struct pvi_errors *errs);

/* Checks the session token of a request. On PVI_OK *principal_out (caller
 * frees) says who it is, with the CSRF token, and address copied into it.
 * PVI_UNAUTHENTICATED: token NULL, malformed or unknown.
 * PVI_SESSION_EXPIRED: revoked (logout, rotation, password change, account
 * disabled), idle for longer than the idle timeout, or past its absolute
 * expiry. PVI_ACCOUNT_LOCKED: the account has been disabled or locked since
 * the login; the session is revoked (audited "session.revoke").
 * Refreshes last_seen_at when it is older than the policy's touch interval. */
enum pvi_code pvi_session_check(struct pvi_principal **principal_out, struct pvi_db *db,
                                const char *token, const char *address);

/* Revokes the session of token (audited "logout"). PVI_OK, also when the
 * token is unknown, malformed, NULL, or already revoked or expired (then
 * nothing is written): logging out always succeeds. */
enum pvi_code pvi_session_logout(struct pvi_db *db, const char *token);

/* Replaces a valid session by a new one (new token, new CSRF token, new
 * absolute expiry) for the same principal, revoking the old one in the same
 * transaction (audited "session.rotate"). Use it when the privileges behind a
 * browser change. Refusals as pvi_session_check(). */
enum pvi_code pvi_session_rotate(struct pvi_session **session_out, struct pvi_db *db,
                                 const char *token, const char *address);

/* Deletes sessions that ended (expired or revoked) more than a day ago and
 * login failures older than the throttling window. Counts (may be NULL). */
enum pvi_code pvi_auth_prune(long long *sessions_out, long long *failures_out, struct pvi_db *db);

/* ---- admin accounts ---- */

/* Creates an administrator (PVI_ACT_MANAGE_ACCOUNTS: admin or system, else
 * PVI_FORBIDDEN). Fields, each problem in errs (all of them at once), then
 * PVI_VALIDATION: "email" trimmed (pvi_text_trim, as for clients and at
 * login) and lower-cased, PVI_BAD_EMAIL; "display_name" trimmed, 1–120
 * characters (PVI_REQUIRED, PVI_BAD_VALUE for text that is not UTF-8,
 * PVI_TOO_LONG); "password" as pvi_password_policy_check()
 * (PVI_EMPTY_PASSWORD, PVI_WEAK_PASSWORD, PVI_TOO_LONG). PVI_DUPLICATE when
 * the e-mail is taken, also at "email". *id_out (may be NULL) receives the
 * new id. Audited "admin.create". */
enum pvi_code pvi_admin_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                               const char *email, const char *display_name, const char *password,
                               struct pvi_errors *errs);

/* Enables (PVI_ACT_MANAGE_ACCOUNTS) or disables (PVI_ACT_DISABLE_ACCOUNT:
 * never one's own account, PVI_SELF_DISABLE) an administrator: admin or system actor, else
 * PVI_FORBIDDEN. Disabling revokes every session of that admin in the same
 * transaction. PVI_NOT_FOUND for an unknown id. Audited
 * "admin.enable"/"admin.disable" (with the number of sessions revoked);
 * nothing is written when the state does not change. No field to get
 * wrong, so no errs. */
enum pvi_code pvi_admin_set_active(struct pvi_db *db, const struct pvi_actor *actor,
                                   long long admin_id, int active);

/* Sets an administrator's password (PVI_ACT_SET_PASSWORD: admin or system
 * actor, else PVI_FORBIDDEN; "password" as pvi_password_policy_check(), in
 * errs, then PVI_VALIDATION), and revokes every session of that admin:
 * after changing their own password, an admin logs in again. PVI_NOT_FOUND
 * for an unknown id. Audited "admin.password". */
enum pvi_code pvi_admin_set_password(struct pvi_db *db, const struct pvi_actor *actor,
                                     long long admin_id, const char *password,
                                     struct pvi_errors *errs);

/* Sets a client's password (PVI_ACT_SET_PASSWORD). The actor is the client
 * themself — then current_password must be their present password — or an
 * admin or the system (current_password ignored); anyone else:
 * PVI_FORBIDDEN, and a client acting on another client: PVI_NOT_FOUND.
 * Fields, in errs: "current_password" empty for the client themself
 * (PVI_EMPTY_PASSWORD) and "new_password" as pvi_password_policy_check():
 * then PVI_VALIDATION, nothing checked or written. The present password is
 * then verified like a login (throttled: PVI_LOGIN_THROTTLED at ""; counted;
 * audited): a wrong one is PVI_BAD_CREDENTIALS, at "current_password".
 * Revokes every session of the client and resets failed_logins.
 * PVI_NOT_FOUND for an unknown id. Audited "client.password". */
enum pvi_code pvi_client_set_password(struct pvi_db *db, const struct pvi_actor *actor,
                                      long long client_id, const char *current_password,
                                      const char *new_password, struct pvi_errors *errs);

/* ---- API keys (integrators) ---- */

/* Creates an API key (PVI_ACT_MANAGE_ACCOUNTS: admin or system, else
 * PVI_FORBIDDEN). Fields, in errs (all at once), then PVI_VALIDATION: "name"
 * trimmed, 1–80 characters (PVI_REQUIRED, PVI_BAD_VALUE, PVI_TOO_LONG);
 * "scopes" a non-empty set of enum pvi_scope bits (PVI_BAD_VALUE);
 * "rate_per_minute" 1–100000 (PVI_BAD_VALUE). *key_out receives the whole
 * key (PVI_APIKEY_CHARS characters), the only copy there will ever be: show
 * it once, then free() it. *id_out (may be NULL) receives the key's id.
 * Audited "apikey.create" (without the secret). */
enum pvi_code pvi_apikey_create(char **key_out, long long *id_out, struct pvi_db *db,
                                const struct pvi_actor *actor, const char *name, unsigned scopes,
                                int rate_per_minute, struct pvi_errors *errs);

/* Checks an API key (the Bearer token of a request). On PVI_OK
 * *principal_out (caller frees) is an integrator with the key's id, name,
 * scopes and rate limit. PVI_UNAUTHENTICATED for a NULL, malformed, unknown,
 * wrong or revoked key — the same code for all, so that nothing is learnt.
 * Refreshes last_used_at at most once per minute. */
enum pvi_code pvi_apikey_check(struct pvi_principal **principal_out, struct pvi_db *db,
                               const char *key);

/* Revokes a key (PVI_ACT_MANAGE_ACCOUNTS: admin or system, else PVI_FORBIDDEN). PVI_NOT_FOUND
 * for an unknown id; revoking a revoked key is PVI_OK and writes nothing.
 * Audited "apikey.revoke". */
enum pvi_code pvi_apikey_revoke(struct pvi_db *db, const struct pvi_actor *actor, long long id);

/* One key as listed (never its secret). */
struct pvi_apikey_info {
    long long id;
    char *name;
    char prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    unsigned scopes;
    int rate_per_minute;
    long long created_by; /* admin id, 0 when created by the system */
    int64_t created_at_us;
    int64_t last_used_at_us; /* 0: never used */
    int64_t revoked_at_us;   /* 0: active */
};

struct pvi_apikey_list {
    struct pvi_apikey_info *v;
    size_t n;
};

/* Every key, newest first, revoked ones included (PVI_ACT_MANAGE_ACCOUNTS:
 * admin or system, else PVI_FORBIDDEN). *list_out belongs to the caller (pvi_apikey_list_free). */
enum pvi_code pvi_apikey_list(struct pvi_apikey_list **list_out, struct pvi_db *db,
                              const struct pvi_actor *actor);
/* NULL is a no-op. */
void pvi_apikey_list_free(struct pvi_apikey_list *list);

#endif
