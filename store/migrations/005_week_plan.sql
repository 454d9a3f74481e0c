-- 005_week_plan: week planning around the language classes (issue 5):
-- the clock times of the day-parts, language providers' class groups with
-- their weekly sessions, enrolments and class attendance, a participant's
-- recurring week-plan entries with their exceptions, the conflicts that
-- were accepted on purpose, and private calendar subscription tokens.
--
-- Day-parts of a class session are never stored: they follow from its
-- clock times and the day-part times in force (domain/schedule.c), so
-- changing the times moves every class to the right cells.

-- Clock times of the three day-parts, the same on every weekday.
CREATE TABLE day_part_time (
  part TEXT PRIMARY KEY,       -- morning | afternoon | evening
  start_time TEXT NOT NULL,    -- "08:30"
  end_time TEXT NOT NULL,      -- "12:30"
  updated_at TEXT,
  updated_by INTEGER REFERENCES app_user(id)
);
INSERT INTO day_part_time (part, start_time, end_time) VALUES
  ('morning', '08:30', '12:30'),
  ('afternoon', '13:00', '17:00'),
  ('evening', '18:30', '21:30');

-- A language provider's class group (a course with fixed weekly times).
CREATE TABLE class_group (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id), -- the language provider
  name TEXT NOT NULL,
  level TEXT,                   -- the CEFR level aimed at, "A2"
  location TEXT,                -- the address where the group meets
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (organisation_id, name)
);

-- The weekly meetings of a group.
CREATE TABLE class_session (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES class_group(id),
  weekday TEXT NOT NULL,        -- mon .. sun
  start_time TEXT NOT NULL,     -- "09:00"
  end_time TEXT NOT NULL        -- "11:30"
);
CREATE INDEX class_session_group ON class_session(group_id);

-- A participant in a group; the group's sessions block their day-parts
-- from start_date to end_date (or the group's end).
CREATE TABLE class_enrolment (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES class_group(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  link_id INTEGER REFERENCES participant_link(id), -- the language_course link it made
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX class_enrolment_group ON class_enrolment(group_id);
CREATE INDEX class_enrolment_participant ON class_enrolment(participant_id);

-- Class attendance per participant and day, as the provider reports it.
CREATE TABLE class_attendance (
  group_id INTEGER NOT NULL REFERENCES class_group(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  day TEXT NOT NULL,
  status TEXT NOT NULL,         -- present | absent_excused | absent_unexcused
  reason TEXT,
  recorded_by INTEGER REFERENCES app_user(id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (group_id, participant_id, day)
);
CREATE INDEX class_attendance_participant ON class_attendance(participant_id, status, day);

-- One recurring entry of a participant's week plan. Classes of enrolled
-- groups are not entries: they come from the timetable. An entry is never
-- deleted: removing it sets removed_at, so what was planned stays known.
CREATE TABLE plan_entry (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  kind TEXT NOT NULL,           -- language_class | work | training | coach_appointment | buddy_meeting | other
  title TEXT,
  day_parts TEXT NOT NULL,      -- day-part codes, comma-separated, week order
  start_time TEXT,              -- own clock times on each of its days; NULL: the day-parts' times
  end_time TEXT,
  location TEXT,
  placement_id INTEGER REFERENCES placement(id),
  training_id INTEGER REFERENCES training(id),
  coach_user_id INTEGER REFERENCES app_user(id),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  note TEXT,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  removed_at TEXT,
  removed_by INTEGER REFERENCES app_user(id)
);
CREATE INDEX plan_entry_participant ON plan_entry(participant_id);
CREATE INDEX plan_entry_placement ON plan_entry(placement_id) WHERE placement_id IS NOT NULL;
CREATE INDEX plan_entry_coach ON plan_entry(coach_user_id) WHERE coach_user_id IS NOT NULL;

-- Days on which the plan does not hold: a holiday or a single cancelled
-- day. For one entry, for one class group (every enrolled participant), or
-- for a participant's whole plan (entry_id and group_id both NULL).
CREATE TABLE plan_exception (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER REFERENCES participant(id),
  entry_id INTEGER REFERENCES plan_entry(id),
  group_id INTEGER REFERENCES class_group(id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX plan_exception_participant ON plan_exception(participant_id);
CREATE INDEX plan_exception_group ON plan_exception(group_id) WHERE group_id IS NOT NULL;
-- An entry's exceptions carry only entry_id; without this index loading a
-- plan (whole plan OR entries OR groups) scans the table, which only grows
-- (bench/weekplan.sh: a plan read with 197,000 exceptions, 24 ms -> 5 ms).
CREATE INDEX plan_exception_entry ON plan_exception(entry_id) WHERE entry_id IS NOT NULL;

-- Conflicts accepted on purpose: who, when, why, and which conflicts (the
-- keys of domain/schedule.c, a JSON array). Append-only.
CREATE TABLE plan_override (
  id INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  entry_id INTEGER REFERENCES plan_entry(id),
  enrolment_id INTEGER REFERENCES class_enrolment(id),
  conflicts TEXT NOT NULL,
  reason TEXT NOT NULL,
  user_id INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX plan_override_participant ON plan_override(participant_id);

-- Private calendar subscriptions. Only a hash of the token is kept; a read
-- through the token acts as the user who made it, with that user's access
-- at the moment of the read.
CREATE TABLE calendar_token (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,        -- participant | coach
  participant_id INTEGER REFERENCES participant(id),
  coach_user_id INTEGER REFERENCES app_user(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX calendar_token_user ON calendar_token(user_id);

-- Repeated class absence is a signal: the path facts keep the third most
-- recent unexcused absence; domain/signal.c decides whether it is recent.
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
             AND l.kind = 'registration' ORDER BY l.id LIMIT 1), 0) AS organisation_id,
  (SELECT c.day FROM class_attendance c WHERE c.participant_id = p.id AND c.status = 'absent_unexcused'
    ORDER BY c.day DESC LIMIT 1 OFFSET 2) AS third_absence
FROM participant p;

ALTER TABLE path_facts ADD COLUMN third_absence TEXT;

CREATE TRIGGER path_facts_class_attendance_insert AFTER INSERT ON class_attendance
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_class_attendance_update AFTER UPDATE ON class_attendance
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_class_attendance_delete AFTER DELETE ON class_attendance
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
