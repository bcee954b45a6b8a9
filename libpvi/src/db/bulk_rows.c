/* bulk_rows.c — the rows of a bulk load (pvi_bulk.h): clients and sites in
 * COPY text format, streamed into temporary tables, then the set-based
 * INSERTs into the real ones.
 *
 * Why this shape:
 *   - sites and their revisions reference each other (sites.draft_revision_id
 *     and published_revision_id → site_revisions, site_revisions.site_id →
 *     sites) with non-deferrable foreign keys, and an online site must have
 *     its published revision (CHECK). Ids are pre-assigned from the two
 *     sequences, and both tables are filled by ONE statement (two
 *     data-modifying CTEs): the foreign keys are checked at the end of the
 *     statement, when both sides exist. No row goes through a fake state.
 *   - the caller (making the rows) and PostgreSQL (parsing the COPY stream)
 *     work at the same time: the revisions, the bulk of the data, are
 *     streamed as they come; the small rows (clients, sites, domains) are
 *     kept in memory and copied at the end. */
#include "bulk.h"
#include "site_ops.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_text.h"

#include <stdlib.h>
#include <string.h>

#define STREAM_CHUNK (1 << 20) /* revisions are sent by the megabyte */

/* ---- COPY text format ---- */

/* Appends one field (NULL: \N), then a tab or, when last, a newline. */
static void
field(struct pvi_buf *b, const char *s, int last)
{
    if (s == NULL) {
        pvi_buf_append(b, "\\N", 2);
    } else {
        const char *run_start = s;
        for (const char *p = s;; p++) {
            const char *esc = NULL;
            switch (*p) {
            case '\\':
                esc = "\\\\";
                break;
            case '\n':
                esc = "\\n";
                break;
            case '\r':
                esc = "\\r";
                break;
            case '\t':
                esc = "\\t";
                break;
            default:
                break;
            }
            if (esc == NULL && *p != '\0')
                continue;
            pvi_buf_append(b, run_start, (size_t)(p - run_start));
            if (*p == '\0')
                break;
            pvi_buf_append(b, esc, 2);
            run_start = p + 1;
        }
    }
    pvi_buf_append(b, last ? "\n" : "\t", 1);
}

static void
field_ll(struct pvi_buf *b, long long v, int last)
{
    char s[PVI_INT_TEXT_SIZE];
    pvi_int_text(s, v);
    field(b, s, last);
}

static void
field_time(struct pvi_buf *b, int64_t t_us, int last)
{
    char s[PVI_TIME_SIZE];
    pvi_time_format(s, t_us);
    field(b, s, last);
}

/* Sends the pending revisions once there are at least threshold bytes. */
static enum pvi_code
stream_flush(struct pvi_bulk *b, size_t threshold)
{
    if (b->revisions.len == 0 || b->revisions.len < threshold)
        return PVI_OK;
    enum pvi_code rc = pvi_tx_copy_send(&b->tx, b->revisions.data, b->revisions.len);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, "sending revisions", rc);
    b->revisions.len = 0;
    b->revisions.data[0] = '\0';
    return PVI_OK;
}

/* Copies a whole buffer of rows with one COPY statement. */
static enum pvi_code
copy_rows(struct pvi_bulk *b, const char *what, const char *sql, const struct pvi_buf *rows)
{
    enum pvi_code rc = pvi_tx_copy_begin(&b->tx, sql);
    if (rc == PVI_OK) {
        rc = pvi_tx_copy_send(&b->tx, rows->data ? rows->data : "", rows->len);
        enum pvi_code end = pvi_tx_copy_end(&b->tx);
        if (rc == PVI_OK)
            rc = end;
    }
    return rc == PVI_OK ? PVI_OK : pvi_bulk__fail(b, what, rc);
}

/* PVI_OK when rows may still be added. */
static enum pvi_code
open_for_rows(struct pvi_bulk *b)
{
    if (b->failed)
        return b->failed;
    if (b->inserted) {
        pvi_error("bulk: a row after the INSERTs: refused");
        return PVI_INTERNAL;
    }
    return PVI_OK;
}

/* ---- rows ---- */

enum pvi_code
pvi_bulk_client_add(struct pvi_bulk *b, const struct pvi_bulk_client *row)
{
    enum pvi_code rc = open_for_rows(b);
    if (rc != PVI_OK)
        return rc;
    if (row == NULL || row->customer_number == NULL || row->company_name == NULL ||
        row->siret == NULL || row->email == NULL || row->phone == NULL ||
        strlen(row->customer_number) >= sizeof b->rep.first_customer)
        return PVI_BAD_REQUEST;
    struct pvi_buf *c = &b->clients;
    field(c, row->customer_number, 0);
    field(c, row->company_name, 0);
    field(c, row->siret, 0);
    field(c, row->email, 0);
    field(c, row->phone, 0);
    field(c, row->password_hash, 0);
    field_time(c, row->created_at_us, 0);
    field_time(c, row->created_at_us, 1);
    if (b->rep.clients == 0)
        strcpy(b->rep.first_customer, row->customer_number);
    strcpy(b->rep.last_customer, row->customer_number);
    b->rep.clients++;
    return PVI_OK;
}

static const char copy_revisions[] =
    "COPY bulk_revisions (ord, content, provenance, author_kind, author_uid, author_label,"
    " channel, note, created_at) FROM STDIN";

/* The revision's row, into the stream. */
static enum pvi_code
revision_row(struct pvi_bulk *b, long long ord, const struct pvi_bulk_site *row,
             const char *updated)
{
    struct pvi_actor author = *b->actor;
    if (row->author_operator_uid)
        author = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .label = row->author_operator_uid};
    json_t *prov =
        pvi_site__provenance(NULL, NULL, row->content, &author, row->channel, 1, updated, NULL);
    char *content = json_dumps(row->content, JSON_COMPACT | JSON_REAL_PRECISION(10));
    char *provenance = json_dumps(prov, JSON_COMPACT);
    json_decref(prov);
    if (content == NULL || provenance == NULL) {
        free(content);
        free(provenance);
        pvi_error("bulk: cannot serialise site %s", row->slug);
        return PVI_INTERNAL;
    }
    struct pvi_buf *r = &b->revisions;
    field_ll(r, ord, 0);
    field(r, content, 0);
    field(r, provenance, 0);
    field(r, pvi_role_name(author.role), 0);
    field(r, row->author_operator_uid, 0);
    field(r, author.label ? author.label : "", 0);
    field(r, pvi_channel_name(row->channel), 0);
    field(r, row->note ? row->note : "", 0);
    field(r, updated, 1);
    free(content);
    free(provenance);
    return PVI_OK;
}

enum pvi_code
pvi_bulk_site_add(struct pvi_bulk *b, const struct pvi_bulk_site *row)
{
    enum pvi_code rc = open_for_rows(b);
    if (rc != PVI_OK)
        return rc;
    if (row == NULL || row->customer_number == NULL || row->slug == NULL || row->content == NULL ||
        (unsigned)row->state > PVI_STATE_CLOSED ||
        ((row->state == PVI_STATE_ONLINE || row->state == PVI_STATE_SUSPENDED) && !row->published))
        return PVI_BAD_REQUEST;
    if (!b->streaming) {
        rc = pvi_tx_copy_begin(&b->tx, copy_revisions);
        if (rc != PVI_OK)
            return pvi_bulk__fail(b, "streaming revisions", rc);
        b->streaming = 1;
    }
    long long ord = (long long)b->rep.sites;
    char updated[PVI_TIME_SIZE];
    pvi_time_format(updated, row->updated_at_us);
    rc = revision_row(b, ord, row, updated);
    if (rc != PVI_OK)
        return rc;

    struct pvi_buf *s = &b->sites;
    field_ll(s, ord, 0);
    field(s, row->customer_number, 0);
    field(s, row->slug, 0);
    field(s, json_string_value(json_object_get(row->content, "charter")), 0);
    field(s, pvi_state_name(row->state), 0);
    field(s, row->state_reason, 0);
    field(s, row->operator_uid, 0);
    field(s, row->published ? "t" : "f", 0);
    const char *name = json_string_value(json_object_get(row->content, "business_name"));
    field(s, name ? name : "", 0);
    field_time(s, row->created_at_us, 0);
    field(s, updated, 1);

    /* domains: claimed by online and suspended sites; closed ones released theirs */
    if (row->state == PVI_STATE_ONLINE || row->state == PVI_STATE_SUSPENDED) {
        size_t i;
        json_t *d;
        json_array_foreach(json_object_get(row->content, "domains"), i, d)
        {
            field_ll(&b->domains, ord, 0);
            field(&b->domains, json_string_value(d), 0);
            field(&b->domains, i == 0 ? "t" : "f", 1);
        }
    }
    b->rep.sites++;
    b->rep.by_state[row->state]++;
    return stream_flush(b, STREAM_CHUNK);
}

/* ---- the INSERTs ---- */

static struct pvi_stmt ids =
    PVI_STMT("CREATE TEMP TABLE bulk_ids ON COMMIT DROP AS"
             " SELECT ord, nextval(pg_get_serial_sequence('sites', 'id')) AS site_id,"
             " nextval(pg_get_serial_sequence('site_revisions', 'id')) AS revision_id"
             " FROM bulk_sites ORDER BY ord");
static struct pvi_stmt analyze = PVI_STMT("ANALYZE bulk_sites, bulk_ids, bulk_domains, bulk_revisions");
/* sites and revisions in one statement: their foreign keys to each other
 * are checked at its end */
static struct pvi_stmt sites_and_revisions =
    PVI_STMT("WITH s AS (INSERT INTO sites (id, client_id, slug, charter_id, state,"
             "   state_reason, operator_id, draft_revision_id, published_revision_id,"
             "   business_name, created_at, updated_at, city, name_key, search)"
             "  SELECT i.site_id, c.id, t.slug, ch.id, t.state, t.state_reason, o.id,"
             "   i.revision_id, CASE WHEN t.published THEN i.revision_id END,"
             "   t.business_name, t.created_at, t.updated_at, sv.city, sv.name_key, sv.search"
             "  FROM bulk_sites t JOIN bulk_ids i USING (ord)"
             "  JOIN clients c ON c.customer_number = t.customer_number"
             "  JOIN bulk_revisions br ON br.ord = t.ord"
             "  CROSS JOIN LATERAL pvi_site_search_values(br.content, t.business_name, t.slug,"
             "   c.customer_number, c.siret) sv"
             "  LEFT JOIN charters ch ON ch.name = t.charter"
             "  LEFT JOIN operators o ON o.ldap_uid = t.operator_uid"
             "  ORDER BY t.ord RETURNING 1),"
             " r AS (INSERT INTO site_revisions (id, site_id, number, content, provenance,"
             "   author_kind, author_id, author_label, channel, note, created_at)"
             "  SELECT i.revision_id, i.site_id, 1, v.content, v.provenance,"
             "   v.author_kind, CASE WHEN v.author_kind = 'operator' THEN o.id"
             "   ELSE nullif($1::bigint, 0) END, v.author_label, v.channel, v.note,"
             "   v.created_at"
             "  FROM bulk_revisions v JOIN bulk_ids i USING (ord)"
             "  LEFT JOIN operators o ON o.ldap_uid = v.author_uid"
             "  ORDER BY v.ord RETURNING 1)"
             " SELECT (SELECT count(*) FROM s) AS sites, (SELECT count(*) FROM r) AS revs");
static struct pvi_stmt domains =
    PVI_STMT("INSERT INTO domains (host, site_id, is_primary, created_at)"
             " SELECT d.host, i.site_id, d.is_primary, t.updated_at"
             " FROM bulk_domains d JOIN bulk_ids i USING (ord) JOIN bulk_sites t USING (ord)"
             " ORDER BY d.ord");
static struct pvi_stmt jobs =
    PVI_STMT("INSERT INTO publication_jobs (site_id, revision_id, kind)"
             " SELECT i.site_id, i.revision_id,"
             "  CASE t.state WHEN 'online' THEN 'publish' ELSE 'suspend' END"
             " FROM bulk_sites t JOIN bulk_ids i USING (ord)"
             " WHERE t.state IN ('online', 'suspended') ORDER BY i.site_id");

/* Ends the stream, copies the rows kept, numbers the sites. */
static enum pvi_code
copy_all(struct pvi_bulk *b)
{
    enum pvi_code rc = stream_flush(b, 0);
    if (rc == PVI_OK && b->streaming) {
        b->streaming = 0;
        rc = pvi_tx_copy_end(&b->tx);
        if (rc != PVI_OK)
            return pvi_bulk__fail(b, "streaming revisions", rc);
    }
    if (rc == PVI_OK)
        rc = copy_rows(b, "clients",
                       "COPY clients (customer_number, company_name, siret, email, phone,"
                       " password_hash, created_at, updated_at) FROM STDIN",
                       &b->clients);
    if (rc == PVI_OK)
        rc = copy_rows(b, "sites",
                       "COPY bulk_sites (ord, customer_number, slug, charter, state,"
                       " state_reason, operator_uid, published, business_name, created_at,"
                       " updated_at) FROM STDIN",
                       &b->sites);
    if (rc == PVI_OK)
        rc = copy_rows(b, "domains", "COPY bulk_domains (ord, host, is_primary) FROM STDIN",
                       &b->domains);
    if (rc == PVI_OK && (rc = pvi_tx_run(&b->tx, NULL, &ids, 0, NULL)) != PVI_OK)
        rc = pvi_bulk__fail(b, "site ids", rc);
    if (rc == PVI_OK && (rc = pvi_tx_run(&b->tx, NULL, &analyze, 0, NULL)) != PVI_OK)
        rc = pvi_bulk__fail(b, "analyze", rc);
    return rc;
}

/* Runs st, whose command tag counts the rows it wrote, into *n_out. */
static enum pvi_code
insert_counted(struct pvi_bulk *b, const char *what, struct pvi_stmt *st, size_t *n_out)
{
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(&b->tx, &r, st, 0, NULL);
    if (rc != PVI_OK)
        return pvi_bulk__fail(b, what, rc);
    *n_out = (size_t)pvi_pg_cmd_tuples(r);
    PQclear(r);
    pvi_bulk__progress(b, what, *n_out, *n_out);
    return PVI_OK;
}

enum pvi_code
pvi_bulk_insert(struct pvi_bulk_report *out, struct pvi_bulk *b)
{
    if (out)
        memset(out, 0, sizeof *out);
    enum pvi_code rc = open_for_rows(b);
    if (rc != PVI_OK)
        return rc;
    rc = copy_all(b);
    b->inserted = 1;
    pvi_bulk__progress(b, "insert", 0, 1);
    char actor_id[PVI_INT_TEXT_SIZE];
    pvi_int_text(actor_id, b->actor->id);
    PGresult *r = NULL;
    if (rc == PVI_OK) {
        rc = pvi_tx_run(&b->tx, &r, &sites_and_revisions, 1, (const char *const[]){actor_id});
        if (rc != PVI_OK)
            rc = pvi_bulk__fail(b, "sites and revisions", rc);
    }
    if (rc == PVI_OK) {
        long long sites = pvi_pg_get_ll(r, 0, "sites", -1), revs = pvi_pg_get_ll(r, 0, "revs", -1);
        PQclear(r);
        if (sites != (long long)b->rep.sites || revs != (long long)b->rep.sites) {
            pvi_error("bulk: %lld sites and %lld revisions inserted, %zu expected", sites, revs,
                      b->rep.sites);
            b->failed = rc = PVI_INTERNAL;
        }
    }
    pvi_bulk__progress(b, "insert", 1, 1);
    if (rc == PVI_OK)
        rc = insert_counted(b, "domains", &domains, &b->rep.domains);
    if (rc == PVI_OK && b->opts.queue_jobs)
        rc = insert_counted(b, "jobs", &jobs, &b->rep.jobs);
    if (rc == PVI_OK && out)
        *out = b->rep;
    return rc;
}
