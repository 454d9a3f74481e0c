-- 004_employers: the employer side and the work floor (issue 4): employers
-- and their contacts and history, placements offered by employers and by
-- the social work company, trainings at work and who took them, company
-- visits and matching events, work-floor assessments and attendance.

-- An employer is an organisation of type 'employer' with these details.
CREATE TABLE employer (
  organisation_id INTEGER PRIMARY KEY REFERENCES organisation(id),
  sector TEXT NOT NULL,
  street TEXT,
  postal_code TEXT,
  city TEXT,
  latitude REAL,
  longitude REAL,
  size_class TEXT,
  network_member INTEGER NOT NULL DEFAULT 0,
  account_manager_id INTEGER REFERENCES app_user(id),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX employer_account_manager ON employer(account_manager_id);

CREATE TABLE employer_contact (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  name TEXT NOT NULL,
  job_title TEXT,
  phone TEXT,
  email TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX employer_contact_org ON employer_contact(organisation_id);

-- Everything done with an employer, newest last: notes by account
-- managers and entries the program adds (a placement offered, a visit).
CREATE TABLE employer_event (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  occurred_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  author_user_id INTEGER REFERENCES app_user(id),
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX employer_event_org ON employer_event(organisation_id, occurred_on);

-- A place offered by an employer or by the social work company itself (its
-- production halls). Occupancy is never stored: it is the number of open
-- phases linked to the placement.
CREATE TABLE placement (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  isco_code TEXT,
  sector TEXT NOT NULL,
  location TEXT,
  capacity INTEGER NOT NULL,
  start_date TEXT,
  end_date TEXT,
  hours_per_week INTEGER,
  day_parts TEXT NOT NULL DEFAULT '',
  full_days INTEGER NOT NULL DEFAULT 0,
  min_cefr_speaking TEXT,
  min_cefr_listening TEXT,
  min_isced INTEGER,
  licences TEXT NOT NULL DEFAULT '[]',
  physical_load TEXT,
  safety_shoes INTEGER NOT NULL DEFAULT 0,
  offers_floor_guidance INTEGER NOT NULL DEFAULT 0,
  offers_language_at_work INTEGER NOT NULL DEFAULT 0,
  offers_contract INTEGER NOT NULL DEFAULT 0,
  supervisor_user_id INTEGER REFERENCES app_user(id),
  external_id TEXT UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX placement_org ON placement(organisation_id);
CREATE INDEX phase_placement ON phase(placement_id, actual_end);

CREATE TABLE training (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  certificate TEXT,
  provider TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  cost_cents INTEGER NOT NULL,
  employer_share_cents INTEGER NOT NULL DEFAULT 0,
  employer_id INTEGER REFERENCES organisation(id),
  capacity INTEGER,
  validity_months INTEGER,
  created_at TEXT NOT NULL
);

CREATE TABLE training_enrolment (
  training_id INTEGER NOT NULL REFERENCES training(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  result TEXT NOT NULL DEFAULT 'enrolled',
  certificate_expires TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (training_id, participant_id)
);
CREATE INDEX training_enrolment_participant ON training_enrolment(participant_id);

-- Company visits and matching events.
CREATE TABLE visit (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  start_time TEXT,
  location TEXT,
  capacity INTEGER NOT NULL,
  language_support TEXT,
  organiser_user_id INTEGER REFERENCES app_user(id),
  notes TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX visit_held_on ON visit(held_on);

CREATE TABLE visit_employer (
  visit_id INTEGER NOT NULL REFERENCES visit(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (visit_id, organisation_id)
);

-- attended is NULL until recorded; interest is the participant's.
CREATE TABLE visit_participant (
  visit_id INTEGER NOT NULL REFERENCES visit(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  attended INTEGER,
  interest TEXT,
  invited_at TEXT NOT NULL,
  PRIMARY KEY (visit_id, participant_id)
);
CREATE INDEX visit_participant_pid ON visit_participant(participant_id);

-- Each employer's follow-up for a participant after a visit.
CREATE TABLE visit_follow_up (
  visit_id INTEGER NOT NULL REFERENCES visit(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  follow_up TEXT NOT NULL,
  note TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (visit_id, participant_id, organisation_id)
);

-- Work-floor assessments: scores and comments are JSON objects keyed by the
-- rubric's item codes (domain/assessment.c). The advice is computed when
-- the assessment is stored; the job coach's decision comes later.
CREATE TABLE assessment (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  assessed_on TEXT NOT NULL,
  placement_id INTEGER REFERENCES placement(id),
  assessor_user_id INTEGER REFERENCES app_user(id),
  assessor_name TEXT NOT NULL,
  scores TEXT NOT NULL,
  comments TEXT NOT NULL,
  advice TEXT NOT NULL,
  advice_reason TEXT NOT NULL,
  decision TEXT,
  decided_advice TEXT,
  decision_reason TEXT,
  decided_by INTEGER REFERENCES app_user(id),
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX assessment_participant ON assessment(participant_id, assessed_on);

-- Attendance at a placement, one row per participant, placement and day.
CREATE TABLE attendance (
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  placement_id INTEGER NOT NULL REFERENCES placement(id),
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (placement_id, day, participant_id)
);
CREATE INDEX attendance_participant ON attendance(participant_id, day);

-- Neutral placement constraints and licences on the participant.
ALTER TABLE participant ADD COLUMN licences TEXT;
ALTER TABLE participant ADD COLUMN max_physical_load TEXT;

-- The "no assessment for 8 weeks" signal now reads real assessments (and
-- older journal notes of the category assessments).
DROP VIEW path_facts_live;
CREATE VIEW path_facts_live AS
SELECT
  p.id AS id,
  p.arrival_date AS arrival_date,
  coalesce((SELECT min(x.start_date) FROM phase x WHERE x.participant_id = p.id),
           substr(p.created_at, 1, 10)) AS registered,
  EXISTS (SELECT 1 FROM intake i WHERE i.participant_id = p.id)
    OR EXISTS (SELECT 1 FROM phase x WHERE x.participant_id = p.id AND x.kind = 'intake') AS has_intake,
  (SELECT max(j.occurred_on) FROM journal j WHERE j.participant_id = p.id AND j.kind = 'contact') AS last_contact,
  (SELECT max(d) FROM (SELECT max(j.occurred_on) AS d FROM journal j
                        WHERE j.participant_id = p.id AND j.category = 'assessments'
                       UNION ALL SELECT max(a.assessed_on) FROM assessment a
                        WHERE a.participant_id = p.id)) AS last_assessment,
  p.integration_deadline AS integration_deadline,
  p.exam_status AS exam_status,
  (SELECT group_concat(l.start_date || '/' || coalesce(l.end_date, ''), ',') FROM participant_link l
    WHERE l.participant_id = p.id AND l.kind = 'volunteer') AS volunteer_spans,
  coalesce((SELECT h.volunteer_signed_at IS NOT NULL AND h.welfare_signed_at IS NOT NULL FROM handover h
    WHERE h.participant_id = p.id), 0) AS handover_done,
  (SELECT max(x.start_date) FROM phase x WHERE x.participant_id = p.id AND x.actual_end IS NULL
    AND x.kind IN ('internal_work_learning', 'external_work_learning', 'work_experience_place',
                   'language_internship', 'trial_placement')) AS work_learning_start,
  (SELECT min(x.planned_end) FROM phase x WHERE x.participant_id = p.id AND x.actual_end IS NULL
    AND x.planned_end IS NOT NULL) AS open_planned_end,
  (SELECT max(x.start_date) FROM phase x WHERE x.participant_id = p.id AND x.kind = 'dropped_out'
    AND x.actual_end IS NULL) AS dropped_out_since,
  (SELECT s.hold_until FROM sheltered s WHERE s.participant_id = p.id AND s.stage = 'held') AS hold_until,
  coalesce((SELECT x.organisation_id FROM phase x WHERE x.participant_id = p.id AND x.actual_end IS NULL
             AND x.organisation_id IS NOT NULL ORDER BY x.start_date DESC LIMIT 1),
           (SELECT l.organisation_id FROM participant_link l WHERE l.participant_id = p.id
             AND l.kind = 'registration' ORDER BY l.id LIMIT 1), 0) AS organisation_id
FROM participant p;

CREATE TRIGGER path_facts_assessment_insert AFTER INSERT ON assessment
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_assessment_update AFTER UPDATE OF assessed_on ON assessment
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_assessment_delete AFTER DELETE ON assessment
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
