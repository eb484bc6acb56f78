-- Files people upload as evidence (certificates of training done elsewhere). They live in the database, not on
-- a replica's disk, so any replica serves them and a backup of the database holds them all.
CREATE TABLE attachments (
    id         uuid PRIMARY KEY,
    owner_id   uuid NOT NULL REFERENCES users (id),  -- who uploaded it
    name       text NOT NULL,                        -- the file name as uploaded, for the download
    media_type text NOT NULL,                        -- detected from the content, never taken from the client
    size       integer NOT NULL,
    sha256     text NOT NULL,
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_id);
