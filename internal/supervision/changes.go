package supervision

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Scopes of a change to a session of a series: the one session, or it and every later planned one of its series.
const (
	ScopeOne    = "one"
	ScopeSeries = "series"
)

// ChangeInput moves or changes a session; absent fields stay. With scope "series" the change carries to the
// later planned sessions of the series that were not changed on their own: the same shift of days, the new
// time of day and length in Prague time, the place, the supervisor and who takes part.
type ChangeInput struct {
	Scope          string    `json:"scope" validate:"omitempty,oneof=one series"`
	StartsAt       *string   `json:"starts_at" validate:"omitempty,max=40"`
	EndsAt         *string   `json:"ends_at" validate:"omitempty,max=40"`
	Place          *string   `json:"place" validate:"omitempty,max=300"`
	SupervisorID   *string   `json:"supervisor_id" validate:"omitempty,uuid"`
	ParticipantIDs *[]string `json:"participant_ids" validate:"omitempty,max=100,dive,uuid"`
}

// CancelInput cancels a session, or with scope "series" it and every later planned one of its series.
type CancelInput struct {
	Scope string `json:"scope" validate:"omitempty,oneof=one series"`
}

// ConfirmInput is who attended a session that took place.
type ConfirmInput struct {
	Attended []string `json:"attended" validate:"max=100,dive,uuid"`
}

// change runs a change of a session the caller leads the team of: locked, at the version read, audited, in one
// transaction. fn changes the session and returns the other sessions it changed too.
func (s *Service) change(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, action string,
	fn func(ctx context.Context, tx bun.Tx, ss *Session) ([]Session, error)) (*Session, error) {
	var out *Session
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lock(ctx, tx, id); err != nil {
			return err
		}
		ss, err := s.visible(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !plans(p, ss.TeamID) {
			return httpx.Forbidden("Only the team's leads change its supervision.")
		}
		if ss.Version != version {
			return httpx.StaleVersion()
		}
		if ss.Status != Planned {
			return httpx.Conflict("Only a planned session changes; this one was " + ss.Status + ".")
		}
		before := *ss
		others, err := fn(ctx, tx, ss)
		if err != nil {
			return err
		}
		for _, x := range append([]Session{*ss}, others...) {
			v := x.Version
			x.Version++
			x.UpdatedAt = database.Now()
			if err := s.store.update(ctx, tx, &x, v); err != nil {
				return err
			}
			if err := replaceParticipants(ctx, tx, &x); err != nil {
				return err
			}
		}
		if out, err = s.store.session(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: action, Entity: "supervision", EntityID: id,
			Before: before, After: map[string]any{"session": out, "also": len(others)}})
	})
	if errors.Is(err, errStale) {
		return nil, httpx.StaleVersion()
	}
	return out, err
}

// Change moves or changes a session, or it and the rest of its series, and tells who takes part.
func (s *Service) Change(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in ChangeInput) (*Session, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	current, err := s.visible(ctx, s.db, p, id)
	if err != nil {
		return nil, err
	}
	if !plans(p, current.TeamID) {
		return nil, httpx.Forbidden("Only the team's leads change its supervision.")
	}
	// Read the team and check the supervisor before the transaction opens (one pooled connection at a time).
	team, err := s.directory.Team(ctx, p, current.TeamID)
	if err != nil {
		return nil, err
	}
	if in.SupervisorID != nil {
		if ok, err := s.directory.Holds(ctx, uuid.MustParse(*in.SupervisorID), auth.Supervisor); err != nil {
			return nil, err
		} else if !ok {
			return nil, httpx.FieldInvalid("supervisor_id", "supervisor", "This person is not a supervisor.")
		}
	}
	return s.change(ctx, p, id, version, "change", func(ctx context.Context, tx bun.Tx, ss *Session) ([]Session, error) {
		old := *ss
		if err := apply(ss, in, team); err != nil {
			return nil, err
		}
		var others []Session
		if in.Scope == ScopeSeries && ss.SeriesID != nil {
			later, err := s.store.following(ctx, tx, *ss.SeriesID, old.StartsAt.Add(time.Second))
			if err != nil {
				return nil, err
			}
			for _, o := range later {
				carry(&o, old, *ss)
				others = append(others, o)
			}
		} else {
			ss.Detached = ss.SeriesID != nil
		}
		if !ss.StartsAt.Equal(old.StartsAt) || !ss.EndsAt.Equal(old.EndsAt) || ss.Place != old.Place {
			ss.TeamName = team.Name
			if err := notifyAll(ctx, tx, p, append([]Session{*ss}, others...), KindMoved); err != nil {
				return nil, err
			}
		}
		return others, nil
	})
}

// apply changes a session by the input and checks the result.
func apply(ss *Session, in ChangeInput, team *directory.Team) error {
	start, end := ss.StartsAt.Format(time.RFC3339), ss.EndsAt.Format(time.RFC3339)
	if in.StartsAt != nil {
		start = *in.StartsAt
	}
	if in.EndsAt != nil {
		end = *in.EndsAt
	}
	var err error
	if ss.StartsAt, ss.EndsAt, err = times(start, end); err != nil {
		return err
	}
	if in.Place != nil {
		ss.Place = strings.TrimSpace(*in.Place)
	}
	if in.SupervisorID != nil {
		ss.SupervisorID = uuid.MustParse(*in.SupervisorID)
	}
	if in.ParticipantIDs != nil {
		people, err := participants(ss.Kind, team, *in.ParticipantIDs)
		if err != nil {
			return err
		}
		ss.Participants = people
	}
	return nil
}

// carry applies to a later session of the series what changed of one: the shift of days, the new Prague time
// of day and length, the place, the supervisor and the participants.
func carry(o *Session, old, changed Session) {
	ol, cl := old.StartsAt.In(prague), changed.StartsAt.In(prague)
	days := int(time.Date(cl.Year(), cl.Month(), cl.Day(), 12, 0, 0, 0, time.UTC).Sub(time.Date(ol.Year(), ol.Month(), ol.Day(), 12, 0, 0, 0, time.UTC)).Hours() / 24)
	d := o.StartsAt.In(prague).AddDate(0, 0, days)
	o.StartsAt = time.Date(d.Year(), d.Month(), d.Day(), cl.Hour(), cl.Minute(), 0, 0, prague).UTC()
	o.EndsAt = o.StartsAt.Add(changed.EndsAt.Sub(changed.StartsAt))
	o.Place, o.SupervisorID = changed.Place, changed.SupervisorID
	o.Participants = slices.Clone(changed.Participants)
	for i := range o.Participants {
		o.Participants[i].SessionID, o.Participants[i].Attended = o.ID, nil
	}
}

// Cancel cancels a planned session, or it and the later planned sessions of its series; the cancelled ones stay
// (calendars show them as cancelled) and who takes part hears of it.
func (s *Service) Cancel(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in CancelInput) (*Session, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	return s.change(ctx, p, id, version, "cancel", func(ctx context.Context, tx bun.Tx, ss *Session) ([]Session, error) {
		ss.Status = Cancelled
		var others []Session
		if in.Scope == ScopeSeries && ss.SeriesID != nil {
			var later []Session
			err := sessionsQuery(tx, &later).Where("ss.series_id = ? AND ss.starts_at > ? AND ss.status = ?", *ss.SeriesID, ss.StartsAt, Planned).
				OrderExpr("ss.starts_at").Scan(ctx)
			if err != nil {
				return nil, err
			}
			if err := fill(ctx, tx, later); err != nil {
				return nil, err
			}
			for _, o := range later {
				o.Status = Cancelled
				others = append(others, o)
			}
		}
		return others, notifyAll(ctx, tx, p, append([]Session{*ss}, others...), KindCancelled)
	})
}

// Confirm is the supervisor's word that a session took place, with who attended; once it has started, and again
// to correct the attendance.
func (s *Service) Confirm(ctx context.Context, p *auth.Principal, id uuid.UUID, version int, in ConfirmInput) (*Session, error) {
	if err := httpx.Check(in); err != nil {
		return nil, err
	}
	var out *Session
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lock(ctx, tx, id); err != nil {
			return err
		}
		ss, err := s.visible(ctx, tx, p, id)
		if err != nil {
			return err
		}
		switch now := database.Now(); {
		case ss.SupervisorID != p.UserID:
			return httpx.Forbidden("Only the session's supervisor confirms it.")
		case ss.Version != version:
			return httpx.StaleVersion()
		case ss.Status == Cancelled:
			return httpx.Conflict("A cancelled session was not held.")
		case now.Before(ss.StartsAt):
			p := httpx.Conflict("A session is confirmed once it has taken place.")
			p.Errors = []httpx.FieldError{{Field: "session", Code: "not_started", Message: p.Detail}}
			return p
		}
		attended := map[uuid.UUID]bool{}
		var bad []httpx.FieldError
		for i, a := range in.Attended {
			pid := uuid.MustParse(a)
			if !takesPart(pid, ss) {
				bad = append(bad, httpx.FieldError{Field: fmt.Sprintf("attended[%d]", i), Code: "participant", Message: "Not a participant of the session."})
			}
			attended[pid] = true
		}
		if len(bad) > 0 {
			return httpx.Invalid(bad...)
		}
		before := *ss
		for i := range ss.Participants {
			v := attended[ss.Participants[i].PersonID]
			ss.Participants[i].Attended = &v
		}
		now := database.Now()
		ss.Status, ss.ConfirmedBy, ss.ConfirmedAt = Held, &p.UserID, &now
		ss.Version++
		ss.UpdatedAt = now
		if err := s.store.update(ctx, tx, ss, version); err != nil {
			return err
		}
		if err := replaceParticipants(ctx, tx, ss); err != nil {
			return err
		}
		if out, err = s.store.session(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, Action: "confirm", Entity: "supervision", EntityID: id, Before: before, After: out})
	})
	if errors.Is(err, errStale) {
		return nil, httpx.StaleVersion()
	}
	return out, err
}
