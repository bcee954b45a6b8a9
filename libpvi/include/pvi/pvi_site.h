/* pvi_site.h — clients, sites, revisions, change requests, the call log and
 * the audit trail: the operations every office and the API perform.
 *
 * Every function takes the acting struct pvi_actor and checks permissions
 * itself, through the permission matrix only (pvi_perm_check() and
 * pvi_perm_check_account(), pvi_workflow.h; an operation on a site needs
 * PVI_ACT_READ and then its own action); a client asking for another
 * client's site gets PVI_NOT_FOUND. Every change is one transaction that
 * also writes exactly one audit event. Every write carries the site version
 * it was based on: a stale version gives PVI_CONFLICT and changes nothing.
 * Field problems are appended to errs (may be NULL when the caller does not
 * want them), each with a path, a code and a catalog message. */
#ifndef PVI_SITE_H
#define PVI_SITE_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_site_list.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>

/* ---- clients ---- */

struct pvi_client_new {
    const char *customer_number; /* "PJ12345678" (case-insensitive) */
    const char *company_name;
    const char *siret; /* 14 digits, spaces allowed */
    const char *email;
    const char *phone;         /* any French format, stored in E.164 */
    const char *password;      /* NULL: the client cannot log in yet */
    const char *password_hash; /* pre-computed argon2id hash (bulk seeding); overrides password */
};

/* Creates a client. Admin or system only. Errors: PVI_FORBIDDEN,
 * PVI_VALIDATION (errs names each field), PVI_CONFLICT (customer number taken,
 * errs: "customer_number"). *id_out (may be NULL) gets the new id. */
enum pvi_code pvi_client_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                                const struct pvi_client_new *in, struct pvi_errors *errs);

/* The id of the client with this customer number (PVI_ACT_LOOKUP: admin,
 * operator, system, or that client), or PVI_NOT_FOUND — also for a client
 * asking for another one. PVI_FORBIDDEN for an integrator, whether the
 * number exists or not. */
enum pvi_code pvi_client_lookup(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                                const char *customer_number);
/* The id of the active operator with this directory uid, or PVI_NOT_FOUND
 * (PVI_ACT_LOOKUP: admin, operator, system; others PVI_FORBIDDEN).
 * Operators appear on their first login (pvi_login_operator). */
enum pvi_code pvi_operator_lookup(long long *id_out, struct pvi_db *db,
                                  const struct pvi_actor *actor, const char *uid);
/* The active operators, by display name: [{"id","uid","name"}] (who may
 * look operators up, as pvi_operator_lookup). *out belongs to the caller. */
enum pvi_code pvi_operator_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor);

/* ---- sites ---- */

struct pvi_site {
    long long id;
    long long client_id;
    char *customer_number; /* the owner's */
    char *company_name;    /* the owner's */
    char *slug;
    char *charter; /* charter name, or NULL */
    enum pvi_site_state state;
    char *state_reason;    /* last rejection/suspension reason, or NULL */
    long long operator_id; /* 0: none */
    char *operator_name;   /* or NULL */
    char *business_name;
    int version;                  /* send it back with every write */
    int draft_number;             /* 0: none */
    int published_number;         /* 0: never published */
    json_t *draft;                /* draft revision's content, or NULL */
    json_t *published;            /* published revision's content, or NULL */
    long long pending_request_id; /* pending change request, 0: none */
    json_t *pending;              /* its proposed content, or NULL */
    char updated_at[40];
};

/* The content an editor starts from: the draft before publication; for an
 * online site the pending proposal if any, else the published content.
 * Borrowed from site (do not decref); never NULL (an empty object at worst). */
const json_t *pvi_site_working_content(const struct pvi_site *site);

struct pvi_site_new {
    long long client_id;
    const char *slug;      /* [a-z0-9-], unique */
    const json_t *content; /* initial draft, may be NULL (empty) */
    const char *note;
};

/* Creates a site in state "ordered" with its first draft revision
 * (PVI_ACT_CREATE_SITE: admin, system, or integrator with sites:write).
 * Errors: PVI_FORBIDDEN,
 * PVI_VALIDATION, PVI_SLUG_TAKEN (errs: "slug"), PVI_NOT_FOUND (client). */
enum pvi_code pvi_site_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                              const struct pvi_site_new *in, struct pvi_errors *errs);

/* Reads a site (and its draft, published and pending contents). *out belongs
 * to the caller (pvi_site_free). PVI_NOT_FOUND when it does not exist or the
 * actor may not see it; PVI_FORBIDDEN for an integrator without sites:read. */
enum pvi_code pvi_site_get(struct pvi_site **out, struct pvi_db *db, const struct pvi_actor *actor,
                           long long id);
/* Same, by slug. */
enum pvi_code pvi_site_get_by_slug(struct pvi_site **out, struct pvi_db *db,
                                   const struct pvi_actor *actor, const char *slug);
void pvi_site_free(struct pvi_site *site);

struct pvi_edit_opts {
    const char *note;             /* why; shown in the history */
    const char *const *confirmed; /* top-level fields confirmed unchanged with the business
                                     (NULL-terminated, may be NULL) */
    enum pvi_channel channel;     /* 0 (phone) is replaced by the actor's default unless
                                     channel_set */
    int channel_set;
};

struct pvi_edit_result {
    int version;          /* the site's new version */
    int revision;         /* number of the new draft or published revision, 0: none */
    int published;        /* simple fields went live at once */
    long long request_id; /* change request created for sensitive fields, 0: none */
    int unchanged;        /* nothing differed: nothing written, no event */
};

/* Replaces the content (the whole document). Validates everything (every
 * problem in errs), checks permissions and the state rules, then:
 *  - before publication: a new draft revision;
 *  - online (docs/rules.md): simple fields publish at once (new published
 *    revision + publication job); sensitive fields (business name, activity,
 *    address, domains, charter) become a change request for an admin,
 *    superseding any pending one; reverting them withdraws it.
 * Errors: PVI_NOT_FOUND, PVI_FORBIDDEN, PVI_BAD_TRANSITION (state; errs has
 * the reason at ""), PVI_VALIDATION, PVI_DOMAIN_TAKEN, PVI_CONFLICT (stale
 * base_version), PVI_UNAVAILABLE. */
enum pvi_code pvi_site_edit(struct pvi_edit_result *out, struct pvi_db *db,
                            const struct pvi_actor *actor, long long site_id, int base_version,
                            const json_t *content, const struct pvi_edit_opts *opts,
                            struct pvi_errors *errs);

/* Makes a new revision with the content of an older one, through the same
 * rules as pvi_site_edit (so an online site's sensitive fields go to review). */
enum pvi_code pvi_site_restore(struct pvi_edit_result *out, struct pvi_db *db,
                               const struct pvi_actor *actor, long long site_id, int base_version,
                               int revision_number, const char *note, struct pvi_errors *errs);

struct pvi_transition_args {
    long long operator_id; /* ASSIGN */
    const char *reason;    /* REJECT, SUSPEND, RESUME (mandatory), CLOSE (optional) */
};

/* Moves the site through the lifecycle (pvi_workflow.h). Beyond the matrix:
 * SUBMIT needs complete, valid content (PVI_INCOMPLETE, errs per field);
 * REJECT/SUSPEND/RESUME need a reason (PVI_REASON_REQUIRED, errs "reason");
 * APPROVE refuses the draft's author (PVI_SELF_APPROVAL), publishes the draft,
 * claims its domains (PVI_DOMAIN_TAKEN) and queues the publication; SUSPEND,
 * RESUME and CLOSE queue the matching publication job; CLOSE releases the
 * domains and withdraws pending change requests. *version_out (may be NULL)
 * gets the new version. Refusals say why in errs (path ""). */
enum pvi_code pvi_site_transition(int *version_out, struct pvi_db *db,
                                  const struct pvi_actor *actor, long long site_id,
                                  int base_version, enum pvi_transition t,
                                  const struct pvi_transition_args *args, struct pvi_errors *errs);

/* Approves or rejects every field of a pending change request at once: the
 * shorthand of pvi_change_request_decide_fields (pvi_change_request.h,
 * which decides field by field) with one verdict for all its fields, and
 * the same rules (PVI_ACT_DECIDE; its author may not approve it,
 * PVI_SELF_APPROVAL; a request no longer pending, PVI_BAD_TRANSITION).
 * Rejecting needs a reason (PVI_REASON_REQUIRED at "reason"), stored for
 * each field. */
enum pvi_code pvi_change_request_decide(struct pvi_db *db, const struct pvi_actor *actor,
                                        long long request_id, int approve, const char *reason,
                                        struct pvi_errors *errs);

/* ---- revisions ---- */

/* The site's revisions, newest first, as a JSON array of
 * {"number","author","role","channel","note","created_at","published"}.
 * *out belongs to the caller. Permission: read the site. */
enum pvi_code pvi_revision_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                long long site_id);
/* One revision: {"number","content","provenance","author","role","channel",
 * "note","created_at"}. */
enum pvi_code pvi_revision_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                               long long site_id, int number);
/* Top-level fields that differ from revision a to b:
 * [{"field","before","after"}] (absent side = null). */
enum pvi_code pvi_revision_diff(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                long long site_id, int a, int b);
/* Who last changed or confirmed each field of the working content, and when:
 * {"field": {"revision","by","role","channel","at","how":"changed"|"confirmed"}}. */
enum pvi_code pvi_site_provenance(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                  long long site_id);

/* ---- lists ---- */

/* The site list (search, filters, sorts, keyset paging): pvi_site_list.h. */

/* Number of sites in each state: {"ordered": n, …}. PVI_ACT_VIEW_STATS:
 * admin, operator, system. */
enum pvi_code pvi_site_count_by_state(json_t **out, struct pvi_db *db,
                                      const struct pvi_actor *actor);

/* ---- call log ---- */

enum pvi_call_outcome {
    PVI_CALL_REACHED,
    PVI_CALL_NO_ANSWER,
    PVI_CALL_WRONG_NUMBER,
    PVI_CALL_BACK,
};

/* Records a call (operator; call_back_at µs since epoch, required for
 * PVI_CALL_BACK and refused otherwise). */
enum pvi_code pvi_call_log_add(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                               long long site_id, enum pvi_call_outcome outcome,
                               int64_t call_back_at_us, const char *notes, struct pvi_errors *errs);
/* The site's calls, newest first: [{"at","operator","outcome","call_back_at","notes"}]. */
enum pvi_code pvi_call_log_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                                long long site_id);

/* ---- audit ---- */

/* Audit events, newest first: [{"id","at","actor_kind","actor","action","object",
 * "object_id","site_id","before","after","address"}]. site_id 0: the whole log
 * (admin), or the operator's own actions (operator). A client may read only
 * their own site's trail. */
enum pvi_code pvi_audit_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                             long long site_id, long long before_id, int limit);

#endif
