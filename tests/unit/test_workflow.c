/* test_workflow.c — the permission matrix (role × action × own/other) and
 * every transition from every state for every role, as PRODUCT.md §3–§4 say. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_workflow.h"

#include <stdio.h>

enum who {
    ADMIN,
    OP_ASSIGNED, /* operator assigned to the site */
    OP_OTHER,    /* another operator */
    CLIENT_OWN,
    CLIENT_OTHER,
    API_ALL,  /* integrator with sites:read, sites:write, workflow */
    API_READ, /* integrator with sites:read only */
    API_NONE, /* integrator with no scope */
    NWHO
};
static const char *const who_names[] = {"admin",       "operator(assigned)", "operator(other)",
                                        "client(own)", "client(other)",      "api(all)",
                                        "api(read)",   "api(none)"};

static struct pvi_actor
actor(enum who w)
{
    struct pvi_actor a = {.label = who_names[w]};
    switch (w) {
    case ADMIN:
        a.role = PVI_ROLE_ADMIN;
        a.id = 1;
        break;
    case OP_ASSIGNED:
        a.role = PVI_ROLE_OPERATOR;
        a.id = 7;
        break;
    case OP_OTHER:
        a.role = PVI_ROLE_OPERATOR;
        a.id = 8;
        break;
    case CLIENT_OWN:
        a.role = PVI_ROLE_CLIENT;
        a.id = 42;
        break;
    case CLIENT_OTHER:
        a.role = PVI_ROLE_CLIENT;
        a.id = 43;
        break;
    case API_ALL:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 5;
        a.scopes = PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW;
        break;
    case API_READ:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 6;
        a.scopes = PVI_SCOPE_SITES_READ;
        break;
    case API_NONE:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 9;
        a.scopes = 0;
        break;
    case NWHO:
        break;
    }
    return a;
}

/* The site: client 42, operator 7. */
static struct pvi_site_facts
site_in(enum pvi_site_state st)
{
    return (struct pvi_site_facts){.client_id = 42, .operator_id = 7, .state = st};
}

#define OK PVI_OK
#define NF PVI_NOT_FOUND
#define FB PVI_FORBIDDEN

static void
permission_matrix_matches_the_product_table(void **state)
{
    (void)state;
    /* rows: actions on one site; columns: who */
    static const struct {
        enum pvi_action action;
        enum pvi_code expect[NWHO];
    } rows[] = {
        /*                        admin opA opO cOwn cOth apiAll apiRead apiNone */
        {PVI_ACT_READ, {OK, OK, OK, OK, NF, OK, OK, FB}},
        {PVI_ACT_EDIT, {OK, OK, OK, OK, NF, OK, FB, FB}},
        {PVI_ACT_DECIDE, {OK, FB, FB, FB, NF, OK, FB, FB}},
        {PVI_ACT_ASSIGN, {OK, FB, FB, FB, NF, FB, FB, FB}},
        {PVI_ACT_LOG_CALL, {OK, OK, OK, FB, NF, FB, FB, FB}},
        {PVI_ACT_ADMINISTER, {OK, FB, FB, FB, NF, FB, FB, FB}},
        {PVI_ACT_READ_AUDIT, {OK, FB, FB, OK, NF, FB, FB, FB}},
    };
    struct pvi_site_facts s = site_in(PVI_STATE_ONLINE);
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            enum pvi_code got = pvi_perm_check(&a, rows[r].action, &s);
            if (got != rows[r].expect[w])
                print_error("action %d by %s: got %s, want %s\n", (int)rows[r].action, who_names[w],
                            pvi_code_name(got), pvi_code_name(rows[r].expect[w]));
            assert_int_equal(got, rows[r].expect[w]);
        }
}

static void
platform_wide_actions_without_a_site(void **state)
{
    (void)state;
    static const struct {
        enum pvi_action action;
        enum pvi_code expect[NWHO];
    } rows[] = {
        /* administering accounts, keys, charters: admins only */
        {PVI_ACT_ADMINISTER, {OK, FB, FB, FB, FB, FB, FB, FB}},
        /* the audit log: admin all, operator own actions, nobody else */
        {PVI_ACT_READ_AUDIT, {OK, OK, OK, FB, FB, FB, FB, FB}},
        /* loading generated data (pvictl seed): the system only, not even an admin */
        {PVI_ACT_SEED, {FB, FB, FB, FB, FB, FB, FB, FB}},
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            assert_int_equal(pvi_perm_check(&a, rows[r].action, NULL), rows[r].expect[w]);
        }
    const struct pvi_actor system = {.role = PVI_ROLE_SYSTEM, .label = "pvictl"};
    assert_int_equal(pvi_perm_check(&system, PVI_ACT_SEED, NULL), PVI_OK);
}

#define BT PVI_BAD_TRANSITION

static void
edit_modes_by_state_and_role(void **state)
{
    (void)state;
    /* D: draft, S: split (simple publish, sensitive to review), codes otherwise */
    enum { D = 100, S = 101 };
    static const struct {
        enum pvi_site_state st;
        int expect[NWHO];
    } rows[] = {
        /*                      admin opA opO cOwn cOth apiAll apiRead apiNone */
        {PVI_STATE_ORDERED, {D, BT, BT, BT, NF, D, FB, FB}},
        {PVI_STATE_COLLECTING, {D, D, FB, BT, NF, D, FB, FB}},
        {PVI_STATE_REVIEW, {BT, BT, BT, BT, NF, BT, FB, FB}},
        {PVI_STATE_ONLINE, {S, S, S, S, NF, S, FB, FB}},
        {PVI_STATE_SUSPENDED, {S, BT, BT, BT, NF, BT, FB, FB}},
        {PVI_STATE_CLOSED, {BT, BT, BT, BT, NF, BT, FB, FB}},
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            struct pvi_site_facts s = site_in(rows[r].st);
            int got = pvi_perm_check(&a, PVI_ACT_EDIT, &s);
            if (got == PVI_OK) {
                enum pvi_edit_mode mode;
                enum pvi_msg why = PVI_MSG_NONE;
                got = pvi_edit_mode(&mode, &why, &a, &s);
                if (got == PVI_OK)
                    got = mode == PVI_EDIT_DRAFT ? D : S;
                else
                    assert_int_not_equal(why, PVI_MSG_NONE); /* a refusal always says why */
            }
            if (got != rows[r].expect[w])
                print_error("edit in %s by %s: got %d want %d\n", pvi_state_name(rows[r].st),
                            who_names[w], got, rows[r].expect[w]);
            assert_int_equal(got, rows[r].expect[w]);
        }
}

static void
every_transition_from_every_state_for_every_role(void **state)
{
    (void)state;
    /* For each transition: the states it may start from, and who may do it. */
    static const struct {
        enum pvi_transition t;
        int from[6];             /* indexed by state */
        enum pvi_code who[NWHO]; /* result when the state is right */
    } rows[] = {
        /*                 ord col rev onl sus clo      admin opA opO cOwn cOth apiAll apiRead
           apiNone */
        {PVI_TR_ASSIGN, {1, 1, 0, 0, 0, 0}, {OK, FB, FB, FB, NF, FB, FB, FB}},
        {PVI_TR_SUBMIT, {0, 1, 0, 0, 0, 0}, {FB, OK, FB, FB, NF, FB, FB, FB}},
        {PVI_TR_REJECT, {0, 0, 1, 0, 0, 0}, {OK, FB, FB, FB, NF, OK, FB, FB}},
        {PVI_TR_APPROVE, {0, 0, 1, 0, 0, 0}, {OK, FB, FB, FB, NF, OK, FB, FB}},
        {PVI_TR_SUSPEND, {0, 0, 0, 1, 0, 0}, {OK, FB, FB, FB, NF, OK, FB, FB}},
        {PVI_TR_RESUME, {0, 0, 0, 0, 1, 0}, {OK, FB, FB, FB, NF, OK, FB, FB}},
        {PVI_TR_CLOSE, {1, 1, 1, 1, 1, 0}, {OK, FB, FB, FB, NF, OK, FB, FB}},
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int st = 0; st < 6; st++)
            for (int w = 0; w < NWHO; w++) {
                struct pvi_actor a = actor((enum who)w);
                struct pvi_site_facts s = site_in((enum pvi_site_state)st);
                enum pvi_msg why = PVI_MSG_NONE;
                enum pvi_code got = pvi_transition_check(&why, &a, &s, rows[r].t);
                enum pvi_code want = rows[r].who[w];
                /* the right role in the wrong state gets a reasoned refusal */
                if (want == PVI_OK && !rows[r].from[st])
                    want = PVI_BAD_TRANSITION;
                /* an operator not assigned may not submit, whatever the state */
                if (got != want)
                    print_error("%s from %s by %s: got %s want %s\n",
                                pvi_transition_name(rows[r].t),
                                pvi_state_name((enum pvi_site_state)st), who_names[w],
                                pvi_code_name(got), pvi_code_name(want));
                assert_int_equal(got, want);
                if (got == PVI_BAD_TRANSITION)
                    assert_int_not_equal(why, PVI_MSG_NONE);
            }
}

static void
transitions_lead_where_the_lifecycle_says(void **state)
{
    (void)state;
    assert_int_equal(pvi_transition_target(PVI_TR_ASSIGN), PVI_STATE_COLLECTING);
    assert_int_equal(pvi_transition_target(PVI_TR_SUBMIT), PVI_STATE_REVIEW);
    assert_int_equal(pvi_transition_target(PVI_TR_REJECT), PVI_STATE_COLLECTING);
    assert_int_equal(pvi_transition_target(PVI_TR_APPROVE), PVI_STATE_ONLINE);
    assert_int_equal(pvi_transition_target(PVI_TR_SUSPEND), PVI_STATE_SUSPENDED);
    assert_int_equal(pvi_transition_target(PVI_TR_RESUME), PVI_STATE_ONLINE);
    assert_int_equal(pvi_transition_target(PVI_TR_CLOSE), PVI_STATE_CLOSED);
    assert_true(pvi_transition_needs_reason(PVI_TR_REJECT));
    assert_true(pvi_transition_needs_reason(PVI_TR_SUSPEND));
    assert_true(pvi_transition_needs_reason(PVI_TR_RESUME));
    assert_false(pvi_transition_needs_reason(PVI_TR_APPROVE));
    assert_false(pvi_transition_needs_reason(PVI_TR_SUBMIT));
}

static void
sensitive_fields_are_exactly_the_five_of_the_product(void **state)
{
    (void)state;
    const char *sensitive[] = {"business_name", "activity", "address", "domains", "charter"};
    const char *simple[] = {
        "hours",        "closures",        "phones", "email",           "description",
        "tagline",      "services",        "photos", "payment_methods", "languages",
        "social_links", "seo_description", "logo",   "videos"};
    for (size_t i = 0; i < PVI_COUNT_OF(sensitive); i++)
        assert_true(pvi_field_is_sensitive(sensitive[i]));
    for (size_t i = 0; i < PVI_COUNT_OF(simple); i++)
        assert_false(pvi_field_is_sensitive(simple[i]));
}

static void
names_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < 6; s++) {
        enum pvi_site_state back;
        assert_int_equal(pvi_state_parse(&back, pvi_state_name((enum pvi_site_state)s)), 0);
        assert_int_equal(back, s);
    }
    for (int t = 0; t < 7; t++) {
        enum pvi_transition back;
        assert_int_equal(pvi_transition_parse(&back, pvi_transition_name((enum pvi_transition)t)),
                         0);
        assert_int_equal(back, t);
    }
    enum pvi_site_state st;
    assert_int_equal(pvi_state_parse(&st, "published"), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(permission_matrix_matches_the_product_table),
        cmocka_unit_test(platform_wide_actions_without_a_site),
        cmocka_unit_test(edit_modes_by_state_and_role),
        cmocka_unit_test(every_transition_from_every_state_for_every_role),
        cmocka_unit_test(transitions_lead_where_the_lifecycle_says),
        cmocka_unit_test(sensitive_fields_are_exactly_the_five_of_the_product),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
}
