-- 003_path_facts: what the signal rules need of each participant, one row
-- per participant, kept current by triggers inside the transaction that
-- changes the underlying rows, so the director's totals over the whole
-- population read one small table instead of a dozen indexes per person.
--
-- path_facts_live is the definition (a view over the source tables);
-- path_facts is its materialisation. The two are equal at every commit,
-- and a test checks that. Nothing here depends on the date: what depends on
-- "today" (an open volunteer link, an overdue planned end) is decided by
-- the signal rules in domain/signal.c from the dates stored here.
--
-- volunteer_spans lists every volunteer link as "start/end" ("start/" while
-- open), separated by commas; open_planned_end is the earliest planned end
-- among the open phases.
CREATE VIEW path_facts_live AS
SELECT
  p.id AS id,
  p.arrival_date AS arrival_date,
  coalesce((SELECT min(x.start_date) FROM phase x WHERE x.participant_id = p.id),
           substr(p.created_at, 1, 10)) AS registered,
  EXISTS (SELECT 1 FROM intake i WHERE i.participant_id = p.id)
    OR EXISTS (SELECT 1 FROM phase x WHERE x.participant_id = p.id AND x.kind = 'intake') AS has_intake,
  (SELECT max(j.occurred_on) FROM journal j WHERE j.participant_id = p.id AND j.kind = 'contact') AS last_contact,
  (SELECT max(j.occurred_on) FROM journal j
    WHERE j.participant_id = p.id AND j.category = 'assessments') AS last_assessment,
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

CREATE TABLE path_facts (
  id INTEGER PRIMARY KEY REFERENCES participant(id), -- the participant's id
  arrival_date TEXT,
  registered TEXT,
  has_intake INTEGER NOT NULL,
  last_contact TEXT,
  last_assessment TEXT,
  integration_deadline TEXT,
  exam_status TEXT,
  volunteer_spans TEXT,
  handover_done INTEGER NOT NULL,
  work_learning_start TEXT,
  open_planned_end TEXT,
  dropped_out_since TEXT,
  hold_until TEXT,
  organisation_id INTEGER NOT NULL
);
INSERT INTO path_facts SELECT * FROM path_facts_live;

-- A participant's own row is written by store_participant_insert() in the
-- same statement batch as the participant (a trigger here cost 4.5 µs per
-- imported screening row, 15 % of the import). A participant just inserted
-- has no phases, links or notes yet, so the row holds its own columns only.
-- Later changes to the participant's columns the rules read:
CREATE TRIGGER path_facts_participant_update
  AFTER UPDATE OF arrival_date, integration_deadline, exam_status, created_at ON participant
BEGIN
  UPDATE path_facts SET arrival_date = NEW.arrival_date, integration_deadline = NEW.integration_deadline,
    exam_status = NEW.exam_status,
    registered = coalesce((SELECT min(x.start_date) FROM phase x WHERE x.participant_id = NEW.id),
                          substr(NEW.created_at, 1, 10))
  WHERE id = NEW.id;
END;

-- Every change to a table the view reads recomputes that participant's row.
-- (DELETE then INSERT, not INSERT OR REPLACE: an UPSERT that fires a trigger
-- imposes its own conflict policy on the trigger's statements.)
CREATE TRIGGER path_facts_phase_insert AFTER INSERT ON phase
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_phase_update AFTER UPDATE ON phase
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_phase_delete AFTER DELETE ON phase
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
CREATE TRIGGER path_facts_intake_insert AFTER INSERT ON intake
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_intake_update AFTER UPDATE ON intake
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_intake_delete AFTER DELETE ON intake
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
CREATE TRIGGER path_facts_journal_insert AFTER INSERT ON journal
  WHEN NEW.kind = 'contact' OR NEW.category = 'assessments'
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_journal_update AFTER UPDATE ON journal
  WHEN OLD.kind = 'contact' OR OLD.category = 'assessments' OR NEW.kind = 'contact' OR NEW.category = 'assessments'
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_journal_delete AFTER DELETE ON journal
  WHEN OLD.kind = 'contact' OR OLD.category = 'assessments'
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
-- A volunteer link changes the spans, a registration link at most the
-- organisation (the same expression as in the view).
CREATE TRIGGER path_facts_participant_link_insert AFTER INSERT ON participant_link
  WHEN NEW.kind = 'volunteer'
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_registration_insert AFTER INSERT ON participant_link
  WHEN NEW.kind = 'registration'
BEGIN
  -- organisation_id is 0 only while there is neither an open phase with an
  -- organisation nor a registration link: then this link decides it
  UPDATE path_facts SET organisation_id = NEW.organisation_id
  WHERE id = NEW.participant_id AND organisation_id = 0;
END;
CREATE TRIGGER path_facts_participant_link_update AFTER UPDATE ON participant_link
  WHEN NEW.kind = 'volunteer' OR OLD.kind = 'volunteer'
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_registration_update AFTER UPDATE ON participant_link
  WHEN NEW.kind = 'registration' OR OLD.kind = 'registration'
BEGIN
  UPDATE path_facts SET organisation_id =
    coalesce((SELECT x.organisation_id FROM phase x WHERE x.participant_id = NEW.participant_id
               AND x.actual_end IS NULL AND x.organisation_id IS NOT NULL ORDER BY x.start_date DESC LIMIT 1),
             (SELECT l.organisation_id FROM participant_link l WHERE l.participant_id = NEW.participant_id
               AND l.kind = 'registration' ORDER BY l.id LIMIT 1), 0)
  WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_participant_link_delete AFTER DELETE ON participant_link
  WHEN OLD.kind = 'volunteer'
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
CREATE TRIGGER path_facts_registration_delete AFTER DELETE ON participant_link
  WHEN OLD.kind = 'registration'
BEGIN
  UPDATE path_facts SET organisation_id =
    coalesce((SELECT x.organisation_id FROM phase x WHERE x.participant_id = OLD.participant_id
               AND x.actual_end IS NULL AND x.organisation_id IS NOT NULL ORDER BY x.start_date DESC LIMIT 1),
             (SELECT l.organisation_id FROM participant_link l WHERE l.participant_id = OLD.participant_id
               AND l.kind = 'registration' ORDER BY l.id LIMIT 1), 0)
  WHERE id = OLD.participant_id;
END;
CREATE TRIGGER path_facts_handover_insert AFTER INSERT ON handover
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_handover_update AFTER UPDATE ON handover
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_handover_delete AFTER DELETE ON handover
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
CREATE TRIGGER path_facts_sheltered_insert AFTER INSERT ON sheltered
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_sheltered_update AFTER UPDATE ON sheltered
BEGIN
  DELETE FROM path_facts WHERE id = NEW.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = NEW.participant_id;
END;
CREATE TRIGGER path_facts_sheltered_delete AFTER DELETE ON sheltered
BEGIN
  DELETE FROM path_facts WHERE id = OLD.participant_id;
  INSERT INTO path_facts SELECT * FROM path_facts_live WHERE id = OLD.participant_id;
END;
