-- Optional lead approval per organisation: when an organisation turns it on, a worker's own registration waits
-- (pending, no seat) until a lead of their team approves it (then placed as any registration) or rejects it
-- (cancelled with the reason).

CREATE TABLE training_settings (
    organization_id       uuid PRIMARY KEY REFERENCES organizations (id),
    registration_approval boolean NOT NULL DEFAULT false,
    updated_by            uuid REFERENCES users (id),
    updated_at            timestamptz NOT NULL
);

ALTER TABLE registrations DROP CONSTRAINT registrations_status_check;
ALTER TABLE registrations ADD CONSTRAINT registrations_status_check
    CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled'));
ALTER TABLE registrations ADD COLUMN cancel_reason text; -- why a lead rejected the registration
