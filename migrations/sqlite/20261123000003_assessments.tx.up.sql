-- Self-assessments (sebehodnocení) against a framework version, the lead's review and the agreed levels.

CREATE TABLE assessments (
    id           text PRIMARY KEY,
    person_id    text NOT NULL REFERENCES users (id),
    framework_id text NOT NULL REFERENCES frameworks (id),
    state        text NOT NULL CHECK (state IN ('draft', 'submitted', 'reviewed', 'returned', 'agreed')),
    version      integer NOT NULL DEFAULT 1,
    reviewer_id  text REFERENCES users (id),
    submitted_at timestamp,
    reviewed_at  timestamp,
    agreed_at    timestamp,
    lead_comment text NOT NULL DEFAULT '',      -- the lead's overall comment when returning or reviewing
    created_at   timestamp NOT NULL,
    updated_at   timestamp NOT NULL
);
CREATE INDEX assessments_person_idx ON assessments (person_id, state, agreed_at);

-- One row per rated competency: the worker's own rating, the lead's proposal and, once agreed, the agreed level.
-- A null level with not_applicable false means "not rated yet".
CREATE TABLE assessment_ratings (
    assessment_id       text NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    competency_id       text NOT NULL,
    self_level          integer CHECK (self_level BETWEEN 1 AND 4),
    self_not_applicable boolean NOT NULL DEFAULT false,
    evidence            text NOT NULL DEFAULT '',
    lead_level          integer CHECK (lead_level BETWEEN 1 AND 4),
    lead_not_applicable boolean NOT NULL DEFAULT false,
    lead_comment        text NOT NULL DEFAULT '',
    agreed_level        integer CHECK (agreed_level BETWEEN 1 AND 4),
    PRIMARY KEY (assessment_id, competency_id)
);
CREATE INDEX assessment_ratings_competency_idx ON assessment_ratings (competency_id);
