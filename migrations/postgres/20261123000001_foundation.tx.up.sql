-- Organisations, teams, people, roles in scopes, sign-in and the audit trail.

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('ministry', 'region', 'municipality', 'provider', 'ngo')),
    name        text NOT NULL,
    search_text text NOT NULL,
    ico         char(8) NOT NULL UNIQUE,
    parent_id   uuid REFERENCES organizations (id),
    region_code text,
    active      boolean NOT NULL DEFAULT true,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX organizations_name_idx ON organizations (name, id);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
CREATE INDEX organizations_region_idx ON organizations (region_code);

CREATE TABLE positions (
    id      uuid PRIMARY KEY,
    code    text NOT NULL UNIQUE,
    name_cs text NOT NULL,
    name_en text NOT NULL,
    sort    integer NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    email           text NOT NULL UNIQUE, -- stored lower-case, so unique regardless of letter case
    name            text NOT NULL,
    search_text     text NOT NULL,
    password_hash   text,
    organization_id uuid REFERENCES organizations (id),
    position_id     uuid REFERENCES positions (id),
    employment_type text CHECK (employment_type IN ('official', 'employee')),
    hired_on        date,
    probation_end   date,
    fte             numeric(3, 2),
    left_on         date,
    active          boolean NOT NULL DEFAULT true,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX users_name_idx ON users (name, id);
CREATE INDEX users_organization_idx ON users (organization_id);

CREATE TABLE teams (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    name            text NOT NULL,
    search_text     text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (organization_id, name)
);
CREATE INDEX teams_name_idx ON teams (name, id);

CREATE TABLE team_members (
    team_id uuid NOT NULL REFERENCES teams (id),
    user_id uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- A role always comes with its scope: a lead leads a team, a provider acts for an organisation,
-- a methodologist covers a region; an admin without an organisation administers everything.
CREATE TABLE role_assignments (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id),
    role            text NOT NULL CHECK (role IN ('worker', 'lead', 'provider', 'supervisor', 'methodologist', 'admin')),
    organization_id uuid REFERENCES organizations (id),
    team_id         uuid REFERENCES teams (id),
    region_code     text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);
CREATE INDEX role_assignments_team_idx ON role_assignments (team_id);

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id),
    token_hash text NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Failed sign-ins, per account ("email:…") and per address ("ip:…"), for the rate limit; kept in the
-- database so every replica sees the same count.
CREATE TABLE login_failures (
    id  bigserial PRIMARY KEY,
    key text NOT NULL,
    at  timestamptz NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (key, at);

CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    uuid REFERENCES users (id),
    subject_id  uuid REFERENCES users (id), -- the person the record concerns, who may read it
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   uuid NOT NULL,
    before      jsonb,
    after       jsonb,
    request_id  text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, at);
