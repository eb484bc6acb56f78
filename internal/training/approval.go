package training

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
	"github.com/rozvoj/rozvoj/internal/notification"
)

// Optional lead approval (schválení vedoucím): an organisation may ask that its workers' own registrations wait,
// without a seat, until a lead of their team approves them. A lead's nomination is already the lead's decision.

// TrainingSettings are an organisation's training rules; an organisation that never set them has the defaults.
type TrainingSettings struct {
	bun.BaseModel `bun:"table:training_settings,alias:ts"`

	OrganizationID       uuid.UUID  `bun:"organization_id,pk" json:"organization_id"`
	RegistrationApproval bool       `bun:"registration_approval" json:"registration_approval"`
	UpdatedBy            *uuid.UUID `bun:"updated_by" json:"-"`
	UpdatedAt            *time.Time `bun:"updated_at" json:"updated_at"` // null until first set
}

// TrainingSettingsInput sets an organisation's training rules.
type TrainingSettingsInput struct {
	RegistrationApproval *bool `json:"registration_approval" validate:"required"`
}

var errOrganizationNotFound = httpx.NotFound("No organisation has this identifier.")

// settings reads an organisation's training rules, the defaults when it never set them.
func (store) settings(ctx context.Context, db bun.IDB, orgID uuid.UUID) (*TrainingSettings, error) {
	out := &TrainingSettings{OrganizationID: orgID}
	err := db.NewSelect().Model(out).WherePK().Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return &TrainingSettings{OrganizationID: orgID}, nil
	}
	return out, err
}

// administeredOrg answers whether the caller administers the organisation (403) and whether it exists (404).
func (s *Service) administeredOrg(ctx context.Context, p *auth.Principal, orgID uuid.UUID) error {
	if !p.AdminOf(orgID) {
		return httpx.Forbidden("Only an administrator of the organisation sets its training rules.")
	}
	exists, err := s.db.NewSelect().Table("organizations").Where("id = ?", orgID).Exists(ctx)
	if err != nil {
		return err
	}
	if !exists {
		return errOrganizationNotFound
	}
	return nil
}

// TrainingSettings reads an organisation's training rules (its administrators).
func (s *Service) TrainingSettings(ctx context.Context, p *auth.Principal, orgID uuid.UUID) (*TrainingSettings, error) {
	if err := s.administeredOrg(ctx, p, orgID); err != nil {
		return nil, err
	}
	return s.store.settings(ctx, s.db, orgID)
}

// SetTrainingSettings changes an organisation's training rules (its administrators). Registrations already
// pending stay pending: turning approval off does not decide them.
func (s *Service) SetTrainingSettings(ctx context.Context, p *auth.Principal, orgID uuid.UUID, in TrainingSettingsInput) (*TrainingSettings, error) {
	if err := s.administeredOrg(ctx, p, orgID); err != nil {
		return nil, err
	}
	var out *TrainingSettings
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := s.store.settings(ctx, tx, orgID)
		if err != nil {
			return err
		}
		now := database.Now()
		out = &TrainingSettings{OrganizationID: orgID, RegistrationApproval: *in.RegistrationApproval, UpdatedBy: &p.UserID, UpdatedAt: &now}
		if _, err := tx.NewInsert().Model(out).On("CONFLICT (organization_id) DO UPDATE").
			Set("registration_approval = EXCLUDED.registration_approval, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").
			Exec(ctx); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "update", Entity: "training_settings", EntityID: orgID, Before: before, After: out})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// approvers lists who approves the caller's own registration: nobody unless their employer asks for approval;
// then the leads of their teams, the caller aside. A worker with no lead to ask registers as if it did not.
func (s *Service) approvers(ctx context.Context, p *auth.Principal) ([]uuid.UUID, error) {
	if p.OrganizationID == nil {
		return nil, nil
	}
	set, err := s.store.settings(ctx, s.db, *p.OrganizationID)
	if err != nil || !set.RegistrationApproval {
		return nil, err
	}
	teams, err := s.directory.TeamsOf(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	leads, err := s.directory.LeadsOf(ctx, teams)
	return slices.DeleteFunc(leads, func(l uuid.UUID) bool { return l == p.UserID }), err
}

// notifyPlaced tells the leads that a pending registration waits for them, or the person where they stand.
func (s *Service) notifyPlaced(ctx context.Context, tx bun.Tx, p *auth.Principal, r *Registration, approvers []uuid.UUID) error {
	if r.Status != Pending {
		return notifyRegistered(ctx, tx, p, r)
	}
	for _, lead := range approvers {
		if err := notice(ctx, tx, &p.UserID, notification.RegistrationApprovalRequested, lead, r.SessionID, r.CourseTitle, r.StartsAt, nil); err != nil {
			return err
		}
	}
	return nil
}

// decide runs a lead's decision on a pending registration: under the session's lock, so an approval counts the
// seats as a registration does; change sets the registration's new state, tell then tells the person.
func (s *Service) decide(ctx context.Context, p *auth.Principal, id uuid.UUID, action string,
	change func(ctx context.Context, tx bun.Tx, se *Session, r *Registration) error,
	tell func(ctx context.Context, tx bun.Tx, r *Registration) error) (*Registration, error) {
	return s.changeRegistration(ctx, p, id, action, func(r *Registration, teams []uuid.UUID) error {
		if !leadsPerson(p, r.PersonID, teams) {
			return httpx.Forbidden("Only a lead of the person's team approves or rejects a registration.")
		}
		return nil
	}, func(ctx context.Context, tx bun.Tx, se *Session, r *Registration) error {
		if r.Status != Pending {
			return httpx.Conflict("This registration is not waiting for approval.")
		}
		return change(ctx, tx, se, r)
	}, tell)
}

// Approve places a pending registration as any registration is placed (a seat while one is free, else the
// waitlist) and tells the person where they stand; a lead of the person's team, while the session still runs.
func (s *Service) Approve(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Registration, error) {
	return s.decide(ctx, p, id, "approve", func(ctx context.Context, tx bun.Tx, se *Session, r *Registration) error {
		switch {
		case se.Status == Cancelled:
			return closed("cancelled", "The session is cancelled.")
		case se.Status == Held:
			return closed("held", "The session has already been held.")
		case se.Status == Planned:
			return closed("not_open", "The session does not take registrations now.")
		case !database.Now().Before(se.StartsAt):
			return closed("started", "The session has already started.")
		}
		return s.place(ctx, tx, se, r)
	}, func(ctx context.Context, tx bun.Tx, r *Registration) error { return notifyRegistered(ctx, tx, p, r) })
}

// Reject cancels a pending registration with the lead's reason and tells the person.
func (s *Service) Reject(ctx context.Context, p *auth.Principal, id uuid.UUID, in RejectInput) (*Registration, error) {
	return s.decide(ctx, p, id, "reject", func(_ context.Context, _ bun.Tx, _ *Session, r *Registration) error {
		now := database.Now()
		r.Status, r.CancelledAt, r.CancelledBy, r.CancelReason = Withdrawn, &now, &p.UserID, &in.Reason
		return nil
	}, func(ctx context.Context, tx bun.Tx, r *Registration) error {
		n := sessionNotice(&p.UserID, notification.RegistrationRejected, r.PersonID, r.SessionID, r.CourseTitle, r.StartsAt, nil)
		n.Params["reason"] = in.Reason
		return notification.Notify(ctx, tx, n)
	})
}
