-- Supervision (supervize, SPOD standard 6d): sessions a lead plans for a team they lead, with an external
-- supervisor, single or as a recurring series (RRULE, expanded into its occurrences), held (confirmed by the
-- supervisor with who attended) or cancelled. No field holds what was discussed; a participant's private reflection
-- note is stored encrypted and read only by them.

CREATE TABLE supervision_series (
    id              uuid PRIMARY KEY,
    team_id         uuid NOT NULL REFERENCES teams (id),
    rrule           text NOT NULL,                 -- RFC 5545 RRULE, local times in Europe/Prague
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL
);

CREATE TABLE supervision_sessions (
    id            uuid PRIMARY KEY,
    series_id     uuid REFERENCES supervision_series (id),
    team_id       uuid NOT NULL REFERENCES teams (id),
    kind          text NOT NULL CHECK (kind IN ('individual', 'group', 'team', 'case')),
    supervisor_id uuid NOT NULL REFERENCES users (id),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    place         text NOT NULL DEFAULT '',
    status        text NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    detached      boolean NOT NULL DEFAULT false,  -- changed as one occurrence: a change of its series leaves it be
    confirmed_by  uuid REFERENCES users (id),
    confirmed_at  timestamptz,
    created_by    uuid NOT NULL REFERENCES users (id),
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX supervision_sessions_team_idx ON supervision_sessions (team_id, starts_at);
CREATE INDEX supervision_sessions_supervisor_idx ON supervision_sessions (supervisor_id, starts_at);
CREATE INDEX supervision_sessions_series_idx ON supervision_sessions (series_id, starts_at);

-- Who takes part; attended is what the supervisor confirmed (null until then).
CREATE TABLE supervision_participants (
    session_id uuid NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    person_id  uuid NOT NULL REFERENCES users (id),
    attended   boolean,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX supervision_participants_person_idx ON supervision_participants (person_id);

-- A participant's private reflection note: AES-256-GCM (the nonce first), under the key of ROZVOJ_NOTES_KEY.
CREATE TABLE supervision_notes (
    session_id uuid NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    person_id  uuid NOT NULL REFERENCES users (id),
    sealed     bytea NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
