-- Support log (profesní podpora): mentoring, intervision and the like that a worker logs for themself. The note is
-- the worker's alone; leads read only the sums. These hours never count toward the statutory training hours.
CREATE TABLE support_entries (
    id             text PRIMARY KEY,
    person_id      text NOT NULL REFERENCES users (id),
    date           text NOT NULL,
    minutes        integer NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    kind           text NOT NULL CHECK (kind IN ('mentoring', 'intervision', 'case_consultation', 'case_conference',
                                                  'methodological_guidance', 'shadowing')),
    note           text NOT NULL DEFAULT '',
    -- the plan action the support served; the entry stays when the action or its plan goes
    plan_action_id text REFERENCES plan_actions (id) ON DELETE SET NULL,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamp NOT NULL,
    updated_at     timestamp NOT NULL
);
CREATE INDEX support_entries_person_idx ON support_entries (person_id, date);
CREATE INDEX support_entries_action_idx ON support_entries (plan_action_id);
