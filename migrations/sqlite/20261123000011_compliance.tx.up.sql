-- What the statutory requirements need beyond training: long absences (§ 111 odst. 1 zák. 108/2006 Sb. reduces the
-- hours owed for an absence longer than a calendar month) and the one-off steps of an official under zák. 312/2002
-- Sb. (induction, its exam, the ZOZ exam), which a worker records like external training and a lead confirms.

CREATE TABLE absences (
    id         text PRIMARY KEY,
    person_id  text NOT NULL REFERENCES users (id),
    starts_on  text NOT NULL,
    ends_on    text NOT NULL,
    reason     text NOT NULL CHECK (reason IN ('parental_leave', 'illness', 'other')),
    created_by text NOT NULL REFERENCES users (id),
    created_at timestamp NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX absences_person_idx ON absences (person_id, starts_on);

-- SQLite cannot change a CHECK in place: the table is rebuilt with the wider forms and hours >= 0 (an exam or the
-- induction has no teaching hours of its own; the service keeps 1–200 for training). Nothing references it.
CREATE TABLE external_trainings_new (
    id                   text PRIMARY KEY,
    person_id            text NOT NULL REFERENCES users (id),
    title                text NOT NULL,
    provider_name        text NOT NULL,
    form                 text NOT NULL CHECK (form IN ('course', 'conference', 'internship', 'specialisation', 'e_learning',
                                                       'training_event', 'induction', 'induction_exam', 'exam_zoz')),
    hours                integer NOT NULL CHECK (hours >= 0 AND hours <= 200),
    date                 text NOT NULL,
    end_date             text,
    accreditation_number text,
    certificate_id       text NOT NULL REFERENCES attachments (id),
    state                text NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected')),
    reason               text,
    decided_by           text REFERENCES users (id),
    decided_at           timestamp,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamp NOT NULL,
    updated_at           timestamp NOT NULL
);
INSERT INTO external_trainings_new SELECT id, person_id, title, provider_name, form, hours, date, end_date,
    accreditation_number, certificate_id, state, reason, decided_by, decided_at, version, created_at, updated_at
    FROM external_trainings;
DROP TABLE external_trainings;
ALTER TABLE external_trainings_new RENAME TO external_trainings;
CREATE INDEX external_trainings_person_idx ON external_trainings (person_id, state);
