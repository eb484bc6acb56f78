package training

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/paper"
)

// Attendance states (prezence): present, partial (with the minutes attended), absent, excused (omluven).
const (
	Present = "present"
	Partial = "partial"
	Absent  = "absent"
	Excused = "excused"
)

// attendanceRecord is what the provider recorded of one confirmed registration.
type attendanceRecord struct {
	bun.BaseModel `bun:"table:attendance,alias:a"`

	RegistrationID uuid.UUID `bun:"registration_id,pk"`
	SessionID      uuid.UUID `bun:"session_id"`
	Status         string    `bun:"status"`
	Minutes        *int      `bun:"minutes"`
	RecordedBy     uuid.UUID `bun:"recorded_by"`
	RecordedAt     time.Time `bun:"recorded_at"`
}

// AttendanceEntry is a confirmed registrant of a session and what was recorded of them (nulls until recorded).
type AttendanceEntry struct {
	RegistrationID uuid.UUID  `bun:"registration_id" json:"registration_id"`
	PersonID       uuid.UUID  `bun:"person_id" json:"person_id"`
	PersonName     string     `bun:"person_name" json:"person_name"`
	PersonEmail    string     `bun:"person_email" json:"person_email"`
	Organization   *string    `bun:"organization_name" json:"organization_name"` // the employer, printed on the sheet
	Status         *string    `bun:"status" json:"status"`
	Minutes        *int       `bun:"minutes" json:"minutes"`
	RecordedAt     *time.Time `bun:"recorded_at" json:"recorded_at"`
}

// Attendance is a session's attendance list; closed_at set means it is final.
type Attendance struct {
	SessionID uuid.UUID         `json:"session_id"`
	ClosedAt  *time.Time        `json:"closed_at"`
	Items     []AttendanceEntry `json:"items"`
}

// AttendanceInput records the attendance of one or more registrants; after closing only as an amendment.
type AttendanceInput struct {
	Entries   []AttendanceEntryInput `json:"entries" validate:"required,min=1,max=1000,dive"`
	Amendment *Amendment             `json:"amendment"`
}

// AttendanceEntryInput is what was recorded of one registration.
type AttendanceEntryInput struct {
	RegistrationID string `json:"registration_id" validate:"required,uuid"`
	Status         string `json:"status" validate:"required,oneof=present partial absent excused"`
	Minutes        *int   `json:"minutes"`
}

// Amendment says why attendance of a closed session is corrected.
type Amendment struct {
	Reason string `json:"reason" validate:"required,max=2000"`
}

// attendees lists a session's confirmed registrants, by name, with what was recorded of them.
func (store) attendees(ctx context.Context, db bun.IDB, sessionID uuid.UUID) ([]AttendanceEntry, error) {
	out := []AttendanceEntry{}
	err := db.NewSelect().TableExpr("registrations AS r").
		ColumnExpr("r.id AS registration_id, r.person_id, u.name AS person_name, u.email AS person_email, o.name AS organization_name").
		ColumnExpr("a.status, a.minutes, a.recorded_at").
		Join("JOIN users AS u ON u.id = r.person_id").
		Join("LEFT JOIN organizations AS o ON o.id = u.organization_id").
		Join("LEFT JOIN attendance AS a ON a.registration_id = r.id").
		Where("r.session_id = ? AND r.status = ?", sessionID, Confirmed).
		OrderExpr("u.name, r.id").Scan(ctx, &out)
	return out, err
}

// saveAttendance writes the records, replacing what was recorded of the same registrations.
func (store) saveAttendance(ctx context.Context, db bun.IDB, rows []attendanceRecord) error {
	_, err := db.NewInsert().Model(&rows).
		On("CONFLICT (registration_id) DO UPDATE").
		Set("status = EXCLUDED.status, minutes = EXCLUDED.minutes, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at").
		Exec(ctx)
	return err
}

// Attendance lists the confirmed registrants of a session with their attendance, for its provider.
func (s *Service) Attendance(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Attendance, error) {
	se, err := s.providersSession(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	items, err := s.store.attendees(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return &Attendance{SessionID: id, ClosedAt: se.ClosedAt, Items: items}, nil
}

// providersSession reads a session only its provider may work with: 404 to whoever may not know it, 403 to
// whoever sees it in the catalogue.
func (s *Service) providersSession(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID) (*Session, error) {
	se, err := s.readSession(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := mayChange(p, se.ProviderID, se.Published, errSessionNotFound); err != nil {
		return nil, err
	}
	return se, nil
}

// RecordAttendance records the attendance of confirmed registrants of a session that has started. Once the
// session is closed, a change must say why (amendment) and is audited as an amendment. Every entry is checked
// before anything is written: one bad entry saves none.
func (s *Service) RecordAttendance(ctx context.Context, p *auth.Principal, id uuid.UUID, in AttendanceInput) (*Attendance, error) {
	var out *Attendance
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lockSession(ctx, tx, id); err != nil {
			return err
		}
		se, err := s.providersSession(ctx, tx, p, id)
		if err != nil {
			return err
		}
		switch {
		case se.Status == Cancelled:
			return closed("cancelled", "The session is cancelled.")
		case database.Now().Before(se.StartsAt):
			return closed("not_started", "Attendance is recorded once the session has started.")
		case se.ClosedAt != nil && in.Amendment == nil:
			return closed("closed", "The session is closed; a correction is an amendment that says why.")
		case se.ClosedAt == nil && in.Amendment != nil:
			return httpx.FieldInvalid("amendment", "open", "The session is not closed yet; record attendance without an amendment.")
		}
		before, err := s.store.attendees(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, err := attendanceRows(p, se, before, in)
		if err != nil {
			return err
		}
		if err := s.store.saveAttendance(ctx, tx, rows); err != nil {
			return err
		}
		after, err := s.store.attendees(ctx, tx, id)
		if err != nil {
			return err
		}
		rec := audit.Record{ActorID: &p.UserID, Action: "record_attendance", Entity: "session", EntityID: id, Before: before, After: after}
		if in.Amendment != nil {
			rec.Action = "amend_attendance"
			rec.After = map[string]any{"reason": in.Amendment.Reason, "attendance": after}
		}
		out = &Attendance{SessionID: id, ClosedAt: se.ClosedAt, Items: after}
		return audit.Write(ctx, tx, rec)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// attendanceRows checks the entries against the session's confirmed registrants and its length, naming each bad
// entry's field.
func attendanceRows(p *auth.Principal, se *Session, registrants []AttendanceEntry, in AttendanceInput) ([]attendanceRecord, error) {
	confirmed := make(map[uuid.UUID]bool, len(registrants))
	for _, r := range registrants {
		confirmed[r.RegistrationID] = true
	}
	length := se.minutes()
	now := database.Now()
	var errs []httpx.FieldError
	seen := map[uuid.UUID]bool{}
	rows := make([]attendanceRecord, 0, len(in.Entries))
	for i, e := range in.Entries {
		field := fmt.Sprintf("entries[%d].", i)
		rid := uuid.MustParse(e.RegistrationID) // validated as a UUID by the binder
		switch {
		case !confirmed[rid]:
			errs = append(errs, httpx.FieldError{Field: field + "registration_id", Code: "not_registered", Message: "This is not a confirmed registration of the session."})
		case seen[rid]:
			errs = append(errs, httpx.FieldError{Field: field + "registration_id", Code: "duplicate", Message: "This registration is named twice."})
		}
		seen[rid] = true
		if code, msg := badMinutes(e.Status, e.Minutes, length); code != "" {
			errs = append(errs, httpx.FieldError{Field: field + "minutes", Code: code, Message: msg})
		}
		rows = append(rows, attendanceRecord{RegistrationID: rid, SessionID: se.ID, Status: e.Status, Minutes: e.Minutes, RecordedBy: p.UserID, RecordedAt: now})
	}
	if len(errs) > 0 {
		return nil, httpx.Invalid(errs...)
	}
	return rows, nil
}

// minutes is how long the session runs, the most a partial attendance can count.
func (se *Session) minutes() int { return int(se.EndsAt.Sub(se.StartsAt) / time.Minute) }

// badMinutes checks the minutes of an attendance against its status and the session's length in minutes: the
// code and message of what is wrong, or "" when they fit.
func badMinutes(status string, minutes *int, length int) (code, msg string) {
	switch {
	case status == Partial && (minutes == nil || *minutes < 1 || *minutes > length):
		return "range", fmt.Sprintf("A partial attendance gives the minutes attended, 1 to %d.", length)
	case status != Partial && minutes != nil:
		return "partial_only", "Minutes are given only for a partial attendance."
	}
	return "", ""
}

// CloseSession makes a session's attendance final once it has ended, and marks it held.
func (s *Service) CloseSession(ctx context.Context, p *auth.Principal, id uuid.UUID, version int) (*Session, error) {
	return s.changeSession(ctx, p, id, version, "close", func(_ context.Context, _ bun.Tx, se *Session) error {
		now := database.Now()
		switch {
		case se.ClosedAt != nil:
			return closed("closed", "The session is already closed.")
		case now.Before(se.EndsAt):
			return closed("not_ended", "A session is closed once it has ended.")
		}
		se.Status, se.ClosedAt = Held, &now
		return nil
	})
}

// AttendanceSheet prints the attendance sheet (prezenční listina) of a session with its confirmed registrants.
func (s *Service) AttendanceSheet(ctx context.Context, p *auth.Principal, id uuid.UUID) ([]byte, string, error) {
	se, err := s.providersSession(ctx, s.db, p, id)
	if err != nil {
		return nil, "", err
	}
	c, err := s.readCourse(ctx, s.db, se.CourseID)
	if err != nil {
		return nil, "", err
	}
	people, err := s.store.attendees(ctx, s.db, id)
	if err != nil {
		return nil, "", err
	}
	doc := paper.AttendanceDoc{CourseTitle: c.Title, ProviderName: c.ProviderName, Place: se.Place,
		StartsAt: se.StartsAt, EndsAt: se.EndsAt, Rows: make([]paper.AttendanceRow, len(people))}
	if doc.Place == "" {
		doc.Place = se.OnlineURL
	}
	if c.AccreditationNumber != nil {
		doc.AccreditationNumber = *c.AccreditationNumber
	}
	for i, a := range people {
		doc.Rows[i] = paper.AttendanceRow{Name: a.PersonName, Email: a.PersonEmail}
		if a.Organization != nil {
			doc.Rows[i].Organization = *a.Organization
		}
	}
	var buf bytes.Buffer
	if err := paper.WriteAttendanceSheet(&buf, doc); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "Prezenční listina " + se.StartsAt.In(prague).Format(time.DateOnly), nil
}
