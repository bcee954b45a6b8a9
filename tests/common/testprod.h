/* testprod.h — a small production made through libpvi for the tests of the
 * dashboard's figures (tests/db/test_stats.c, tests/http/test_bo_dashboard.c):
 * sites in every state, two of them submitted a minute apart, a change
 * request on the online site, publication jobs that fail and then succeed.
 * Needs the clock of testenv_clock_install (it moves it forward), the test
 * database just reset, slapd (the operator op.martin logs in once) and, to
 * publish, Redis. */
#ifndef PVI_TESTPROD_H
#define PVI_TESTPROD_H

struct pvi_db;

struct testprod {
    long long admin_id;    /* an administrator, the actor of the decisions */
    long long operator_id; /* op.martin, assigned to the sites being collected */
    long long ordered[2];  /* two sites just ordered */
    long long collecting;  /* one being collected */
    long long review_old;  /* submitted first */
    long long review_new;  /* submitted a minute later */
    long long online;      /* approved: its publication job is pending */
    long long closed;      /* ordered, then closed */
    long long request_id;  /* its owner's change of the business name */
};

/* Makes the sites above; the online site's job is pending, not attempted. */
void testprod_make(struct testprod *p, struct pvi_db *db);

/* Runs the due publication jobs on a content store whose folder has been
 * removed: each fails ("content store unavailable") and is rescheduled.
 * Returns how many failed. */
int testprod_fail_jobs(struct pvi_db *db);

/* Moves the clock past every back-off and runs the publication jobs with a
 * working store and Redis until none is due. Returns how many were applied. */
int testprod_publish(struct pvi_db *db);

#endif
