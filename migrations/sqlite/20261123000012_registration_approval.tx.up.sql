-- Optional lead approval per organisation: when an organisation turns it on, a worker's own registration waits
-- (pending, no seat) until a lead of their team approves it (then placed as any registration) or rejects it
-- (cancelled with the reason).

CREATE TABLE training_settings (
    organization_id       text PRIMARY KEY REFERENCES organizations (id),
    registration_approval boolean NOT NULL DEFAULT false,
    updated_by            text REFERENCES users (id),
    updated_at            timestamp NOT NULL
);

-- SQLite changes a CHECK only by rebuilding the table: the rows set aside, the table made anew, the rows back.
-- Attendance refers to registrations; its keys are checked at commit (defer_foreign_keys lasts for this
-- transaction only), when every row is back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE registrations_before AS SELECT * FROM registrations;
DROP TABLE registrations;
CREATE TABLE registrations (
    id            text PRIMARY KEY,
    session_id    text NOT NULL REFERENCES training_sessions (id),
    person_id     text NOT NULL REFERENCES users (id),
    status        text NOT NULL CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')),
    waitlist_seq  integer,
    nominated_by  text REFERENCES users (id),
    created_at    timestamp NOT NULL,
    cancelled_at  timestamp,
    cancelled_by  text REFERENCES users (id),
    cancel_reason text -- why a lead rejected the registration
);
INSERT INTO registrations (id, session_id, person_id, status, waitlist_seq, nominated_by, created_at, cancelled_at, cancelled_by)
    SELECT id, session_id, person_id, status, waitlist_seq, nominated_by, created_at, cancelled_at, cancelled_by FROM registrations_before;
DROP TABLE registrations_before;
CREATE UNIQUE INDEX registrations_live_idx ON registrations (session_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_session_idx ON registrations (session_id, status, waitlist_seq);
CREATE INDEX registrations_person_idx ON registrations (person_id);
