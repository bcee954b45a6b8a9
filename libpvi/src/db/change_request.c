/* change_request.c — deciding a change request field by field
 * (pvi_change_request.h): the verdicts checked, the approved fields
 * published, every field's decision and reason stored for the requester,
 * one audit event; pvi_change_request_decide (pvi_site.h), the whole
 * request at once, is the same decision with one verdict for every field. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REASON_MAX_CHARS 1000

static struct pvi_stmt cr_site = PVI_STMT("SELECT site_id FROM change_requests WHERE id = $1");
/* read again once the site is locked: every change of a site's requests
 * (superseding, deciding) holds that lock, so this is the request's state */
static struct pvi_stmt cr_load = PVI_STMT(
    "SELECT cr.site_id, cr.state, cr.requested_kind, coalesce(cr.requested_id, 0) AS requested_id,"
    " array_to_json(cr.fields) AS fields, r.content"
    " FROM change_requests cr JOIN site_revisions r ON r.id = cr.revision_id"
    " WHERE cr.id = $1 FOR UPDATE OF cr");
static struct pvi_stmt cr_decide = PVI_STMT(
    "UPDATE change_requests SET state = $2, decided_by = CASE WHEN $3 = 'admin'"
    " THEN nullif($4::bigint, 0) END, decided_kind = $3, decided_label = $5, decided_at = $6,"
    " reason = $7, published_revision_id = nullif($8::bigint, 0)"
    " WHERE id = $1 AND state = 'pending'");
static struct pvi_stmt cr_fields_insert =
    PVI_STMT("INSERT INTO change_request_fields (request_id, field, decision, reason)"
             " SELECT $1, x.field, x.decision, x.reason"
             " FROM json_to_recordset($2::json) AS x(field text, decision text, reason text)");

struct decide_ctx {
    const struct pvi_actor *actor;
    long long id;
    const struct pvi_field_verdict *verdicts; /* NULL: the whole request (whole_*) */
    size_t n;
    int whole_approve;
    const char *whole_reason;
    struct pvi_errors *e;
    struct pvi_change_decision res;
};

/* What was asked: the request's fields and the proposal. */
struct request {
    char *state;
    char *kind;
    long long requester;
    json_t *fields;
    json_t *proposal;
};

static void
request_clear(struct request *q)
{
    free(q->state);
    free(q->kind);
    json_decref(q->fields);
    json_decref(q->proposal);
    memset(q, 0, sizeof *q);
}

static enum pvi_code
request_load(struct pvi_tx *tx, const char *id, struct request *q)
{
    const char *p[1] = {id};
    PGresult *r = pvi_tx_exec(tx, &cr_load, 1, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    if (PQntuples(r) == 0) {
        PQclear(r);
        return PVI_NOT_FOUND;
    }
    q->state = pvi_strdup(pvi_pg_get(r, 0, "state"));
    q->kind = pvi_strdup(pvi_pg_get(r, 0, "requested_kind"));
    q->requester = pvi_pg_get_ll(r, 0, "requested_id", 0);
    q->fields = json_loads(pvi_pg_get(r, 0, "fields"), 0, NULL);
    q->proposal = json_loads(pvi_pg_get(r, 0, "content"), 0, NULL);
    PQclear(r);
    return q->fields && q->proposal ? PVI_OK : PVI_INTERNAL;
}

static int
request_has(const struct request *q, const char *field)
{
    size_t i;
    json_t *f;
    json_array_foreach(q->fields, i, f)
    {
        if (strcmp(json_string_value(f), field) == 0)
            return 1;
    }
    return 0;
}

/* The verdict on field: from the caller's list, or the whole request's. */
static const struct pvi_field_verdict *
verdict_of(const struct decide_ctx *c, const char *field, struct pvi_field_verdict *whole)
{
    if (c->verdicts == NULL) {
        *whole = (struct pvi_field_verdict){field, c->whole_approve, c->whole_reason};
        return whole;
    }
    for (size_t i = 0; i < c->n; i++)
        if (c->verdicts[i].field && strcmp(c->verdicts[i].field, field) == 0)
            return &c->verdicts[i];
    return NULL;
}

/* The messages that name the field they are about (an error summary lists
 * them apart from their field). */
static const struct {
    const char *field;
    enum pvi_msg decide, reason;
} field_msgs[] = {
    {"business_name", PVI_MSG_CR_DECIDE_BUSINESS_NAME, PVI_MSG_CR_REASON_BUSINESS_NAME},
    {"activity", PVI_MSG_CR_DECIDE_ACTIVITY, PVI_MSG_CR_REASON_ACTIVITY},
    {"address", PVI_MSG_CR_DECIDE_ADDRESS, PVI_MSG_CR_REASON_ADDRESS},
    {"domains", PVI_MSG_CR_DECIDE_DOMAINS, PVI_MSG_CR_REASON_DOMAINS},
    {"charter", PVI_MSG_CR_DECIDE_CHARTER, PVI_MSG_CR_REASON_CHARTER},
};

static enum pvi_msg
named_msg(const char *field, int reason, enum pvi_msg otherwise)
{
    for (size_t i = 0; field && i < PVI_COUNT_OF(field_msgs); i++)
        if (strcmp(field_msgs[i].field, field) == 0)
            return reason ? field_msgs[i].reason : field_msgs[i].decide;
    return otherwise;
}

/* The path of an error about field's part ("decision", "reason"); the
 * whole request's reason is "reason". */
static void
field_error(const struct decide_ctx *c, const char *field, const char *part, enum pvi_code code,
            enum pvi_msg msg, const char *arg, const char *value)
{
    char path[64];
    if (c->verdicts == NULL)
        snprintf(path, sizeof path, "%s", part);
    else if (field && pvi_field_is_sensitive(field))
        snprintf(path, sizeof path, "%s.%s", field, part);
    else
        path[0] = '\0';
    pvi_errors_add_msg(c->e, path, code, msg, arg, value, NULL);
}

/* Checks the verdicts against the request; fills approved (field names)
 * and decisions ([{"field","decision","reason"}]). */
static enum pvi_code
check_verdicts(const struct decide_ctx *c, const struct request *q, json_t *approved,
               json_t *decisions)
{
    size_t n0 = c->e->n;
    int self = 0;
    for (size_t i = 0; c->verdicts && i < c->n; i++) {
        const char *f = c->verdicts[i].field;
        if (f == NULL || !request_has(q, f))
            field_error(c, f, "decision", PVI_UNKNOWN_FIELD, PVI_MSG_CR_NOT_IN_REQUEST, NULL, NULL);
        for (size_t j = 0; f && j < i; j++)
            if (c->verdicts[j].field && strcmp(c->verdicts[j].field, f) == 0) {
                field_error(c, f, "decision", PVI_DUPLICATE, PVI_MSG_CR_DUPLICATE, NULL, NULL);
                break;
            }
    }
    size_t i;
    json_t *jf;
    json_array_foreach(q->fields, i, jf)
    {
        const char *f = json_string_value(jf);
        struct pvi_field_verdict whole;
        const struct pvi_field_verdict *v = verdict_of(c, f, &whole);
        if (v == NULL) {
            field_error(c, f, "decision", PVI_REQUIRED,
                        named_msg(f, 0, PVI_MSG_CR_DECISION_REQUIRED), NULL, NULL);
            continue;
        }
        if (v->approve) {
            self |= pvi_site__same_author(c->actor, q->kind, q->requester);
            json_array_append_new(approved, json_string(f));
            json_array_append_new(decisions,
                                  json_pack("{s:s, s:s}", "field", f, "decision", "approved"));
            continue;
        }
        char *reason = v->reason ? pvi_text_trim_dup(v->reason) : NULL;
        if (reason == NULL || reason[0] == '\0') {
            /* the whole request's rejection: reported once, at "reason" */
            if (c->verdicts || i == 0)
                field_error(c, f, "reason", PVI_REASON_REQUIRED,
                            c->verdicts ? named_msg(f, 1, PVI_MSG_CR_REASON_REQUIRED)
                                        : PVI_MSG_CR_REASON_REQUIRED,
                            NULL, NULL);
        } else if (pvi_utf8_length(reason) > REASON_MAX_CHARS) {
            if (c->verdicts || i == 0)
                field_error(c, f, "reason", PVI_TOO_LONG, PVI_MSG_TEXT_MAX_CHARS, "max", "1000");
        } else {
            json_array_append_new(decisions, json_pack("{s:s, s:s, s:s}", "field", f, "decision",
                                                       "rejected", "reason", reason));
        }
        free(reason);
    }
    if (self)
        pvi_errors_add_msg(c->e, "", PVI_SELF_APPROVAL, PVI_MSG_CR_SELF_APPROVAL, NULL);
    if (c->e->n == n0)
        return PVI_OK;
    return self ? PVI_SELF_APPROVAL : c->e->v[n0].code;
}

/* Domains or charter that the approved fields can no longer have, at their
 * field's decision. */
static enum pvi_code
check_approved_references(struct pvi_tx *tx, const struct decide_ctx *c, long long site_id,
                          const json_t *merged, const json_t *approved)
{
    struct pvi_errors refs = {0};
    enum pvi_code rc = pvi_site__check_references(tx, site_id, merged, &refs);
    if (rc != PVI_OK && rc != PVI_DOMAIN_TAKEN && rc != PVI_VALIDATION) {
        pvi_errors_clear(&refs);
        return rc;
    }
    rc = PVI_OK;
    int domains = 0, charter = 0;
    size_t i;
    json_t *f;
    json_array_foreach(approved, i, f)
    {
        domains |= strcmp(json_string_value(f), "domains") == 0;
        charter |= strcmp(json_string_value(f), "charter") == 0;
    }
    for (size_t k = 0; k < refs.n; k++) {
        const char *path = refs.v[k].path;
        if (domains && strncmp(path, "domains.", 8) == 0) {
            long long at = 0;
            pvi_int_parse(&at, path + 8, 0, 99);
            const char *host =
                json_string_value(json_array_get(json_object_get(merged, "domains"), (size_t)at));
            field_error(c, "domains", "decision", PVI_DOMAIN_TAKEN, PVI_MSG_CR_DOMAIN_TAKEN, "host",
                        host ? host : "");
            if (rc == PVI_OK)
                rc = PVI_DOMAIN_TAKEN;
        } else if (charter && strcmp(path, "charter") == 0) {
            field_error(c, "charter", "decision", PVI_VALIDATION, PVI_MSG_CR_CHARTER_GONE, NULL,
                        NULL);
            if (rc == PVI_OK)
                rc = PVI_VALIDATION;
        }
    }
    pvi_errors_clear(&refs);
    return rc;
}

/* Publishes the approved fields over the published content: a revision,
 * the domains, the publication job; the row follows. */
static enum pvi_code
publish_approved(struct pvi_tx *tx, struct decide_ctx *c, struct site_row *row,
                 const struct request *q, const json_t *approved, int partial, long long *rev_id)
{
    json_t *merged = pvi_site__overlay_fields(row->s.published, q->proposal, approved);
    enum pvi_code rc = check_approved_references(tx, c, row->s.id, merged, approved);
    char idt[PVI_INT_TEXT_SIZE];
    pvi_int_text(idt, c->id);
    struct pvi_msg_arg arg = {"id", idt};
    /* revision notes are data, written in French like every note */
    char *note = pvi_msg_format(
        PVI_LANG_FR, partial ? PVI_MSG_CR_NOTE_PARTIAL : PVI_MSG_CR_NOTE_APPROVED, &arg, 1);
    int number = 0;
    if (rc == PVI_OK)
        rc = pvi_site__revision_insert(tx, row->s.id, merged, row->published_provenance,
                                       row->s.published, row->published_revision_id, c->actor,
                                       pvi_role_channel(c->actor->role), note, NULL, rev_id,
                                       &number);
    if (rc == PVI_OK && json_object_get(q->proposal, "domains") != NULL) {
        size_t i;
        json_t *f;
        json_array_foreach(approved, i, f)
        {
            if (rc == PVI_OK && strcmp(json_string_value(f), "domains") == 0)
                rc = pvi_site__domains_sync(tx, row->s.id, merged);
        }
    }
    if (rc == PVI_OK)
        rc = pvi_site__publication_enqueue(
            tx, row->s.id, *rev_id, row->s.state == PVI_STATE_SUSPENDED ? "suspend" : "publish");
    if (rc == PVI_OK) {
        row->published_revision_id = *rev_id;
        row->draft_revision_id = *rev_id;
        pvi_site__apply_published(row, merged);
        c->res.published_revision = number;
    }
    free(note);
    json_decref(merged);
    return rc;
}

static enum pvi_code
record_decision(struct pvi_tx *tx, const struct decide_ctx *c, const char *id, const char *state,
                long long rev_id, const json_t *decisions)
{
    char aid[PVI_INT_TEXT_SIZE], rid[PVI_INT_TEXT_SIZE], at[40];
    pvi_int_text(aid, c->actor->id);
    pvi_int_text(rid, rev_id);
    pvi_time_format(at, pvi_now_us());
    const char *reason = c->verdicts == NULL && !c->whole_approve ? c->whole_reason : NULL;
    const char *p[8] = {id,
                        state,
                        pvi_role_name(c->actor->role),
                        aid,
                        c->actor->label ? c->actor->label : "",
                        at,
                        reason,
                        rid};
    PGresult *r = pvi_tx_exec(tx, &cr_decide, 8, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    long long n = pvi_pg_cmd_tuples(r);
    PQclear(r);
    if (n != 1)
        return PVI_CONFLICT;
    char *list = json_dumps(decisions, JSON_COMPACT);
    const char *p2[2] = {id, list};
    r = pvi_tx_exec(tx, &cr_fields_insert, 2, p2);
    free(list);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

static enum pvi_code
decide_tx(struct pvi_tx *tx, void *arg)
{
    struct decide_ctx *c = arg;
    struct site_row row;
    struct request q = {0};
    json_t *approved = json_array(), *decisions = json_array();
    json_t *before = NULL, *after = NULL;
    memset(&row, 0, sizeof row);
    char id[PVI_INT_TEXT_SIZE];
    pvi_int_text(id, c->id);
    const char *p[1] = {id};
    PGresult *r = pvi_tx_exec(tx, &cr_site, 1, p);
    enum pvi_code rc = r ? PVI_OK : pvi_tx_failure(tx);
    long long site_id = r && PQntuples(r) == 1 ? pvi_pg_get_ll(r, 0, "site_id", 0) : 0;
    PQclear(r);
    if (rc == PVI_OK && site_id == 0)
        rc = PVI_NOT_FOUND;
    if (rc == PVI_OK)
        rc = pvi_site__row_load(tx, &row, site_id, 1);
    if (rc == PVI_OK) {
        struct pvi_site_facts f = pvi_site__row_facts(&row);
        rc = pvi_perm_check(c->actor, PVI_ACT_READ, &f);
        if (rc == PVI_OK)
            rc = pvi_perm_check(c->actor, PVI_ACT_DECIDE, &f);
    }
    if (rc == PVI_OK)
        rc = request_load(tx, id, &q);
    if (rc != PVI_OK)
        goto cleanup;
    if (strcmp(q.state, "pending") != 0) {
        pvi_errors_add_msg(c->e, "", PVI_BAD_TRANSITION,
                           strcmp(q.state, "superseded") == 0 ? PVI_MSG_CR_SUPERSEDED
                                                              : PVI_MSG_TR_REQUEST_DECIDED,
                           NULL);
        rc = PVI_BAD_TRANSITION;
        goto cleanup;
    }
    if ((rc = check_verdicts(c, &q, approved, decisions)) != PVI_OK)
        goto cleanup;

    size_t na = json_array_size(approved), nf = json_array_size(q.fields);
    const char *state = na == nf ? "approved" : na == 0 ? "rejected" : "partial";
    long long rev_id = 0;
    if (na > 0 && (rc = publish_approved(tx, c, &row, &q, approved, na < nf, &rev_id)) != PVI_OK)
        goto cleanup;
    if ((rc = record_decision(tx, c, id, state, rev_id, decisions)) != PVI_OK)
        goto cleanup;
    if ((rc = pvi_site__row_store(tx, &row, row.s.version)) != PVI_OK)
        goto cleanup;

    before = json_object();
    after = json_pack("{s:I, s:s, s:o}", "change_request", (json_int_t)c->id, "decision", state,
                      "fields", json_object());
    size_t i;
    json_t *d;
    json_array_foreach(decisions, i, d)
    {
        const char *f = json_string_value(json_object_get(d, "field"));
        /* row.s.published is still the content before the decision */
        json_t *was = json_object_get(row.s.published, f);
        json_object_set_new(before, f, was ? json_deep_copy(was) : json_null());
        json_t *v = json_deep_copy(d);
        json_object_del(v, "field");
        json_object_set_new(v, "proposed", json_deep_copy(json_object_get(q.proposal, f)));
        json_object_set_new(json_object_get(after, "fields"), f, v);
    }
    if (c->res.published_revision)
        json_object_set_new(after, "published_revision", json_integer(c->res.published_revision));
    char action[40];
    snprintf(action, sizeof action, "change_request.%s",
             strcmp(state, "approved") == 0   ? "approve"
             : strcmp(state, "rejected") == 0 ? "reject"
                                              : "decide");
    rc = pvi_audit_append(tx, c->actor, action, "change_request", c->id, row.s.id, before, after);
    if (rc == PVI_OK) {
        snprintf(c->res.state, sizeof c->res.state, "%s", state);
        c->res.version = row.s.version;
    }
cleanup:
    request_clear(&q);
    json_decref(approved);
    json_decref(decisions);
    json_decref(before);
    json_decref(after);
    pvi_site__row_clear(&row);
    return rc;
}

static enum pvi_code
decide(struct decide_ctx *c, struct pvi_change_decision *out, struct pvi_db *db,
       struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    c->e = errs ? errs : &local;
    size_t n0 = c->e->n;
    enum pvi_code rc = pvi_db_run_tx(db, decide_tx, c);
    if (rc != PVI_OK && rc != PVI_NOT_FOUND && rc != PVI_FORBIDDEN && c->e->n == n0)
        pvi_errors_add(c->e, "", rc);
    if (rc == PVI_OK && out)
        *out = c->res;
    pvi_errors_clear(&local);
    return rc;
}

enum pvi_code
pvi_change_request_decide_fields(struct pvi_change_decision *out, struct pvi_db *db,
                                 const struct pvi_actor *actor, long long request_id,
                                 const struct pvi_field_verdict *verdicts, size_t nverdicts,
                                 struct pvi_errors *errs)
{
    static const struct pvi_field_verdict none[1];
    struct decide_ctx c = {.actor = actor,
                           .id = request_id,
                           .verdicts = verdicts ? verdicts : none,
                           .n = verdicts ? nverdicts : 0};
    return decide(&c, out, db, errs);
}

enum pvi_code
pvi_change_request_decide(struct pvi_db *db, const struct pvi_actor *actor, long long request_id,
                          int approve, const char *reason, struct pvi_errors *errs)
{
    struct decide_ctx c = {
        .actor = actor, .id = request_id, .whole_approve = approve, .whole_reason = reason};
    return decide(&c, NULL, db, errs);
}
