package plan

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Why a plan cannot take a training session now, as errors[].code on field "plan".
const (
	NoPlan       = "no_plan"
	PlanProposed = "plan_proposed"
	PlanReturned = "plan_returned"
)

// Current is the person's plan for today — not closed, its period holding the day — when the caller may see it
// (a lead never sees a draft); nil when there is none.
func (s *Service) Current(ctx context.Context, p *auth.Principal, personID uuid.UUID) (*Plan, error) {
	teams, err := s.directory.TeamsOf(ctx, personID)
	if err != nil {
		return nil, err
	}
	id, err := s.store.current(ctx, s.db, personID, today())
	if errors.Is(err, errNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	pl, err := s.load(ctx, s.db, p, id, teams)
	if errors.Is(err, errPlanNotFound) {
		return nil, nil
	}
	return pl, err
}

// SessionBlocker says why the caller cannot add a training session to a plan they see ("" when they can). The
// person adds one while they edit the plan (draft, returned) or carry it out (approved), their lead only while it
// is carried out: a proposed plan waits for the lead's decision unchanged, a returned one is the person's to edit.
func SessionBlocker(p *auth.Principal, pl *Plan) string {
	switch {
	case pl == nil || pl.State == Closed:
		return NoPlan
	case pl.State == Approved, isOwner(p, pl) && pl.editable():
		return ""
	case pl.State == Proposed:
		return PlanProposed
	default:
		return PlanReturned
	}
}

// Blocked is the 409 for a SessionBlocker code, on field "plan".
func Blocked(code string) error {
	msg := map[string]string{
		NoPlan:       "There is no current development plan you can add to; the person starts one for this period first.",
		PlanProposed: "The plan waits for the lead's decision; add training once it is approved or returned.",
		PlanReturned: "The plan was returned to the person to edit; they add training to it themselves.",
	}[code]
	p := httpx.Conflict(msg)
	p.Errors = []httpx.FieldError{{Field: "plan", Code: code, Message: msg}}
	return p
}

// takesSession: the person or their lead, while SessionBlocker allows it.
func takesSession(p *auth.Principal, pl *Plan, teams []uuid.UUID) error {
	if !canCarryOut(p, pl, teams) {
		return httpx.Forbidden("Only the person or the lead of their team adds training to the plan.")
	}
	if code := SessionBlocker(p, pl); code != "" {
		return Blocked(code)
	}
	return nil
}

// SessionAction books a training session in a plan: a course action titled by the course and its day, due the
// day the session ends, serving a goal of the plan when one is given.
type SessionAction struct {
	SessionID uuid.UUID
	Title     string
	DueOn     database.Date
	GoalID    *uuid.UUID
}

// AddSessionAction adds an action booking a training session, with the checks of any other action (a title, due
// within the period, a goal of this plan). Built on a transaction (NewService(tx, …)), it is part of the caller's
// change: a later refusal there takes the action back too.
func (s *Service) AddSessionAction(ctx context.Context, p *auth.Principal, r Ref, in SessionAction) (*Plan, *Action, error) {
	added := Action{ID: uuid.Must(uuid.NewV7()), Kind: "course", TrainingSessionID: &in.SessionID}
	pl, err := s.change(ctx, p, r, "add_action", takesSession, func(ctx context.Context, tx bun.Tx, pl *Plan) error {
		added.PlanID = pl.ID
		due, goal := in.DueOn.String(), ""
		if in.GoalID != nil {
			goal = in.GoalID.String()
		}
		if err := setAction(pl, &added, ActionPatch{Title: &in.Title, DueOn: &due, GoalID: &goal}); err != nil {
			return err
		}
		return s.store.insertItem(ctx, tx, &added)
	})
	if err != nil {
		return nil, nil, err
	}
	a, err := actionOf(pl, added.ID)
	return pl, &a, err
}

// current finds the person's plan, not closed, whose period holds the day; plans do not overlap, so there is one
// at most.
func (store) current(ctx context.Context, db bun.IDB, personID uuid.UUID, day database.Date) (uuid.UUID, error) {
	var ids []uuid.UUID
	err := db.NewSelect().Model((*Plan)(nil)).Column("id").
		Where("person_id = ? AND state <> ? AND period_start <= ? AND period_end >= ?", personID, Closed, day, day).
		Limit(1).Scan(ctx, &ids)
	if err == nil && len(ids) == 0 {
		err = errNotFound
	}
	if err != nil {
		return uuid.Nil, err
	}
	return ids[0], nil
}
