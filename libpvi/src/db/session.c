/* session.c — web sessions: creation (at login and rotation), checking on
 * every request (idle and absolute expiry, a disabled account), logout,
 * rotation, revoking every session of an account, and pruning. */
#include "audit.h"
#include "auth.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pvi_auth__role_of_kind(enum pvi_role *out, const char *kind)
{
    static const enum pvi_role roles[] = {PVI_ROLE_ADMIN, PVI_ROLE_OPERATOR, PVI_ROLE_CLIENT};
    for (size_t i = 0; kind && i < PVI_COUNT_OF(roles); i++)
        if (strcmp(kind, pvi_role_name(roles[i])) == 0) {
            *out = roles[i];
            return 0;
        }
    return -1;
}

/* ---- sessions: creation ---- */

static struct pvi_stmt session_insert_stmt =
    PVI_STMT("INSERT INTO sessions (token_hash, principal_kind, principal_id, csrf_token, address,"
             " created_at, last_seen_at, expires_at)"
             " VALUES ($1::bytea, $2, $3, $4, $5, $6, $6, $7) RETURNING id");

/* Creates a session for the principal in tx; *out (owned by the caller)
 * holds the token, given nowhere else. */
enum pvi_code
pvi_auth__session_create(struct pvi_tx *tx, struct pvi_session **out, enum pvi_role role,
                         long long id, const char *label, const char *address)
{
    *out = NULL;
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    int64_t now = pvi_now_us();
    struct pvi_session *s = pvi_calloc(1, sizeof *s);
    s->token = pvi_malloc(PVI_TOKEN_CHARS + 1);
    pvi_token_new(s->token);
    s->principal.csrf_token = pvi_malloc(PVI_TOKEN_CHARS + 1);
    pvi_token_new(s->principal.csrf_token);
    s->absolute_expires_at_us = now + pol.session_absolute_us;

    char hex[65], hash[67], idp[24], nowp[PVI_TIME_SIZE], expp[PVI_TIME_SIZE];
    pvi_secret_digest_hex(hex, s->token);
    pvi_pg_bytea_hex(hash, hex);
    pvi_int_text(idp, id);
    pvi_time_format(nowp, now);
    pvi_time_format(expp, s->absolute_expires_at_us);
    const char *p[] = {hash,
                       pvi_role_name(role),
                       idp,
                       s->principal.csrf_token,
                       address && *address ? address : NULL,
                       nowp,
                       expp};
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(tx, &r, &session_insert_stmt, 7, p);
    if (rc != PVI_OK) {
        pvi_session_free(s);
        return rc;
    }
    s->principal.session_id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    s->principal.role = role;
    s->principal.id = id;
    s->principal.label = pvi_strdup(label);
    s->principal.address = address && *address ? pvi_strdup(address) : NULL;
    int64_t idle_end = now + pol.session_idle_us;
    s->principal.expires_at_us =
        idle_end < s->absolute_expires_at_us ? idle_end : s->absolute_expires_at_us;
    *out = s;
    return PVI_OK;
}

static struct pvi_stmt revoke_all_stmt =
    PVI_STMT("UPDATE sessions SET revoked_at = $3"
             " WHERE principal_kind = $1 AND principal_id = $2 AND revoked_at IS NULL");

/* Revokes every live session of a principal; *count_out their number. */
enum pvi_code
pvi_auth__sessions_revoke_all(struct pvi_tx *tx, long long *count_out, enum pvi_role role,
                              long long id)
{
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {pvi_role_name(role), idp, nowp};
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(tx, &r, &revoke_all_stmt, 3, p);
    if (rc != PVI_OK)
        return rc;
    *count_out = pvi_pg_cmd_tuples(r);
    PQclear(r);
    return PVI_OK;
}

/* ---- sessions: checking, logout, rotation ---- */

/* clang-format off */
#define SESSION_SELECT                                                                       \
    "SELECT s.id, s.principal_kind, s.principal_id, s.csrf_token,"                           \
    " encode(s.token_hash, 'hex') AS digest, " EPOCH_US("s.last_seen_at") " AS seen, "       \
    EPOCH_US("s.expires_at") " AS expires, (s.revoked_at IS NOT NULL) AS revoked,"           \
    " coalesce(a.email, o.ldap_uid, c.customer_number) AS label,"                            \
    " coalesce(CASE s.principal_kind WHEN 'admin' THEN a.active"                             \
    "  WHEN 'operator' THEN o.active"                                                        \
    "  WHEN 'client' THEN c.active AND NOT c.locked END, false) AS enabled"                  \
    " FROM sessions s"                                                                       \
    " LEFT JOIN admin_users a ON s.principal_kind = 'admin' AND a.id = s.principal_id"       \
    " LEFT JOIN operators o ON s.principal_kind = 'operator' AND o.id = s.principal_id"      \
    " LEFT JOIN clients c ON s.principal_kind = 'client' AND c.id = s.principal_id"          \
    " WHERE s.token_hash = $1::bytea"
/* clang-format on */

static struct pvi_stmt session_get_stmt = PVI_STMT(SESSION_SELECT);
static struct pvi_stmt session_get_locked_stmt = PVI_STMT(SESSION_SELECT " FOR UPDATE OF s");
static struct pvi_stmt session_touch_stmt =
    PVI_STMT("UPDATE sessions SET last_seen_at = $2 WHERE id = $1");
static struct pvi_stmt session_revoke_stmt =
    PVI_STMT("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL");

struct session_row {
    long long id;
    enum pvi_role role;
    long long principal_id;
    char *label;
    char *csrf;
    int64_t seen_us;
    int64_t expires_us;
    int revoked;
    int enabled;
};

static void
session_row_clear(struct session_row *s)
{
    free(s->label);
    free(s->csrf);
    memset(s, 0, sizeof *s);
}

struct session_op {
    char digest[65]; /* hex SHA-256 of the token */
    const char *address;
    /* results */
    enum pvi_code result;
    struct pvi_principal *principal; /* check */
    struct pvi_session *session;     /* rotate */
};

/* Reads the session of op->digest: PVI_OK with *found 0 or 1. */
static enum pvi_code
session_load(struct pvi_tx *tx, struct session_row *out, int *found, const char *digest,
             int for_update)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    char hash[67];
    pvi_pg_bytea_hex(hash, digest);
    const char *p[] = {hash};
    PGresult *r = NULL;
    enum pvi_code rc =
        pvi_tx_run(tx, &r, for_update ? &session_get_locked_stmt : &session_get_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    const char *stored = PQntuples(r) == 1 ? pvi_pg_get(r, 0, "digest") : NULL;
    /* the lookup was by hash already; compare again in constant time anyway */
    if (stored && strlen(stored) == 64 && sodium_memcmp(stored, digest, 64) == 0 &&
        pvi_auth__role_of_kind(&out->role, pvi_pg_get(r, 0, "principal_kind")) == 0) {
        out->id = pvi_pg_get_ll(r, 0, "id", 0);
        out->principal_id = pvi_pg_get_ll(r, 0, "principal_id", 0);
        out->label = pvi_strdup(pvi_pg_get(r, 0, "label"));
        out->csrf = pvi_strdup(pvi_pg_get(r, 0, "csrf_token"));
        out->seen_us = pvi_pg_get_ll(r, 0, "seen", 0);
        out->expires_us = pvi_pg_get_ll(r, 0, "expires", 0);
        out->revoked = pvi_pg_is_true(pvi_pg_get(r, 0, "revoked"));
        out->enabled = pvi_pg_is_true(pvi_pg_get(r, 0, "enabled"));
        if (out->label == NULL)
            out->label = pvi_strdup("?");
        *found = 1;
    }
    PQclear(r);
    return PVI_OK;
}

/* PVI_OK if the session may be used at now; else why not. */
static enum pvi_code
session_verdict(const struct session_row *s, int64_t now)
{
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    if (s->revoked || now >= s->expires_us || now >= s->seen_us + pol.session_idle_us)
        return PVI_SESSION_EXPIRED;
    if (!s->enabled)
        return PVI_ACCOUNT_LOCKED;
    return PVI_OK;
}

static enum pvi_code
session_revoke(struct pvi_tx *tx, long long id, int64_t now)
{
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, id);
    pvi_time_format(nowp, now);
    const char *p[] = {idp, nowp};
    return pvi_tx_run(tx, NULL, &session_revoke_stmt, 2, p);
}

/* The session's account was disabled or locked: end the session. */
static enum pvi_code
revoke_disabled(struct pvi_tx *tx, const struct session_row *s, const char *address, int64_t now)
{
    enum pvi_code rc = session_revoke(tx, s->id, now);
    if (rc != PVI_OK)
        return rc;
    struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "auth", .address = address};
    json_t *after = json_pack("{s:s, s:s, s:I}", "reason", "account_disabled", "principal_kind",
                              pvi_role_name(s->role), "principal_id", (json_int_t)s->principal_id);
    rc = pvi_audit_append(tx, &sys, "session.revoke", "session", s->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

/* Loads the session token names (locked when for_update) and judges it:
 * op->result gets the verdict, PVI_UNAUTHENTICATED when there is none; the
 * sessions of a disabled account are revoked. *loaded says whether s was
 * filled (and must be cleared). */
static enum pvi_code
session_judge(struct pvi_tx *tx, struct session_op *op, struct session_row *s, int for_update,
              int64_t now, int *loaded)
{
    int found = 0;
    enum pvi_code rc = session_load(tx, s, &found, op->digest, for_update);
    *loaded = rc == PVI_OK && found;
    if (rc != PVI_OK)
        return rc;
    if (!found) {
        op->result = PVI_UNAUTHENTICATED;
        return PVI_OK;
    }
    op->result = session_verdict(s, now);
    if (op->result == PVI_ACCOUNT_LOCKED)
        rc = revoke_disabled(tx, s, op->address, now);
    return rc;
}

static enum pvi_code
session_check_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    pvi_principal_free(op->principal);
    op->principal = NULL;
    struct session_row s;
    int loaded = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_judge(tx, op, &s, 0, now, &loaded);
    if (!loaded)
        return rc;
    if (op->result != PVI_OK)
        goto cleanup;

    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    if (now - s.seen_us >= pol.session_touch_us) {
        char idp[24], nowp[PVI_TIME_SIZE];
        pvi_int_text(idp, s.id);
        pvi_time_format(nowp, now);
        const char *p[] = {idp, nowp};
        if ((rc = pvi_tx_run(tx, NULL, &session_touch_stmt, 2, p)) != PVI_OK)
            goto cleanup;
        s.seen_us = now;
    }
    struct pvi_principal *pr = pvi_calloc(1, sizeof *pr);
    pr->role = s.role;
    pr->id = s.principal_id;
    pr->label = s.label;
    s.label = NULL;
    pr->csrf_token = s.csrf;
    s.csrf = NULL;
    pr->address = op->address && *op->address ? pvi_strdup(op->address) : NULL;
    pr->session_id = s.id;
    int64_t idle_end = s.seen_us + pol.session_idle_us;
    pr->expires_at_us = idle_end < s.expires_us ? idle_end : s.expires_us;
    op->principal = pr;

cleanup:
    session_row_clear(&s);
    return rc;
}

/* Runs fn on the session that token names; gives the transaction's error,
 * else fn's verdict (op->result). */
static enum pvi_code
session_run(struct pvi_db *db, pvi_tx_fn fn, struct session_op *op, const char *token)
{
    if (!pvi_token_well_formed(token))
        return PVI_UNAUTHENTICATED;
    pvi_secret_digest_hex(op->digest, token);
    enum pvi_code rc = pvi_db_run_tx(db, fn, op);
    return rc == PVI_OK ? op->result : rc;
}

enum pvi_code
pvi_session_check(struct pvi_principal **principal_out, struct pvi_db *db, const char *token,
                  const char *address)
{
    *principal_out = NULL;
    struct session_op op = {.address = address};
    enum pvi_code rc = session_run(db, session_check_fn, &op, token);
    if (rc == PVI_OK) {
        *principal_out = op.principal;
        op.principal = NULL;
    }
    pvi_principal_free(op.principal);
    return rc;
}

static enum pvi_code
logout_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    struct session_row s;
    int found = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_load(tx, &s, &found, op->digest, 1);
    if (rc != PVI_OK || !found)
        return rc;
    if (session_verdict(&s, now) == PVI_SESSION_EXPIRED)
        goto cleanup; /* nothing left to end */
    if ((rc = session_revoke(tx, s.id, now)) != PVI_OK)
        goto cleanup;
    struct pvi_actor actor = {
        .role = s.role, .id = s.principal_id, .label = s.label, .address = op->address};
    rc = pvi_audit_append(tx, &actor, "logout", "session", s.id, 0, NULL, NULL);

cleanup:
    session_row_clear(&s);
    return rc;
}

enum pvi_code
pvi_session_logout(struct pvi_db *db, const char *token)
{
    if (!pvi_token_well_formed(token))
        return PVI_OK;
    struct session_op op = {0};
    pvi_secret_digest_hex(op.digest, token);
    return pvi_db_run_tx(db, logout_fn, &op);
}

static enum pvi_code
rotate_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    pvi_session_free(op->session);
    op->session = NULL;
    struct session_row s;
    int loaded = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_judge(tx, op, &s, 1, now, &loaded);
    if (!loaded)
        return rc;
    if (op->result != PVI_OK)
        goto cleanup;
    if ((rc = session_revoke(tx, s.id, now)) != PVI_OK)
        goto cleanup;
    if ((rc = pvi_auth__session_create(tx, &op->session, s.role, s.principal_id, s.label,
                                       op->address)) != PVI_OK)
        goto cleanup;
    struct pvi_actor actor = pvi_principal_actor(&op->session->principal);
    json_t *before = json_pack("{s:I}", "session_id", (json_int_t)s.id);
    json_t *after = json_pack("{s:I}", "session_id", (json_int_t)op->session->principal.session_id);
    rc = pvi_audit_append(tx, &actor, "session.rotate", "session",
                          op->session->principal.session_id, 0, before, after);
    json_decref(before);
    json_decref(after);

cleanup:
    session_row_clear(&s);
    return rc;
}

enum pvi_code
pvi_session_rotate(struct pvi_session **session_out, struct pvi_db *db, const char *token,
                   const char *address)
{
    *session_out = NULL;
    struct session_op op = {.address = address};
    enum pvi_code rc = session_run(db, rotate_fn, &op, token);
    if (rc == PVI_OK) {
        *session_out = op.session;
        op.session = NULL;
    }
    pvi_session_free(op.session);
    return rc;
}

static struct pvi_stmt prune_sessions_stmt =
    PVI_STMT("DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1 OR last_seen_at < $2");
static struct pvi_stmt prune_failures_stmt = PVI_STMT("DELETE FROM login_failures WHERE at < $1");

struct prune_ctx {
    long long sessions, failures;
};

static enum pvi_code
prune_fn(struct pvi_tx *tx, void *arg)
{
    struct prune_ctx *c = arg;
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    int64_t now = pvi_now_us();
    char cut[PVI_TIME_SIZE], idle_cut[PVI_TIME_SIZE], fail_cut[PVI_TIME_SIZE];
    pvi_time_format(cut, now - DAY_US);
    pvi_time_format(idle_cut, now - DAY_US - pol.session_idle_us);
    pvi_time_format(fail_cut, now - (int64_t)PVI_LOGIN_WINDOW_S * 1000000);
    const char *sp[] = {cut, idle_cut};
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(tx, &r, &prune_sessions_stmt, 2, sp);
    if (rc != PVI_OK)
        return rc;
    c->sessions = pvi_pg_cmd_tuples(r);
    PQclear(r);
    const char *fp[] = {fail_cut};
    if ((rc = pvi_tx_run(tx, &r, &prune_failures_stmt, 1, fp)) != PVI_OK)
        return rc;
    c->failures = pvi_pg_cmd_tuples(r);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_auth_prune(long long *sessions_out, long long *failures_out, struct pvi_db *db)
{
    struct prune_ctx c = {0};
    enum pvi_code rc = pvi_db_run_tx(db, prune_fn, &c);
    if (sessions_out)
        *sessions_out = rc == PVI_OK ? c.sessions : 0;
    if (failures_out)
        *failures_out = rc == PVI_OK ? c.failures : 0;
    return rc;
}
