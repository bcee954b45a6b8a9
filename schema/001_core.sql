-- 001_core.sql — the data model of the PVI platform (PRODUCT.md §2).
-- Rules are enforced in libpvi; the constraints here back them so that no
-- bug can store what the rules forbid.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Refuses UPDATE and DELETE on append-only tables.
CREATE FUNCTION pvi_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TABLE admin_users (
  id              bigserial PRIMARY KEY,
  email           text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash   text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (email)
);
COMMENT ON TABLE admin_users IS 'Back-office administrators; they log in with a password stored here (argon2id).';

CREATE TABLE operators (
  id              bigserial PRIMARY KEY,
  ldap_uid        text NOT NULL UNIQUE,
  ldap_dn         text NOT NULL,
  display_name    text NOT NULL,
  email           text,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz
);
COMMENT ON TABLE operators IS 'Phone operators, provisioned from the directory (LDAP) on their first login.';

CREATE TABLE clients (
  id              bigserial PRIMARY KEY,
  customer_number text NOT NULL UNIQUE CHECK (customer_number ~ '^PJ[0-9]{8}$'),
  company_name    text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 120),
  siret           char(14) NOT NULL CHECK (siret ~ '^[0-9]{14}$'),
  email           text NOT NULL CHECK (length(email) <= 254),
  phone           text NOT NULL CHECK (phone ~ '^\+[0-9]{6,15}$'),
  password_hash   text,
  active          boolean NOT NULL DEFAULT true,
  locked          boolean NOT NULL DEFAULT false,
  failed_logins   integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
COMMENT ON TABLE clients IS 'Customer accounts (the businesses); they log in to client-fo with their customer number.';
CREATE INDEX clients_company_trgm ON clients USING gin (company_name gin_trgm_ops);
CREATE INDEX clients_siret ON clients (siret);

CREATE TABLE charters (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9-]{1,40}$'),
  label           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE charters IS 'Graphic charters: an XSL theme (xsl/charters/<name>.xsl) and its CSS.';

CREATE TABLE sites (
  id                     bigserial PRIMARY KEY,
  client_id              bigint NOT NULL REFERENCES clients (id),
  slug                   text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  charter_id             bigint REFERENCES charters (id),
  state                  text NOT NULL DEFAULT 'ordered'
                         CHECK (state IN ('ordered', 'collecting', 'review', 'online', 'suspended', 'closed')),
  state_reason           text,
  operator_id            bigint REFERENCES operators (id),
  draft_revision_id      bigint,
  published_revision_id  bigint,
  business_name          text NOT NULL DEFAULT '',
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (state NOT IN ('online', 'suspended') OR published_revision_id IS NOT NULL),
  CHECK (state <> 'collecting' OR operator_id IS NOT NULL)
);
COMMENT ON TABLE sites IS 'One mini-site: owner, lifecycle state, assigned operator, draft and published revisions; version is the optimistic lock.';
CREATE INDEX sites_state ON sites (state, updated_at DESC);
CREATE INDEX sites_client ON sites (client_id);
CREATE INDEX sites_operator_state ON sites (operator_id, state) WHERE operator_id IS NOT NULL;
CREATE INDEX sites_name_trgm ON sites USING gin (business_name gin_trgm_ops);

CREATE TABLE site_revisions (
  id              bigserial PRIMARY KEY,
  site_id         bigint NOT NULL REFERENCES sites (id),
  number          integer NOT NULL CHECK (number >= 1),
  content         jsonb NOT NULL,
  provenance      jsonb NOT NULL DEFAULT '{}',
  base_revision_id bigint REFERENCES site_revisions (id),
  author_kind     text NOT NULL CHECK (author_kind IN ('admin', 'operator', 'client', 'integrator', 'system')),
  author_id       bigint,
  author_label    text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('phone', 'client', 'admin', 'api', 'import', 'system')),
  note            text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, number)
);
COMMENT ON TABLE site_revisions IS 'Immutable snapshots of a site''s whole content (JSONB) with author, channel, note and per-field provenance.';
CREATE TRIGGER site_revisions_immutable BEFORE UPDATE OR DELETE ON site_revisions
  FOR EACH ROW EXECUTE FUNCTION pvi_forbid_change();

ALTER TABLE sites ADD FOREIGN KEY (draft_revision_id) REFERENCES site_revisions (id);
ALTER TABLE sites ADD FOREIGN KEY (published_revision_id) REFERENCES site_revisions (id);

CREATE TABLE change_requests (
  id              bigserial PRIMARY KEY,
  site_id         bigint NOT NULL REFERENCES sites (id),
  revision_id     bigint NOT NULL REFERENCES site_revisions (id),
  fields          text[] NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'superseded')),
  requested_kind  text NOT NULL,
  requested_id    bigint,
  decided_by      bigint REFERENCES admin_users (id),
  decided_at      timestamptz,
  reason          text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE change_requests IS 'Sensitive-field changes to an online site, waiting for an administrator''s decision.';
CREATE INDEX change_requests_pending ON change_requests (site_id) WHERE state = 'pending';

CREATE TABLE domains (
  id              bigserial PRIMARY KEY,
  host            text NOT NULL UNIQUE CHECK (host = lower(host) AND length(host) <= 253),
  site_id         bigint NOT NULL REFERENCES sites (id),
  is_primary      boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE domains IS 'Published host names of online sites (unique platform-wide, at most 3 per site); every site also answers on <slug>.<platform domain>.';
CREATE INDEX domains_site ON domains (site_id);
CREATE UNIQUE INDEX domains_one_primary ON domains (site_id) WHERE is_primary;

CREATE TABLE media (
  id              bigserial PRIMARY KEY,
  site_id         bigint NOT NULL REFERENCES sites (id),
  sha256          char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime            text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'video/mp4')),
  bytes           bigint NOT NULL CHECK (bytes > 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, sha256)
);
COMMENT ON TABLE media IS 'Images and videos, content-addressed by SHA-256, type checked by magic bytes.';

CREATE TABLE sessions (
  id              bigserial PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE,
  principal_kind  text NOT NULL CHECK (principal_kind IN ('admin', 'operator', 'client')),
  principal_id    bigint NOT NULL,
  csrf_token      text NOT NULL,
  address         text,
  created_at      timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz
);
COMMENT ON TABLE sessions IS 'Web sessions of the offices; only a hash of the token is stored. Idle and absolute expiry, revocation.';
CREATE INDEX sessions_principal ON sessions (principal_kind, principal_id) WHERE revoked_at IS NULL;

CREATE TABLE api_keys (
  id              bigserial PRIMARY KEY,
  prefix          text NOT NULL UNIQUE,
  key_hash        bytea NOT NULL,
  name            text NOT NULL,
  scopes          text[] NOT NULL,
  rate_per_minute integer NOT NULL DEFAULT 600 CHECK (rate_per_minute > 0),
  created_by      bigint REFERENCES admin_users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz,
  CHECK (scopes <@ ARRAY['sites:read', 'sites:write', 'workflow']::text[])
);
COMMENT ON TABLE api_keys IS 'Integrators'' API keys: shown once, stored hashed, with scopes; revocable.';

CREATE TABLE login_failures (
  id              bigserial PRIMARY KEY,
  realm           text NOT NULL CHECK (realm IN ('admin', 'operator', 'client')),
  account         text NOT NULL,
  address         text NOT NULL,
  at              timestamptz NOT NULL
);
COMMENT ON TABLE login_failures IS 'Recent failed logins, per account and per address, for throttling.';
CREATE INDEX login_failures_account ON login_failures (realm, account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE call_log (
  id              bigserial PRIMARY KEY,
  site_id         bigint NOT NULL REFERENCES sites (id),
  operator_id     bigint NOT NULL REFERENCES operators (id),
  called_at       timestamptz NOT NULL DEFAULT now(),
  outcome         text NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'call_back')),
  call_back_at    timestamptz,
  notes           text NOT NULL DEFAULT '',
  CHECK ((outcome = 'call_back') = (call_back_at IS NOT NULL))
);
COMMENT ON TABLE call_log IS 'Operators'' calls to businesses, with their outcome and call-back time.';
CREATE INDEX call_log_site ON call_log (site_id, called_at DESC);
CREATE INDEX call_log_callbacks ON call_log (operator_id, call_back_at) WHERE call_back_at IS NOT NULL;

CREATE TABLE audit_events (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_kind      text NOT NULL CHECK (actor_kind IN ('admin', 'operator', 'client', 'integrator', 'system', 'anonymous')),
  actor_id        bigint,
  actor_label     text NOT NULL,
  action          text NOT NULL,
  object_kind     text NOT NULL,
  object_id       bigint,
  site_id         bigint,
  before          jsonb,
  after           jsonb,
  address         text
);
COMMENT ON TABLE audit_events IS 'Append-only record of every change, decision and login: who, role, what, before/after, from where.';
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION pvi_forbid_change();
CREATE INDEX audit_events_site ON audit_events (site_id, at DESC) WHERE site_id IS NOT NULL;
CREATE INDEX audit_events_actor ON audit_events (actor_kind, actor_id, at DESC);
CREATE INDEX audit_events_at ON audit_events (at DESC);

CREATE TABLE publication_jobs (
  id              bigserial PRIMARY KEY,
  site_id         bigint NOT NULL REFERENCES sites (id),
  revision_id     bigint REFERENCES site_revisions (id),
  kind            text NOT NULL CHECK (kind IN ('publish', 'suspend', 'unpublish')),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  attempts        integer NOT NULL DEFAULT 0,
  run_after       timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  done_at         timestamptz
);
COMMENT ON TABLE publication_jobs IS 'Outbox of publications, written in the same transaction as the decision; the publisher takes them with FOR UPDATE SKIP LOCKED.';
CREATE INDEX publication_jobs_pending ON publication_jobs (run_after, id) WHERE state = 'pending';
CREATE INDEX publication_jobs_site ON publication_jobs (site_id, id DESC);

CREATE FUNCTION pvi_notify_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pvi_publication', NEW.id::text);
  RETURN NEW;
END $$;
CREATE TRIGGER publication_jobs_notify AFTER INSERT ON publication_jobs
  FOR EACH ROW EXECUTE FUNCTION pvi_notify_publication();

INSERT INTO charters (name, label, description) VALUES
  ('classique', 'Classique', 'Sobre et lisible : bandeau sombre, texte sur fond clair.'),
  ('azur', 'Azur', 'Aéré et lumineux : tons bleus, grandes photos.'),
  ('terroir', 'Terroir', 'Chaleureux : tons ocre, typographie à empattements.');
