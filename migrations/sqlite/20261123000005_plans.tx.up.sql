-- Individual development plans (individuální plán vzdělávání, IPV; SPOD standard 6b): one plan per person per
-- period, its goals (a competency and a target level) and the actions that reach them.

CREATE TABLE plans (
    id           text PRIMARY KEY,
    person_id    text NOT NULL REFERENCES users (id),
    period_start text NOT NULL,
    period_end   text NOT NULL,
    state        text NOT NULL CHECK (state IN ('draft', 'proposed', 'approved', 'returned', 'closed')),
    version      integer NOT NULL DEFAULT 1,
    note         text NOT NULL DEFAULT '',
    lead_comment text NOT NULL DEFAULT '',      -- the lead's comment when returning or approving
    approved_by  text REFERENCES users (id),
    approved_at  timestamp,
    evaluation   text NOT NULL DEFAULT '',      -- the short evaluation the plan is closed with
    closed_at    timestamp,
    created_at   timestamp NOT NULL,
    updated_at   timestamp NOT NULL,
    CHECK (period_start <= period_end)
);
-- Overlap checks look up a person's plans by period.
CREATE INDEX plans_person_idx ON plans (person_id, period_start);

-- A goal names a competency (of the published model; identifiers survive from version to version) once per plan.
CREATE TABLE plan_goals (
    id            text PRIMARY KEY,
    plan_id       text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    competency_id text NOT NULL,
    target_level  integer NOT NULL CHECK (target_level BETWEEN 1 AND 4),
    reason        text NOT NULL DEFAULT '',
    UNIQUE (plan_id, competency_id)
);

-- An action: a course, supervision, mentoring, a stáž (shadowing), samostudium (self_study) or other, due within
-- the plan's period; done with a note of its evidence. Links to courses, sessions and supervision come with them.
CREATE TABLE plan_actions (
    id       text PRIMARY KEY,
    plan_id  text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    goal_id  text REFERENCES plan_goals (id) ON DELETE SET NULL,
    kind     text NOT NULL CHECK (kind IN ('course', 'supervision', 'mentoring', 'shadowing', 'self_study', 'other')),
    title    text NOT NULL,
    due_on   text NOT NULL,
    done_at  timestamp,
    done_by  text REFERENCES users (id),
    evidence text NOT NULL DEFAULT ''
);
CREATE INDEX plan_actions_plan_idx ON plan_actions (plan_id, due_on);
CREATE INDEX plan_actions_goal_idx ON plan_actions (goal_id);
