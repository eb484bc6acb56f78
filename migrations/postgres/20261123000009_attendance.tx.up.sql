-- Attendance (prezence) of a session's confirmed registrants, the closing of a session that locks it, and the
-- certificates (osvědčení) of the present participants of an accredited course.

-- Closed: attendance is final; a later correction is an audited amendment.
ALTER TABLE training_sessions ADD COLUMN closed_at timestamptz;

-- One record per confirmed registration; minutes only for a partial attendance.
CREATE TABLE attendance (
    registration_id uuid PRIMARY KEY REFERENCES registrations (id),
    session_id      uuid NOT NULL REFERENCES training_sessions (id),
    status          text NOT NULL CHECK (status IN ('present', 'partial', 'absent', 'excused')),
    minutes         integer CHECK (minutes > 0),
    recorded_by     uuid NOT NULL REFERENCES users (id),
    recorded_at     timestamptz NOT NULL,
    CHECK ((status = 'partial') = (minutes IS NOT NULL))
);
CREATE INDEX attendance_session_idx ON attendance (session_id);

-- A certificate keeps what it says as it was printed: a later rename of the course or the person does not change
-- what /verify/{code} confirms.
CREATE TABLE certificates (
    id                   uuid PRIMARY KEY,
    number               text NOT NULL,                 -- RZV-<year>-<6-digit sequence>
    code                 text NOT NULL,                 -- verification code of /verify/{code}
    session_id           uuid NOT NULL REFERENCES training_sessions (id),
    person_id            uuid NOT NULL REFERENCES users (id),
    provider_id          uuid NOT NULL REFERENCES organizations (id),
    person_name          text NOT NULL,
    course_title         text NOT NULL,
    form                 text NOT NULL,
    accreditation_number text NOT NULL,
    hours                integer NOT NULL CHECK (hours > 0),
    starts_on            date NOT NULL,
    ends_on              date NOT NULL,
    place                text NOT NULL DEFAULT '',
    provider_name        text NOT NULL,
    issued_by            uuid NOT NULL REFERENCES users (id),
    issued_at            timestamptz NOT NULL
);
CREATE UNIQUE INDEX certificates_number_idx ON certificates (number);
CREATE UNIQUE INDEX certificates_code_idx ON certificates (code);
CREATE UNIQUE INDEX certificates_session_person_idx ON certificates (session_id, person_id);
CREATE INDEX certificates_person_idx ON certificates (person_id);
CREATE INDEX certificates_provider_idx ON certificates (provider_id);

-- The last certificate number of each year.
CREATE TABLE certificate_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);
