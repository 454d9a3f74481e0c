-- 008_auth: login throttling per account, and a second factor (TOTP).
--
-- Failed logins are counted on the account itself (bounded by the number
-- of users); the per-address guard lives in the server's memory. The old
-- table keyed by attacker-chosen names goes.
DROP TABLE login_attempt;
ALTER TABLE app_user ADD COLUMN login_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN login_failed_at INTEGER NOT NULL DEFAULT 0; -- ms since 1970

-- The admin can require a second factor of every user of an organisation.
ALTER TABLE organisation ADD COLUMN require_second_factor INTEGER NOT NULL DEFAULT 0;

-- A user's TOTP secret (RFC 6238), encrypted (see app/second_factor.c);
-- confirmed_at is NULL while the user has not yet confirmed a first code.
-- last_step is the last time step accepted, so a code is not taken twice.
CREATE TABLE user_totp (
  user_id INTEGER PRIMARY KEY REFERENCES app_user(id),
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0
);

-- Single-use recovery codes, stored only as keyed hashes.
CREATE TABLE user_recovery_code (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  UNIQUE (user_id, code_hash)
);

-- Between a right password and the second factor: one pending login per
-- user at most (a new one replaces it), stored as the hash of its token.
CREATE TABLE login_pending (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL UNIQUE REFERENCES app_user(id),
  expires_at INTEGER NOT NULL
);
