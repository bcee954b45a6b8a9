/* test_workflow.c — the permission matrix (role × action × own/other: sites,
 * platform-wide actions, accounts, what lists show) and every transition
 * from every state for every role, as docs/rules.md says. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_workflow.h"

#include <stdio.h>

enum who {
    ADMIN,        /* admin #1 */
    OP_ASSIGNED,  /* operator assigned to the site (#7) */
    OP_OTHER,     /* another operator (#8) */
    CLIENT_OWN,   /* the site's owner (#42) */
    CLIENT_OTHER, /* another client (#43) */
    API_ALL,      /* integrator with sites:read, sites:write, workflow */
    API_READ,     /* integrator with sites:read only */
    API_WRITE,    /* integrator with sites:write only */
    API_FLOW,     /* integrator with workflow only */
    API_NONE,     /* integrator with no scope */
    SYSTEM,       /* pvictl, the publisher */
    NWHO
};
static const char *const who_names[] = {
    "admin",         "operator(assigned)", "operator(other)", "client(own)",
    "client(other)", "api(all)",           "api(read)",       "api(write)",
    "api(workflow)", "api(none)",          "system"};

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
    case API_WRITE:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 10;
        a.scopes = PVI_SCOPE_SITES_WRITE;
        break;
    case API_FLOW:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 11;
        a.scopes = PVI_SCOPE_WORKFLOW;
        break;
    case API_NONE:
        a.role = PVI_ROLE_INTEGRATOR;
        a.id = 9;
        a.scopes = 0;
        break;
    case SYSTEM:
        a.role = PVI_ROLE_SYSTEM;
        a.id = 0;
        break;
    case NWHO:
        break;
    }
    return a;
}

/* The site: client 42, operator 7. Own and foreign are the columns: the
 * owner and another client, the assigned operator and another one. */
static struct pvi_site_facts
site_in(enum pvi_site_state st)
{
    return (struct pvi_site_facts){.client_id = 42, .operator_id = 7, .state = st};
}

#define OK PVI_OK
#define NF PVI_NOT_FOUND
#define FB PVI_FORBIDDEN
#define SD PVI_SELF_DISABLE

static const char *
action_name(enum pvi_action a)
{
    static const char *const names[] = {
        "read",       "edit",         "decide",          "assign",
        "log_call",   "administer",   "read_audit",      "create_site",
        "list_sites", "view_stats",   "manage_accounts", "publish_all",
        "seed",       "set_password", "disable_account", "lookup"};
    return (unsigned)a < PVI_COUNT_OF(names) ? names[a] : "?";
}

static void
expect_verdict(const char *what, enum pvi_action action, enum who w, enum pvi_code got,
               enum pvi_code want)
{
    if (got != want)
        print_error("%s %s by %s: got %s, want %s\n", action_name(action), what, who_names[w],
                    pvi_code_name(got), pvi_code_name(want));
    assert_int_equal(got, want);
}

static void
permission_matrix_matches_the_product_table(void **state)
{
    (void)state;
    /* rows: actions on one site; columns: who */
    static const struct {
        enum pvi_action action;
        enum pvi_code expect[NWHO];
    } rows[] = {
        /* clang-format off */
        /*                    admin opA opO cOwn cOth  all read write flow none  sys */
        {PVI_ACT_READ,       {OK,   OK, OK, OK,  NF,   OK, OK,  FB,   FB,  FB,   OK}},
        {PVI_ACT_EDIT,       {OK,   OK, OK, OK,  NF,   OK, FB,  OK,   FB,  FB,   OK}},
        {PVI_ACT_DECIDE,     {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   OK,  FB,   OK}},
        {PVI_ACT_ASSIGN,     {OK,   FB, FB, FB,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_LOG_CALL,   {OK,   OK, OK, FB,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_ADMINISTER, {OK,   FB, FB, FB,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_READ_AUDIT, {OK,   FB, FB, OK,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        /* clang-format on */
    };
    struct pvi_site_facts s = site_in(PVI_STATE_ONLINE);
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            expect_verdict("on a site", rows[r].action, (enum who)w,
                           pvi_perm_check(&a, rows[r].action, &s), rows[r].expect[w]);
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
        /* clang-format off */
        /*                         admin opA opO cOwn cOth  all read write flow none  sys */
        /* creating clients, charters: admins and the system */
        {PVI_ACT_ADMINISTER,      {OK,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        /* the audit log: admin all, operator own actions, nobody else */
        {PVI_ACT_READ_AUDIT,      {OK,   OK, OK, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_CREATE_SITE,     {OK,   FB, FB, FB,  FB,   OK, FB,  OK,   FB,  FB,   OK}},
        /* everyone who may read sites; a client sees their own (visibility) */
        {PVI_ACT_LIST_SITES,      {OK,   OK, OK, OK,  OK,   OK, OK,  FB,   FB,  FB,   OK}},
        {PVI_ACT_VIEW_STATS,      {OK,   OK, OK, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_MANAGE_ACCOUNTS, {OK,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_PUBLISH_ALL,     {OK,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_BATCH,           {OK,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_ACT_SEED,            {FB,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   OK}},
        /* account actions need the account (pvi_perm_check_account) */
        {PVI_ACT_SET_PASSWORD,    {FB,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   FB}},
        {PVI_ACT_DISABLE_ACCOUNT, {FB,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   FB}},
        {PVI_ACT_LOOKUP,          {FB,   FB, FB, FB,  FB,   FB, FB,  FB,   FB,  FB,   FB}},
        /* clang-format on */
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            expect_verdict("without a site", rows[r].action, (enum who)w,
                           pvi_perm_check(&a, rows[r].action, NULL), rows[r].expect[w]);
            /* the site is not a fact of these actions */
            if (rows[r].action >= PVI_ACT_CREATE_SITE) {
                struct pvi_site_facts s = site_in(PVI_STATE_ONLINE);
                expect_verdict("with a site given", rows[r].action, (enum who)w,
                               pvi_perm_check(&a, rows[r].action, &s), rows[r].expect[w]);
            }
            /* nor an account: the same verdict through the account variant */
            if (rows[r].action < PVI_ACT_SET_PASSWORD) {
                struct pvi_account_facts acc = {.role = PVI_ROLE_CLIENT, .id = 43};
                expect_verdict("with an account given", rows[r].action, (enum who)w,
                               pvi_perm_check_account(&a, rows[r].action, &acc), rows[r].expect[w]);
            }
        }
    const struct pvi_actor system = {.role = PVI_ROLE_SYSTEM, .label = "pvictl"};
    assert_int_equal(pvi_perm_check(&system, PVI_ACT_SEED, NULL), PVI_OK);
}

/* Accounts: admin #1 is the admin column's own, client 42 the owner's,
 * operator 7 the assigned operator's; admin #2 is nobody's here, and id 0
 * is a lookup that found nobody. */
enum account { ADMIN_1, ADMIN_2, CLIENT_42, CLIENT_NONE, OPERATOR_7, OPERATOR_ANY };
static const struct pvi_account_facts accounts[] = {
    [ADMIN_1] = {PVI_ROLE_ADMIN, 1},       [ADMIN_2] = {PVI_ROLE_ADMIN, 2},
    [CLIENT_42] = {PVI_ROLE_CLIENT, 42},   [CLIENT_NONE] = {PVI_ROLE_CLIENT, 0},
    [OPERATOR_7] = {PVI_ROLE_OPERATOR, 7}, [OPERATOR_ANY] = {PVI_ROLE_OPERATOR, 0},
};

static void
account_actions_on_own_and_foreign_accounts(void **state)
{
    (void)state;
    static const struct {
        enum pvi_action action;
        enum account account;
        enum pvi_code expect[NWHO];
    } rows[] = {
        /* clang-format off */
        /*                                   admin opA opO cOwn cOth  all read write flow none sys */
        {PVI_ACT_SET_PASSWORD,    ADMIN_1,      {OK, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_SET_PASSWORD,    ADMIN_2,      {OK, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_SET_PASSWORD,    CLIENT_42,    {OK, FB, FB, OK, NF,  FB, FB, FB, FB, FB,  OK}},
        /* operators' passwords live in the directory */
        {PVI_ACT_SET_PASSWORD,    OPERATOR_7,   {FB, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  FB}},
        /* nobody disables their own account: refused with its own reason */
        {PVI_ACT_DISABLE_ACCOUNT, ADMIN_1,      {SD, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_DISABLE_ACCOUNT, ADMIN_2,      {OK, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_DISABLE_ACCOUNT, CLIENT_42,    {FB, FB, FB, FB, NF,  FB, FB, FB, FB, FB,  FB}},
        {PVI_ACT_DISABLE_ACCOUNT, OPERATOR_7,   {FB, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  FB}},
        {PVI_ACT_LOOKUP,          ADMIN_1,      {FB, FB, FB, FB, FB,  FB, FB, FB, FB, FB,  FB}},
        {PVI_ACT_LOOKUP,          CLIENT_42,    {OK, OK, OK, OK, NF,  FB, FB, FB, FB, FB,  OK}},
        /* found nobody: the same answer as for someone else's account */
        {PVI_ACT_LOOKUP,          CLIENT_NONE,  {OK, OK, OK, NF, NF,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_LOOKUP,          OPERATOR_7,   {OK, OK, OK, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        {PVI_ACT_LOOKUP,          OPERATOR_ANY, {OK, OK, OK, FB, FB,  FB, FB, FB, FB, FB,  OK}},
        /* clang-format on */
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            const struct pvi_account_facts *acc = &accounts[rows[r].account];
            char what[64];
            snprintf(what, sizeof what, "on %s #%lld", pvi_role_name(acc->role), acc->id);
            expect_verdict(what, rows[r].action, (enum who)w,
                           pvi_perm_check_account(&a, rows[r].action, acc), rows[r].expect[w]);
            /* without the account: refused */
            expect_verdict("without an account", rows[r].action, (enum who)w,
                           pvi_perm_check_account(&a, rows[r].action, NULL), FB);
        }
}

static void
nobody_is_allowed_anything(void **state)
{
    (void)state;
    struct pvi_site_facts s = site_in(PVI_STATE_ONLINE);
    struct pvi_account_facts acc = {.role = PVI_ROLE_CLIENT, .id = 42};
    for (int act = PVI_ACT_READ; act <= PVI_ACT_LOOKUP; act++) {
        assert_int_equal(pvi_perm_check(NULL, (enum pvi_action)act, &s), FB);
        assert_int_equal(pvi_perm_check(NULL, (enum pvi_action)act, NULL), FB);
        assert_int_equal(pvi_perm_check_account(NULL, (enum pvi_action)act, &acc), FB);
        assert_int_equal(pvi_perm_visibility(NULL, (enum pvi_action)act), PVI_SEES_NOTHING);
    }
}

/* What the platform-wide lists show: everything, or only one's own (a
 * client's sites, an operator's actions), as the matrix says of a site that
 * is not theirs. */
static void
lists_show_what_the_matrix_lets_each_one_see(void **state)
{
    (void)state;
    enum { NO = PVI_SEES_NOTHING, ALL = PVI_SEES_ALL, OWN = PVI_SEES_OWN };
    static const struct {
        enum pvi_action action;
        int expect[NWHO];
    } rows[] = {
        /* clang-format off */
        /*                    admin opA  opO  cOwn cOth all  read write flow none sys */
        {PVI_ACT_LIST_SITES, {ALL,  ALL, ALL, OWN, OWN, ALL, ALL, NO,  NO,  NO,  ALL}},
        {PVI_ACT_READ_AUDIT, {ALL,  OWN, OWN, NO,  NO,  NO,  NO,  NO,  NO,  NO,  ALL}},
        /* not a list */
        {PVI_ACT_READ,       {NO,   NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO}},
        {PVI_ACT_VIEW_STATS, {NO,   NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO}},
        /* clang-format on */
    };
    for (size_t r = 0; r < PVI_COUNT_OF(rows); r++)
        for (int w = 0; w < NWHO; w++) {
            struct pvi_actor a = actor((enum who)w);
            int got = (int)pvi_perm_visibility(&a, rows[r].action);
            if (got != rows[r].expect[w])
                print_error("visibility of %s for %s: got %d, want %d\n",
                            action_name(rows[r].action), who_names[w], got, rows[r].expect[w]);
            assert_int_equal(got, rows[r].expect[w]);
        }
    /* a client without an id sees nothing of anybody's: still "own" */
    struct pvi_actor nobody = {.role = PVI_ROLE_CLIENT, .id = 0, .label = "?"};
    assert_int_equal(pvi_perm_visibility(&nobody, PVI_ACT_LIST_SITES), PVI_SEES_OWN);
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
        /* clang-format off */
        /*                      admin opA opO cOwn cOth  all read write flow none  sys */
        {PVI_STATE_ORDERED,    {D,    BT, BT, BT,  NF,   D,  FB,  D,    FB,  FB,   D}},
        {PVI_STATE_COLLECTING, {D,    D,  FB, BT,  NF,   D,  FB,  D,    FB,  FB,   D}},
        {PVI_STATE_REVIEW,     {BT,   BT, BT, BT,  NF,   BT, FB,  BT,   FB,  FB,   BT}},
        {PVI_STATE_ONLINE,     {S,    S,  S,  S,   NF,   S,  FB,  S,    FB,  FB,   S}},
        {PVI_STATE_SUSPENDED,  {S,    BT, BT, BT,  NF,   BT, FB,  BT,   FB,  FB,   S}},
        {PVI_STATE_CLOSED,     {BT,   BT, BT, BT,  NF,   BT, FB,  BT,   FB,  FB,   BT}},
        /* clang-format on */
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
        /* clang-format off */
        /* from: ord col rev onl sus clo; who, when the state is right:
         *                                   admin opA opO cOwn cOth  all read write flow none  sys
         * (an integrator without sites:read may not see the site, so decides nothing) */
        {PVI_TR_ASSIGN,  {1, 1, 0, 0, 0, 0}, {OK,   FB, FB, FB,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_SUBMIT,  {0, 1, 0, 0, 0, 0}, {FB,   OK, FB, FB,  NF,   FB, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_REJECT,  {0, 0, 1, 0, 0, 0}, {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_APPROVE, {0, 0, 1, 0, 0, 0}, {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_SUSPEND, {0, 0, 0, 1, 0, 0}, {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_RESUME,  {0, 0, 0, 0, 1, 0}, {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   FB,  FB,   OK}},
        {PVI_TR_CLOSE,   {1, 1, 1, 1, 1, 0}, {OK,   FB, FB, FB,  NF,   OK, FB,  FB,   FB,  FB,   OK}},
        /* clang-format on */
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
        cmocka_unit_test(account_actions_on_own_and_foreign_accounts),
        cmocka_unit_test(nobody_is_allowed_anything),
        cmocka_unit_test(lists_show_what_the_matrix_lets_each_one_see),
        cmocka_unit_test(edit_modes_by_state_and_role),
        cmocka_unit_test(every_transition_from_every_state_for_every_role),
        cmocka_unit_test(transitions_lead_where_the_lifecycle_says),
        cmocka_unit_test(sensitive_fields_are_exactly_the_five_of_the_product),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
}
