/* test_change_requests.c — change requests decided field by field
 * (pvi_change_request.h) against the real PostgreSQL: approved fields
 * published and rejected ones not, a reason stored for each rejection and
 * read back by the requester, one audit event, the self-approval rule, a
 * reason required per rejected field, verdicts that must match the request,
 * a superseded or already decided request refused, the queue oldest first
 * with keyset paging, one request's current and proposed values as text,
 * and a suspended site kept suspended. */
#include "testenv.h"
#include "crfixture.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static struct crfix fx;
static int serial;

static long long
count(const char *sql)
{
    return testenv_sql_ll(sql);
}

/* Everything a refused decision must leave as it was. */
static char *
footprint(void)
{
    return testenv_sql("SELECT concat_ws(' ', (SELECT count(*) FROM audit_events),"
                       " (SELECT coalesce(sum(version), 0) FROM sites),"
                       " (SELECT count(*) FROM site_revisions), (SELECT count(*) FROM domains),"
                       " (SELECT count(*) FROM change_requests WHERE state = 'pending'),"
                       " (SELECT count(*) FROM change_request_fields),"
                       " (SELECT count(*) FROM publication_jobs))");
}

/* Fails unless nothing changed since was (a footprint(), freed). */
static void
expect_unchanged(char *was)
{
    char *now = footprint();
    assert_string_equal(was, now);
    free(now);
    free(was);
}

static long long
new_site(void)
{
    char slug[32], domain[48];
    snprintf(slug, sizeof slug, "plomberie-%d", ++serial);
    snprintf(domain, sizeof domain, "www.plomberie-%d.fr", serial);
    return crfix_online_site(&fx, db, slug, domain);
}

static const char *
str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const json_t *
field_of(const json_t *req, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(req, "fields"), i, f)
    {
        if (strcmp(str(f, "field"), name) == 0)
            return f;
    }
    fail_msg("no field %s in the request", name);
    return NULL;
}

static const char *
error_msg_key(const struct pvi_errors *e, const char *path)
{
    const struct pvi_field_error *fe = pvi_errors_find(e, path);
    return fe ? pvi_msg_key(fe->msg) : "(none)";
}

#define RENAME_AND_MOVE                                                                            \
    "{\"business_name\": \"Martin & Fils\", \"address\": {\"street\": \"3 place de la Mairie\","   \
    " \"postal_code\": \"35200\", \"city\": \"Rennes\"}}"

static void
approved_fields_are_published_and_rejected_ones_keep_their_value(void **state)
{
    (void)state;
    long long site = new_site();
    long long req = crfix_request(db, &fx.client, site, RENAME_AND_MOVE);
    int v0;
    json_t *before = crfix_published(&fx, db, site, &v0);
    long long revisions = count("SELECT count(*) FROM site_revisions");
    long long jobs = count("SELECT count(*) FROM publication_jobs");
    long long events = count("SELECT count(*) FROM audit_events");

    struct pvi_field_verdict vs[] = {
        {"business_name", 1, NULL},
        {"address", 0, "  Adresse introuvable dans la base postale.  "},
    };
    struct pvi_change_decision d;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide_fields(&d, db, &fx.admin2, req, vs, 2, &e), PVI_OK);
    assert_int_equal(e.n, 0);
    assert_string_equal(d.state, "partial");
    assert_true(d.published_revision > 0);
    assert_true(d.version > v0);

    /* the name is live, the address is the one published before */
    int v1;
    json_t *after = crfix_published(&fx, db, site, &v1);
    assert_int_equal(v1, d.version);
    assert_string_equal(str(after, "business_name"), "Martin & Fils");
    assert_true(json_equal(json_object_get(after, "address"), json_object_get(before, "address")));
    /* and everything else as it was */
    json_object_del(after, "business_name");
    json_object_del(before, "business_name");
    assert_true(json_equal(after, before));
    json_decref(after);
    json_decref(before);
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &fx.sys, site), PVI_OK);
    assert_string_equal(s->business_name, "Martin & Fils");
    assert_int_equal(s->published_number, d.published_revision);
    assert_int_equal(s->pending_request_id, 0);
    pvi_site_free(s);

    /* one revision, one publication job of it, one audit event saying what was decided */
    assert_int_equal(count("SELECT count(*) FROM site_revisions"), revisions + 1);
    assert_int_equal(count("SELECT count(*) FROM publication_jobs"), jobs + 1);
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM publication_jobs j JOIN site_revisions r ON r.id ="
             " j.revision_id WHERE j.site_id = %lld AND j.kind = 'publish' AND r.number = %d",
             site, d.published_revision);
    assert_int_equal(count(sql), 1);
    assert_int_equal(count("SELECT count(*) FROM audit_events"), events + 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit_events WHERE action = 'change_request.decide'"
             " AND object_id = %lld AND actor_label = '" CRFIX_ADMIN2 "'"
             " AND after->'fields'->'business_name'->>'decision' = 'approved'"
             " AND after->'fields'->'address'->>'decision' = 'rejected'"
             " AND after->'fields'->'address'->>'reason' = 'Adresse introuvable dans la base "
             "postale.' AND before->'business_name' = '\"Plomberie Martin\"'",
             req);
    assert_int_equal(count(sql), 1);

    /* the requester reads what became of it, reason trimmed */
    json_t *out = NULL;
    assert_int_equal(pvi_change_request_outcomes(&out, db, &fx.client, site, 10), PVI_OK);
    assert_int_equal(json_array_size(out), 1);
    const json_t *o = json_array_get(out, 0);
    assert_int_equal(json_integer_value(json_object_get(o, "id")), req);
    assert_string_equal(str(o, "state"), "partial");
    assert_non_null(str(o, "decided_at"));
    assert_null(json_object_get(o, "decided_by")); /* the admin is not named */
    assert_string_equal(str(field_of(o, "business_name"), "decision"), "approved");
    assert_string_equal(str(field_of(o, "business_name"), "proposed_text"), "Martin & Fils");
    assert_string_equal(str(field_of(o, "address"), "decision"), "rejected");
    assert_string_equal(str(field_of(o, "address"), "reason"),
                        "Adresse introuvable dans la base postale.");
    assert_string_equal(str(field_of(o, "address"), "proposed_text"),
                        "3 place de la Mairie, 35200 Rennes");
    json_decref(out);
    /* the operator of the office reads it too; another client does not know the site */
    assert_int_equal(pvi_change_request_outcomes(&out, db, &fx.op, site, 10), PVI_OK);
    json_decref(out);
    struct pvi_actor other = {.role = PVI_ROLE_CLIENT, .id = fx.client.id + 1000, .label = "x"};
    assert_int_equal(pvi_change_request_outcomes(&out, db, &other, site, 10), PVI_NOT_FOUND);
    assert_null(out);

    /* decided: it cannot be decided again */
    assert_int_equal(pvi_change_request_decide_fields(&d, db, &fx.admin1, req, vs, 2, &e),
                     PVI_BAD_TRANSITION);
    assert_string_equal(error_msg_key(&e, ""), "transition.request_decided");
    pvi_errors_clear(&e);
}

static void
every_rejected_field_needs_its_own_reason_and_nothing_is_written_without(void **state)
{
    (void)state;
    long long site = new_site();
    long long req = crfix_request(db, &fx.op, site,
                                  "{\"business_name\": \"Martin Plomberie\", \"activity\":"
                                  " \"Chauffagiste\", \"charter\": \"azur\"}");
    char *was = footprint();
    struct pvi_field_verdict vs[] = {
        {"business_name", 0, "Nom déjà refusé."},
        {"activity", 0, " \t\n "},
        {"charter", 0, NULL},
    };
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, vs, 3, &e),
                     PVI_REASON_REQUIRED);
    assert_int_equal(e.n, 2);
    assert_null(pvi_errors_find(&e, "business_name.reason"));
    assert_int_equal(pvi_errors_find(&e, "activity.reason")->code, PVI_REASON_REQUIRED);
    assert_int_equal(pvi_errors_find(&e, "charter.reason")->code, PVI_REASON_REQUIRED);
    assert_string_equal(error_msg_key(&e, "charter.reason"), "change_request.reason_charter");
    pvi_errors_clear(&e);
    expect_unchanged(was);

    /* a reason over 1,000 characters */
    was = footprint();
    char *longer = pvi_malloc(1002);
    memset(longer, 'x', 1001);
    longer[1001] = '\0';
    vs[1].reason = "Activité hors de l'annuaire.";
    vs[2].reason = longer;
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, vs, 3, &e),
                     PVI_TOO_LONG);
    assert_int_equal(e.n, 1);
    assert_non_null(pvi_errors_find(&e, "charter.reason"));
    pvi_errors_clear(&e);
    free(longer);
    expect_unchanged(was);

    /* all given: rejected, nothing published, each reason kept */
    long long jobs = count("SELECT count(*) FROM publication_jobs");
    vs[2].reason = "Charte réservée aux sites de restauration.";
    struct pvi_change_decision d;
    assert_int_equal(pvi_change_request_decide_fields(&d, db, &fx.admin1, req, vs, 3, &e), PVI_OK);
    assert_string_equal(d.state, "rejected");
    assert_int_equal(d.published_revision, 0);
    assert_int_equal(count("SELECT count(*) FROM publication_jobs"), jobs);
    json_t *p = crfix_published(&fx, db, site, NULL);
    assert_string_equal(str(p, "business_name"), "Plomberie Martin");
    assert_string_equal(str(p, "charter"), "classique");
    json_decref(p);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT string_agg(field || '=' || reason, '|' ORDER BY field) FROM"
             " change_request_fields WHERE request_id = %lld AND decision = 'rejected'",
             req);
    char *reasons = testenv_sql(sql);
    assert_string_equal(reasons, "activity=Activité hors de l'annuaire.|business_name=Nom déjà "
                                 "refusé.|charter=Charte réservée aux sites de restauration.");
    free(reasons);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit_events WHERE action = 'change_request.reject' AND"
             " object_id = %lld",
             req);
    assert_int_equal(count(sql), 1);
}

static void
the_verdicts_must_match_the_fields_of_the_request(void **state)
{
    (void)state;
    long long site = new_site();
    long long req = crfix_request(db, &fx.client, site, RENAME_AND_MOVE);
    char *was = footprint();
    struct pvi_errors e = {0};
    /* one missing */
    struct pvi_field_verdict one[] = {{"business_name", 1, NULL}};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, one, 1, &e),
                     PVI_REQUIRED);
    assert_string_equal(error_msg_key(&e, "address.decision"), "change_request.decide_address");
    pvi_errors_clear(&e);
    /* one the request does not hold, one twice */
    struct pvi_field_verdict odd[] = {{"business_name", 1, NULL},
                                      {"address", 1, NULL},
                                      {"charter", 1, NULL},
                                      {"address", 0, "non"}};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, odd, 4, &e),
                     PVI_UNKNOWN_FIELD);
    assert_int_equal(pvi_errors_find(&e, "charter.decision")->code, PVI_UNKNOWN_FIELD);
    assert_int_equal(pvi_errors_find(&e, "address.decision")->code, PVI_DUPLICATE);
    pvi_errors_clear(&e);
    /* none at all */
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, NULL, 0, &e),
                     PVI_REQUIRED);
    assert_int_equal(e.n, 2);
    pvi_errors_clear(&e);
    /* an unknown request */
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req + 1000, one, 1, &e),
                     PVI_NOT_FOUND);
    pvi_errors_clear(&e);
    expect_unchanged(was);
}

static void
its_author_may_not_approve_it_but_may_reject_it(void **state)
{
    (void)state;
    long long site = new_site();
    long long req = crfix_request(db, &fx.admin1, site, RENAME_AND_MOVE);
    /* the page knows before anyone tries */
    json_t *r = NULL;
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, req), PVI_OK);
    assert_false(json_is_true(json_object_get(r, "may_approve")));
    json_decref(r);
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin2, req), PVI_OK);
    assert_true(json_is_true(json_object_get(r, "may_approve")));
    json_decref(r);

    char *was = footprint();
    struct pvi_field_verdict vs[] = {{"business_name", 1, NULL}, {"address", 0, "Erreur."}};
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, vs, 2, &e),
                     PVI_SELF_APPROVAL);
    assert_string_equal(error_msg_key(&e, ""), "change_request.self_approval");
    pvi_errors_clear(&e);
    /* the whole request at once: the same rule */
    assert_int_equal(pvi_change_request_decide(db, &fx.admin1, req, 1, NULL, &e),
                     PVI_SELF_APPROVAL);
    pvi_errors_clear(&e);
    expect_unchanged(was);

    /* another admin may; and its author may reject every field of it */
    vs[0].approve = 0;
    vs[0].reason = "Je me suis trompé.";
    struct pvi_change_decision d;
    assert_int_equal(pvi_change_request_decide_fields(&d, db, &fx.admin1, req, vs, 2, &e), PVI_OK);
    assert_string_equal(d.state, "rejected");
    long long req2 = crfix_request(db, &fx.admin1, site, RENAME_AND_MOVE);
    assert_int_equal(pvi_change_request_decide(db, &fx.admin2, req2, 1, NULL, &e), PVI_OK);
    json_t *p = crfix_published(&fx, db, site, NULL);
    assert_string_equal(str(p, "business_name"), "Martin & Fils");
    assert_string_equal(str(json_object_get(p, "address"), "postal_code"), "35200");
    json_decref(p);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM change_request_fields WHERE request_id = %lld AND"
             " decision = 'approved'",
             req2);
    assert_int_equal(count(sql), 2);
}

static void
a_superseded_or_decided_request_is_refused(void **state)
{
    (void)state;
    long long site = new_site();
    long long old = crfix_request(db, &fx.client, site, RENAME_AND_MOVE);
    /* the client changes their mind: a newer request replaces it */
    long long newer = crfix_request(db, &fx.client, site, "{\"business_name\": \"Martin Père\"}");
    assert_true(newer != old);
    char *was = footprint();
    struct pvi_field_verdict vs[] = {{"business_name", 1, NULL}, {"address", 1, NULL}};
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, old, vs, 2, &e),
                     PVI_BAD_TRANSITION);
    assert_string_equal(error_msg_key(&e, ""), "change_request.superseded");
    pvi_errors_clear(&e);
    expect_unchanged(was);
    /* its page says so, and leads to the newer one */
    json_t *r = NULL;
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, old), PVI_OK);
    assert_string_equal(str(r, "state"), "superseded");
    assert_int_equal(json_integer_value(json_object_get(r, "site_pending_request")), newer);
    json_decref(r);
    /* the newer one holds both fields (the address still differs from the published one) */
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, newer), PVI_OK);
    assert_int_equal(json_array_size(json_object_get(r, "fields")), 2);
    json_decref(r);
    /* decided by one admin, then by another who had the page open: refused */
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, newer, vs, 2, &e),
                     PVI_OK);
    vs[0].approve = 0;
    vs[0].reason = "Non.";
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin2, newer, vs, 2, &e),
                     PVI_BAD_TRANSITION);
    assert_string_equal(error_msg_key(&e, ""), "transition.request_decided");
    pvi_errors_clear(&e);
    json_t *p = crfix_published(&fx, db, site, NULL);
    assert_string_equal(str(p, "business_name"), "Martin Père");
    json_decref(p);
}

static void
one_request_shows_current_and_proposed_values_as_text(void **state)
{
    (void)state;
    long long site = new_site();
    char *dom = pvi_asprintf("www.plomberie-%d.fr", serial);
    long long req = crfix_request(db, &fx.op, site,
                                  "{\"address\": {\"street\": \"3 place de la Mairie\","
                                  " \"postal_code\": \"35200\", \"city\": \"Rennes\", \"geo\":"
                                  " {\"lat\": 48.1, \"lon\": -1.68}}, \"domains\":"
                                  " [\"martin.fr\", \"www.martin.fr\"], \"charter\": \"terroir\"}");
    json_t *r = NULL;
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, req), PVI_OK);
    assert_string_equal(str(r, "state"), "pending");
    assert_string_equal(str(r, "requested_kind"), "operator");
    assert_string_equal(str(r, "requested_by"), "op.petit");
    assert_int_equal(json_integer_value(json_object_get(r, "site_id")), site);
    assert_true(json_is_null(json_object_get(r, "site_pending_request")));
    const json_t *fields = json_object_get(r, "fields");
    /* in the order of the public site */
    assert_int_equal(json_array_size(fields), 3);
    assert_string_equal(str(json_array_get(fields, 0), "field"), "address");
    assert_string_equal(str(json_array_get(fields, 1), "field"), "domains");
    assert_string_equal(str(json_array_get(fields, 2), "field"), "charter");
    const json_t *a = field_of(r, "address");
    assert_string_equal(str(a, "current_text"), "12 rue de Brest, 35000 Rennes");
    assert_string_equal(str(a, "proposed_text"),
                        "3 place de la Mairie, 35200 Rennes (48.10000, -1.68000)");
    assert_string_equal(str(json_object_get(a, "proposed"), "postal_code"), "35200");
    assert_true(json_is_null(json_object_get(a, "decision")));
    assert_string_equal(str(field_of(r, "domains"), "current_text"), dom);
    assert_string_equal(str(field_of(r, "domains"), "proposed_text"), "martin.fr, www.martin.fr");
    assert_string_equal(str(field_of(r, "charter"), "current_text"), "Classique");
    assert_string_equal(str(field_of(r, "charter"), "proposed_text"), "Terroir");
    json_decref(r);
    /* who may not decide may not read it either */
    assert_int_equal(pvi_change_request_get(&r, db, &fx.op, req), PVI_FORBIDDEN);
    assert_int_equal(pvi_change_request_get(&r, db, &fx.client, req), PVI_FORBIDDEN);
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, req + 1000), PVI_NOT_FOUND);

    /* approving the domains moves them: the old one is released */
    struct pvi_field_verdict vs[] = {
        {"address", 1, NULL}, {"domains", 1, NULL}, {"charter", 0, "Pas cette charte."}};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, vs, 3, NULL),
                     PVI_OK);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT string_agg(host, ' ' ORDER BY host) FROM domains WHERE site_id = %lld", site);
    char *hosts = testenv_sql(sql);
    assert_string_equal(hosts, "martin.fr www.martin.fr");
    free(hosts);
    /* decided: "current" is the value the request was made against */
    assert_int_equal(pvi_change_request_get(&r, db, &fx.admin1, req), PVI_OK);
    assert_string_equal(str(r, "state"), "partial");
    assert_string_equal(str(r, "decided_by"), CRFIX_ADMIN1);
    assert_true(json_integer_value(json_object_get(r, "published_revision")) > 0);
    assert_string_equal(str(field_of(r, "domains"), "current_text"), dom);
    assert_string_equal(str(field_of(r, "domains"), "decision"), "approved");
    assert_string_equal(str(field_of(r, "charter"), "reason"), "Pas cette charte.");
    json_decref(r);
    free(dom);
}

static void
an_approved_domain_taken_meanwhile_is_reported_at_its_field(void **state)
{
    (void)state;
    long long a = new_site();
    long long req = crfix_request(db, &fx.client, a,
                                  "{\"domains\": [\"www.libre.fr\"], \"business_name\":"
                                  " \"Autre nom\"}");
    /* meanwhile another site goes online with that domain */
    char *b_domain = pvi_strdup("www.libre.fr");
    crfix_online_site(&fx, db, "autre-site", b_domain);
    char *was = footprint();
    struct pvi_field_verdict vs[] = {{"business_name", 1, NULL}, {"domains", 1, NULL}};
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, req, vs, 2, &e),
                     PVI_DOMAIN_TAKEN);
    const struct pvi_field_error *fe = pvi_errors_find(&e, "domains.decision");
    assert_non_null(fe);
    assert_string_equal(pvi_msg_key(fe->msg), "change_request.domain_taken");
    assert_string_equal(fe->args[0].value, b_domain);
    pvi_errors_clear(&e);
    expect_unchanged(was);
    free(b_domain);
}

static void
a_suspended_site_stays_suspended_when_a_field_is_approved(void **state)
{
    (void)state;
    long long site = new_site();
    long long req = crfix_request(db, &fx.client, site, "{\"business_name\": \"Martin SARL\"}");
    int v;
    json_decref(crfix_published(&fx, db, site, &v));
    struct pvi_transition_args why = {.reason = "Impayé"};
    assert_int_equal(pvi_site_transition(&v, db, &fx.admin1, site, v, PVI_TR_SUSPEND, &why, NULL),
                     PVI_OK);
    struct pvi_field_verdict vs[] = {{"business_name", 1, NULL}};
    struct pvi_change_decision d;
    assert_int_equal(pvi_change_request_decide_fields(&d, db, &fx.admin1, req, vs, 1, NULL),
                     PVI_OK);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT j.kind FROM publication_jobs j JOIN site_revisions r ON r.id = j.revision_id"
             " WHERE j.site_id = %lld AND r.number = %d",
             site, d.published_revision);
    char *kind = testenv_sql(sql);
    assert_string_equal(kind, "suspend");
    free(kind);
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &fx.sys, site), PVI_OK);
    assert_int_equal(s->state, PVI_STATE_SUSPENDED);
    assert_string_equal(s->business_name, "Martin SARL");
    pvi_site_free(s);
}

static void
the_queue_lists_pending_requests_oldest_first_page_by_page(void **state)
{
    (void)state;
    /* what earlier tests left pending comes first */
    long long earlier = count("SELECT count(*) FROM change_requests WHERE state = 'pending'");
    long long ids[5];
    for (int i = 0; i < 5; i++) {
        char changes[64];
        snprintf(changes, sizeof changes, "{\"business_name\": \"Nom %d\"}", i);
        ids[i] = crfix_request(db, i % 2 ? &fx.op : &fx.client, new_site(), changes);
    }
    json_t *l = NULL;
    struct pvi_change_request_page page = {.limit = (int)earlier + 2};
    assert_int_equal(pvi_change_request_list(&l, db, &fx.admin1, &page), PVI_OK);
    assert_int_equal(json_integer_value(json_object_get(l, "pending")), earlier + 5);
    assert_int_equal(json_integer_value(json_object_get(l, "position")), 0);
    const json_t *items = json_object_get(l, "requests");
    assert_int_equal(json_array_size(items), earlier + 2);
    /* oldest first */
    for (size_t i = 1; i < json_array_size(items); i++)
        assert_true(json_integer_value(json_object_get(json_array_get(items, i), "id")) >
                    json_integer_value(json_object_get(json_array_get(items, i - 1), "id")));
    const json_t *first = json_array_get(items, (size_t)earlier);
    assert_int_equal(json_integer_value(json_object_get(first, "id")), ids[0]);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(items, (size_t)earlier + 1), "id")),
        ids[1]);
    assert_string_equal(str(first, "requested_by"), CRFIX_CLIENT);
    assert_string_equal(str(first, "requested_kind"), "client");
    assert_string_equal(str(first, "business_name"), "Plomberie Martin");
    assert_string_equal(json_string_value(json_array_get(json_object_get(first, "fields"), 0)),
                        "business_name");
    assert_true(json_is_null(json_object_get(l, "previous")));
    assert_int_equal(json_integer_value(json_object_get(l, "next")), ids[1]);
    json_decref(l);

    /* pages of two from ids[0]; a request decided meanwhile does not shift them */
    page = (struct pvi_change_request_page){.after_id = ids[1], .limit = 2};
    struct pvi_field_verdict vs[] = {{"business_name", 0, "Non."}};
    assert_int_equal(pvi_change_request_decide_fields(NULL, db, &fx.admin1, ids[0], vs, 1, NULL),
                     PVI_OK);
    assert_int_equal(pvi_change_request_list(&l, db, &fx.admin1, &page), PVI_OK);
    items = json_object_get(l, "requests");
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), ids[2]);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), ids[3]);
    assert_int_equal(json_integer_value(json_object_get(l, "pending")), earlier + 4);
    assert_int_equal(json_integer_value(json_object_get(l, "position")), earlier + 1);
    assert_int_equal(json_integer_value(json_object_get(l, "previous")), ids[2]);
    page.after_id = json_integer_value(json_object_get(l, "next"));
    assert_int_equal(page.after_id, ids[3]);
    json_decref(l);
    /* the last page has no next */
    assert_int_equal(pvi_change_request_list(&l, db, &fx.admin1, &page), PVI_OK);
    assert_int_equal(json_array_size(json_object_get(l, "requests")), 1);
    assert_true(json_is_null(json_object_get(l, "next")));
    json_decref(l);
    /* and back: the page before ids[2] ends with ids[1] */
    struct pvi_change_request_page back = {.before_id = ids[2], .limit = 1};
    assert_int_equal(pvi_change_request_list(&l, db, &fx.admin1, &back), PVI_OK);
    items = json_object_get(l, "requests");
    assert_int_equal(json_array_size(items), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), ids[1]);
    assert_int_equal(json_integer_value(json_object_get(l, "position")), earlier);
    assert_int_equal(json_integer_value(json_object_get(l, "next")), ids[1]);
    json_decref(l);
    /* who may not decide may not list them */
    assert_int_equal(pvi_change_request_list(&l, db, &fx.op, &page), PVI_FORBIDDEN);
    assert_int_equal(pvi_change_request_list(&l, db, &fx.client, &page), PVI_FORBIDDEN);
    assert_null(l);
}

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    crfix_setup(&fx, db);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(approved_fields_are_published_and_rejected_ones_keep_their_value),
        cmocka_unit_test(every_rejected_field_needs_its_own_reason_and_nothing_is_written_without),
        cmocka_unit_test(the_verdicts_must_match_the_fields_of_the_request),
        cmocka_unit_test(its_author_may_not_approve_it_but_may_reject_it),
        cmocka_unit_test(a_superseded_or_decided_request_is_refused),
        cmocka_unit_test(one_request_shows_current_and_proposed_values_as_text),
        cmocka_unit_test(an_approved_domain_taken_meanwhile_is_reported_at_its_field),
        cmocka_unit_test(a_suspended_site_stays_suspended_when_a_field_is_approved),
        cmocka_unit_test(the_queue_lists_pending_requests_oldest_first_page_by_page),
    };
    return cmocka_run_group_tests_name("change_requests", tests, setup, teardown);
}
