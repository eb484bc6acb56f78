-- What the statutory requirements need beyond training: long absences (§ 111 odst. 1 zák. 108/2006 Sb. reduces the
-- hours owed for an absence longer than a calendar month) and the one-off steps of an official under zák. 312/2002
-- Sb. (induction, its exam, the ZOZ exam), which a worker records like external training and a lead confirms.

CREATE TABLE absences (
    id         uuid PRIMARY KEY,
    person_id  uuid NOT NULL REFERENCES users (id),
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    reason     text NOT NULL CHECK (reason IN ('parental_leave', 'illness', 'other')),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX absences_person_idx ON absences (person_id, starts_on);

-- An exam or the induction has no teaching hours of its own: 0 is allowed, the service keeps 1–200 for training.
ALTER TABLE external_trainings DROP CONSTRAINT external_trainings_form_check;
ALTER TABLE external_trainings ADD CONSTRAINT external_trainings_form_check CHECK (form IN ('course', 'conference',
    'internship', 'specialisation', 'e_learning', 'training_event', 'induction', 'induction_exam', 'exam_zoz'));
ALTER TABLE external_trainings DROP CONSTRAINT external_trainings_hours_check;
ALTER TABLE external_trainings ADD CONSTRAINT external_trainings_hours_check CHECK (hours >= 0 AND hours <= 200);
