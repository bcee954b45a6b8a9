-- 005_operator_stats.sql — what the back office's operators page reads
-- (libpvi/src/db/operator_stats.c) without scanning a big table in full.

-- A site's pending call-back: when its latest call asked to be called back
-- (NULL: none). Kept by pvi_call_log_add (libpvi/src/db/call_log.c) in the
-- call's transaction, so that the call-backs due of a queue are read from
-- the index below instead of the latest call of each site.
ALTER TABLE sites ADD COLUMN call_back_at timestamptz;
COMMENT ON COLUMN sites.call_back_at IS 'When the latest call of the site asked to call back; NULL when it did not (kept by pvi_call_log_add).';
UPDATE sites s SET call_back_at = c.call_back_at
  FROM (SELECT DISTINCT ON (site_id) site_id, call_back_at FROM call_log
        ORDER BY site_id, called_at DESC, id DESC) c
  WHERE c.site_id = s.id AND c.call_back_at IS NOT NULL;

-- The sites in collecting of an operator, newest first, with their pending
-- call-back: the queue's size, its call-backs due and its keyset pages,
-- from the index alone.
CREATE INDEX sites_collecting ON sites (operator_id, id) INCLUDE (call_back_at)
  WHERE state = 'collecting';

-- An operator's last call: the newest row of their calls.
CREATE INDEX call_log_operator ON call_log (operator_id, called_at DESC);

-- The sites an operator submitted since a date: their "site.submit" events
-- only (an operator's other events, edits and calls, are many more).
CREATE INDEX audit_events_submissions ON audit_events (actor_id, at)
  WHERE action = 'site.submit' AND actor_kind = 'operator';
