-- 002_path: the participant's path: phases, intake, participation ladder,
-- journal, the volunteer-to-welfare hand-over and the sheltered-work record.
CREATE TABLE phase (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  kind TEXT NOT NULL,
  start_date TEXT NOT NULL,
  planned_end TEXT,
  actual_end TEXT,
  organisation_id INTEGER REFERENCES organisation(id),
  responsible_user_id INTEGER REFERENCES app_user(id),
  placement_id INTEGER,
  outcome TEXT,
  reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX phase_participant ON phase(participant_id, start_date);
CREATE INDEX phase_open ON phase(actual_end, kind);

CREATE TABLE intake (
  participant_id INTEGER PRIMARY KEY REFERENCES participant(id),
  intake_date TEXT NOT NULL,
  first_step TEXT NOT NULL,
  reasons TEXT NOT NULL,
  prior_level_confirmed INTEGER NOT NULL,
  ambitions_confirmed INTEGER NOT NULL,
  planned_day_parts INTEGER NOT NULL,
  study_offered INTEGER NOT NULL,
  study_choice TEXT,
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at TEXT NOT NULL
);

CREATE TABLE ladder (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  assessed_on TEXT NOT NULL,
  level INTEGER NOT NULL,
  assessor_user_id INTEGER REFERENCES app_user(id),
  assessor_name TEXT NOT NULL,
  note TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX ladder_participant ON ladder(participant_id, assessed_on);

CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  occurred_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  author_user_id INTEGER REFERENCES app_user(id),
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX journal_participant ON journal(participant_id, kind, occurred_on);
CREATE INDEX journal_category ON journal(participant_id, category, occurred_on);

CREATE TABLE handover (
  participant_id INTEGER PRIMARY KEY REFERENCES participant(id),
  welfare_user_id INTEGER REFERENCES app_user(id),
  checklist TEXT NOT NULL,
  volunteer_user_id INTEGER REFERENCES app_user(id),
  volunteer_signed_at TEXT,
  welfare_signed_at TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE sheltered (
  participant_id INTEGER PRIMARY KEY REFERENCES participant(id),
  source TEXT NOT NULL,
  school TEXT,
  school_contact TEXT,
  parents_contact TEXT,
  last_school_year TEXT,
  indication_status TEXT NOT NULL,
  stage TEXT NOT NULL,
  hold_until TEXT,
  placement_type TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX sheltered_stage ON sheltered(stage);
