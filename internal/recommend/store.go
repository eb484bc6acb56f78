package recommend

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/training"
)

// candidate is one row of the candidates query: a session that could be recommended and one competency of the
// person's gap its course develops (a session comes once per such competency).
type candidate struct {
	SessionID            uuid.UUID `bun:"session_id"`
	CourseID             uuid.UUID `bun:"course_id"`
	CourseTitle          string    `bun:"course_title"`
	Form                 string    `bun:"form"`
	Hours                int       `bun:"hours"`
	ProviderID           uuid.UUID `bun:"provider_id"`
	ProviderName         string    `bun:"provider_name"`
	AccreditationNumber  *string   `bun:"accreditation_number"`
	StartsAt             time.Time `bun:"starts_at"`
	EndsAt               time.Time `bun:"ends_at"`
	Place                string    `bun:"place"`
	OnlineURL            string    `bun:"online_url"`
	RegistrationDeadline time.Time `bun:"registration_deadline"`
	Price                int       `bun:"price"`
	SeatsFree            int       `bun:"seats_free"`
	CompetencyID         uuid.UUID `bun:"competency_id"`
	TargetLevel          int       `bun:"target_level"`
	Code                 string    `bun:"code"`
	Name                 string    `bun:"name"`
}

// window is what the candidates query asks: whose, which competencies, which framework names them, and the
// times a session must start after (From, never before Now) and end by (To).
type window struct {
	PersonID     uuid.UUID
	Competencies []uuid.UUID
	FrameworkID  uuid.UUID
	Now          time.Time
	From, To     time.Time
}

// candidates reads, in one query, every session that may be recommended: open (so not full, planned, cancelled or
// held) with a confirmed seat left, taking registrations, of a published course that develops one of the
// competencies, within the window, and with no live registration of the person. Sooner sessions first.
func candidates(ctx context.Context, db bun.IDB, w window) ([]candidate, error) {
	out := []candidate{}
	if len(w.Competencies) == 0 {
		return out, nil
	}
	confirmed := "(SELECT count(*) FROM registrations AS r WHERE r.session_id = s.id AND r.status = '" + training.Confirmed + "')"
	err := db.NewSelect().TableExpr("training_sessions AS s").
		ColumnExpr("s.id AS session_id, s.course_id, c.title AS course_title, c.form, c.hours, c.provider_id").
		ColumnExpr("o.name AS provider_name, c.accreditation_number, s.starts_at, s.ends_at, s.place, s.online_url").
		ColumnExpr("s.registration_deadline, s.price, s.capacity - "+confirmed+" AS seats_free").
		ColumnExpr("cc.competency_id, cc.target_level, coalesce(fi.code, '') AS code, coalesce(fi.name_cs, '') AS name").
		Join("JOIN courses AS c ON c.id = s.course_id").
		Join("JOIN organizations AS o ON o.id = c.provider_id").
		Join("JOIN course_competencies AS cc ON cc.course_id = c.id").
		Join("LEFT JOIN framework_items AS fi ON fi.framework_id = ? AND fi.id = cc.competency_id", w.FrameworkID).
		Where("c.published").
		Where("s.status = ?", training.Open).
		Where("s.registration_deadline > ?", w.Now).
		Where("s.starts_at > ? AND s.starts_at >= ? AND s.ends_at <= ?", w.Now, w.From, w.To).
		Where("s.capacity > "+confirmed).
		Where("cc.competency_id IN (?)", bun.In(w.Competencies)).
		Where("NOT EXISTS (SELECT 1 FROM registrations AS r WHERE r.session_id = s.id AND r.person_id = ? AND r.status <> ?)",
			w.PersonID, training.Withdrawn).
		OrderExpr("s.starts_at, s.id, fi.code").
		Scan(ctx, &out)
	return out, err
}
