-- 007_audit_site_keyset.sql — a site's audit trail read by pages, newest
-- first (the back office's site page: WHERE site_id = $1 AND id < $before
-- ORDER BY id DESC LIMIT n). audit_events_site orders by time, so the
-- planner either sorts all of a site's events or walks the primary key
-- backwards over everybody's events until it meets the site's; this index
-- answers a page of any site in as many rows as the page holds.
CREATE INDEX audit_events_site_id ON audit_events (site_id, id DESC) WHERE site_id IS NOT NULL;
