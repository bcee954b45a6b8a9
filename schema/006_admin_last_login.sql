-- 006_admin_last_login.sql — when each administrator last logged in, for
-- the back office's list of accounts (GET /comptes). Written by the admin
-- login's outcome transaction (libpvi/src/db/login.c); the accounts that
-- exist when this is applied get the time of their last successful login
-- from the audit trail (audit_events_actor, read from the newest event of
-- each admin down to its last login).

ALTER TABLE admin_users ADD COLUMN last_login_at timestamptz;

UPDATE admin_users a
   SET last_login_at = (SELECT e.at FROM audit_events e
                         WHERE e.actor_kind = 'admin' AND e.actor_id = a.id
                           AND e.action = 'login.success'
                         ORDER BY e.at DESC LIMIT 1);

COMMENT ON COLUMN admin_users.last_login_at IS 'Last successful login (NULL: never logged in).';
