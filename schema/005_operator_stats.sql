-- 005_operator_stats.sql — what the back office's operators page reads
-- (libpvi/src/db/operator_stats.c) without scanning a big table in full.

-- An operator's last call: the newest row of their calls.
CREATE INDEX call_log_operator ON call_log (operator_id, called_at DESC);

-- The sites an operator submitted since a date: their "site.submit" events
-- only (an operator's other events, edits and calls, are many more).
CREATE INDEX audit_events_submissions ON audit_events (actor_id, at)
  WHERE action = 'site.submit' AND actor_kind = 'operator';
