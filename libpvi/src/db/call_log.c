/* call_log.c — the operators' call log of a site: recording a call (and
 * the site's pending call-back, sites.call_back_at), listing them. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

static const char *const outcomes[] = {"reached", "no_answer", "wrong_number", "call_back"};

static struct pvi_stmt call_insert =
    PVI_STMT("INSERT INTO call_log (site_id, operator_id, called_at, outcome, call_back_at, notes)"
             " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
/* The site's pending call-back: the latest call's, if it asked for one
 * (a later call of any outcome replaces it). */
static struct pvi_stmt call_back_set =
    PVI_STMT("UPDATE sites SET call_back_at = $2 WHERE id = $1");
static struct pvi_stmt call_list =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('id', l.id, 'at', " PVI_SQL_ISO(
        "l.called_at") ", 'operator', o.display_name, 'outcome', l.outcome, "
                       "'call_back_at', " PVI_SQL_ISO(
                           "l.call_back_at") ", 'notes', l.notes) ORDER BY "
                                             "l.called_at DESC, l.id DESC), "
                                             "'[]')"
                                             " FROM call_log l JOIN "
                                             "operators o ON o.id = "
                                             "l.operator_id WHERE l.site_id "
                                             "= $1");

struct call_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    enum pvi_call_outcome outcome;
    int64_t call_back_us;
    const char *notes;
    long long id;
};

static enum pvi_code
call_add_tx(struct pvi_tx *tx, void *arg)
{
    struct call_ctx *c = arg;
    enum pvi_code rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_LOG_CALL);
    if (rc != PVI_OK)
        return rc;
    char sid[24], oid[24], at[40], cb[40];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(oid, c->actor->id);
    pvi_time_format(at, pvi_now_us());
    if (c->outcome == PVI_CALL_BACK)
        pvi_time_format(cb, c->call_back_us);
    const char *p[6] = {sid,
                        oid,
                        at,
                        outcomes[c->outcome],
                        c->outcome == PVI_CALL_BACK ? cb : NULL,
                        c->notes ? c->notes : ""};
    PGresult *r = pvi_tx_exec(tx, &call_insert, 6, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    const char *pending[2] = {sid, p[4]};
    rc = pvi_tx_run(tx, NULL, &call_back_set, 2, pending);
    if (rc != PVI_OK)
        return rc;
    json_t *after =
        json_pack("{s:s, s:s}", "outcome", outcomes[c->outcome], "notes", c->notes ? c->notes : "");
    if (c->outcome == PVI_CALL_BACK)
        json_object_set_new(after, "call_back_at", json_string(cb));
    rc = pvi_audit_append(tx, c->actor, "call.log", "call", c->id, c->site_id, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_call_log_add(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                 long long site_id, enum pvi_call_outcome outcome, int64_t call_back_at_us,
                 const char *notes, struct pvi_errors *errs)
{
    if ((unsigned)outcome > PVI_CALL_BACK) {
        if (errs)
            pvi_errors_add_msg(errs, "outcome", PVI_NOT_IN_LIST, PVI_MSG_CALL_OUTCOME_UNKNOWN,
                               NULL);
        return PVI_VALIDATION;
    }
    if (outcome == PVI_CALL_BACK && call_back_at_us <= pvi_now_us()) {
        if (errs)
            pvi_errors_add_msg(errs, "call_back_at", PVI_BAD_DATE, PVI_MSG_CALL_BACK_FUTURE, NULL);
        return PVI_VALIDATION;
    }
    if (notes && (pvi_utf8_length(notes) > 2000 || pvi_text_has_markup(notes))) {
        if (errs)
            pvi_errors_add(errs, "notes", pvi_text_has_markup(notes) ? PVI_MARKUP : PVI_TOO_LONG);
        return PVI_VALIDATION;
    }
    struct call_ctx c = {.actor = actor,
                         .site_id = site_id,
                         .outcome = outcome,
                         .call_back_us = call_back_at_us,
                         .notes = notes};
    enum pvi_code rc = pvi_db_run_tx(db, call_add_tx, &c);
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
    return rc;
}

enum pvi_code
pvi_call_log_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long site_id)
{
    struct pvi_site__read c = {.actor = actor, .site_id = site_id, .st = &call_list};
    return pvi_db_run_json(db, pvi_site__select_tx, &c, &c.out, out);
}
