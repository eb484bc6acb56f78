-- Assessments are due yearly (SPOD standard 6a). An assessment keeps the day it was due when it was started, so
-- leads can list the open ones that are late or about to be.
ALTER TABLE assessments ADD COLUMN due_on text;
CREATE INDEX assessments_open_due_idx ON assessments (due_on) WHERE state <> 'agreed';
