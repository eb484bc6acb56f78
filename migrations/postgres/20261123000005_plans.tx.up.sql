-- Individual development plans (individuální plán vzdělávání, IPV; SPOD standard 6b): one plan per person per
-- period, its goals (a competency and a target level) and the actions that reach them.

CREATE TABLE plans (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES users (id),
    period_start date NOT NULL,
    period_end   date NOT NULL,
    state        text NOT NULL CHECK (state IN ('draft', 'proposed', 'approved', 'returned', 'closed')),
    version      integer NOT NULL DEFAULT 1,
    note         text NOT NULL DEFAULT '',
    lead_comment text NOT NULL DEFAULT '',      -- the lead's comment when returning or approving
    approved_by  uuid REFERENCES users (id),
    approved_at  timestamptz,
    evaluation   text NOT NULL DEFAULT '',      -- the short evaluation the plan is closed with
    closed_at    timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK (period_start <= period_end)
);
-- Overlap checks look up a person's plans by period.
CREATE INDEX plans_person_idx ON plans (person_id, period_start);

-- A goal names a competency (of the published model; identifiers survive from version to version) once per plan.
CREATE TABLE plan_goals (
    id            uuid PRIMARY KEY,
    plan_id       uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    competency_id uuid NOT NULL,
    target_level  smallint NOT NULL CHECK (target_level BETWEEN 1 AND 4),
    reason        text NOT NULL DEFAULT '',
    UNIQUE (plan_id, competency_id)
);

-- An action: a course, supervision, mentoring, a stáž (shadowing), samostudium (self_study) or other, due within
-- the plan's period; done with a note of its evidence. Links to courses, sessions and supervision come with them.
CREATE TABLE plan_actions (
    id       uuid PRIMARY KEY,
    plan_id  uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    goal_id  uuid REFERENCES plan_goals (id) ON DELETE SET NULL,
    kind     text NOT NULL CHECK (kind IN ('course', 'supervision', 'mentoring', 'shadowing', 'self_study', 'other')),
    title    text NOT NULL,
    due_on   date NOT NULL,
    done_at  timestamptz,
    done_by  uuid REFERENCES users (id),
    evidence text NOT NULL DEFAULT ''
);
CREATE INDEX plan_actions_plan_idx ON plan_actions (plan_id, due_on);
CREATE INDEX plan_actions_goal_idx ON plan_actions (goal_id);
