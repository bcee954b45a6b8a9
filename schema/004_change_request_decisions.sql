-- 004_change_request_decisions.sql — change requests are decided field by
-- field (docs/rules.md, "Edits of a live site"): each field of a request is
-- approved (published) or rejected with a reason of its own, which the
-- requester reads in their office. A request in which some fields were
-- approved and others rejected is 'partial'.

ALTER TABLE change_requests DROP CONSTRAINT change_requests_state_check;
ALTER TABLE change_requests ADD CONSTRAINT change_requests_state_check
  CHECK (state IN ('pending', 'approved', 'rejected', 'partial', 'superseded'));
-- who decided, whatever their kind (decided_by only holds administrators)
ALTER TABLE change_requests ADD COLUMN decided_kind text
  CHECK (decided_kind IN ('admin', 'integrator', 'system'));
ALTER TABLE change_requests ADD COLUMN decided_label text;
-- the revision the approved fields were published in
ALTER TABLE change_requests ADD COLUMN published_revision_id bigint REFERENCES site_revisions (id);

CREATE TABLE change_request_fields (
  request_id      bigint NOT NULL REFERENCES change_requests (id),
  field           text NOT NULL
                  CHECK (field IN ('business_name', 'activity', 'address', 'domains', 'charter')),
  decision        text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reason          text CHECK (length(reason) <= 4000),
  PRIMARY KEY (request_id, field),
  CHECK (decision = 'approved' OR length(btrim(reason)) > 0)
);
COMMENT ON TABLE change_request_fields IS 'The decision on each field of a decided change request, and the reason of each rejection (shown to the requester).';
CREATE TRIGGER change_request_fields_append_only BEFORE UPDATE OR DELETE ON change_request_fields
  FOR EACH ROW EXECUTE FUNCTION pvi_forbid_change();

-- Requests decided before this migration, as one decision per field.
INSERT INTO change_request_fields (request_id, field, decision, reason)
SELECT cr.id, f, cr.state,
       CASE WHEN cr.state = 'rejected' THEN coalesce(nullif(btrim(cr.reason), ''), '-') END
  FROM change_requests cr, unnest(cr.fields) AS f
 WHERE cr.state IN ('approved', 'rejected');

-- The queue of pending requests, oldest first (keyset on id), and a site's
-- requests, newest first.
CREATE INDEX change_requests_queue ON change_requests (id) WHERE state = 'pending';
CREATE INDEX change_requests_site ON change_requests (site_id, id DESC);
