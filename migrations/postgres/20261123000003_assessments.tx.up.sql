-- Self-assessments (sebehodnocení) against a framework version, the lead's review and the agreed levels.

CREATE TABLE assessments (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES users (id),
    framework_id uuid NOT NULL REFERENCES frameworks (id),
    state        text NOT NULL CHECK (state IN ('draft', 'submitted', 'reviewed', 'returned', 'agreed')),
    version      integer NOT NULL DEFAULT 1,
    reviewer_id  uuid REFERENCES users (id),
    submitted_at timestamptz,
    reviewed_at  timestamptz,
    agreed_at    timestamptz,
    lead_comment text NOT NULL DEFAULT '',      -- the lead's overall comment when returning or reviewing
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX assessments_person_idx ON assessments (person_id, state, agreed_at);

-- One row per rated competency: the worker's own rating, the lead's proposal and, once agreed, the agreed level.
-- A null level with not_applicable false means "not rated yet".
CREATE TABLE assessment_ratings (
    assessment_id       uuid NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    competency_id       uuid NOT NULL,
    self_level          smallint CHECK (self_level BETWEEN 1 AND 4),
    self_not_applicable boolean NOT NULL DEFAULT false,
    evidence            text NOT NULL DEFAULT '',
    lead_level          smallint CHECK (lead_level BETWEEN 1 AND 4),
    lead_not_applicable boolean NOT NULL DEFAULT false,
    lead_comment        text NOT NULL DEFAULT '',
    agreed_level        smallint CHECK (agreed_level BETWEEN 1 AND 4),
    PRIMARY KEY (assessment_id, competency_id)
);
CREATE INDEX assessment_ratings_competency_idx ON assessment_ratings (competency_id);
