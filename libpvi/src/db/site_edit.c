/* site_edit.c — content edits: a new draft before publication; online,
 * simple fields publish at once and sensitive ones become a change request
 * (docs/rules.md, "Edits of a live site"); restoring an old revision through the same rules. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- edits ---- */

/* The fields of `all` that are sensitive (want=1) or simple (want=0). */
static json_t *
fields_of_class(const json_t *all, int want)
{
    json_t *out = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(all, i, f)
    {
        if (pvi_field_is_sensitive(json_string_value(f)) == want)
            json_array_append(out, f);
    }
    return out;
}

static json_t *
pick(const json_t *content, const json_t *fields)
{
    json_t *out = json_object();
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
    {
        const char *k = json_string_value(f);
        json_t *v = json_object_get(content, k);
        json_object_set_new(out, k, v ? json_deep_copy(v) : json_null());
    }
    return out;
}

struct edit_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    int base_version;
    const json_t *content; /* validated, normalised */
    const struct pvi_edit_opts *opts;
    enum pvi_channel channel;
    struct pvi_errors *e;
    struct pvi_edit_result res;
    const char *action; /* audit action */
};

static enum pvi_code
edit_draft(struct pvi_tx *tx, struct edit_ctx *c, struct site_row *row)
{
    const json_t *base = row->s.draft;
    json_t *changed = pvi_site__changed_fields(base, c->content);
    enum pvi_code rc = PVI_OK;
    int confirms = c->opts && c->opts->confirmed && c->opts->confirmed[0];
    if (json_array_size(changed) == 0 && !confirms) {
        c->res.unchanged = 1;
        c->res.version = row->s.version;
        c->res.revision = row->s.draft_number;
        goto cleanup;
    }
    long long rev_id;
    int number;
    rc = pvi_site__revision_insert(tx, row->s.id, c->content, row->draft_provenance, base,
                                   row->draft_revision_id, c->actor, c->channel,
                                   c->opts ? c->opts->note : NULL,
                                   c->opts ? c->opts->confirmed : NULL, &rev_id, &number);
    if (rc != PVI_OK)
        goto cleanup;
    row->draft_revision_id = rev_id;
    pvi_site__set_business_name(row, c->content);
    pvi_site__set_charter(row, c->content);
    rc = pvi_site__row_store(tx, row, c->base_version);
    if (rc != PVI_OK)
        goto cleanup;
    c->res.version = row->s.version;
    c->res.revision = number;
    json_t *before = pick(base, changed), *after = pick(c->content, changed);
    json_object_set_new(after, "revision", json_integer(number));
    rc = pvi_audit_append(tx, c->actor, c->action, "site", row->s.id, row->s.id, before, after);
    json_decref(before);
    json_decref(after);
cleanup:
    json_decref(changed);
    return rc;
}

static enum pvi_code
edit_split(struct pvi_tx *tx, struct edit_ctx *c, struct site_row *row)
{
    const json_t *published = row->s.published;
    json_t *changed = pvi_site__changed_fields(published, c->content);
    json_t *simple = fields_of_class(changed, 0);
    json_t *sensitive = fields_of_class(changed, 1);
    json_t *live = NULL, *proposal = NULL;
    json_t *audit_after = json_object();
    enum pvi_code rc = PVI_OK;
    int wrote = 0;

    /* Simple fields: a new published revision, live at once. */
    if (json_array_size(simple) > 0) {
        live = pvi_site__overlay_fields(published, c->content, simple);
        long long rev_id;
        int number;
        rc = pvi_site__revision_insert(tx, row->s.id, live, row->published_provenance, published,
                                       row->published_revision_id, c->actor, c->channel,
                                       c->opts ? c->opts->note : NULL,
                                       c->opts ? c->opts->confirmed : NULL, &rev_id, &number);
        if (rc != PVI_OK)
            goto cleanup;
        row->published_revision_id = rev_id;
        row->draft_revision_id = rev_id;
        /* a suspended site stays suspended: its new revision is routed as such */
        rc = pvi_site__publication_enqueue(
            tx, row->s.id, rev_id, row->s.state == PVI_STATE_SUSPENDED ? "suspend" : "publish");
        if (rc != PVI_OK)
            goto cleanup;
        c->res.published = 1;
        c->res.revision = number;
        json_object_set_new(audit_after, "published_revision", json_integer(number));
        json_object_set_new(audit_after, "published_fields", json_incref(simple));
        wrote = 1;
    }

    /* Sensitive fields: compared with the pending proposal, if any. */
    const json_t *pending = row->s.pending;
    json_t *vs_pending = pending ? pvi_site__changed_fields(pending, c->content) : NULL;
    json_t *sens_vs_pending = vs_pending ? fields_of_class(vs_pending, 1) : NULL;
    int same_as_pending = pending && json_array_size(sens_vs_pending) == 0;
    json_decref(vs_pending);
    json_decref(sens_vs_pending);

    if (json_array_size(sensitive) == 0 && row->s.pending_request_id) {
        /* reverted to the published values: the proposal is withdrawn */
        rc = pvi_site__change_requests_supersede(tx, row->s.id);
        if (rc != PVI_OK)
            goto cleanup;
        json_object_set_new(audit_after, "withdrawn_request",
                            json_integer(row->s.pending_request_id));
        wrote = 1;
    } else if (json_array_size(sensitive) > 0 && !same_as_pending) {
        const json_t *base = live ? live : published;
        proposal = pvi_site__overlay_fields(base, c->content, sensitive);
        long long rev_id = 0, req_id = 0;
        int number;
        rc = pvi_site__revision_insert(
            tx, row->s.id, proposal, live ? NULL : row->published_provenance, base,
            row->published_revision_id, c->actor, c->channel, c->opts ? c->opts->note : NULL,
            c->opts ? c->opts->confirmed : NULL, &rev_id, &number);
        if (rc == PVI_OK)
            rc = pvi_site__change_requests_supersede(tx, row->s.id);
        if (rc == PVI_OK)
            rc = pvi_site__change_request_insert(tx, row->s.id, rev_id, sensitive, c->actor,
                                                 &req_id);
        if (rc != PVI_OK)
            goto cleanup;
        c->res.request_id = req_id;
        json_object_set_new(audit_after, "change_request", json_integer(req_id));
        json_object_set_new(audit_after, "requested_fields", json_incref(sensitive));
        json_object_set_new(audit_after, "proposed", pick(c->content, sensitive));
        wrote = 1;
    }

    if (!wrote) {
        c->res.unchanged = 1;
        c->res.version = row->s.version;
        goto cleanup;
    }
    rc = pvi_site__row_store(tx, row, c->base_version);
    if (rc != PVI_OK)
        goto cleanup;
    c->res.version = row->s.version;
    json_t *before = pick(published, changed);
    rc = pvi_audit_append(tx, c->actor, c->action, "site", row->s.id, row->s.id, before,
                          audit_after);
    json_decref(before);
cleanup:
    json_decref(changed);
    json_decref(simple);
    json_decref(sensitive);
    json_decref(live);
    json_decref(proposal);
    json_decref(audit_after);
    return rc;
}

static enum pvi_code
edit_tx(struct pvi_tx *tx, void *arg)
{
    struct edit_ctx *c = arg;
    struct site_row row;
    memset(&c->res, 0, sizeof c->res);
    enum pvi_code rc = pvi_site__row_load(tx, &row, c->site_id, 1);
    if (rc != PVI_OK)
        goto cleanup;
    struct pvi_site_facts f = pvi_site__row_facts(&row);
    rc = pvi_perm_check(c->actor, PVI_ACT_READ, &f);
    if (rc == PVI_OK)
        rc = pvi_perm_check(c->actor, PVI_ACT_EDIT, &f);
    if (rc != PVI_OK)
        goto cleanup;
    enum pvi_edit_mode mode;
    enum pvi_msg why = PVI_MSG_NONE;
    rc = pvi_edit_mode(&mode, &why, c->actor, &f);
    if (rc != PVI_OK) {
        pvi_errors_add_msg(c->e, "", rc, why, NULL);
        goto cleanup;
    }
    if (row.s.version != c->base_version) {
        rc = PVI_CONFLICT;
        goto cleanup;
    }
    rc = pvi_site__check_references(tx, row.s.id, c->content, c->e);
    if (rc != PVI_OK)
        goto cleanup;
    if (mode == PVI_EDIT_SPLIT) {
        /* an online site stays complete */
        if (pvi_content_check_complete(c->content, 1, c->e) != PVI_OK) {
            rc = PVI_VALIDATION;
            goto cleanup;
        }
        rc = edit_split(tx, c, &row);
    } else {
        rc = edit_draft(tx, c, &row);
    }
cleanup:
    pvi_site__row_clear(&row);
    return rc;
}

static enum pvi_code
edit_common(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, int base_version,
            const json_t *content, const struct pvi_edit_opts *opts, const char *action,
            struct pvi_edit_result *out, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    json_t *normal = NULL;
    enum pvi_code rc = pvi_content_validate(&normal, content, e);
    if (rc == PVI_OK) {
        struct edit_ctx c = {
            .actor = actor,
            .site_id = site_id,
            .base_version = base_version,
            .content = normal,
            .opts = opts,
            .channel = opts && opts->channel_set ? opts->channel : pvi_role_channel(actor->role),
            .e = e,
            .action = action,
        };
        rc = pvi_db_run_tx(db, edit_tx, &c);
        if (out)
            *out = c.res;
    }
    if (rc == PVI_CONFLICT && e->n == 0)
        pvi_errors_add(e, "version", PVI_CONFLICT);
    json_decref(normal);
    pvi_errors_clear(&local);
    return rc;
}

enum pvi_code
pvi_site_edit(struct pvi_edit_result *out, struct pvi_db *db, const struct pvi_actor *actor,
              long long site_id, int base_version, const json_t *content,
              const struct pvi_edit_opts *opts, struct pvi_errors *errs)
{
    if (out)
        memset(out, 0, sizeof *out);
    return edit_common(db, actor, site_id, base_version, content, opts, "site.edit", out, errs);
}

struct restore_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    int number;
    json_t *content;
};

static struct pvi_stmt rev_content =
    PVI_STMT("SELECT content FROM site_revisions WHERE site_id = $1 AND number = $2");

static enum pvi_code
restore_load_tx(struct pvi_tx *tx, void *arg)
{
    struct restore_ctx *c = arg;
    struct site_row row;
    enum pvi_code rc = pvi_site__row_load(tx, &row, c->site_id, 0);
    if (rc == PVI_OK) {
        struct pvi_site_facts f = pvi_site__row_facts(&row);
        rc = pvi_perm_check(c->actor, PVI_ACT_READ, &f);
    }
    pvi_site__row_clear(&row);
    if (rc != PVI_OK)
        return rc;
    char sid[24], num[24];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(num, c->number);
    const char *p[2] = {sid, num};
    PGresult *r = pvi_tx_exec(tx, &rev_content, 2, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    const char *v = pvi_pg_get(r, 0, "content");
    c->content = v ? json_loads(v, 0, NULL) : NULL;
    PQclear(r);
    return c->content ? PVI_OK : PVI_NOT_FOUND;
}

enum pvi_code
pvi_site_restore(struct pvi_edit_result *out, struct pvi_db *db, const struct pvi_actor *actor,
                 long long site_id, int base_version, int revision_number, const char *note,
                 struct pvi_errors *errs)
{
    if (out)
        memset(out, 0, sizeof *out);
    struct restore_ctx c = {.actor = actor, .site_id = site_id, .number = revision_number};
    enum pvi_code rc = pvi_db_run_tx(db, restore_load_tx, &c);
    if (rc != PVI_OK)
        return rc;
    char *n = pvi_asprintf("Restauration de la révision %d%s%s", revision_number,
                           note && *note ? " : " : "", note ? note : "");
    struct pvi_edit_opts opts = {.note = n};
    rc = edit_common(db, actor, site_id, base_version, c.content, &opts, "site.restore", out, errs);
    free(n);
    json_decref(c.content);
    return rc;
}
