-- Notifications: the in-app list, each person's e-mail choices, and the outbox the mail worker sends from.

CREATE TABLE notifications (
    id           text PRIMARY KEY,                  -- UUIDv7: newest first is id order
    recipient_id text NOT NULL REFERENCES users (id),
    kind         text NOT NULL,                     -- a closed list kept in Go (notification.Kinds), grown by features
    actor_id     text REFERENCES users (id),        -- who caused it; null for the system (reminders)
    entity       text NOT NULL,
    entity_id    text NOT NULL,
    link         text NOT NULL,                     -- the SPA path the notice opens
    params       text NOT NULL,
    dedup_key    text,                              -- at most one notice per recipient and key (reminders)
    created_at   timestamp NOT NULL,
    read_at      timestamp
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, id);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id, id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_dedup_idx ON notifications (recipient_id, dedup_key);

-- Only the kinds a person changed are stored; a missing row means "e-mail on".
CREATE TABLE notification_preferences (
    user_id text NOT NULL REFERENCES users (id),
    kind    text NOT NULL,
    email   boolean NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- E-mails written in the same transaction as the change they announce, sent later by the worker. A worker
-- claims a row by setting claimed_until (a lease); one whose lease ran out is claimable again.
CREATE TABLE mail_outbox (
    id              text PRIMARY KEY,
    notification_id text NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    to_address      text NOT NULL,
    to_name         text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    link            text NOT NULL,                  -- the SPA path; the sender prefixes the configured base URL
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamp NOT NULL,
    claimed_until   timestamp,
    sent_at         timestamp,
    last_error      text NOT NULL DEFAULT '',
    created_at      timestamp NOT NULL
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX mail_outbox_notification_idx ON mail_outbox (notification_id);
