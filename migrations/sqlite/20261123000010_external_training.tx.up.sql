-- Training done elsewhere (vzdělávání mimo katalog): a worker records it with a certificate, a lead of one of
-- their teams confirms or rejects it; only confirmed hours count.
CREATE TABLE external_trainings (
    id                   text PRIMARY KEY,
    person_id            text NOT NULL REFERENCES users (id),
    title                text NOT NULL,
    provider_name        text NOT NULL,
    form                 text NOT NULL CHECK (form IN ('course', 'conference', 'internship', 'specialisation', 'e_learning', 'training_event')),
    hours                integer NOT NULL CHECK (hours > 0 AND hours <= 200),
    date                 text NOT NULL,                 -- the day it took place, or began
    end_date             text,
    accreditation_number text,                          -- MPSV, e.g. 2010/743-SP
    certificate_id       text NOT NULL REFERENCES attachments (id),
    state                text NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected')),
    reason               text,                          -- why the lead rejected it
    decided_by           text REFERENCES users (id),
    decided_at           timestamp,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamp NOT NULL,
    updated_at           timestamp NOT NULL
);
CREATE INDEX external_trainings_person_idx ON external_trainings (person_id, state);
