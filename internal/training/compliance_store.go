package training

import (
	"context"
	"math"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/requirement"
)

// Sources of a record that counts toward the requirements.
const (
	SourceCertificate = "certificate" // attendance of a catalogue session for which a certificate was issued
	SourceAttendance  = "attendance"  // attendance of a catalogue session without a certificate
	SourceExternal    = "external"    // external training a lead confirmed
)

// record is a requirement.Record with what the person recognises it by.
type record struct {
	requirement.Record
	Source, Title string
	// Attendance is what was recorded of a session (present, partial; absent or excused only when asked for),
	// empty for external training; Confirmed says the registration is confirmed.
	Attendance string
	Confirmed  bool
}

// counts says whether the rules count a record: absent and excused attendance never do.
func (r record) counts() bool { return r.Attendance != "absent" && r.Attendance != "excused" }

// attendedRow is one attendance of a person at a session that was not cancelled.
type attendedRow struct {
	PersonID            uuid.UUID      `bun:"person_id"`
	RegistrationID      uuid.UUID      `bun:"registration_id"`
	RegistrationStatus  string         `bun:"registration_status"`
	CertificateID       *uuid.UUID     `bun:"certificate_id"`
	Status              string         `bun:"status"`
	Minutes             *int           `bun:"minutes"`
	Form                string         `bun:"form"`
	Title               string         `bun:"title"`
	Hours               int            `bun:"hours"`
	AccreditationNumber *string        `bun:"accreditation_number"`
	AccreditedFrom      *database.Date `bun:"accredited_from"`
	AccreditedUntil     *database.Date `bun:"accredited_until"`
	StartsAt            time.Time      `bun:"starts_at"`
	EndsAt              time.Time      `bun:"ends_at"`
}

// externalRow is a confirmed external training.
type externalRow struct {
	ID                  uuid.UUID      `bun:"id"`
	PersonID            uuid.UUID      `bun:"person_id"`
	Title               string         `bun:"title"`
	Form                string         `bun:"form"`
	Hours               int            `bun:"hours"`
	Date                database.Date  `bun:"date"`
	EndDate             *database.Date `bun:"end_date"`
	AccreditationNumber *string        `bun:"accreditation_number"`
}

// window bounds the records read to those whose first day may fall within [from, to]; the zero window reads all.
// With absences set, attendance recorded as absent or excused is read too (records that do not count, which
// the caller tells by counts()).
type window struct {
	from, to database.Date
	absences bool
}

// records reads everything on file for some people, in two queries whatever their number.
func (s *ComplianceService) records(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID][]record, error) {
	return s.recordsWithin(ctx, ids, window{})
}

// recordsWithin reads what is on file for some people within a window. A session's first day is its start in
// Prague, so the query takes a day more on each side and leaves the exact day to the caller.
func (s *ComplianceService) recordsWithin(ctx context.Context, ids []uuid.UUID, w window) (map[uuid.UUID][]record, error) {
	out := map[uuid.UUID][]record{}
	if len(ids) == 0 {
		return out, nil
	}
	bounded := !w.from.IsZero()
	var att []attendedRow
	err := s.db.NewSelect().TableExpr("attendance AS a").
		ColumnExpr("r.person_id, a.registration_id, r.status AS registration_status, cert.id AS certificate_id, a.status, a.minutes").
		ColumnExpr("c.form, c.title, c.hours, c.accreditation_number, c.accredited_from, c.accredited_until, s.starts_at, s.ends_at").
		Join("JOIN registrations AS r ON r.id = a.registration_id").
		Join("JOIN training_sessions AS s ON s.id = a.session_id").
		Join("JOIN courses AS c ON c.id = s.course_id").
		Join("LEFT JOIN certificates AS cert ON cert.session_id = a.session_id AND cert.person_id = r.person_id").
		Where("r.person_id IN (?)", bun.In(ids)).
		Where("s.status <> 'cancelled'").
		Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			if !w.absences {
				q = q.Where("a.status IN ('present', 'partial')")
			}
			if bounded {
				q = q.Where("s.starts_at >= ? AND s.starts_at < ?", w.from.AddDate(0, 0, -1), w.to.AddDate(0, 0, 2))
			}
			return q
		}).
		Scan(ctx, &att)
	if err != nil {
		return nil, err
	}
	for _, a := range att {
		out[a.PersonID] = append(out[a.PersonID], a.record())
	}
	var ext []externalRow
	err = s.db.NewSelect().TableExpr("external_trainings AS x").
		ColumnExpr("x.id, x.person_id, x.title, x.form, x.hours, x.date, x.end_date, x.accreditation_number").
		Where("x.person_id IN (?)", bun.In(ids)).Where("x.state = 'confirmed'").
		Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			if bounded {
				q = q.Where("x.date >= ? AND x.date <= ?", w.from, w.to)
			}
			return q
		}).
		Scan(ctx, &ext)
	if err != nil {
		return nil, err
	}
	for _, x := range ext {
		rec := record{Source: SourceExternal, Title: x.Title, Record: requirement.Record{ID: x.ID.String(), Kind: x.Form,
			Accredited: x.AccreditationNumber != nil, Date: x.Date.Time, EndDate: x.Date.Time, Hours: float64(x.Hours)}}
		if x.EndDate != nil {
			rec.EndDate = x.EndDate.Time
		}
		out[x.PersonID] = append(out[x.PersonID], rec)
	}
	return out, nil
}

// record turns an attendance into what the rules count: a full attendance counts the course's hours and every
// day of the session; a partial one its minutes in teaching hours (at most the course's) and its first day.
// A session counts as accredited when the course's accreditation was valid on its first day.
func (a attendedRow) record() record {
	first, last := pragueDay(a.StartsAt), pragueDay(a.EndsAt)
	c := Course{AccreditationNumber: a.AccreditationNumber, AccreditedFrom: a.AccreditedFrom, AccreditedUntil: a.AccreditedUntil}
	rec := record{Source: SourceAttendance, Title: a.Title, Record: requirement.Record{ID: a.RegistrationID.String(),
		Kind: a.Form, Accredited: accreditedOn(&c, first), Date: first.Time, EndDate: last.Time, Hours: float64(a.Hours)},
		Attendance: a.Status, Confirmed: a.RegistrationStatus == Confirmed}
	if a.CertificateID != nil {
		rec.Source, rec.ID = SourceCertificate, a.CertificateID.String()
	}
	if a.Status == "partial" && a.Minutes != nil {
		rec.Hours = min(float64(a.Hours), math.Round(float64(*a.Minutes)/teachingHour*100)/100)
		rec.Days = []time.Time{first.Time}
	}
	return rec
}
