package training

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/audit"
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/notification"
)

var errRegistrationNotFound = httpx.NotFound("No registration has this identifier.")

// RegistrationInput registers the caller, or (for a lead) nominates a member of a team they lead.
type RegistrationInput struct {
	PersonID string `json:"person_id" validate:"omitempty,uuid"`
}

// closed is a 409 naming the rule of the session that refuses a registration or its cancellation.
func closed(rule, msg string) error {
	p := httpx.Conflict(msg)
	p.Errors = []httpx.FieldError{{Field: "session", Code: rule, Message: msg}}
	return p
}

// Register places a person at a session: confirmed while seats remain, otherwise at the end of the waitlist.
// The session's row is locked for the transaction, so concurrent registrations count the seats one at a time.
func (s *Service) Register(ctx context.Context, p *auth.Principal, sessionID uuid.UUID, in RegistrationInput) (*Registration, error) {
	personID := p.UserID
	var teams []uuid.UUID
	if in.PersonID != "" {
		personID = uuid.MustParse(in.PersonID) // validated as a UUID by the binder
	}
	var approvers []uuid.UUID
	var err error
	if personID != p.UserID {
		teams, err = s.directory.TeamsOf(ctx, personID)
	} else {
		approvers, err = s.approvers(ctx, p)
	}
	if err != nil {
		return nil, err
	}
	var r *Registration
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lockSession(ctx, tx, sessionID); err != nil {
			return err
		}
		se, err := s.readSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !canSeeCourse(p, se.ProviderID, se.Published) {
			return errSessionNotFound
		}
		if err := mayRegister(p, personID, teams); err != nil {
			return err
		}
		switch {
		case se.Status == Cancelled:
			return closed("cancelled", "The session is cancelled.")
		case se.Status == Held:
			return closed("held", "The session has already been held.")
		case se.Status == Planned:
			return closed("not_open", "The session does not take registrations yet.")
		case !database.Now().Before(se.RegistrationDeadline):
			return closed("deadline", "Registration for this session closed at its deadline.")
		}
		if dup, err := s.store.liveOf(ctx, tx, se.ID, personID); err != nil {
			return err
		} else if dup {
			return httpx.FieldConflict("person_id", "This person is already registered for the session.")
		}
		r = &Registration{ID: uuid.Must(uuid.NewV7()), SessionID: se.ID, PersonID: personID, Status: Pending, CreatedAt: database.Now()}
		if personID != p.UserID {
			r.NominatedBy = &p.UserID
		}
		if len(approvers) == 0 {
			if err := s.place(ctx, tx, se, r); err != nil {
				return err
			}
		}
		if err := s.store.insertRegistration(ctx, tx, r); err != nil {
			if database.IsUniqueViolation(err) {
				return httpx.FieldConflict("person_id", "This person is already registered for the session.")
			}
			return err
		}
		if err := s.resettle(ctx, tx, se); err != nil {
			return err
		}
		if r, err = s.store.registration(ctx, tx, r.ID); err != nil {
			return err
		}
		if err := s.notifyPlaced(ctx, tx, p, r, approvers); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &r.PersonID, Action: "register", Entity: "registration", EntityID: r.ID, After: r})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// place gives a registration a seat while the session has one, otherwise the end of its waitlist; the caller
// holds the session's lock.
func (s *Service) place(ctx context.Context, tx bun.Tx, se *Session, r *Registration) error {
	if se.Confirmed < se.Capacity {
		r.Status, r.WaitlistSeq = Confirmed, nil
		se.Confirmed++
		return nil
	}
	seq, err := s.store.nextSeq(ctx, tx, se.ID)
	if err != nil {
		return err
	}
	r.Status, r.WaitlistSeq = Waitlisted, &seq
	return nil
}

// resettle writes the session's status after its seats changed, when it differs.
func (s *Service) resettle(ctx context.Context, tx bun.Tx, se *Session) error {
	was := se.Status
	if err := s.settle(ctx, tx, se); err != nil || se.Status == was {
		return err
	}
	return s.store.setStatus(ctx, tx, se.ID, se.Status)
}

// notifyRegistered tells the person where they stand: nominated by their lead, or (from the system) confirmed or
// waitlisted at a position.
func notifyRegistered(ctx context.Context, tx bun.Tx, p *auth.Principal, r *Registration) error {
	if r.NominatedBy != nil {
		return notice(ctx, tx, &p.UserID, notification.RegistrationNominated, r.PersonID, r.SessionID, r.CourseTitle, r.StartsAt, r.Position)
	}
	kind := notification.RegistrationConfirmed
	if r.Status == Waitlisted {
		kind = notification.RegistrationWaitlisted
	}
	return notice(ctx, tx, nil, kind, r.PersonID, r.SessionID, r.CourseTitle, r.StartsAt, r.Position)
}

// whose reads, before the change's transaction, a registration's session and person (they never change) and the
// person's teams.
func (s *Service) whose(ctx context.Context, id uuid.UUID) (*Registration, []uuid.UUID, error) {
	r, err := s.store.registration(ctx, s.db, id)
	if errors.Is(err, errNotFound) {
		return nil, nil, errRegistrationNotFound
	} else if err != nil {
		return nil, nil, err
	}
	teams, err := s.directory.TeamsOf(ctx, r.PersonID)
	return r, teams, err
}

// Withdraw cancels a registration (the person or their lead). A confirmed seat it frees goes to the first person
// on the waitlist in the same transaction.
func (s *Service) Withdraw(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Registration, error) {
	return s.changeRegistration(ctx, p, id, "cancel", func(r *Registration, teams []uuid.UUID) error {
		if !canWithdraw(p, r, teams) {
			return httpx.Forbidden("Only the person or the lead of their team cancels a registration.")
		}
		return nil
	}, func(_ context.Context, _ bun.Tx, se *Session, r *Registration) error {
		switch {
		case r.Status == Withdrawn:
			return httpx.Conflict("This registration is already cancelled.")
		case se.Status == Held:
			return closed("held", "The session has already been held; its registrations stay on record.")
		}
		now := database.Now()
		if r.Status == Confirmed {
			se.Confirmed--
		}
		r.Status, r.WaitlistSeq, r.CancelledAt, r.CancelledBy = Withdrawn, nil, &now, &p.UserID
		return nil
	}, nil)
}

// changeRegistration changes a registration for whom allowed lets (after a 404 to whoever may not see it), under
// its session's lock: the registration is read again under the lock, so two changes of one seat cannot both
// count it. change sets the new state (and the session's counts), tell (when given) then tells whom it concerns;
// the change is audited as action.
func (s *Service) changeRegistration(ctx context.Context, p *auth.Principal, id uuid.UUID, action string,
	allowed func(r *Registration, teams []uuid.UUID) error,
	change func(ctx context.Context, tx bun.Tx, se *Session, r *Registration) error,
	tell func(ctx context.Context, tx bun.Tx, r *Registration) error) (*Registration, error) {
	r, teams, err := s.whose(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canSeeRegistration(p, r, teams) {
		return nil, errRegistrationNotFound
	}
	if err := allowed(r, teams); err != nil {
		return nil, err
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.store.lockSession(ctx, tx, r.SessionID); err != nil {
			return err
		}
		var err error
		if r, err = s.store.registration(ctx, tx, id); err != nil {
			return err
		}
		se, err := s.readSession(ctx, tx, r.SessionID)
		if err != nil {
			return err
		}
		before := *r
		if err := change(ctx, tx, se, r); err != nil {
			return err
		}
		if err := s.store.updateRegistration(ctx, tx, r); err != nil {
			return err
		}
		if err := s.resettle(ctx, tx, se); err != nil {
			return err
		}
		if r, err = s.store.registration(ctx, tx, id); err != nil {
			return err
		}
		if tell != nil {
			if err := tell(ctx, tx, r); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Record{ActorID: &p.UserID, SubjectID: &r.PersonID, Action: action, Entity: "registration", EntityID: r.ID, Before: before, After: r})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// RegistrationQuery filters the registrations list.
type RegistrationQuery struct {
	PersonID  string `query:"person_id" validate:"omitempty,uuid"`
	SessionID string `query:"session_id" validate:"omitempty,uuid"`
	Status    string `query:"status" validate:"omitempty,oneof=pending confirmed waitlisted cancelled"`
	// Led leaves out the caller's own registrations and their provider's registrants: the lead's approval queue.
	Led bool `query:"led"`
}

// Registrations lists the caller's own registrations, those of the members of the teams they lead, and, for a
// provider, the registrants of their sessions; in the order they registered.
func (s *Service) Registrations(ctx context.Context, p *auth.Principal, q RegistrationQuery, pr httpx.PageRequest) (httpx.Page[Registration], error) {
	reach, err := s.directory.ReachOf(ctx, p, "", "")
	if err != nil {
		return httpx.Page[Registration]{}, err
	}
	providers := p.ProviderOrgs()
	if q.Led {
		reach, providers = reach.Led(), nil
	}
	f := registrationFilter{Own: reach.Own, LedPeople: reach.LedPeople, Providers: providers, Status: q.Status, Limit: pr.Limit}
	for _, v := range []struct {
		in  string
		out **uuid.UUID
	}{{q.PersonID, &f.PersonID}, {q.SessionID, &f.SessionID}} {
		if v.in != "" {
			id := uuid.MustParse(v.in)
			*v.out = &id
		}
	}
	if pr.Cursor != nil {
		var after uuid.UUID
		if err := pr.DecodeCursor(&after); err != nil {
			return httpx.Page[Registration]{}, err
		}
		f.AfterID = &after
	}
	rows, err := s.store.listRegistrations(ctx, s.db, f)
	if err != nil {
		return httpx.Page[Registration]{}, fmt.Errorf("registrations: %w", err)
	}
	return httpx.NewPage(rows, pr.Limit, func(r Registration) any { return r.ID }), nil
}
