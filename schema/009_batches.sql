-- 009_batches.sql — batch actions: one action (republish, suspend, assign an
-- operator) over every site of a selection made in the back office. The
-- worker (pvi-publisher) applies it one site at a time, each through the same
-- libpvi operation as the single action, signed by the admin who started it;
-- each item keeps its outcome, so the report says what succeeded and what was
-- refused and why.

CREATE TABLE batches (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('republish', 'suspend', 'assign')),
  reason          text,
  operator_id     bigint REFERENCES operators (id),
  actor_kind      text NOT NULL CHECK (actor_kind IN ('admin', 'system')),
  actor_id        bigint,
  actor_label     text NOT NULL,
  query           text NOT NULL DEFAULT '',
  total           integer NOT NULL CHECK (total > 0),
  state           text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  CHECK (kind <> 'suspend' OR reason IS NOT NULL),
  CHECK (kind <> 'assign' OR operator_id IS NOT NULL)
);
COMMENT ON TABLE batches IS 'An action started over a selection of sites; query is the site list''s query string it came from.';

CREATE TABLE batch_items (
  batch_id        bigint NOT NULL REFERENCES batches (id),
  position        integer NOT NULL,
  site_id         bigint NOT NULL REFERENCES sites (id),
  state           text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'running', 'done', 'refused', 'interrupted')),
  code            text,
  errors          jsonb,
  started_at      timestamptz,
  done_at         timestamptz,
  PRIMARY KEY (batch_id, position)
);
COMMENT ON TABLE batch_items IS 'One site of a batch and its outcome: done, refused (code and errors: what libpvi said), or interrupted (the worker stopped while applying it).';
CREATE INDEX batch_items_pending ON batch_items (batch_id, position) WHERE state = 'pending';
CREATE INDEX batch_items_running ON batch_items (started_at) WHERE state = 'running';

CREATE FUNCTION pvi_notify_batch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pvi_batch', NEW.id::text);
  RETURN NEW;
END $$;
CREATE TRIGGER batches_notify AFTER INSERT ON batches
  FOR EACH ROW EXECUTE FUNCTION pvi_notify_batch();
