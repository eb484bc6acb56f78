-- Private calendar feeds: a person subscribes their calendar app to a URL carrying a long random token. Only the
-- token's SHA-256 is kept, so a database leak gives nobody a feed; revoking keeps the row for the audit trail.

CREATE TABLE calendar_feeds (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES users (id),
    name         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,          -- hex SHA-256 of the token; the feed URL is found by it alone
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX calendar_feeds_person_idx ON calendar_feeds (person_id, created_at);
