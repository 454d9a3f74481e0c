-- 001_init: organisations, users, sessions, participants, links, consent,
-- processing log. Portable SQL except where marked (SQLite triggers).
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE organisation (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX session_user ON session(user_id);

CREATE TABLE login_attempt (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);

CREATE TABLE participant (
  id INTEGER PRIMARY KEY,
  external_id TEXT UNIQUE,
  family_name TEXT NOT NULL,
  given_names TEXT NOT NULL,
  name_key TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT,
  country_of_origin TEXT,
  languages TEXT,
  household_size INTEGER,
  children INTEGER,
  arrival_date TEXT,
  permit_date TEXT,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  phone TEXT,
  email TEXT,
  bsn TEXT,
  education_years INTEGER,
  isced_level INTEGER,
  diplomas TEXT,
  work_history TEXT,
  ambitions TEXT,
  integration_duty TEXT,
  integration_provider TEXT,
  integration_deadline TEXT,
  cefr_listening TEXT,
  cefr_reading TEXT,
  cefr_speaking TEXT,
  cefr_writing TEXT,
  exam_status TEXT,
  benefit TEXT,
  benefit_since TEXT,
  health_limits TEXT,
  target_group TEXT NOT NULL,
  work_hours_per_day INTEGER,
  work_days_per_week INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX participant_name ON participant(family_name COLLATE nl, given_names COLLATE nl, id);
CREATE INDEX participant_arrival ON participant(arrival_date);

CREATE TABLE participant_link (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  kind TEXT NOT NULL,
  user_id INTEGER REFERENCES app_user(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  start_date TEXT NOT NULL,
  end_date TEXT
);
CREATE INDEX link_participant ON participant_link(participant_id);
CREATE INDEX link_user ON participant_link(user_id, participant_id);
CREATE INDEX link_org ON participant_link(organisation_id, participant_id);

CREATE TABLE consent (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  category TEXT NOT NULL,
  given_on TEXT NOT NULL,
  expires_on TEXT,
  revoked_at TEXT,
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX consent_lookup ON consent(participant_id, organisation_id);
CREATE INDEX consent_org ON consent(organisation_id, category, participant_id);

CREATE TABLE processing_log (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  action TEXT NOT NULL,
  activity TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL,
  status TEXT NOT NULL,
  subject_pseudonym TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  actor_user_id INTEGER,
  actor_name TEXT NOT NULL,
  organisation_id INTEGER,
  role TEXT NOT NULL,
  purpose TEXT NOT NULL
);
CREATE INDEX processing_log_subject ON processing_log(subject_pseudonym, id);

-- SQLite: the processing log is append-only.
CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log
BEGIN SELECT RAISE(ABORT, 'processing_log is append-only'); END;
CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON processing_log
BEGIN SELECT RAISE(ABORT, 'processing_log is append-only'); END;
