-- An invitation: a one-time link by which a person invited by e-mail (an external supervisor a lead names) sets
-- their password. Only the SHA-256 of the token is kept; it works once and for a week.
CREATE TABLE invitations (
    token_hash text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (id),
    expires_at timestamp NOT NULL,
    used_at    timestamp,
    created_by text NOT NULL REFERENCES users (id),
    created_at timestamp NOT NULL
);
CREATE INDEX invitations_user_idx ON invitations (user_id);
