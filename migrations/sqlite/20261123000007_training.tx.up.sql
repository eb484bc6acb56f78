-- Training (vzdělávání): providers' courses (kurz) with the competencies they develop and the positions they are
-- for, their sessions (termín), and registrations (přihláška) with the waitlist.

CREATE TABLE courses (
    id                   text PRIMARY KEY,
    provider_id          text NOT NULL REFERENCES organizations (id),
    title                text NOT NULL,
    description          text NOT NULL DEFAULT '',
    form                 text NOT NULL CHECK (form IN ('course', 'conference', 'internship', 'specialisation', 'e_learning', 'training_event')),
    hours                integer NOT NULL CHECK (hours > 0),          -- hodiny výuky
    accreditation_number text,                                         -- MPSV, e.g. 2010/743-SP or A2024/0123-SP/PC/PP
    accredited_from      text,
    accredited_until     text,
    published            boolean NOT NULL DEFAULT false,            -- in the catalogue; a draft is the provider's alone
    search_text          text NOT NULL,                               -- database.Fold of title and description
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamp NOT NULL,
    updated_at           timestamp NOT NULL,
    CHECK (accredited_from IS NULL OR accredited_until IS NULL OR accredited_from <= accredited_until)
);
CREATE INDEX courses_provider_idx ON courses (provider_id);

-- A competency (of the published model) the course develops, up to a level.
CREATE TABLE course_competencies (
    course_id     text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    competency_id text NOT NULL,
    target_level  integer NOT NULL CHECK (target_level BETWEEN 1 AND 4),
    PRIMARY KEY (course_id, competency_id)
);
CREATE INDEX course_competencies_competency_idx ON course_competencies (competency_id);

-- A position (by its code) the course is meant for.
CREATE TABLE course_positions (
    course_id     text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position_code text NOT NULL,
    PRIMARY KEY (course_id, position_code)
);

CREATE TABLE training_sessions (
    id                    text PRIMARY KEY,
    course_id             text NOT NULL REFERENCES courses (id),
    starts_at             timestamp NOT NULL,
    ends_at               timestamp NOT NULL,
    place                 text NOT NULL DEFAULT '',
    place_search          text NOT NULL DEFAULT '',                   -- database.Fold of place
    online_url            text NOT NULL DEFAULT '',
    capacity              integer NOT NULL CHECK (capacity >= 1),
    registration_deadline timestamp NOT NULL,
    price                 integer NOT NULL DEFAULT 0 CHECK (price >= 0), -- CZK
    status                text NOT NULL CHECK (status IN ('planned', 'open', 'full', 'cancelled', 'held')),
    version               integer NOT NULL DEFAULT 1,
    created_at            timestamp NOT NULL,
    updated_at            timestamp NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX training_sessions_course_idx ON training_sessions (course_id, starts_at);
CREATE INDEX training_sessions_starts_idx ON training_sessions (starts_at);

-- A registration: confirmed while seats remain, else waitlisted in the order of waitlist_seq; a cancelled one
-- stays as history. One live registration per person and session.
CREATE TABLE registrations (
    id           text PRIMARY KEY,
    session_id   text NOT NULL REFERENCES training_sessions (id),
    person_id    text NOT NULL REFERENCES users (id),
    status       text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    waitlist_seq integer,
    nominated_by text REFERENCES users (id),
    created_at   timestamp NOT NULL,
    cancelled_at timestamp,
    cancelled_by text REFERENCES users (id)
);
CREATE UNIQUE INDEX registrations_live_idx ON registrations (session_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_session_idx ON registrations (session_id, status, waitlist_seq);
CREATE INDEX registrations_person_idx ON registrations (person_id);
