/* site.c — clients, site creation and reading, content edits (drafts, the
 * online split between simple and sensitive fields), restore. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- clients ---- */

static struct pvi_stmt client_insert = PVI_STMT(
    "INSERT INTO clients (customer_number, company_name, siret, email, phone, password_hash,"
    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id");

struct client_ctx {
    const struct pvi_actor *actor;
    const char *p[6];
    long long id;
    json_t *after;
};

static enum pvi_code
client_create_tx(struct pvi_tx *tx, void *arg)
{
    struct client_ctx *c = arg;
    char at[40];
    pvi_time_format(at, pvi_now_us());
    const char *p[7] = {c->p[0], c->p[1], c->p[2], c->p[3], c->p[4], c->p[5], at};
    PGresult *r = pvi_tx_exec(tx, &client_insert, 7, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    return pvi_audit_append(tx, c->actor, "client.create", "client", c->id, 0, NULL, c->after);
}

enum pvi_code
pvi_client_create(struct pvi_db *db, const struct pvi_actor *actor, const struct pvi_client_new *in,
                  long long *id_out, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_ADMINISTER, NULL);
    if (rc != PVI_OK)
        goto cleanup;

    char number[11], siret[15], email[255], phone[16];
    if (pvi_customer_number_normalize(number, in->customer_number) != PVI_OK)
        pvi_errors_add(e, "customer_number", PVI_BAD_CUSTOMER_NUMBER, NULL);
    if (pvi_siret_normalize(siret, in->siret) != PVI_OK)
        pvi_errors_add(e, "siret", PVI_BAD_SIRET, NULL);
    if (pvi_email_normalize(email, in->email) != PVI_OK)
        pvi_errors_add(e, "email", PVI_BAD_EMAIL, NULL);
    enum pvi_code prc = pvi_phone_normalize(phone, in->phone);
    if (prc != PVI_OK)
        pvi_errors_add(e, "phone", prc, NULL);
    size_t name_len = in->company_name ? pvi_utf8_length(in->company_name) : 0;
    if (name_len == 0)
        pvi_errors_add(e, "company_name", PVI_REQUIRED, NULL);
    else if (name_len > 120)
        pvi_errors_add(e, "company_name", PVI_TOO_LONG, "120 caractères au maximum.");
    char *hash = NULL;
    if (in->password_hash) {
        hash = pvi_strdup(in->password_hash);
    } else if (in->password) {
        hash = pvi_malloc(PVI_PASSWORD_HASH_SIZE);
        enum pvi_code hrc = pvi_password_hash(hash, in->password);
        if (hrc != PVI_OK)
            pvi_errors_add(e, "password", hrc, NULL);
    }
    if (e->n > before) {
        free(hash);
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    json_t *after =
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "customer_number", number, "company_name",
                  in->company_name, "siret", siret, "email", email, "phone", phone);
    struct client_ctx c = {
        .actor = actor, .p = {number, in->company_name, siret, email, phone, hash}, .after = after};
    rc = pvi_db_run_tx(db, client_create_tx, &c);
    json_decref(after);
    free(hash);
    if (rc == PVI_CONFLICT)
        pvi_errors_add(e, "customer_number", PVI_CONFLICT, "Ce numéro client existe déjà.");
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
cleanup:
    pvi_errors_clear(&local);
    return rc;
}

/* ---- helpers shared by the operations ---- */

json_t *
changed_fields(const json_t *a, const json_t *b)
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
compute_provenance(const json_t *base_prov, const json_t *base, const json_t *next,
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

static struct pvi_stmt rev_insert = PVI_STMT(
    "INSERT INTO site_revisions (site_id, number, content, provenance, base_revision_id,"
    " author_kind, author_id, author_label, channel, note, created_at)"
    " VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM site_revisions WHERE site_id = $1),"
    " $2, $3, nullif($4::bigint, 0), $5, nullif($6::bigint, 0), $7, $8, $9, $10)"
    " RETURNING id, number");
static struct pvi_stmt rev_next_number =
    PVI_STMT("SELECT coalesce(max(number), 0) + 1 AS n FROM site_revisions WHERE site_id = $1");

enum pvi_code
revision_insert(struct pvi_tx *tx, long long site_id, const json_t *content,
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

    json_t *prov =
        compute_provenance(base_prov, base_content, content, actor, channel, number, at, confirmed);
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
publication_enqueue(struct pvi_tx *tx, long long site_id, long long revision_id, const char *kind)
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
check_references(struct pvi_tx *tx, long long site_id, const json_t *content, struct pvi_errors *e)
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
                    pvi_errors_addf(e, PVI_DOMAIN_TAKEN, NULL, "domains.%zu", i);
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
            pvi_errors_add(e, "charter", PVI_NOT_IN_LIST, "Cette charte graphique n'existe pas.");
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
domains_sync(struct pvi_tx *tx, long long site_id, const json_t *content)
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

static void
set_business_name(struct site_row *row, const json_t *content)
{
    const char *name = json_string_value(json_object_get(content, "business_name"));
    free(row->s.business_name);
    row->s.business_name = pvi_strdup(name ? name : "");
}

static void
set_charter(struct site_row *row, const json_t *content)
{
    const char *ch = json_string_value(json_object_get(content, "charter"));
    free(row->s.charter);
    row->s.charter = pvi_strdup(ch);
}

void
site_row_apply_published(struct site_row *row, const json_t *content)
{
    set_business_name(row, content);
    set_charter(row, content);
}

/* ---- creating and reading sites ---- */

static struct pvi_stmt site_insert = PVI_STMT(
    "INSERT INTO sites (client_id, slug, business_name, charter_id, created_at, updated_at)"
    " SELECT c.id, $2, $3, (SELECT id FROM charters WHERE name = $4), $5, $5"
    " FROM clients c WHERE c.id = $1 RETURNING id");
static struct pvi_stmt site_set_draft =
    PVI_STMT("UPDATE sites SET draft_revision_id = $2 WHERE id = $1");

struct create_ctx {
    const struct pvi_actor *actor;
    const struct pvi_site_new *in;
    const json_t *content;
    struct pvi_errors *e;
    long long id;
};

static enum pvi_code
site_create_tx(struct pvi_tx *tx, void *arg)
{
    struct create_ctx *c = arg;
    char cid[24], at[40];
    pvi_int_text(cid, c->in->client_id);
    pvi_time_format(at, pvi_now_us());
    const char *name = json_string_value(json_object_get(c->content, "business_name"));
    const char *p[5] = {cid, c->in->slug, name ? name : "",
                        json_string_value(json_object_get(c->content, "charter")), at};
    enum pvi_code rc = check_references(tx, 0, c->content, c->e);
    if (rc != PVI_OK)
        return rc;
    PGresult *r = pvi_tx_exec(tx, &site_insert, 5, p);
    if (r == NULL) {
        if (strcmp(tx->sqlstate, "23505") == 0) {
            pvi_errors_add(c->e, "slug", PVI_SLUG_TAKEN, NULL);
            return PVI_SLUG_TAKEN;
        }
        return pvi_tx_failure(tx);
    }
    if (PQntuples(r) == 0) {
        PQclear(r);
        pvi_errors_add(c->e, "client_id", PVI_NOT_FOUND, "Ce client n'existe pas.");
        return PVI_NOT_FOUND;
    }
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    long long rev_id;
    int number;
    rc = revision_insert(tx, c->id, c->content, NULL, NULL, 0, c->actor,
                         pvi_role_channel(c->actor->role), c->in->note, NULL, &rev_id, &number);
    if (rc != PVI_OK)
        return rc;
    char sid[24], rid[24];
    pvi_int_text(sid, c->id);
    pvi_int_text(rid, rev_id);
    const char *p2[2] = {sid, rid};
    if ((r = pvi_tx_exec(tx, &site_set_draft, 2, p2)) == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);
    json_t *after = json_pack("{s:s, s:I, s:s}", "slug", c->in->slug, "client_id",
                              (json_int_t)c->in->client_id, "state", "ordered");
    rc = pvi_audit_append(tx, c->actor, "site.create", "site", c->id, c->id, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_site_create(struct pvi_db *db, const struct pvi_actor *actor, const struct pvi_site_new *in,
                long long *id_out, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    json_t *content = NULL;
    enum pvi_code rc = PVI_FORBIDDEN;
    if (actor->role == PVI_ROLE_ADMIN || actor->role == PVI_ROLE_SYSTEM ||
        (actor->role == PVI_ROLE_INTEGRATOR && (actor->scopes & PVI_SCOPE_SITES_WRITE)))
        rc = PVI_OK;
    if (rc != PVI_OK)
        goto cleanup;
    size_t before = e->n;
    if (pvi_slug_check(in->slug) != PVI_OK)
        pvi_errors_add(e, "slug", PVI_BAD_SLUG, NULL);
    json_t *empty = json_object();
    if (pvi_content_validate(&content, in->content ? in->content : empty, e) != PVI_OK)
        rc = PVI_VALIDATION;
    json_decref(empty);
    if (e->n > before) {
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    struct create_ctx c = {.actor = actor, .in = in, .content = content, .e = e};
    rc = pvi_db_run_tx(db, site_create_tx, &c);
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
cleanup:
    json_decref(content);
    pvi_errors_clear(&local);
    return rc;
}

struct get_ctx {
    const struct pvi_actor *actor;
    long long id;
    const char *slug;
    struct pvi_site *out;
};

static enum pvi_code
site_get_tx(struct pvi_tx *tx, void *arg)
{
    struct get_ctx *g = arg;
    struct site_row row;
    enum pvi_code rc =
        g->slug ? site_row_load_by_slug(tx, &row, g->slug) : site_row_load(tx, &row, g->id, 0);
    if (rc == PVI_OK) {
        struct pvi_site_facts f = site_row_facts(&row);
        rc = pvi_perm_check(g->actor, PVI_ACT_READ, &f);
    }
    if (rc == PVI_OK)
        g->out = site_row_steal(&row);
    site_row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_get(struct pvi_db *db, const struct pvi_actor *actor, long long id, struct pvi_site **out)
{
    struct get_ctx g = {.actor = actor, .id = id};
    *out = NULL;
    enum pvi_code rc = pvi_db_run_tx(db, site_get_tx, &g);
    if (rc == PVI_OK)
        *out = g.out;
    return rc;
}

enum pvi_code
pvi_site_get_by_slug(struct pvi_db *db, const struct pvi_actor *actor, const char *slug,
                     struct pvi_site **out)
{
    struct get_ctx g = {.actor = actor, .slug = slug ? slug : ""};
    *out = NULL;
    enum pvi_code rc = pvi_db_run_tx(db, site_get_tx, &g);
    if (rc == PVI_OK)
        *out = g.out;
    return rc;
}

/* ---- edits ---- */

static struct pvi_stmt cr_supersede =
    PVI_STMT("UPDATE change_requests SET state = 'superseded', decided_at = $2"
             " WHERE site_id = $1 AND state = 'pending'");
static struct pvi_stmt cr_insert = PVI_STMT(
    "INSERT INTO change_requests (site_id, revision_id, fields, requested_kind, requested_id,"
    " created_at) VALUES ($1, $2, $3::text[], $4, nullif($5::bigint, 0), $6) RETURNING id");

enum pvi_code
change_requests_supersede(struct pvi_tx *tx, long long site_id)
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

static enum pvi_code
change_request_insert(struct pvi_tx *tx, long long site_id, long long revision_id,
                      const json_t *fields, const struct pvi_actor *actor, long long *id_out)
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
overlay_fields(const json_t *base, const json_t *src, const json_t *fields)
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
    json_t *changed = changed_fields(base, c->content);
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
    rc = revision_insert(tx, row->s.id, c->content, row->draft_provenance, base,
                         row->draft_revision_id, c->actor, c->channel,
                         c->opts ? c->opts->note : NULL, c->opts ? c->opts->confirmed : NULL,
                         &rev_id, &number);
    if (rc != PVI_OK)
        goto cleanup;
    row->draft_revision_id = rev_id;
    set_business_name(row, c->content);
    set_charter(row, c->content);
    rc = site_row_store(tx, row, c->base_version);
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
    json_t *changed = changed_fields(published, c->content);
    json_t *simple = fields_of_class(changed, 0);
    json_t *sensitive = fields_of_class(changed, 1);
    json_t *live = NULL, *proposal = NULL;
    json_t *audit_after = json_object();
    enum pvi_code rc = PVI_OK;
    int wrote = 0;

    /* Simple fields: a new published revision, live at once. */
    if (json_array_size(simple) > 0) {
        live = overlay_fields(published, c->content, simple);
        long long rev_id;
        int number;
        rc = revision_insert(tx, row->s.id, live, row->published_provenance, published,
                             row->published_revision_id, c->actor, c->channel,
                             c->opts ? c->opts->note : NULL, c->opts ? c->opts->confirmed : NULL,
                             &rev_id, &number);
        if (rc != PVI_OK)
            goto cleanup;
        row->published_revision_id = rev_id;
        row->draft_revision_id = rev_id;
        rc = publication_enqueue(tx, row->s.id, rev_id, "publish");
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
    json_t *vs_pending = pending ? changed_fields(pending, c->content) : NULL;
    json_t *sens_vs_pending = vs_pending ? fields_of_class(vs_pending, 1) : NULL;
    int same_as_pending = pending && json_array_size(sens_vs_pending) == 0;
    json_decref(vs_pending);
    json_decref(sens_vs_pending);

    if (json_array_size(sensitive) == 0 && row->s.pending_request_id) {
        /* reverted to the published values: the proposal is withdrawn */
        rc = change_requests_supersede(tx, row->s.id);
        if (rc != PVI_OK)
            goto cleanup;
        json_object_set_new(audit_after, "withdrawn_request",
                            json_integer(row->s.pending_request_id));
        wrote = 1;
    } else if (json_array_size(sensitive) > 0 && !same_as_pending) {
        const json_t *base = live ? live : published;
        proposal = overlay_fields(base, c->content, sensitive);
        long long rev_id = 0, req_id = 0;
        int number;
        rc = revision_insert(tx, row->s.id, proposal, live ? NULL : row->published_provenance, base,
                             row->published_revision_id, c->actor, c->channel,
                             c->opts ? c->opts->note : NULL, c->opts ? c->opts->confirmed : NULL,
                             &rev_id, &number);
        if (rc == PVI_OK)
            rc = change_requests_supersede(tx, row->s.id);
        if (rc == PVI_OK)
            rc = change_request_insert(tx, row->s.id, rev_id, sensitive, c->actor, &req_id);
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
    rc = site_row_store(tx, row, c->base_version);
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
    enum pvi_code rc = site_row_load(tx, &row, c->site_id, 1);
    if (rc != PVI_OK)
        goto cleanup;
    struct pvi_site_facts f = site_row_facts(&row);
    rc = pvi_perm_check(c->actor, PVI_ACT_READ, &f);
    if (rc == PVI_OK)
        rc = pvi_perm_check(c->actor, PVI_ACT_EDIT, &f);
    if (rc != PVI_OK)
        goto cleanup;
    enum pvi_edit_mode mode;
    const char *why = NULL;
    rc = pvi_edit_mode(&mode, &why, c->actor, &f);
    if (rc != PVI_OK) {
        pvi_errors_add(c->e, "", rc, why);
        goto cleanup;
    }
    if (row.s.version != c->base_version) {
        rc = PVI_CONFLICT;
        goto cleanup;
    }
    rc = check_references(tx, row.s.id, c->content, c->e);
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
    site_row_clear(&row);
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
        pvi_errors_add(e, "version", PVI_CONFLICT, NULL);
    json_decref(normal);
    pvi_errors_clear(&local);
    return rc;
}

enum pvi_code
pvi_site_edit(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, int base_version,
              const json_t *content, const struct pvi_edit_opts *opts, struct pvi_edit_result *out,
              struct pvi_errors *errs)
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
    enum pvi_code rc = site_row_load(tx, &row, c->site_id, 0);
    if (rc == PVI_OK) {
        struct pvi_site_facts f = site_row_facts(&row);
        rc = pvi_perm_check(c->actor, PVI_ACT_READ, &f);
    }
    site_row_clear(&row);
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
pvi_site_restore(struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                 int base_version, int revision_number, const char *note,
                 struct pvi_edit_result *out, struct pvi_errors *errs)
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
