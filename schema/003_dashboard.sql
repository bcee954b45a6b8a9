-- 003_dashboard.sql — what the back office's dashboard and `pvictl stats`
-- read (libpvi/src/db/stats.c), without scanning a big table in full:
--   * site_state_counts: the number of sites in each state, kept by
--     statement-level triggers on sites (transition tables), in the same
--     transaction as the change;
--   * publication_days: the publication jobs applied per day (Paris time),
--     and publication_queue_counts: the jobs pending and failing, kept the
--     same way by the triggers of publication_jobs;
--   * partial indexes for the pending jobs by age, the failing jobs, the last
--     job applied, the pending change requests by age.
-- How each figure is obtained: ARCHITECTURE.md, "The dashboard's figures".

CREATE TABLE site_state_counts (
  state  text PRIMARY KEY
         CHECK (state IN ('ordered', 'collecting', 'review', 'online', 'suspended', 'closed')),
  n      bigint NOT NULL CHECK (n >= 0)
);
COMMENT ON TABLE site_state_counts IS 'Number of sites per lifecycle state, kept by the triggers of sites in the same transaction.';
INSERT INTO site_state_counts (state, n)
  SELECT st, (SELECT count(*) FROM sites WHERE state = st)
  FROM unnest(ARRAY['ordered', 'collecting', 'review', 'online', 'suspended', 'closed']) st;

-- The counters change in state order, one UPDATE per state that moved, so
-- that two transactions lock them in the same order.
CREATE FUNCTION pvi_site_state_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE site_state_counts SET n = 0;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT state, count(*) AS d FROM new_sites GROUP BY state ORDER BY state LOOP
      UPDATE site_state_counts SET n = n + r.d WHERE state = r.state;
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR r IN SELECT state, count(*) AS d FROM old_sites GROUP BY state ORDER BY state LOOP
      UPDATE site_state_counts SET n = n - r.d WHERE state = r.state;
    END LOOP;
  ELSE
    FOR r IN SELECT state, sum(d) AS d FROM (
               SELECT state, 1 AS d FROM new_sites
               UNION ALL SELECT state, -1 FROM old_sites) x
             GROUP BY state HAVING sum(d) <> 0 ORDER BY state LOOP
      UPDATE site_state_counts SET n = n + r.d WHERE state = r.state;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sites_state_counts_insert AFTER INSERT ON sites
  REFERENCING NEW TABLE AS new_sites
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_site_state_counts_apply();
CREATE TRIGGER sites_state_counts_update AFTER UPDATE ON sites
  REFERENCING OLD TABLE AS old_sites NEW TABLE AS new_sites
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_site_state_counts_apply();
CREATE TRIGGER sites_state_counts_delete AFTER DELETE ON sites
  REFERENCING OLD TABLE AS old_sites
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_site_state_counts_apply();
CREATE TRIGGER sites_state_counts_truncate AFTER TRUNCATE ON sites
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_site_state_counts_apply();

CREATE TABLE publication_days (
  day    date PRIMARY KEY,
  n      bigint NOT NULL CHECK (n >= 0)
);
COMMENT ON TABLE publication_days IS 'Publication jobs applied per day (Europe/Paris), kept by the triggers of publication_jobs.';
INSERT INTO publication_days (day, n)
  SELECT (done_at AT TIME ZONE 'Europe/Paris')::date, count(*)
  FROM publication_jobs WHERE state = 'done' GROUP BY 1;

CREATE TABLE publication_queue_counts (
  one      boolean PRIMARY KEY DEFAULT true CHECK (one),
  pending  bigint NOT NULL CHECK (pending >= 0),
  failing  bigint NOT NULL CHECK (failing >= 0)
);
COMMENT ON TABLE publication_queue_counts IS 'The publication jobs pending, and those of them that failed at least once (one row), kept by the triggers of publication_jobs.';
INSERT INTO publication_queue_counts (pending, failing)
  SELECT count(*), count(*) FILTER (WHERE last_error IS NOT NULL)
  FROM publication_jobs WHERE state = 'pending';

-- What a statement on publication_jobs changes: the jobs applied per day
-- (those that became done), the number pending and failing (a row is
-- updated only when its figure moved).
CREATE FUNCTION pvi_publication_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d_pending bigint := 0;
  d_failing bigint := 0;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE publication_queue_counts SET pending = 0, failing = 0;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT d_pending + count(*) FILTER (WHERE state = 'pending'),
           d_failing + count(*) FILTER (WHERE state = 'pending' AND last_error IS NOT NULL)
      INTO d_pending, d_failing FROM new_jobs;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT d_pending - count(*) FILTER (WHERE state = 'pending'),
           d_failing - count(*) FILTER (WHERE state = 'pending' AND last_error IS NOT NULL)
      INTO d_pending, d_failing FROM old_jobs;
  END IF;
  IF d_pending <> 0 OR d_failing <> 0 THEN
    UPDATE publication_queue_counts
      SET pending = pending + d_pending, failing = failing + d_failing;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO publication_days AS d (day, n)
      SELECT (done_at AT TIME ZONE 'Europe/Paris')::date, count(*) FROM new_jobs
      WHERE state = 'done' GROUP BY 1 ORDER BY 1
      ON CONFLICT (day) DO UPDATE SET n = d.n + EXCLUDED.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO publication_days AS d (day, n)
      SELECT (j.done_at AT TIME ZONE 'Europe/Paris')::date, count(*)
      FROM new_jobs j JOIN old_jobs o ON o.id = j.id
      WHERE j.state = 'done' AND o.state <> 'done' GROUP BY 1 ORDER BY 1
      ON CONFLICT (day) DO UPDATE SET n = d.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER publication_jobs_counts_insert AFTER INSERT ON publication_jobs
  REFERENCING NEW TABLE AS new_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_publication_counts_apply();
CREATE TRIGGER publication_jobs_counts_update AFTER UPDATE ON publication_jobs
  REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_publication_counts_apply();
CREATE TRIGGER publication_jobs_counts_delete AFTER DELETE ON publication_jobs
  REFERENCING OLD TABLE AS old_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_publication_counts_apply();
CREATE TRIGGER publication_jobs_counts_truncate AFTER TRUNCATE ON publication_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION pvi_publication_counts_apply();

-- The oldest pending job; the failing ones (pending after a failed attempt),
-- newest first; the last job applied.
CREATE INDEX publication_jobs_pending_age ON publication_jobs (created_at, id)
  WHERE state = 'pending';
CREATE INDEX publication_jobs_failing ON publication_jobs (id)
  WHERE state = 'pending' AND last_error IS NOT NULL;
CREATE INDEX publication_jobs_done_at ON publication_jobs (done_at)
  WHERE state = 'done';
-- The oldest pending change requests.
CREATE INDEX change_requests_pending_age ON change_requests (created_at, id)
  WHERE state = 'pending';
