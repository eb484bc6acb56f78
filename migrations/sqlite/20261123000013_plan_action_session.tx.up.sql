-- A plan action of kind course may book a training session (a recommendation accepted into the plan); the session
-- stays on record when the action goes, and an action outlives nothing it points at, so no cascade either way.
ALTER TABLE plan_actions ADD COLUMN training_session_id text REFERENCES training_sessions (id);
CREATE INDEX plan_actions_session_idx ON plan_actions (training_session_id);
