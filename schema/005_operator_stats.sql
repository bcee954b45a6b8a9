-- 005_operator_stats.sql — what the back office's operators page reads
-- (libpvi/src/db/operator_stats.c) without scanning a big table in full.

-- The sites in collecting of an operator, newest first: the queue's size,
-- its keyset pages, and the sites whose latest call is looked up, read
-- from the index alone.
CREATE INDEX sites_collecting ON sites (operator_id, id) WHERE state = 'collecting';

-- A site's calls, newest first, carrying what the latest one asked (a
-- call-back, when): one index-only probe per site of a queue. It replaces
-- call_log_site (same leading columns), which the call log's list used.
CREATE INDEX call_log_site_latest ON call_log (site_id, called_at DESC, id DESC)
  INCLUDE (outcome, call_back_at);
DROP INDEX call_log_site;

-- An operator's last call: the newest row of their calls.
CREATE INDEX call_log_operator ON call_log (operator_id, called_at DESC);

-- The sites an operator submitted since a date: their "site.submit" events
-- only (an operator's other events, edits and calls, are many more).
CREATE INDEX audit_events_submissions ON audit_events (actor_id, at)
  WHERE action = 'site.submit' AND actor_kind = 'operator';
