/* site_workflow.c — lifecycle transitions (change-request decisions are in
 * change_request.c). */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

/* The checks of a transition that need the site as it is now (state,
 * role, ownership, the author of the draft), before any input is looked
 * at: pvi_site_transition and the listing of pvi_site_actions() both ask
 * here, so that what the page offers is what the transition accepts. */
enum pvi_code
pvi_site__may_transition(enum pvi_msg *why_out, const struct pvi_actor *actor,
                         const struct site_row *row, enum pvi_transition t)
{
    struct pvi_site_facts f = pvi_site__row_facts(row);
    enum pvi_code rc = pvi_transition_check(why_out, actor, &f, t);
    if (rc == PVI_OK && t == PVI_TR_APPROVE &&
        pvi_site__same_author(actor, row->draft_author_kind, row->draft_author_id)) {
        *why_out = pvi_code_msg(PVI_SELF_APPROVAL);
        rc = PVI_SELF_APPROVAL;
    }
    return rc;
}

static struct pvi_stmt operator_active =
    PVI_STMT("SELECT display_name FROM operators WHERE id = $1 AND active");

struct transition_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    int base_version;
    enum pvi_transition t;
    const struct pvi_transition_args *args;
    struct pvi_errors *e;
    int version;
};

static enum pvi_code
transition_tx(struct pvi_tx *tx, void *arg)
{
    struct transition_ctx *c = arg;
    struct site_row row;
    json_t *before = NULL, *after = NULL;
    enum pvi_code rc = pvi_site__row_load(tx, &row, c->site_id, 1);
    if (rc != PVI_OK)
        goto cleanup;
    enum pvi_msg why = PVI_MSG_NONE;
    rc = pvi_site__may_transition(&why, c->actor, &row, c->t);
    if (rc != PVI_OK) {
        if (why || rc == PVI_FORBIDDEN)
            pvi_errors_add_msg(c->e, "", rc, why, NULL);
        goto cleanup;
    }
    if (row.s.version != c->base_version) {
        rc = PVI_CONFLICT;
        goto cleanup;
    }
    const char *reason = c->args ? c->args->reason : NULL;
    rc = pvi_site__reason_check(c->e, reason, pvi_transition_needs_reason(c->t));
    if (rc != PVI_OK)
        goto cleanup;
    before = json_pack("{s:s}", "state", pvi_state_name(row.s.state));
    after = json_object();

    switch (c->t) {
    case PVI_TR_ASSIGN: {
        long long op = c->args ? c->args->operator_id : 0;
        char oid[24];
        pvi_int_text(oid, op);
        const char *p[1] = {oid};
        PGresult *r = op > 0 ? pvi_tx_exec(tx, &operator_active, 1, p) : NULL;
        if (op > 0 && r == NULL) {
            rc = pvi_tx_failure(tx);
            goto cleanup;
        }
        int found = r && PQntuples(r) == 1;
        PQclear(r);
        if (!found) {
            pvi_errors_add_msg(c->e, "operator_id", PVI_OPERATOR_REQUIRED,
                               PVI_MSG_TR_OPERATOR_ACTIVE, NULL);
            rc = PVI_OPERATOR_REQUIRED;
            goto cleanup;
        }
        json_object_set_new(before, "operator_id", json_integer(row.s.operator_id));
        json_object_set_new(after, "operator_id", json_integer(op));
        row.s.operator_id = op;
        break;
    }
    case PVI_TR_SUBMIT: {
        json_t *normal = NULL;
        size_t n0 = c->e->n;
        pvi_content_validate(&normal, row.s.draft, c->e);
        json_decref(normal);
        pvi_content_check_complete(row.s.draft, 1, c->e);
        if (c->e->n > n0) {
            rc = PVI_INCOMPLETE;
            goto cleanup;
        }
        json_object_set_new(after, "revision", json_integer(row.s.draft_number));
        break;
    }
    case PVI_TR_APPROVE:
        rc = pvi_site__check_references(tx, row.s.id, row.s.draft, c->e);
        if (rc == PVI_OK)
            rc = pvi_site__domains_sync(tx, row.s.id, row.s.draft);
        if (rc == PVI_OK)
            rc = pvi_site__publication_enqueue(tx, row.s.id, row.draft_revision_id, "publish");
        if (rc != PVI_OK)
            goto cleanup;
        row.published_revision_id = row.draft_revision_id;
        pvi_site__apply_published(&row, row.s.draft);
        json_object_set_new(after, "published_revision", json_integer(row.s.draft_number));
        break;
    case PVI_TR_REJECT:
        break;
    case PVI_TR_SUSPEND:
        rc = pvi_site__publication_enqueue(tx, row.s.id, row.published_revision_id, "suspend");
        break;
    case PVI_TR_RESUME:
        rc = pvi_site__publication_enqueue(tx, row.s.id, row.published_revision_id, "publish");
        break;
    case PVI_TR_CLOSE:
        rc = pvi_site__domains_sync(tx, row.s.id, NULL);
        if (rc == PVI_OK)
            rc = pvi_site__change_requests_supersede(tx, row.s.id);
        if (rc == PVI_OK && row.published_revision_id)
            rc =
                pvi_site__publication_enqueue(tx, row.s.id, row.published_revision_id, "unpublish");
        break;
    }
    if (rc != PVI_OK)
        goto cleanup;

    row.s.state = pvi_transition_target(c->t);
    if (!pvi_text_is_blank(reason)) {
        free(row.s.state_reason);
        row.s.state_reason = pvi_strdup(reason);
        json_object_set_new(after, "reason", json_string(reason));
    } else if (c->t != PVI_TR_ASSIGN) {
        free(row.s.state_reason);
        row.s.state_reason = NULL;
    }
    rc = pvi_site__row_store(tx, &row, c->base_version);
    if (rc != PVI_OK)
        goto cleanup;
    c->version = row.s.version;
    json_object_set_new(after, "state", json_string(pvi_state_name(row.s.state)));
    char action[32];
    snprintf(action, sizeof action, "site.%s", pvi_transition_name(c->t));
    rc = pvi_audit_append(tx, c->actor, action, "site", row.s.id, row.s.id, before, after);
cleanup:
    json_decref(before);
    json_decref(after);
    pvi_site__row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_transition(int *version_out, struct pvi_db *db, const struct pvi_actor *actor,
                    long long site_id, int base_version, enum pvi_transition t,
                    const struct pvi_transition_args *args, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct transition_ctx c = {.actor = actor,
                               .site_id = site_id,
                               .base_version = base_version,
                               .t = t,
                               .args = args,
                               .e = errs ? errs : &local};
    size_t n0 = c.e->n;
    enum pvi_code rc = pvi_db_run_tx(db, transition_tx, &c);
    if (rc != PVI_OK && rc != PVI_NOT_FOUND && c.e->n == n0)
        pvi_errors_add(c.e, rc == PVI_CONFLICT ? "version" : "", rc);
    if (rc == PVI_OK && version_out)
        *version_out = c.version;
    pvi_errors_clear(&local);
    return rc;
}
