-- An organisation's supervision policy (PRODUCT.md "Requirements and hours" 4; SPOD standard 6d): how often each
-- team has team supervision at most apart, and how many hours of individual supervision each worker has a year.
-- Either may be absent (no such rule). Kept by the organisation's admin.
CREATE TABLE supervision_policies (
    organization_id     uuid PRIMARY KEY REFERENCES organizations (id),
    team_interval_weeks integer CHECK (team_interval_weeks BETWEEN 1 AND 52),
    individual_hours    double precision CHECK (individual_hours > 0 AND individual_hours <= 200),
    version             integer NOT NULL DEFAULT 1,
    updated_by          uuid NOT NULL REFERENCES users (id),
    updated_at          timestamptz NOT NULL
);
