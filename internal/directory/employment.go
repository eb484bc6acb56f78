package directory

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Employment is what the statutory training requirements need to know of a person's employment: who employs
// them and how (an official under zák. 312/2002 Sb. or an employee), in which position, since and until when, the
// end of probation and long absences (§ 111 odst. 1 zák. 108/2006 Sb. pro-rates by them).
type Employment struct {
	PersonID       uuid.UUID      `bun:"id"`
	Name           string         `bun:"name"`
	OrganizationID *uuid.UUID     `bun:"organization_id"`
	OrgKind        string         `bun:"org_kind"`
	PositionCode   string         `bun:"position_code"`
	EmploymentType string         `bun:"employment_type"`
	HiredOn        *database.Date `bun:"hired_on"`
	ProbationEnd   *database.Date `bun:"probation_end"`
	LeftOn         *database.Date `bun:"left_on"`
	Absences       []Absence      `bun:"-"`
}

// Absence is a period a person was away from work (mateřská/rodičovská dovolená, nemoc, …), kept by their
// organisation's admin.
type Absence struct {
	bun.BaseModel `bun:"table:absences"`

	ID        uuid.UUID     `bun:"id,pk" json:"id"`
	PersonID  uuid.UUID     `bun:"person_id" json:"person_id"`
	StartsOn  database.Date `bun:"starts_on" json:"starts_on"`
	EndsOn    database.Date `bun:"ends_on" json:"ends_on"`
	Reason    string        `bun:"reason" json:"reason"`
	CreatedBy uuid.UUID     `bun:"created_by" json:"created_by"`
	CreatedAt time.Time     `bun:"created_at" json:"created_at"`
}

// AbsenceInput records an absence.
type AbsenceInput struct {
	StartsOn string `json:"starts_on" validate:"required,datetime=2006-01-02"`
	EndsOn   string `json:"ends_on" validate:"required,datetime=2006-01-02"`
	Reason   string `json:"reason" validate:"required,oneof=parental_leave illness other"`
}

// Employments reads the employment of some people, with their absences, in the order of ids; unknown ids are
// left out. It answers no authorization question: the caller has decided that its user may see these people.
func (s *Service) Employments(ctx context.Context, ids []uuid.UUID) ([]Employment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []Employment
	err := s.db.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.id, u.name, u.organization_id, COALESCE(o.kind, '') AS org_kind, COALESCE(p.code, '') AS position_code").
		ColumnExpr("COALESCE(u.employment_type, '') AS employment_type, u.hired_on, u.probation_end, u.left_on").
		Join("LEFT JOIN organizations AS o ON o.id = u.organization_id").
		Join("LEFT JOIN positions AS p ON p.id = u.position_id").
		Where("u.id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	var absences []Absence
	if err := s.db.NewSelect().Model(&absences).Where("person_id IN (?)", bun.In(ids)).
		Order("person_id", "starts_on").Scan(ctx); err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]*Employment{}
	for i := range rows {
		byID[rows[i].PersonID] = &rows[i]
	}
	for _, a := range absences {
		e := byID[a.PersonID]
		e.Absences = append(e.Absences, a)
	}
	slices.SortFunc(rows, func(a, b Employment) int { return slices.Index(ids, a.PersonID) - slices.Index(ids, b.PersonID) })
	return rows, nil
}

var errAbsenceNotFound = httpx.NotFound("The person has no absence with this identifier.")

// AbsenceList is a person's absences, oldest first.
type AbsenceList struct {
	Items []Absence `json:"items"`
}

// Absences lists a person's absences, for the person and whoever manages their record.
func (s *Service) Absences(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*AbsenceList, error) {
	u, err := s.User(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	if u.ID != p.UserID && !canManageUser(p, u.OrganizationID) {
		return nil, httpx.Forbidden("Only the person and their organisation's admins see absences.")
	}
	out := &AbsenceList{Items: []Absence{}}
	return out, s.db.NewSelect().Model(&out.Items).Where("person_id = ?", personID).Order("starts_on").Scan(ctx)
}

// RecordAbsence keeps an absence; only an admin of the person's organisation records one.
func (s *Service) RecordAbsence(ctx context.Context, p *auth.Principal, personID uuid.UUID, in AbsenceInput) (*Absence, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	u, err := s.managed(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	a := &Absence{ID: newID(), PersonID: u.ID, Reason: in.Reason, CreatedBy: p.UserID, CreatedAt: database.Now()}
	a.StartsOn, _ = database.ParseDate(in.StartsOn) // shapes validated
	a.EndsOn, _ = database.ParseDate(in.EndsOn)
	if a.EndsOn.Before(a.StartsOn.Time) {
		return nil, httpx.FieldInvalid("ends_on", "order", "An absence cannot end before it starts.")
	}
	return a, s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(a).Exec(ctx); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "absence.record", Entity: "user", EntityID: u.ID, After: a})
	})
}

// DeleteAbsence removes an absence recorded by mistake.
func (s *Service) DeleteAbsence(ctx context.Context, p *auth.Principal, personID, absenceID uuid.UUID) error {
	u, err := s.managed(ctx, p, personID)
	if err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a := new(Absence)
		if err := tx.NewSelect().Model(a).Where("id = ? AND person_id = ?", absenceID, u.ID).Scan(ctx); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errAbsenceNotFound
			}
			return err
		}
		if _, err := tx.NewDelete().Model(a).WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "absence.delete", Entity: "user", EntityID: u.ID, Before: a})
	})
}

// managed finds a person whose record the caller manages: not found to who may not see them, forbidden to who
// sees but does not manage them.
func (s *Service) managed(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*User, error) {
	u, err := s.User(ctx, p, personID)
	if err != nil {
		return nil, err
	}
	if !canManageUser(p, u.OrganizationID) {
		return nil, httpx.Forbidden("Only an admin of the person's organisation records absences.")
	}
	return u, nil
}
