/* site_ops.c — the building blocks of the site operations, used inside
 * their transactions (site.c, site_edit.c, site_workflow.c): changed fields,
 * provenance, revisions, publication jobs, domains and charter references,
 * change requests (site_ops.h). */
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

/* ---- helpers shared by the operations ---- */

enum pvi_code
pvi_site__reason_check(struct pvi_errors *e, const char *reason, int required)
{
    if (required && pvi_text_is_blank(reason)) {
        pvi_errors_add(e, "reason", PVI_REASON_REQUIRED);
        return PVI_REASON_REQUIRED;
    }
    if (reason && pvi_utf8_length(reason) > 1000) {
        pvi_errors_add_msg(e, "reason", PVI_TOO_LONG, PVI_MSG_TEXT_MAX_CHARS, "max", "1000", NULL);
        return PVI_VALIDATION;
    }
    return PVI_OK;
}

json_t *
pvi_site__changed_fields(const json_t *a, const json_t *b)
{
    json_t *out = json_array();
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)a, k, v)
    {
        if (!json_equal(v, json_object_get(b, k)))
            json_array_append_new(out, json_string(k));
    }
    json_object_foreach((json_t *)b, k, v)
    {
        if (json_object_get(a, k) == NULL)
            json_array_append_new(out, json_string(k));
    }
    return out;
}

static int
in_list(const char *const *list, const char *k)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], k) == 0)
            return 1;
    return 0;
}

json_t *
pvi_site__provenance(const json_t *base_prov, const json_t *base, const json_t *next,
                     const struct pvi_actor *actor, enum pvi_channel channel, int number,
                     const char *at, const char *const *confirmed)
{
    json_t *prov = json_object();
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)next, k, v)
    {
        const json_t *old = base ? json_object_get(base, k) : NULL;
        int changed = old == NULL || !json_equal(old, v);
        if (changed || in_list(confirmed, k)) {
            json_object_set_new(prov, k,
                                json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}", "revision", number,
                                          "by", actor->label ? actor->label : "", "role",
                                          pvi_role_name(actor->role), "channel",
                                          pvi_channel_name(channel), "at", at, "how",
                                          changed ? "changed" : "confirmed"));
        } else if (base_prov && json_object_get(base_prov, k)) {
            json_object_set(prov, k, json_object_get(base_prov, k));
        }
    }
    return prov;
}

int
pvi_site__same_author(const struct pvi_actor *a, const char *kind, long long id)
{
    return kind && strcmp(kind, pvi_role_name(a->role)) == 0 && id == a->id &&
           a->role != PVI_ROLE_SYSTEM;
}

static struct pvi_stmt rev_insert = PVI_STMT(
    "INSERT INTO site_revisions (site_id, number, content, provenance, base_revision_id,"
    " author_kind, author_id, author_label, channel, note, created_at)"
    " VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM site_revisions WHERE site_id = $1),"
    " $2, $3, nullif($4::bigint, 0), $5, nullif($6::bigint, 0), $7, $8, $9, $10)"
    " RETURNING id, number");
static struct pvi_stmt rev_next_number =
    PVI_STMT("SELECT coalesce(max(number), 0) + 1 AS n FROM site_revisions WHERE site_id = $1");

enum pvi_code
pvi_site__revision_insert(struct pvi_tx *tx, long long site_id, const json_t *content,
                          const json_t *base_prov, const json_t *base_content, long long base_id,
                          const struct pvi_actor *actor, enum pvi_channel channel, const char *note,
                          const char *const *confirmed, long long *id_out, int *number_out)
{
    char sid[24], bid[24], aid[24], at[40];
    pvi_int_text(sid, site_id);
    pvi_int_text(bid, base_id);
    pvi_int_text(aid, actor->id);
    pvi_time_format(at, pvi_now_us());
    const char *p1[1] = {sid};
    PGresult *r = pvi_tx_exec(tx, &rev_next_number, 1, p1);
    if (r == NULL)
        return pvi_tx_failure(tx);
    int number = (int)pvi_pg_get_ll(r, 0, "n", 1);
    PQclear(r);

    json_t *prov = pvi_site__provenance(base_prov, base_content, content, actor, channel, number,
                                        at, confirmed);
    char *c = json_dumps(content, JSON_COMPACT | JSON_SORT_KEYS);
    char *pv = json_dumps(prov, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(prov);
    const char *p[10] = {sid,
                         c,
                         pv,
                         bid,
                         pvi_role_name(actor->role),
                         aid,
                         actor->label ? actor->label : "",
                         pvi_channel_name(channel),
                         note ? note : "",
                         at};
    r = pvi_tx_exec(tx, &rev_insert, 10, p);
    free(c);
    free(pv);
    if (r == NULL)
        return pvi_tx_failure(tx);
    *id_out = pvi_pg_get_ll(r, 0, "id", 0);
    *number_out = (int)pvi_pg_get_ll(r, 0, "number", 0);
    PQclear(r);
    return PVI_OK;
}

static struct pvi_stmt job_insert =
    PVI_STMT("INSERT INTO publication_jobs (site_id, revision_id, kind, created_at, run_after)"
             " VALUES ($1, nullif($2::bigint, 0), $3, $4, $4)");

enum pvi_code
pvi_site__publication_enqueue(struct pvi_tx *tx, long long site_id, long long revision_id,
                              const char *kind)
{
    char sid[24], rid[24], at[40];
    pvi_int_text(sid, site_id);
    pvi_int_text(rid, revision_id);
    pvi_time_format(at, pvi_now_us());
    const char *p[4] = {sid, rid, kind, at};
    PGresult *r = pvi_tx_exec(tx, &job_insert, 4, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

static char *
hosts_array_literal(const json_t *domains)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "{");
    size_t i;
    json_t *d;
    json_array_foreach(domains, i, d)
    {
        /* normalised host names hold only [a-z0-9.-]: no quoting issue */
        pvi_buf_printf(&b, "%s\"%s\"", i ? "," : "", json_string_value(d));
    }
    pvi_buf_puts(&b, "}");
    return pvi_buf_steal(&b);
}

static struct pvi_stmt domains_taken = PVI_STMT(
    "SELECT host FROM domains WHERE host = ANY($1::text[]) AND site_id <> $2 ORDER BY host");
static struct pvi_stmt charter_exists =
    PVI_STMT("SELECT 1 FROM charters WHERE name = $1 AND active");

enum pvi_code
pvi_site__check_references(struct pvi_tx *tx, long long site_id, const json_t *content,
                           struct pvi_errors *e)
{
    enum pvi_code rc = PVI_OK;
    const json_t *domains = json_object_get(content, "domains");
    if (json_array_size(domains) > 0) {
        char sid[24];
        pvi_int_text(sid, site_id);
        char *arr = hosts_array_literal(domains);
        const char *p[2] = {arr, sid};
        PGresult *r = pvi_tx_exec(tx, &domains_taken, 2, p);
        free(arr);
        if (r == NULL)
            return pvi_tx_failure(tx);
        for (int row = 0; row < PQntuples(r); row++) {
            const char *host = PQgetvalue(r, row, 0);
            size_t i;
            json_t *d;
            json_array_foreach(domains, i, d)
            {
                if (strcmp(json_string_value(d), host) == 0)
                    pvi_errors_addf(e, PVI_DOMAIN_TAKEN, PVI_MSG_NONE, "domains.%zu", i);
            }
            rc = PVI_DOMAIN_TAKEN;
        }
        PQclear(r);
    }
    const char *charter = json_string_value(json_object_get(content, "charter"));
    if (charter) {
        const char *p[1] = {charter};
        PGresult *r = pvi_tx_exec(tx, &charter_exists, 1, p);
        if (r == NULL)
            return pvi_tx_failure(tx);
        if (PQntuples(r) == 0) {
            pvi_errors_add_msg(e, "charter", PVI_NOT_IN_LIST, PVI_MSG_CONTENT_CHARTER_UNKNOWN,
                               NULL);
            if (rc == PVI_OK)
                rc = PVI_VALIDATION;
        }
        PQclear(r);
    }
    return rc;
}

static struct pvi_stmt domains_delete = PVI_STMT("DELETE FROM domains WHERE site_id = $1");
static struct pvi_stmt domains_insert =
    PVI_STMT("INSERT INTO domains (host, site_id, is_primary, created_at)"
             " SELECT h, $1, ord = 1, $3 FROM unnest($2::text[]) WITH ORDINALITY AS t(h, ord)");

enum pvi_code
pvi_site__domains_sync(struct pvi_tx *tx, long long site_id, const json_t *content)
{
    char sid[24], at[40];
    pvi_int_text(sid, site_id);
    pvi_time_format(at, pvi_now_us());
    const char *p1[1] = {sid};
    PGresult *r = pvi_tx_exec(tx, &domains_delete, 1, p1);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    const json_t *domains = content ? json_object_get(content, "domains") : NULL;
    if (json_array_size(domains) == 0)
        return PVI_OK;
    char *arr = hosts_array_literal(domains);
    const char *p[3] = {sid, arr, at};
    r = pvi_tx_exec(tx, &domains_insert, 3, p);
    free(arr);
    if (r == NULL)
        return strcmp(tx->sqlstate, "23505") == 0 ? PVI_DOMAIN_TAKEN : pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

void
pvi_site__set_business_name(struct site_row *row, const json_t *content)
{
    const char *name = json_string_value(json_object_get(content, "business_name"));
    free(row->s.business_name);
    row->s.business_name = pvi_strdup(name ? name : "");
}

void
pvi_site__set_charter(struct site_row *row, const json_t *content)
{
    const char *ch = json_string_value(json_object_get(content, "charter"));
    free(row->s.charter);
    row->s.charter = pvi_strdup(ch);
}

void
pvi_site__apply_published(struct site_row *row, const json_t *content)
{
    pvi_site__set_business_name(row, content);
    pvi_site__set_charter(row, content);
}

/* ---- change requests ---- */

static struct pvi_stmt cr_supersede =
    PVI_STMT("UPDATE change_requests SET state = 'superseded', decided_at = $2"
             " WHERE site_id = $1 AND state = 'pending'");
static struct pvi_stmt cr_insert = PVI_STMT(
    "INSERT INTO change_requests (site_id, revision_id, fields, requested_kind, requested_id,"
    " created_at) VALUES ($1, $2, $3::text[], $4, nullif($5::bigint, 0), $6) RETURNING id");

enum pvi_code
pvi_site__change_requests_supersede(struct pvi_tx *tx, long long site_id)
{
    char sid[24], at[40];
    pvi_int_text(sid, site_id);
    pvi_time_format(at, pvi_now_us());
    const char *p[2] = {sid, at};
    PGresult *r = pvi_tx_exec(tx, &cr_supersede, 2, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_site__change_request_insert(struct pvi_tx *tx, long long site_id, long long revision_id,
                                const json_t *fields, const struct pvi_actor *actor,
                                long long *id_out)
{
    char sid[24], rid[24], aid[24], at[40];
    pvi_int_text(sid, site_id);
    pvi_int_text(rid, revision_id);
    pvi_int_text(aid, actor->id);
    pvi_time_format(at, pvi_now_us());
    char *arr = hosts_array_literal(fields); /* field names: [a-z_] only */
    const char *p[6] = {sid, rid, arr, pvi_role_name(actor->role), aid, at};
    PGresult *r = pvi_tx_exec(tx, &cr_insert, 6, p);
    free(arr);
    if (r == NULL)
        return pvi_tx_failure(tx);
    *id_out = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    return PVI_OK;
}

/* Copy of base with the fields of `fields` taken from src (absent in src: removed). */
json_t *
pvi_site__overlay_fields(const json_t *base, const json_t *src, const json_t *fields)
{
    json_t *out = json_deep_copy(base ? base : json_object());
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
    {
        const char *k = json_string_value(f);
        json_t *v = json_object_get(src, k);
        if (v)
            json_object_set_new(out, k, json_deep_copy(v));
        else
            json_object_del(out, k);
    }
    return out;
}

/* ---- reading ---- */

/* Loads the site and checks that the actor may do `action` on it. */
enum pvi_code
pvi_site__authorize(struct pvi_tx *tx, const struct pvi_actor *actor, long long site_id,
                    enum pvi_action action, struct site_row *row)
{
    enum pvi_code rc = pvi_site__row_load(tx, row, site_id, 0);
    if (rc != PVI_OK)
        return rc;
    struct pvi_site_facts f = pvi_site__row_facts(row);
    rc = pvi_perm_check(actor, PVI_ACT_READ, &f);
    if (rc == PVI_OK && action != PVI_ACT_READ)
        rc = pvi_perm_check(actor, action, &f);
    return rc;
}

/* The same when the row itself is not needed. */
enum pvi_code
pvi_site__authorize_only(struct pvi_tx *tx, const struct pvi_actor *actor, long long site_id,
                         enum pvi_action action)
{
    struct site_row row;
    enum pvi_code rc = pvi_site__authorize(tx, actor, site_id, action, &row);
    pvi_site__row_clear(&row);
    return rc;
}

/* A JSON query about one site ($1 = site id) that the actor may read. */
enum pvi_code
pvi_site__select_tx(struct pvi_tx *tx, void *arg)
{
    struct pvi_site__read *c = arg;
    enum pvi_code rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc != PVI_OK)
        return rc;
    char sid[24];
    pvi_int_text(sid, c->site_id);
    const char *p[1] = {sid};
    return pvi_tx_select_json(tx, c->st, 1, p, &c->out);
}
